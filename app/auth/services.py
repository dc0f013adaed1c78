"""Write operations for accounts."""

from __future__ import annotations

from functools import cache

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import User
from app.passwords import password_problem


@cache
def _dummy_hash() -> str:
    return generate_password_hash("not-a-real-password", method="scrypt")


def authenticate(username: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = db.session.scalar(
        select(User).where(func.lower(User.username) == (username or "").strip().lower())
    )
    if user is None:
        # Hash anyway, so a wrong name costs the same time as a wrong password.
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not user.check_password(password or "") or not user.active:
        return None
    return user


def change_password(user: User, current: str, new: str) -> str | None:
    """Set a new password after checking the current one; return an error message or None."""
    if not user.check_password(current):
        return _("Kata sandi sekarang salah.")
    problem = password_problem(new, user.username)
    if problem:
        return problem
    user.set_password(new)
    user.must_change_password = False
    user.session_version += 1
    db.session.flush()
    return None


def end_sessions(user: User) -> None:
    """Invalidate every session of the user (logout everywhere)."""
    user.session_version += 1
    db.session.flush()
