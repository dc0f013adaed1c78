"""Checklist progress for a business: read the plan, tick and undo steps."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, func, select

from app.checklists import (
    BusinessFacts,
    NextAction,
    Plan,
    Toolkits,
    bring_for,
    next_actions,
    placeholder_values,
    plan_for,
)
from app.clock import today
from app.extensions import db
from app.models import Business, StepProgress, User, Visit

FACT_FIELDS = (
    "trade",
    "owner_name",
    "village",
    "district",
    "regency",
    "whatsapp",
    "nib_number",
    "pirt_number",
    "halal_cert_number",
    "shopee_url",
    "facebook_url",
    "instagram_url",
    "maps_url",
    "tiktok_url",
    "capital_idr",
    "annual_sales_idr",
)


class UnknownStep(LookupError):
    """The step is not part of this business's plan."""


def toolkits() -> Toolkits:
    """Return the toolkits loaded at start-up."""
    return current_app.extensions["toolkits"]


def facts_of(business: Business) -> BusinessFacts:
    """Return the facts the toolkits may see: never the NIK or the home address."""
    values = {name: getattr(business, name) for name in FACT_FIELDS}
    return BusinessFacts.from_mapping({**values, "business_name": business.name})


@dataclass
class BusinessPlan:
    """A business's plan together with its recorded progress."""

    plan: Plan
    facts: BusinessFacts
    progress: dict[tuple[str, str], StepProgress]
    placeholders: dict[str, str]

    @property
    def done_keys(self) -> set[tuple[str, str]]:
        """Return the (checklist, step) keys ticked so far."""
        return set(self.progress)

    def counts(self, checklist_id: str) -> tuple[int, int]:
        """Return (done, total) steps of one planned checklist."""
        planned = self.plan.checklist(checklist_id)
        if planned is None:
            return (0, 0)
        steps = planned.steps
        if planned.status != "todo":
            return (len(steps), len(steps))
        return (sum((checklist_id, s.id) in self.progress for s in steps), len(steps))

    def totals(self) -> tuple[int, int]:
        """Return (done, total) steps over every planned checklist."""
        pairs = [self.counts(pc.id) for pc in self.plan.checklists]
        return (sum(d for d, _ in pairs), sum(t for _, t in pairs))

    def next_actions(self, limit: int = 5) -> list[NextAction]:
        """Return what to do before the next visit."""
        return next_actions(self.plan, self.done_keys, limit=limit)

    def bring(self, limit: int = 5):
        """Return what the family should have ready for the next steps."""
        keys = [(action.checklist_id, action.step.id) for action in self.next_actions(limit)]
        return bring_for(self.plan, self.facts, self.done_keys, only=keys)


def business_plan(business: Business, lang: str = "id") -> BusinessPlan:
    """Build the personalised plan of a business with its progress."""
    facts = facts_of(business)
    kits = toolkits()
    plan = plan_for(facts, kits, today())
    rows = db.session.scalars(select(StepProgress).where(StepProgress.business_id == business.id))
    progress = {row.key: row for row in rows}
    values = placeholder_values(facts, kits.trades.get(business.trade), lang)
    return BusinessPlan(plan, facts, progress, values)


def _check_step(business: Business, checklist_id: str, step_id: str) -> None:
    planned = plan_for(facts_of(business), toolkits(), today()).checklist(checklist_id)
    if planned is None or step_id not in {step.id for step in planned.steps}:
        raise UnknownStep(f"{checklist_id}/{step_id}")


def tick_step(
    business: Business, checklist_id: str, step_id: str, user: User, note: str = ""
) -> StepProgress:
    """Record that a step is done (who, when, note); ticking twice keeps the first record."""
    _check_step(business, checklist_id, step_id)
    existing = db.session.scalar(
        select(StepProgress).where(
            StepProgress.business_id == business.id,
            StepProgress.checklist_id == checklist_id,
            StepProgress.step_id == step_id,
        )
    )
    if existing is not None:
        if note and not existing.note:
            existing.note = note
            db.session.flush()
        return existing
    # A tick made on the day of a logged visit belongs to that visit.
    visit_id = db.session.scalar(
        select(Visit.id)
        .where(Visit.business_id == business.id, Visit.visited_on == today())
        .order_by(Visit.created_at.desc())
        .limit(1)
    )
    row = StepProgress(
        business_id=business.id,
        checklist_id=checklist_id,
        step_id=step_id,
        done_by=user,
        note=note.strip(),
        visit_id=visit_id,
    )
    db.session.add(row)
    db.session.flush()
    return row


def undo_step(business: Business, checklist_id: str, step_id: str) -> bool:
    """Remove a tick; return whether there was one."""
    result = db.session.execute(
        delete(StepProgress).where(
            StepProgress.business_id == business.id,
            StepProgress.checklist_id == checklist_id,
            StepProgress.step_id == step_id,
        )
    )
    db.session.flush()
    return bool(result.rowcount)


@dataclass
class StepCompletion:
    """How many businesses have done one step, out of those it applies to."""

    checklist_id: str
    step_id: str
    title_id: str
    title_en: str
    done: int
    applicable: int


def completion_across(businesses: list[Business]) -> list[tuple[object, list[StepCompletion]]]:
    """Return, per checklist, each step's completion over the given businesses."""
    kits = toolkits()
    day = today()
    done_counts: dict[tuple[str, str], int] = {}
    applicable: dict[tuple[str, str], int] = {}
    ids = [business.id for business in businesses]
    ticked: set[tuple] = set()
    if ids:
        rows = db.session.execute(
            select(StepProgress.business_id, StepProgress.checklist_id, StepProgress.step_id).where(
                StepProgress.business_id.in_(ids)
            )
        )
        ticked = {tuple(row) for row in rows}
    for business in businesses:
        plan = plan_for(facts_of(business), kits, day)
        for planned in plan.checklists:
            for step in planned.steps:
                key = (planned.id, step.id)
                applicable[key] = applicable.get(key, 0) + 1
                if planned.status != "todo" or (business.id, *key) in ticked:
                    done_counts[key] = done_counts.get(key, 0) + 1
    result = []
    for checklist in sorted(kits.checklists.values(), key=lambda c: (c.priority, c.id)):
        steps = [
            StepCompletion(
                checklist.id,
                step.id,
                step.title_id,
                step.title_en,
                done_counts.get((checklist.id, step.id), 0),
                applicable.get((checklist.id, step.id), 0),
            )
            for step in checklist.steps
        ]
        if any(step.applicable for step in steps):
            result.append((checklist, steps))
    return result


def progress_count(business_id) -> int:
    """Return how many steps a business has ticked."""
    return db.session.scalar(
        select(func.count())
        .select_from(StepProgress)
        .where(StepProgress.business_id == business_id)
    )
