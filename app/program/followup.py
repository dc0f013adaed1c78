"""The per-business follow-up roll-up (latest figures, aspects done) and its overview."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from sqlalchemy import delete, insert, select

from app.extensions import db
from app.models import (
    ASPECTS,
    Business,
    FollowUp,
    Visit,
)

log = logging.getLogger(__name__)


# --- the per-business roll-up ------------------------------------------------------------------

OUTCOMES = (  # (visit column, roll-up column stem)
    ("capital_idr", "capital_idr"),
    ("assets_idr", "assets_idr"),
    ("monthly_turnover_idr", "turnover_idr"),
)
_ROLLUP_COLUMNS = (
    Visit.business_id,
    Visit.visited_on,
    Visit.aspect_produksi,
    Visit.aspect_kemasan,
    Visit.aspect_pemasaran,
    Visit.aspect_legalitas,
    Visit.capital_idr,
    Visit.assets_idr,
    Visit.monthly_turnover_idr,
    Visit.problems,
)


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
    db.session.flush()
    return done
