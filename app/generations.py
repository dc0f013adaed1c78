"""Page generations: a token that changes whenever a committed write touches a public page.

A cached page is served without asking the database while its business's token is the one
it was rendered under. Writes are seen by SQLAlchemy session events: a flushed Business or
Product names its business; a bulk statement on their tables (the importer, erasure) bumps
every page at once. The bump happens after the commit, so a page rendered from the old data
is never served again once the new data is readable.

Tokens live where every worker sees them: in Redis when the page cache shares one, else in
small files under the instance folder (one per business plus one for all), whose inode and
mtime change with each bump (one `stat` per page view on a hit).
"""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

ALL = "all"
PENDING = "page_generations_pending"
REDIS_PREFIX = "kit-usaha:pagegen:"
WATCHED_TABLES = ("businesses", "products", "users", "teams", "team_members")
TEAMS = "teams"  # bumped with every team's businesses: a coordinator's list spans them all


def team_name(team_id: uuid.UUID) -> str:
    """Return the generation name of a team's business list."""
    return f"team-{team_id.hex}"


def user_name(user_id: uuid.UUID) -> str:
    """Return the generation name of a user's account (identity, role, teams)."""
    return f"user-{user_id.hex}"


class FileGenerations:
    """Tokens as files: each bump replaces the file, so its inode and mtime change."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._prefix = f"{self.folder}{os.sep}"
        self._all = self._prefix + ALL

    def _stamp(self, path: str) -> tuple[int, int]:
        try:
            found = os.stat(path)
        except FileNotFoundError:
            return (0, 0)
        return (found.st_ino, found.st_mtime_ns)

    def current(self, business_id: uuid.UUID) -> tuple | None:
        """Return the token of a business's page (None when it cannot be read)."""
        return self.tokens((business_id.hex,))

    def tokens(self, names) -> tuple | None:
        """Return the tokens of ALL and of each named generation, in order."""
        return (self._stamp(self._all), *(self._stamp(self._prefix + name) for name in names))

    def bump(self, names: set[str]) -> None:
        """Give each named business (or ALL) a new token."""
        for name in names:
            target = self.folder / name
            temporary = self.folder / f".{name}.{uuid.uuid4().hex}"
            temporary.write_bytes(uuid.uuid4().bytes)
            os.replace(temporary, target)


class RedisGenerations:
    """Tokens as Redis counters, shared by every worker and server using the same Redis."""

    def __init__(self, client) -> None:
        self.client = client

    def current(self, business_id: uuid.UUID) -> tuple | None:
        """Return the token of a business's page (None when Redis does not answer)."""
        return self.tokens((business_id.hex,))

    def tokens(self, names) -> tuple | None:
        """Return the tokens of ALL and of each named generation (None: Redis does not answer)."""
        try:
            return tuple(self.client.mget(REDIS_PREFIX + ALL, *(REDIS_PREFIX + n for n in names)))
        except Exception:  # noqa: BLE001 - a cache that is down must never cost the page
            log.warning("page generations: Redis unreachable", exc_info=True)
            return None

    def bump(self, names: set[str]) -> None:
        """Give each named business (or ALL) a new token."""
        pipe = self.client.pipeline()
        for name in names:
            pipe.incr(REDIS_PREFIX + name)
        pipe.execute()


def _pending(session: Session) -> set[str]:
    return session.info.setdefault(PENDING, set())


def _old(obj, attribute: str, new: bool) -> list | None:
    """Return the values a flushed object's attribute had before; None: changed, not known.

    An attribute set while expired (after a commit) keeps no old value: the caller must
    then assume any.
    """
    from sqlalchemy import inspect

    history = inspect(obj).attrs[attribute].history
    if not new and history.added and not history.deleted:
        return None
    return [value for value in history.deleted or () if value]


def _business_names(obj, new: bool = False) -> set[str]:
    """Return the generations a flushed object shows on: pages, business lists, accounts."""
    from app.models import Business, Product, Team, User

    if isinstance(obj, Business):
        old = _old(obj, "team_id", new)
        if not obj.id or not obj.team_id or old is None:
            return {ALL}
        return {obj.id.hex, TEAMS, *(team_name(team) for team in {obj.team_id, *old})}
    if isinstance(obj, Product):
        old = _old(obj, "business_id", new)
        if not obj.business_id or old is None:
            return {ALL}
        return {obj.business_id.hex, *(business.hex for business in old)}
    if isinstance(obj, User):
        return {user_name(obj.id)} if obj.id else {ALL}
    if isinstance(obj, Team):
        if not obj.id:
            return {ALL}
        from sqlalchemy import inspect

        history = inspect(obj).attrs.members.history
        members = [*(history.added or ()), *(history.deleted or ())]
        return {TEAMS, team_name(obj.id), *(user_name(u.id) for u in members if u.id)}
    return set()


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, _context) -> None:
    # After the flush ids are set; new/dirty/deleted still list what was flushed.
    names = _pending(session)
    for obj in session.new:
        names |= _business_names(obj, new=True)
    for obj in (*session.dirty, *session.deleted):
        names |= _business_names(obj)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in WATCHED_TABLES:
        _pending(state.session).add(ALL)


@event.listens_for(Session, "after_commit")
def _bump_after_commit(session: Session) -> None:
    names = session.info.pop(PENDING, None)
    if not names or not has_app_context():
        return
    store = current_app.extensions.get("page_generations")
    if store is None:
        return
    try:
        store.bump(names)
    except Exception:  # noqa: BLE001 - logged loudly: a page may stay stale until restart
        log.error("page generations: could not bump %s", sorted(names), exc_info=True)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop(PENDING, None)


def generations():
    """Return the app's page generation store."""
    return current_app.extensions["page_generations"]
