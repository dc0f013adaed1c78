"""Program follow-up: visits, status history, outcome roll-ups, view counts, dashboard reads."""

from __future__ import annotations

import atexit
import logging
import math
import threading
import time as time_module
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import Select, case, delete, func, insert, or_, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from app.clock import day_bounds_utc, local_date, today
from app.extensions import db
from app.models import (
    ASPECTS,
    STATUS_ACTIVE,
    VIEW_SOURCES,
    Business,
    FollowUp,
    PageViewDaily,
    StatusChange,
    StepProgress,
    Team,
    User,
    Visit,
)
from app.toolkits.personalise import BusinessFacts, facts_for, plan_for
from app.toolkits.services import FACT_FIELDS, toolkits

log = logging.getLogger(__name__)

VIEW_WINDOW_DAYS = 30  # the overview shows page views of the last 30 days
VIEW_FLUSH_MAX_PENDING = 500  # distinct (business, day, source) counts held at most
ATTENTION_DAYS_DEFAULT = 14  # "no visit for N days" when the dashboard gets no ?hari=
ATTENTION_LIMIT = 30  # rows in the attention list; the count says how many there are in all
PAGE_SIZE = 50  # businesses per dashboard page
PLAN_SHAPES_MAX = 4096  # cached checklist plan shapes (one per trade and set of facts)
OVERVIEW_VISITS = 3  # latest visits shown on a business's overview
# The facts a checklist plan depends on (names, places and the owner play no part in it).
PROGRESS_FIELDS = tuple(
    name for name in FACT_FIELDS
    if name not in ("owner_name", "village", "district", "regency")
)  # fmt: skip


# --- page views --------------------------------------------------------------------------------


def _dialect_insert():
    """Return the insert() of the bound dialect, which knows ON CONFLICT … DO UPDATE."""
    name = db.session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - the app supports these two
        raise NotImplementedError(name)
    return dialect_insert


class _PendingViews:
    """Page views counted in memory and written in one transaction every few seconds.

    A write and commit for every public page view made the database the bottleneck under
    load (bench/bench_load.py). Counts are statistics: a crash loses at most the last
    VIEW_FLUSH_SECONDS of them, and nothing about a visitor is ever held.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[tuple[uuid.UUID, date, str]] = Counter()
        self.last_flush = time_module.monotonic()

    def add(self, business_id: uuid.UUID, day: date, source: str) -> None:
        """Count one view; write the pending counts when they are due."""
        with self.lock:
            self.counts[(business_id, day, source)] += 1
            waited = time_module.monotonic() - self.last_flush
            due = waited >= current_app.config["VIEW_FLUSH_SECONDS"]
            if not due and len(self.counts) < VIEW_FLUSH_MAX_PENDING:
                return
            pending, self.counts = self.counts, Counter()
            self.last_flush = time_module.monotonic()
        _write_views(pending)


_pending_views = _PendingViews()


def _write_views(pending: Counter) -> None:
    table = PageViewDaily.__table__
    try:
        if db.engine.dialect.name == "postgresql":
            # Losing the last instants of counts in a crash is fine; waiting for the disk is not.
            db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
        for (business_id, day, source), count in pending.items():
            stmt = _dialect_insert()(table).values(business_id=business_id, day=day,
                                                   source=source, count=count)  # fmt: skip
            stmt = stmt.on_conflict_do_update(
                index_elements=[table.c.business_id, table.c.day, table.c.source],
                set_={"count": table.c["count"] + stmt.excluded["count"]},
            )
            db.session.execute(stmt)
        db.session.commit()
    except SQLAlchemyError:  # a lost count must never cost the customer the page
        db.session.rollback()
        log.warning("%s page views not counted", sum(pending.values()), exc_info=True)


def count_view(business_id: uuid.UUID, source: str) -> None:
    """Add one to today's view count of a business page for a source (an atomic upsert)."""
    if source not in VIEW_SOURCES:
        raise ValueError(f"unknown view source {source!r}")
    _pending_views.add(business_id, today(), source)


# Taps counted in the same daily table as views, keyed "<target>:<source letter>" (fits its
# 12 characters): an order tap from a label is "pesan:l", a Maps tap from a direct visit
# "maps:d". Counts only: no cookie, no address, nothing about the person.
TAP_TARGETS = ("pesan", "maps", "shopee", "instagram", "facebook", "tiktok")
SOURCE_LETTERS = {"label": "l", "pamphlet": "p", "sign": "s", "whatsapp": "w", "direct": "d"}


def tap_key(target: str, source: str) -> str:
    """Return the stored key of a tap on target by a visitor who came from source."""
    if target not in TAP_TARGETS:
        raise ValueError(f"unknown tap target {target!r}")
    return f"{target}:{SOURCE_LETTERS[source]}"


def count_tap(business_id: uuid.UUID, target: str, source: str) -> None:
    """Add one to today's count of taps on an order button or a link, by where they came from."""
    if source not in VIEW_SOURCES:
        source = "direct"
    _pending_views.add(business_id, today(), tap_key(target, source))


def taps_by_source(business_id: uuid.UUID, days: int = VIEW_WINDOW_DAYS) -> dict:
    """Return {"pesan": {source: n}, "maps": {...}, …} for the last `days` days."""
    since = today() - timedelta(days=days - 1)
    letters = {letter: source for source, letter in SOURCE_LETTERS.items()}
    counts = {target: dict.fromkeys(VIEW_SOURCES, 0) for target in TAP_TARGETS}
    rows = db.session.execute(
        select(PageViewDaily.source, func.sum(PageViewDaily.count))
        .where(PageViewDaily.business_id == business_id, PageViewDaily.day >= since,
               PageViewDaily.source.contains(":"))
        .group_by(PageViewDaily.source)
    )  # fmt: skip
    for key, total in rows:
        target, _, letter = key.partition(":")
        if target in counts and letter in letters:
            counts[target][letters[letter]] += int(total)
    return counts


def flush_views_at_exit(app) -> None:
    """Write pending page views when the process ends (a worker restart keeps its counts)."""

    def flush() -> None:
        with app.app_context():
            flush_views()

    atexit.register(flush)


def flush_views() -> None:
    """Write every pending page view now (tests, shutdown)."""
    with _pending_views.lock:
        pending, _pending_views.counts = _pending_views.counts, Counter()
    if pending:
        _write_views(pending)


def views_by_source(business_id: uuid.UUID, days: int = VIEW_WINDOW_DAYS) -> dict[str, int]:
    """Return the page views of the last `days` days (today included) per source."""
    since = today() - timedelta(days=days - 1)
    rows = db.session.execute(
        select(PageViewDaily.source, func.sum(PageViewDaily.count))
        .where(
            PageViewDaily.business_id == business_id,
            PageViewDaily.day >= since,
            PageViewDaily.source.in_(VIEW_SOURCES),
        )
        .group_by(PageViewDaily.source)
    )
    counts = dict.fromkeys(VIEW_SOURCES, 0)
    counts.update({source: int(total) for source, total in rows})
    return counts


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
    """Log a visit, link today's ticks to it, record any status change, and commit."""
    visit = Visit(business_id=business.id, created_by=user)
    db.session.add(visit)
    _save_visit(visit, business, data, user)
    return visit


def update_visit(visit: Visit, data: VisitInput, user: User | None) -> Visit:
    """Correct a logged visit and commit."""
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
    db.session.commit()


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
            return step.title_en if lang == "en" else step.title_id
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


# --- the per-business roll-up ------------------------------------------------------------------

OUTCOMES = (  # (visit column, roll-up column stem)
    ("capital_idr", "capital_idr"),
    ("assets_idr", "assets_idr"),
    ("monthly_turnover_idr", "turnover_idr"),
)
_ROLLUP_COLUMNS = (Visit.business_id, Visit.visited_on, Visit.aspect_produksi,
                   Visit.aspect_kemasan, Visit.aspect_pemasaran, Visit.aspect_legalitas,
                   Visit.capital_idr, Visit.assets_idr, Visit.monthly_turnover_idr,
                   Visit.problems)  # fmt: skip


def summarise(business_id: uuid.UUID, visits: Sequence) -> dict:
    """Return the roll-up values of a business's visits given oldest first.

    Outcomes per figure: the first recorded value is the baseline, the last the latest.
    """
    values: dict = {"business_id": business_id, "visits": len(visits), "last_problems": ""}
    values["first_visit_on"] = visits[0].visited_on if visits else None
    values["last_visit_on"] = visits[-1].visited_on if visits else None
    for name in ASPECTS:
        values[f"aspect_{name}"] = any(getattr(v, f"aspect_{name}") for v in visits)
    with_outcomes = [v for v in visits if any(getattr(v, col) is not None for col, _ in OUTCOMES)]
    values["baseline_on"] = with_outcomes[0].visited_on if with_outcomes else None
    values["latest_on"] = with_outcomes[-1].visited_on if with_outcomes else None
    for column, stem in OUTCOMES:
        series = [getattr(v, column) for v in visits if getattr(v, column) is not None]
        values[f"baseline_{stem}"] = series[0] if series else None
        values[f"latest_{stem}"] = series[-1] if series else None
        if stem == "turnover_idr":
            values["previous_turnover_idr"] = series[-2] if len(series) > 1 else None
    for visit in reversed(visits):
        if (visit.problems or "").strip():
            values["last_problems"] = visit.problems.strip()
            break
    return values


def refresh_follow_up(business_id: uuid.UUID) -> FollowUp:
    """Recompute a business's roll-up from its visits (in the caller's transaction)."""
    # Serialise concurrent visit saves of one business (PostgreSQL; SQLite locks the file).
    db.session.execute(select(Business.id).where(Business.id == business_id).with_for_update())
    db.session.flush()
    visits = db.session.execute(
        select(*_ROLLUP_COLUMNS)
        .where(Visit.business_id == business_id)
        .order_by(Visit.visited_on, Visit.created_at)
    ).all()
    values = summarise(business_id, visits)
    row = db.session.get(FollowUp, business_id)
    if row is None:
        row = FollowUp(business_id=business_id)
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    return row


def rebuild_follow_ups(chunk: int = 2000) -> int:
    """Recompute every business's roll-up from the visits in one pass; return the count."""
    db.session.execute(delete(FollowUp))
    batch: list[dict] = []
    done = 0
    current, visits = None, []
    stmt = select(*_ROLLUP_COLUMNS).order_by(Visit.business_id, Visit.visited_on, Visit.created_at)
    for row in db.session.execute(stmt.execution_options(yield_per=chunk)):
        if row.business_id != current and visits:
            batch.append(summarise(current, visits))
            visits = []
        current = row.business_id
        visits.append(row)
        if len(batch) >= chunk:
            db.session.execute(insert(FollowUp), batch)
            done += len(batch)
            batch = []
    if visits:
        batch.append(summarise(current, visits))
    if batch:
        db.session.execute(insert(FollowUp), batch)
        done += len(batch)
    db.session.commit()
    return done


# --- checklist progress in bulk ----------------------------------------------------------------


def facts_from_row(row) -> BusinessFacts:
    """Return the toolkit facts from a row carrying the PROGRESS_FIELDS columns."""
    mapping = row._mapping if hasattr(row, "_mapping") else row
    return BusinessFacts.from_mapping({name: mapping[name] for name in PROGRESS_FIELDS})


def checklist_progress(rows: Iterable[tuple[uuid.UUID, BusinessFacts]]) -> dict:
    """Return {business id: (done, total)} like business_plan().totals(), for many at once.

    A plan's steps depend only on the trade and the condition facts, so businesses that
    share them share one plan: a few plan_for() calls serve thousands of businesses.
    """
    rows = list(rows)
    kits, day = toolkits(), today()
    ticked: dict[uuid.UUID, set[tuple[str, str]]] = defaultdict(set)
    ids = [business_id for business_id, _ in rows]
    for start in range(0, len(ids), 900):  # stay under SQLite's bound-parameter limit
        part = ids[start : start + 900]
        for business_id, checklist_id, step_id in db.session.connection().execute(
            select(StepProgress.business_id, StepProgress.checklist_id, StepProgress.step_id)
            .where(StepProgress.business_id.in_(part))
        ):  # fmt: skip
            ticked[business_id].add((checklist_id, step_id))
    # Shapes depend on the toolkits loaded at start-up only, so they live as long as the app.
    shapes: dict[tuple, tuple] = current_app.extensions.setdefault("program_plan_shapes", {})
    if len(shapes) > PLAN_SHAPES_MAX:
        shapes.clear()
    result = {}
    for business_id, facts in rows:
        key = (facts.trade, facts_for(facts, kits.trades.get(facts.trade or "")))
        shape = shapes.get(key)
        if shape is None:
            plan = plan_for(facts, kits, day)
            shape = tuple((pc.id, pc.status != "todo", tuple(s.id for s in pc.steps))
                          for pc in plan.checklists)  # fmt: skip
            shapes[key] = shape
        done = total = 0
        mine = ticked.get(business_id, set())
        for checklist_id, already, steps in shape:
            total += len(steps)
            done += len(steps) if already else sum((checklist_id, s) in mine for s in steps)
        result[business_id] = (done, total)
    return result


# --- the coordinator's dashboard ---------------------------------------------------------------


@dataclass
class Filters:
    """What the dashboard and the report are narrowed to (all empty: everything)."""

    desa: str = ""
    team_id: uuid.UUID | None = None
    trade: str = ""
    status: str = ""
    days: int = ATTENTION_DAYS_DEFAULT
    program_id: uuid.UUID | None = None  # for the CLI; a coordinator is bound to one anyway

    def as_args(self) -> dict[str, str]:
        """Return the filters as query arguments (for links that keep them)."""
        args = {"desa": self.desa, "tim": str(self.team_id or ""), "usaha": self.trade,
                "keadaan": self.status}  # fmt: skip
        if self.days != ATTENTION_DAYS_DEFAULT:
            args["hari"] = str(self.days)
        return {key: value for key, value in args.items() if value}


def scoped(stmt: Select, user: User | None, filters: Filters) -> Select:
    """Narrow a select over businesses (joined with teams) to the user's scope and filters."""
    if user is not None:
        team_ids = user.visible_team_ids()
        if team_ids is not None:
            stmt = stmt.where(Business.team_id.in_(team_ids))
        elif user.program_id is not None:
            stmt = stmt.where(Team.program_id == user.program_id)
    if filters.program_id:
        stmt = stmt.where(Team.program_id == filters.program_id)
    if filters.desa:
        stmt = stmt.where(Business.village == filters.desa)
    if filters.team_id:
        stmt = stmt.where(Business.team_id == filters.team_id)
    if filters.trade:
        stmt = stmt.where(Business.trade == filters.trade)
    if filters.status:
        stmt = stmt.where(Business.status == filters.status)
    return stmt


def _base(*columns) -> Select:
    return (
        select(*columns)
        .select_from(Business)
        .join(Team, Team.id == Business.team_id)
        .outerjoin(FollowUp, FollowUp.business_id == Business.id)
    )


def attention_clause(days: int):
    """Return the condition of a business that needs the coordinator's attention."""
    cutoff = today() - timedelta(days=days)
    return or_(
        Business.status != STATUS_ACTIVE,
        # never visited counts only once the business has been known for the whole window
        FollowUp.last_visit_on.is_(None) & (Business.created_at < day_bounds_utc(cutoff)[0]),
        FollowUp.last_visit_on < cutoff,
        FollowUp.latest_turnover_idr < FollowUp.previous_turnover_idr,
    )


def attention_reasons(
    business_status: str, follow_up: FollowUp | None, days: int, created_at: datetime
) -> list[str]:
    """Return why a business is on the attention list, as keys: stopped, no_visit, falling."""
    reasons = []
    if business_status != STATUS_ACTIVE:
        reasons.append("stopped")
    cutoff = today() - timedelta(days=days)
    last = follow_up.last_visit_on if follow_up else None
    if (last is None and local_date(created_at) < cutoff) or (last is not None and last < cutoff):
        reasons.append("no_visit")
    if follow_up is not None and follow_up.turnover_falling:
        reasons.append("falling")
    return reasons


@dataclass
class GroupRow:
    """Counts for one desa or team."""

    key: str
    label: str
    businesses: int
    active: int
    visited: int
    growing: int


@dataclass
class DashboardRow:
    """One business on the dashboard page."""

    id: uuid.UUID
    name: str
    village: str
    trade: str
    team: str
    status: str
    status_reason: str
    follow_up: FollowUp | None
    progress: tuple[int, int]
    reasons: list[str] = field(default_factory=list)


@dataclass
class Dashboard:
    """Everything the coordinator's dashboard shows."""

    total: int
    by_desa: list[GroupRow]
    by_team: list[GroupRow]
    attention: list[DashboardRow]
    attention_total: int
    rows: list[DashboardRow]
    page: int
    pages: int
    outcomes: list[tuple[str, int | None, int | None]]
    outcome_count: int


def _cells(user: User | None, filters: Filters) -> list:
    """Return every figure the dashboard sums, per (desa, team): one aggregate query."""
    cutoff = today() - timedelta(days=filters.days)

    def count_if(condition):
        return func.sum(case((condition, 1), else_=0))

    later = FollowUp.baseline_on < FollowUp.latest_on
    sums = []
    for _, stem in OUTCOMES:
        baseline = getattr(FollowUp, f"baseline_{stem}")
        latest = getattr(FollowUp, f"latest_{stem}")
        both = baseline.is_not(None) & latest.is_not(None) & later
        sums += [func.sum(case((both, baseline))), func.sum(case((both, latest)))]
    stmt = _base(
        Business.village, Team.id, Team.name, func.count(Business.id),
        count_if(Business.status == STATUS_ACTIVE), count_if(FollowUp.last_visit_on >= cutoff),
        count_if(FollowUp.latest_turnover_idr > FollowUp.baseline_turnover_idr),
        count_if(attention_clause(filters.days)), count_if(later), *sums,
    )  # fmt: skip
    return db.session.execute(
        scoped(stmt, user, filters).group_by(Business.village, Team.id, Team.name)
    ).all()


def _group_rows(cells: list, key_of, label_of) -> list[GroupRow]:
    groups: dict = {}
    for cell in cells:
        key = key_of(cell)
        group = groups.setdefault(key, GroupRow(str(key), label_of(cell), 0, 0, 0, 0))
        group.businesses += cell[3]
        group.active += int(cell[4] or 0)
        group.visited += int(cell[5] or 0)
        group.growing += int(cell[6] or 0)
    return sorted(groups.values(), key=lambda group: (group.label.lower(), group.key))


def _outcome_sums(cells: list) -> tuple[list, int]:
    figures = []
    for index, (_, stem) in enumerate(OUTCOMES):
        first = [cell[9 + 2 * index] for cell in cells if cell[9 + 2 * index] is not None]
        last = [cell[10 + 2 * index] for cell in cells if cell[10 + 2 * index] is not None]
        figures.append((stem, int(sum(first)) if first else None,
                        int(sum(last)) if last else None))  # fmt: skip
    return figures, sum(int(cell[8] or 0) for cell in cells)


def program_outcomes(user: User | None, filters: Filters) -> tuple[list, int]:
    """Return [(figure, sum of baselines, sum of latest)] over businesses with both, and n."""
    return _outcome_sums(_cells(user, filters))


def _int(value) -> int | None:
    return None if value is None else int(value)


def _page_rows(stmt: Select, filters: Filters) -> list[DashboardRow]:
    found = db.session.execute(stmt).all()
    progress = checklist_progress((row.id, facts_from_row(row)) for row in found)
    return [
        DashboardRow(
            row.id,
            row.name,
            row.village,
            row.trade,
            row.team_name,
            row.status,
            row.status_reason,
            row.FollowUp,
            progress[row.id],
            attention_reasons(row.status, row.FollowUp, filters.days, row.created_at),
        )  # fmt: skip
        for row in found
    ]


def _row_columns():
    facts = [getattr(Business, name) for name in PROGRESS_FIELDS if name != "trade"]
    return (Business.id, Business.name, Business.village, Business.trade, Business.status,
            Business.status_reason, Business.created_at, Team.name.label("team_name"), FollowUp,
            *facts)  # fmt: skip


def dashboard(user: User, filters: Filters, page: int = 1) -> Dashboard:
    """Gather the coordinator's dashboard: groups, attention list, one page of businesses."""
    cells = _cells(user, filters)
    total = sum(cell[3] for cell in cells)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    attention = _page_rows(
        scoped(_base(*_row_columns()), user, filters)
        .where(attention_clause(filters.days))
        .order_by(FollowUp.last_visit_on.asc().nulls_first(), Business.name, Business.id)
        .limit(ATTENTION_LIMIT),
        filters,
    )
    rows = _page_rows(
        scoped(_base(*_row_columns()), user, filters)
        .order_by(Business.village, Business.name, Business.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE),
        filters,
    )
    outcomes, outcome_count = _outcome_sums(cells)
    return Dashboard(
        total=total,
        by_desa=_group_rows(cells, lambda cell: cell[0], lambda cell: cell[0]),
        by_team=_group_rows(cells, lambda cell: cell[1], lambda cell: cell[2]),
        attention=attention,
        attention_total=sum(int(cell[7] or 0) for cell in cells),
        rows=rows,
        page=page,
        pages=pages,
        outcomes=outcomes,
        outcome_count=outcome_count,
    )


def filter_choices(user: User) -> dict[str, list]:
    """Return the desa and teams present in the user's scope, for the filter selects."""
    stmt = select(Business.village, Team.id, Team.name).join(Team, Team.id == Business.team_id)
    rows = db.session.execute(scoped(stmt, user, Filters()).distinct()).all()
    villages = sorted({row[0] for row in rows if row[0]}, key=str.lower)
    teams = sorted({(str(row[1]), row[2]) for row in rows}, key=lambda team: team[1].lower())
    return {"desa": villages, "teams": teams}


# --- one business's follow-up, for its overview ------------------------------------------------


@dataclass
class BusinessFollowUp:
    """What a business's overview shows of the follow-up."""

    visits: list[Visit]
    visit_count: int
    summary: FollowUp | None
    history: list[StatusChange]
    views: dict[str, int]
    taps: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def views_total(self) -> int:
        """Return the page views of the window over all sources."""
        return sum(self.views.values())

    def taps_total(self, target: str) -> int:
        """Return the taps on one target over all sources."""
        return sum(self.taps.get(target, {}).values())


def follow_up_of(business: Business) -> BusinessFollowUp:
    """Return the follow-up of one business: latest visits, roll-up, history, view counts."""
    summary = db.session.get(FollowUp, business.id)
    return BusinessFollowUp(
        visits=business_visits(business.id, OVERVIEW_VISITS),
        visit_count=summary.visits if summary else 0,
        summary=summary,
        history=status_history(business.id),
        views=views_by_source(business.id),
        taps=taps_by_source(business.id),
    )
