"""One "today": dates people see and that link records, in the program's time zone.

Stored instants are UTC (`models.utcnow`); SQLite hands them back without a zone, so every
conversion here treats a naive datetime as UTC. Compare stored instants only with UTC bounds
from `day_bounds_utc`: SQLite compares the text, and a bound in another zone would be off by
the zone's offset (between 00:00 and 07:00 WIB that is the previous day).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app


def program_zone() -> ZoneInfo:
    """Return the program's time zone (`TIMEZONE`, Asia/Jakarta by default)."""
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def now_local() -> datetime:
    """Return the current time in the program's time zone."""
    return datetime.now(program_zone())


def today() -> date:
    """Return today's date where the program runs."""
    return now_local().date()


def as_utc(moment: datetime) -> datetime:
    """Return a stored instant as an aware UTC datetime (naive means UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local_date(moment: datetime) -> date:
    """Return the program-zone date of a stored instant."""
    return as_utc(moment).astimezone(program_zone()).date()


def day_bounds_utc(day: date) -> tuple[datetime, datetime]:
    """Return the UTC instants where a program-zone day starts and the next one starts."""
    start = datetime.combine(day, time.min, program_zone())
    end = datetime.combine(day + timedelta(days=1), time.min, program_zone())
    return start.astimezone(UTC), end.astimezone(UTC)
