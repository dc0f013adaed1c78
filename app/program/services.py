"""Visits: record and correct them, link the day's ticks, read a business's history."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from app.clock import day_bounds_utc, today
from app.extensions import db
from app.models import (
    Business,
    StatusChange,
    StepProgress,
    User,
    Visit,
)
from app.plans import toolkits
from app.program.followup import refresh_follow_up
from app.render.formatting import in_language

log = logging.getLogger(__name__)


# --- visits ------------------------------------------------------------------------------------


@dataclass
class VisitInput:
    """A visit as validated by the form (or written by the demo loader)."""

    visited_on: date
    activities: str
    mentor_ids: list[uuid.UUID] = field(default_factory=list)
    aspects: list[str] = field(default_factory=list)
    problems: str = ""
    next_actions: str = ""
    capital_idr: int | None = None
    assets_idr: int | None = None
    monthly_turnover_idr: int | None = None
    status: str | None = None  # None or the current status: unchanged
    status_reason: str = ""
    reason_code: str | None = None


def mentor_choices(business: Business, user: User) -> list[User]:
    """Return who may be named as present at a visit: the team's mentors and the user."""
    people = {member.id: member for member in business.team.members if member.active}
    people.setdefault(user.id, user)
    return sorted(people.values(), key=lambda person: person.full_name.lower())


def create_visit(business: Business, data: VisitInput, user: User | None) -> Visit:
    """Log a visit, link today's ticks to it and record any status change (flushed)."""
    visit = Visit(business_id=business.id, created_by=user)
    db.session.add(visit)
    _save_visit(visit, business, data, user)
    return visit


def update_visit(visit: Visit, data: VisitInput, user: User | None) -> Visit:
    """Correct a logged visit (flushed; the request commits)."""
    _save_visit(visit, visit.business, data, user)
    return visit


def _save_visit(visit: Visit, business: Business, data: VisitInput, user: User | None) -> None:
    visit.visited_on = data.visited_on
    visit.aspects = data.aspects
    visit.activities = data.activities.strip()
    visit.problems = data.problems.strip()
    visit.next_actions = data.next_actions.strip()
    visit.capital_idr = data.capital_idr
    visit.assets_idr = data.assets_idr
    visit.monthly_turnover_idr = data.monthly_turnover_idr
    if data.mentor_ids:
        visit.mentors = list(db.session.scalars(select(User).where(User.id.in_(data.mentor_ids))))
    else:
        visit.mentors = []
    db.session.flush()
    latest = db.session.scalar(
        select(func.max(Visit.visited_on)).where(Visit.business_id == business.id)
    )
    if data.capital_idr is not None and visit.visited_on >= latest:
        # The record's capital follows the latest measured one: it decides the size class
        # (PP 7/2021) that the NIB checklist warns about.
        business.capital_idr = data.capital_idr
    if visit.visited_on == today():
        _link_todays_ticks(business.id, visit.id)
    if data.status and data.status != business.status:
        old_status = business.status
        business.status = data.status
        business.status_reason = data.status_reason.strip()[:300]
        change = StatusChange.between(business, old_status, user, data.reason_code)
        if change is not None:
            change.visit_id = visit.id
            db.session.add(change)
    refresh_follow_up(business.id)
    db.session.flush()


def _link_todays_ticks(business_id: uuid.UUID, visit_id: uuid.UUID) -> None:
    """Attach the business's ticks made today and not yet linked to this visit."""
    start, end = day_bounds_utc(today())
    db.session.execute(
        update(StepProgress)
        .where(
            StepProgress.business_id == business_id,
            StepProgress.visit_id.is_(None),
            StepProgress.done_at >= start,
            StepProgress.done_at < end,
        )
        .values(visit_id=visit_id)
        .execution_options(synchronize_session=False)
    )


def business_visits(business_id: uuid.UUID, limit: int | None = None) -> list[Visit]:
    """Return a business's visits, newest first, with their mentors."""
    stmt = (
        select(Visit)
        .where(Visit.business_id == business_id)
        .options(selectinload(Visit.mentors))
        .order_by(Visit.visited_on.desc(), Visit.created_at.desc())
    )
    if limit:
        stmt = stmt.limit(limit)
    return list(db.session.scalars(stmt))


def ticks_by_visit(visit_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[StepProgress]]:
    """Return the checklist ticks linked to each of the visits."""
    result: dict[uuid.UUID, list[StepProgress]] = defaultdict(list)
    if visit_ids:
        rows = db.session.scalars(
            select(StepProgress)
            .where(StepProgress.visit_id.in_(visit_ids))
            .order_by(StepProgress.done_at)
        )
        for row in rows:
            result[row.visit_id].append(row)
    return result


def step_title(checklist_id: str, step_id: str, lang: str = "id") -> str:
    """Return a step's title from the toolkits (or its ids when the step is gone)."""
    checklist = toolkits().checklists.get(checklist_id)
    for step in checklist.steps if checklist else ():
        if step.id == step_id:
            return in_language(step, "title", lang)
    return f"{checklist_id}/{step_id}"


def status_history(business_id: uuid.UUID) -> list[StatusChange]:
    """Return the business's status changes, newest first."""
    return list(
        db.session.scalars(
            select(StatusChange)
            .where(StatusChange.business_id == business_id)
            .options(selectinload(StatusChange.changed_by))
            .order_by(StatusChange.changed_at.desc())
        )
    )
