"""One owner per transaction: services change and flush; the request or the CLI commits.

The pattern of indico's operations: a service never commits. A request that
answers below 400 commits once after the view (``after_request``); an error
answer or an exception rolls everything back, so nothing is half-written. A CLI
command wraps its work in ``transaction()``. Work that must wait until the data
is committed (deleting files of erased records) is queued with ``after_commit``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask, Response
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db

_AFTER_COMMIT = "after_commit"
_CONNECTED = "connected"  # set when the session's transaction took a database connection


def after_commit(action: Callable[[], None]) -> None:
    """Run an action once the current transaction has been committed (dropped on rollback)."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(action)


def commit() -> None:
    """Commit the session, then run the actions queued for after the commit."""
    db.session.commit()
    for action in db.session.info.pop(_AFTER_COMMIT, []):
        action()


def rollback() -> None:
    """Roll the session back and forget the actions queued for after the commit."""
    db.session.rollback()
    db.session.info.pop(_AFTER_COMMIT, None)


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """Make a service's changes in a savepoint and flush them; on any error undo them all.

    The request (or CLI command) still commits once; a service that fails half-way leaves
    nothing of its own behind, not even the actions it queued for after the commit.
    """
    queued = {k: list(v) for k, v in db.session.info.items() if isinstance(v, list)}
    try:
        with db.session.begin_nested():
            yield
            db.session.flush()
    except BaseException:
        for key in [k for k, v in db.session.info.items() if isinstance(v, list)]:
            db.session.info.pop(key)
        db.session.info.update(queued)
        raise


@contextmanager
def transaction() -> Iterator[None]:
    """Commit what the block did, or roll it all back when it raises (CLI commands)."""
    try:
        yield
    except BaseException:
        rollback()
        raise
    commit()


def _nothing_to_commit(session) -> bool:
    """Return True when a commit would neither write nor run anything.

    No connection was taken (nothing read or written), no object waits to be flushed, and
    nothing is queued in the session's info (after-commit actions, page generations to bump,
    files to discard): the commit would only expire objects of a session about to be closed.
    A signed-in page served from a cache is such a request.
    """
    return not session.info and not (session.new or session.dirty or session.deleted)


@event.listens_for(Session, "after_begin")
def _note_connection(session: Session, _transaction, _connection) -> None:
    session.info[_CONNECTED] = True


def init_app(app: Flask) -> None:
    """Commit after every successful request and roll back after every failed one."""

    @app.after_request
    def _finish(response: Response) -> Response:
        if not db.session.registry.has():  # the request never used the database (cached page)
            return response
        if _nothing_to_commit(db.session()):  # closed at teardown: nothing to write or run
            return response
        if response.status_code < 400:
            commit()
        else:
            rollback()
        return response

    @app.teardown_request
    def _undo(exc: BaseException | None) -> None:
        if exc is not None:
            rollback()
