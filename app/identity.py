"""The signed-in user, loaded from the session without a database query while it is current.

Every signed-in request needs its user (Flask-Login's loader): checked active, with the
session version in the cookie still the account's. Reading the row each time was the
largest fixed cost of a signed-in page. Instead each process keeps a snapshot of the user
(its columns and its teams) beside the account's generation token (app/generations.py:
bumped after every commit that flushes the user or changes its team memberships, and by any
bulk statement on users, teams or team_members). A request whose token is the snapshot's
gets the snapshot merged into its database session (no query); any other request reads
the row again. Logging out, changing the password and disabling an account all flush the
user, so the very next request anywhere (every worker, every server sharing the tokens)
reads the row and is refused. SNAPSHOT_TTL_S bounds the trust for writes made outside the
app (psql by hand).
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass

from flask import current_app, g, has_app_context, request
from sqlalchemy import inspect
from sqlalchemy.orm import make_transient_to_detached

from app.extensions import db
from app.generations import generations, user_name
from app.models import User

SNAPSHOT_TTL_S = 60
SNAPSHOTS_KEPT = 4096
# Views that may answer from a cache knowing only the user's columns and team ids: their user
# joins the request's database session when that session is opened, not before (a page from
# the cache then opens none). Such a view calls use_database() before reading relationships.
DEFERRED_ENDPOINTS = frozenset({"mentor.index"})
PENDING = "_identity_pending_user"  # in g: the snapshot user waiting for the session


@dataclass(frozen=True)
class _Snapshot:
    token: tuple
    values: dict  # the user's column values, as read
    team_ids: tuple[uuid.UUID, ...]
    expires: float

    @property
    def active(self) -> bool:
        return bool(self.values["active"])

    def version_is(self, version: str) -> bool:
        return str(self.values["session_version"]) == version


TEAM_IDS = "_snapshot_team_ids"  # a plain attribute of the loaded user: its teams' ids


def _snapshot_of(user: User, token: tuple) -> _Snapshot:
    values = {column.key: getattr(user, column.key) for column in inspect(User).column_attrs}
    team_ids = tuple(team.id for team in user.teams)
    return _Snapshot(token, values, team_ids, time.monotonic() + SNAPSHOT_TTL_S)


def _detached_user(snapshot: _Snapshot) -> User:
    """Return the snapshot's user as a detached row: its values as committed state."""
    user = inspect(User).class_manager.new_instance()
    vars(user).update(snapshot.values)
    make_transient_to_detached(user)
    vars(user)[TEAM_IDS] = snapshot.team_ids
    return user


def _attached_user(snapshot: _Snapshot) -> User:
    """Return the snapshot's user as a row of this request's database session, without a query.

    The instance is filled the way the ORM fills a row it has just read (its values as
    committed state: nothing to flush) and added as the persistent row it is. Its teams
    are left unloaded (read when something asks for them); their ids ride along.
    """
    session = db.session()
    key = inspect(User).identity_key_from_primary_key((snapshot.values["id"],))
    found = session.identity_map.get(key)
    if found is not None:  # already read in this request
        return found
    user = _detached_user(snapshot)
    session.add(user)
    return user


def _user_for(snapshot: _Snapshot) -> User:
    """Return the snapshot's user: attached now, or when a deferred view opens the session."""
    if request.endpoint in DEFERRED_ENDPOINTS and not db.session.registry.has():
        user = _detached_user(snapshot)
        setattr(g, PENDING, user)
        return user
    return _attached_user(snapshot)


def use_database() -> None:
    """Open this request's database session (a deferred view's user joins it)."""
    db.session()


def _joining_pending_user(make_session):
    """Wrap the session factory: a new request session takes in the user waiting for it."""

    def open_session():
        session = make_session()
        user = g.pop(PENDING, None) if has_app_context() else None
        if user is not None:
            session.add(user)
        return session

    open_session.joins_pending_user = True
    return open_session


def team_ids_of(user: User) -> tuple[uuid.UUID, ...]:
    """Return the ids of the user's teams, from the snapshot when it was loaded from one."""
    known = vars(user).get(TEAM_IDS)
    return known if known is not None else tuple(team.id for team in user.teams)


class IdentityCache:
    """Per-process snapshots of signed-in users, valid while their account token holds."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.snapshots: dict[uuid.UUID, _Snapshot] = {}

    def load(self, user_id: uuid.UUID, version: str) -> User | None:
        """Return the active user with this session version in the request's session, or None."""
        token = generations().tokens((user_name(user_id),))
        found = self.snapshots.get(user_id)
        if (
            token is not None
            and found is not None
            and found.token == token
            and found.expires > time.monotonic()
        ):
            if not found.active or not found.version_is(version):
                return None
            return _user_for(found)
        user = db.session.get(User, user_id)  # read after the token: see the module's note
        if user is None:
            self.forget(user_id)
            return None
        if token is not None:
            self._keep(user_id, _snapshot_of(user, token))
        if not user.active or str(user.session_version) != version:
            return None
        return user

    def _keep(self, user_id: uuid.UUID, snapshot: _Snapshot) -> None:
        with self.lock:
            if len(self.snapshots) >= SNAPSHOTS_KEPT:
                self.snapshots.clear()
            self.snapshots[user_id] = snapshot

    def forget(self, user_id: uuid.UUID) -> None:
        """Drop a user's snapshot."""
        with self.lock:
            self.snapshots.pop(user_id, None)


def load_user(identity: str) -> User | None:
    """Return the user of a session identity "<id>:<session version>" if it may still sign in."""
    user_id, _, version = identity.partition(":")
    try:
        parsed = uuid.UUID(user_id)
    except ValueError:
        return None
    return current_app.extensions["identities"].load(parsed, version)


def init_app(app) -> None:
    """Give the app its identity cache and Flask-Login its loader."""
    from app.extensions import login_manager

    app.extensions["identities"] = IdentityCache()
    registry = db.session.registry
    if not getattr(registry.createfunc, "joins_pending_user", False):
        registry.createfunc = _joining_pending_user(registry.createfunc)
    login_manager.user_loader(load_user)
