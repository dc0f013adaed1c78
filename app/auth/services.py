"""Write operations for accounts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.models import User

COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    """Return the refused passwords, lower-cased."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def authenticate(username: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = db.session.scalar(
        select(User).where(func.lower(User.username) == (username or "").strip().lower())
    )
    if user is None or not user.active or not user.check_password(password or ""):
        return None
    return user


def password_problem(password: str) -> str | None:
    """Return why a password is refused, or None when it is acceptable."""
    if len(password) < 8:
        return _("Kata sandi minimal 8 karakter.")
    if password.lower() in common_passwords():
        return _("Kata sandi ini terlalu umum. Pilih yang lain.")
    return None


def change_password(user: User, current: str, new: str) -> str | None:
    """Set a new password after checking the current one; return an error message or None."""
    if not user.check_password(current):
        return _("Kata sandi sekarang salah.")
    problem = password_problem(new)
    if problem:
        return problem
    user.set_password(new)
    user.must_change_password = False
    user.session_version += 1
    db.session.commit()
    return None


def end_sessions(user: User) -> None:
    """Invalidate every session of the user (logout everywhere)."""
    user.session_version += 1
    db.session.commit()
