"""Page views: a daily count per business and source, written behind the request in batches.

No visitor data: only (business, day, source) -> count. Any blueprint may count a view.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time as time_module
import uuid
from collections import Counter
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from app.clock import today
from app.extensions import db
from app.models import (
    VIEW_SOURCES,
    PageViewDaily,
)

log = logging.getLogger(__name__)


VIEW_WINDOW_DAYS = 30  # the overview shows page views of the last 30 days
VIEW_FLUSH_MAX_PENDING = 500  # distinct (business, day, source) counts held at most


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
        due = self.count(business_id, day, source, current_app.config["VIEW_FLUSH_SECONDS"])
        if due:
            _write_views(due)

    def count(
        self, business_id: uuid.UUID, day: date, source: str, flush_seconds: float
    ) -> Counter | None:
        """Count one view; return the pending counts to write when they are due (else None).

        Needs no app context: the caller writes what it gets back (within one).
        """
        with self.lock:
            self.counts[(business_id, day, source)] += 1
            waited = time_module.monotonic() - self.last_flush
            if waited < flush_seconds and len(self.counts) < VIEW_FLUSH_MAX_PENDING:
                return None
            pending, self.counts = self.counts, Counter()
            self.last_flush = time_module.monotonic()
        return pending


_pending_views = _PendingViews()


def _write_views(pending: Counter) -> None:
    """Add pending counts to the daily table in one transaction (an app context is needed)."""
    table = PageViewDaily.__table__
    try:
        if db.engine.dialect.name == "postgresql":
            # Losing the last instants of counts in a crash is fine; waiting for the disk is not.
            db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
        for (business_id, day, source), count in pending.items():
            stmt = _dialect_insert()(table).values(
                business_id=business_id, day=day, source=source, count=count
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=[table.c.business_id, table.c.day, table.c.source],
                set_={"count": table.c["count"] + stmt.excluded["count"]},
            )
            db.session.execute(stmt)
        db.session.commit()
    except SQLAlchemyError:  # a lost count must never cost the customer the page
        db.session.rollback()
        log.warning("%s page views not counted", sum(pending.values()), exc_info=True)


def count_view_outside_context(app, business_id: uuid.UUID, day: date, source: str) -> None:
    """Count a view from outside a request (the WSGI fast path); write in an app context."""
    due = _pending_views.count(business_id, day, source, app.config["VIEW_FLUSH_SECONDS"])
    if due:
        with app.app_context():
            _write_views(due)


def count_view(business_id: uuid.UUID, source: str) -> None:
    """Add one to today's view count of a business page for a source (an atomic upsert)."""
    if source not in VIEW_SOURCES:
        raise ValueError(f"unknown view source {source!r}")
    _pending_views.add(business_id, today(), source)


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


# --- taps on order buttons and links ------------------------------------------------------------

# Taps are counted in the same daily table, keyed "<target>:<source letter>" (fits its 12
# characters): an order tap from a label is "pesan:l", a Maps tap from a direct visit
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
        .where(
            PageViewDaily.business_id == business_id,
            PageViewDaily.day >= since,
            PageViewDaily.source.contains(":"),
        )
        .group_by(PageViewDaily.source)
    )
    for key, total in rows:
        target, _, letter = key.partition(":")
        if target in counts and letter in letters:
            counts[target][letters[letter]] += int(total)
    return counts
