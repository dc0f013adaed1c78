"""Personalise the toolkits for one business: applicable checklists, what to bring, next steps.

Takes a ``BusinessFacts`` (copied out of the database by the caller) and the
loaded ``Toolkits``; returns frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.checklists.advice import (
    TOPIC_SIZE,
    Notice,
    already_reason,
    halal_notices,
    kbli_advice,
    size_notices,
    stale_notice,
    why_not,
)
from app.checklists.facts import BusinessFacts, facts_for, fill_placeholders, placeholder_values
from app.checklists.model import FALLBACK_TRADE, Checklist, Kbli, Step, Toolkits, Trade, is_stale
from app.checklists.sizes import SizeClass

# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class PlannedChecklist:
    """A checklist as it applies to one business."""

    checklist: Checklist
    status: str  # "todo" or "already" (the record shows it is done, e.g. has an NIB)
    steps: tuple[Step, ...]
    stale: bool
    reason_id: str = ""
    reason_en: str = ""
    notices: tuple[Notice, ...] = ()

    @property
    def id(self) -> str:
        """Return the checklist id."""
        return self.checklist.id

    @property
    def todo_steps(self) -> tuple[Step, ...]:
        """Return the steps still to do (none when the checklist is already done)."""
        return self.steps if self.status == "todo" else ()

    def notices_before(self, step_id: str | None) -> tuple[Notice, ...]:
        """Return the notices placed before a step (None: at the top of the checklist)."""
        return tuple(n for n in self.notices if n.before_step == step_id)


@dataclass(frozen=True)
class SkippedChecklist:
    """A checklist of the trade that does not apply, with the reason."""

    checklist_id: str
    title_id: str
    title_en: str
    reason_id: str
    reason_en: str


@dataclass(frozen=True)
class BringItem:
    """One thing the family should have ready, already filled from the record."""

    text_id: str
    text_en: str
    checklist_ids: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Everything the toolkits say about one business on one day."""

    today: date
    trade: Trade | None
    size: SizeClass
    facts: frozenset[str]
    checklists: tuple[PlannedChecklist, ...]
    skipped: tuple[SkippedChecklist, ...]
    kbli2020: tuple[Kbli, ...]
    kbli2025: tuple[Kbli, ...]
    kbli_advice_id: str
    kbli_advice_en: str
    notices: tuple[Notice, ...]
    bring: tuple[BringItem, ...]

    def checklist(self, checklist_id: str) -> PlannedChecklist | None:
        """Return the planned checklist with this id, or None if it does not apply."""
        for pc in self.checklists:
            if pc.id == checklist_id:
                return pc
        return None


@dataclass(frozen=True)
class NextAction:
    """One step to do before the next visit."""

    checklist_id: str
    checklist_title_id: str
    checklist_title_en: str
    step: Step

    @property
    def key(self) -> tuple[str, str]:
        """Return the (checklist id, step id) progress key."""
        return (self.checklist_id, self.step.id)


def _bring(
    planned: Iterable[PlannedChecklist],
    business: BusinessFacts,
    trade: Trade | None,
    done: frozenset[tuple[str, str]] = frozenset(),
    only: frozenset[tuple[str, str]] | None = None,
) -> tuple[BringItem, ...]:
    values_id = placeholder_values(business, trade, "id")
    values_en = placeholder_values(business, trade, "en")
    items: dict[str, tuple[str, list[str]]] = {}
    for pc in planned:
        for step in pc.todo_steps:
            key = (pc.id, step.id)
            if key in done or (only is not None and key not in only):
                continue
            for text in step.prepare:
                tid = fill_placeholders(text.id, values_id, "id")
                ten = fill_placeholders(text.en, values_en, "en")
                if tid not in items:
                    items[tid] = (ten, [])
                if pc.id not in items[tid][1]:
                    items[tid][1].append(pc.id)
    return tuple(BringItem(tid, ten, tuple(ids)) for tid, (ten, ids) in items.items())


def bring_for(
    plan: Plan,
    business: BusinessFacts,
    done_step_keys: Iterable[tuple[str, str]],
    only: Iterable[tuple[str, str]] | None = None,
) -> tuple[BringItem, ...]:
    """Return what to have ready for the open steps (optionally only some steps)."""
    return _bring(
        plan.checklists,
        business,
        plan.trade,
        frozenset(done_step_keys),
        None if only is None else frozenset(only),
    )


def plan_for(business: BusinessFacts, toolkits: Toolkits, today: date) -> Plan:
    """Work out which checklists and steps apply to a business, with warnings and a bring list."""
    trade = toolkits.trades.get(business.trade or "")
    facts = facts_for(business, trade)
    candidate_ids = _candidate_ids(trade, facts, toolkits)
    notices = [
        *size_notices(business, toolkits.checklists),
        *halal_notices(facts, today, toolkits.checklists),
    ]
    planned: list[PlannedChecklist] = []
    skipped: list[SkippedChecklist] = []
    for cid in candidate_ids:
        checklist = toolkits.checklists[cid]
        already = bool(checklist.done_when & facts)
        if not already and not checklist.condition.holds(facts):
            rid, ren = why_not(checklist, facts)
            skipped.append(SkippedChecklist(cid, checklist.title_id, checklist.title_en, rid, ren))
            continue
        steps = tuple(s for s in checklist.steps if s.condition.holds(facts))
        stale = is_stale(checklist.oldest_check, today)
        if stale:
            notices.append(stale_notice(checklist))
        rid, ren = already_reason(checklist, facts, business) if already else ("", "")
        planned.append(
            PlannedChecklist(
                checklist=checklist,
                status="already" if already else "todo",
                steps=steps,
                stale=stale,
                reason_id=rid,
                reason_en=ren,
            )
        )
    planned.sort(key=lambda pc: (pc.checklist.priority, candidate_ids.index(pc.id)))
    attached = _attach(planned, notices)
    advice_id, advice_en = kbli_advice(trade)
    return Plan(
        today=today,
        trade=trade,
        size=business.size,
        facts=facts,
        checklists=tuple(attached),
        skipped=tuple(skipped),
        kbli2020=trade.kbli2020 if trade else (),
        kbli2025=trade.kbli2025 if trade else (),
        kbli_advice_id=advice_id,
        kbli_advice_en=advice_en,
        notices=tuple(notices),
        bring=_bring(attached, business, trade),
    )


def _candidate_ids(trade: Trade | None, facts: frozenset[str], toolkits: Toolkits) -> list[str]:
    """Return the ids of the checklists to consider: the trade's, then any already in use."""
    listed = trade or toolkits.trades.get(FALLBACK_TRADE)
    candidate_ids = list(listed.checklists if listed else toolkits.checklists)
    # A channel the business already uses is shown as done even if its trade
    # does not usually list it (a warung with a Shopee shop).
    for cid, checklist in toolkits.checklists.items():
        if cid not in candidate_ids and checklist.done_when & facts:
            candidate_ids.append(cid)
    return candidate_ids


def _attach(planned: list[PlannedChecklist], notices: list[Notice]) -> list[PlannedChecklist]:
    """Attach notices to their checklists; a size warning is pointless once an NIB exists."""
    attached = []
    for pc in planned:
        mine = tuple(n for n in notices if n.checklist_id == pc.id)
        if pc.status == "already":
            mine = tuple(n for n in mine if n.topic != TOPIC_SIZE)
        attached.append(_replace_notices(pc, mine))
    return attached


def _replace_notices(pc: PlannedChecklist, notices: tuple[Notice, ...]) -> PlannedChecklist:
    return PlannedChecklist(
        checklist=pc.checklist,
        status=pc.status,
        steps=pc.steps,
        stale=pc.stale,
        reason_id=pc.reason_id,
        reason_en=pc.reason_en,
        notices=notices,
    )


def _open_steps(pc: PlannedChecklist, done: frozenset[tuple[str, str]]) -> list[Step]:
    return [s for s in pc.todo_steps if (pc.id, s.id) not in done]


def next_actions(
    plan: Plan, done_step_keys: Iterable[tuple[str, str]], limit: int = 5
) -> list[NextAction]:
    """Return what to do before the next visit: open steps, one per checklist by priority."""
    # Checklists whose prerequisites (``requires``, e.g. an NIB before SPP-IRT or
    # halal) still have open steps wait. The first round takes the first open
    # step of each checklist by priority, the next round the second, and so on.
    done = frozenset(done_step_keys)
    open_by_id = {pc.id: _open_steps(pc, done) for pc in plan.checklists}
    ready = [
        pc
        for pc in plan.checklists
        if open_by_id[pc.id] and not any(open_by_id.get(r) for r in pc.checklist.requires)
    ]
    actions: list[NextAction] = []
    depth = 0
    while len(actions) < limit and any(len(open_by_id[pc.id]) > depth for pc in ready):
        for pc in ready:
            steps = open_by_id[pc.id]
            if depth < len(steps) and len(actions) < limit:
                c = pc.checklist
                actions.append(NextAction(c.id, c.title_id, c.title_en, steps[depth]))
        depth += 1
    return actions


def open_steps(plan: Plan, done_step_keys: Iterable[tuple[str, str]]) -> list[tuple[str, Step]]:
    """Return every open (checklist id, step) of the plan in display order."""
    done = frozenset(done_step_keys)
    return [(pc.id, s) for pc in plan.checklists for s in _open_steps(pc, done)]
