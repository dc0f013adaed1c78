"""The coordinator's dashboard: filters, scoping, checklist progress in bulk, group roll-ups."""

from __future__ import annotations

import logging
import math
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import Select, case, func, or_, select

from app.checklists import BusinessFacts, facts_for, plan_for
from app.clock import day_bounds_utc, local_date, today
from app.extensions import db
from app.models import (
    STATUS_ACTIVE,
    Business,
    FollowUp,
    StatusChange,
    StepProgress,
    Team,
    User,
    Visit,
)
from app.pageviews import views_by_source
from app.plans import FACT_FIELDS, toolkits
from app.program.followup import OUTCOMES
from app.program.services import business_visits, status_history

log = logging.getLogger(__name__)

ATTENTION_DAYS_DEFAULT = 14  # "no visit for N days" when the dashboard gets no ?hari=
ATTENTION_LIMIT = 30  # rows in the attention list; the count says how many there are in all
OVERVIEW_VISITS = 3  # latest visits shown on a business's overview
PAGE_SIZE = 50  # businesses per dashboard page
PLAN_SHAPES_MAX = 4096  # cached checklist plan shapes (one per trade and set of facts)
# The facts a checklist plan depends on (names, places and the owner play no part in it).
PROGRESS_FIELDS = tuple(
    name for name in FACT_FIELDS if name not in ("owner_name", "village", "district", "regency")
)


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
            select(StepProgress.business_id, StepProgress.checklist_id, StepProgress.step_id).where(
                StepProgress.business_id.in_(part)
            )
        ):
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
            shape = tuple(
                (pc.id, pc.status != "todo", tuple(s.id for s in pc.steps))
                for pc in plan.checklists
            )
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
        args = {
            "desa": self.desa,
            "tim": str(self.team_id or ""),
            "usaha": self.trade,
            "keadaan": self.status,
        }
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


def base_query(*columns) -> Select:
    """Return a select over businesses with their team and follow-up roll-up joined."""
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
    stmt = base_query(
        Business.village,
        Team.id,
        Team.name,
        func.count(Business.id),
        count_if(Business.status == STATUS_ACTIVE),
        count_if(FollowUp.last_visit_on >= cutoff),
        count_if(FollowUp.latest_turnover_idr > FollowUp.baseline_turnover_idr),
        count_if(attention_clause(filters.days)),
        count_if(later),
        *sums,
    )
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
        figures.append((stem, int(sum(first)) if first else None, int(sum(last)) if last else None))
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
        )
        for row in found
    ]


def _row_columns():
    facts = [getattr(Business, name) for name in PROGRESS_FIELDS if name != "trade"]
    return (
        Business.id,
        Business.name,
        Business.village,
        Business.trade,
        Business.status,
        Business.status_reason,
        Business.created_at,
        Team.name.label("team_name"),
        FollowUp,
        *facts,
    )


def dashboard(user: User, filters: Filters, page: int = 1) -> Dashboard:
    """Gather the coordinator's dashboard: groups, attention list, one page of businesses."""
    cells = _cells(user, filters)
    total = sum(cell[3] for cell in cells)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    attention = _page_rows(
        scoped(base_query(*_row_columns()), user, filters)
        .where(attention_clause(filters.days))
        .order_by(FollowUp.last_visit_on.asc().nulls_first(), Business.name, Business.id)
        .limit(ATTENTION_LIMIT),
        filters,
    )
    rows = _page_rows(
        scoped(base_query(*_row_columns()), user, filters)
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

    @property
    def views_total(self) -> int:
        """Return the page views of the window over all sources."""
        return sum(self.views.values())


def follow_up_of(business: Business) -> BusinessFollowUp:
    """Return the follow-up of one business: latest visits, roll-up, history, view counts."""
    summary = db.session.get(FollowUp, business.id)
    return BusinessFollowUp(
        visits=business_visits(business.id, OVERVIEW_VISITS),
        visit_count=summary.visits if summary else 0,
        summary=summary,
        history=status_history(business.id),
        views=views_by_source(business.id),
    )
