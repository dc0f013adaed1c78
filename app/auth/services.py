"""Write operations for accounts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import User

COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200


@cache
def _dummy_hash() -> str:
    return generate_password_hash("not-a-real-password", method="scrypt")


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
    if user is None:
        # Hash anyway, so a wrong name costs the same time as a wrong password.
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not user.check_password(password or "") or not user.active:
        return None
    return user


def password_problem(password: str, username: str | None = None) -> str | None:
    """Return why a password is refused, or None when it is acceptable.

    Length and a list of common passwords only: no composition rules (NIST SP 800-63B).
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Kata sandi minimal %(n)s karakter.", n=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("Kata sandi maksimal %(n)s karakter.", n=MAX_PASSWORD_LENGTH)
    lowered = password.lower()
    squashed = "".join(ch for ch in lowered if ch.isalnum())
    if lowered in common_passwords() or squashed in common_passwords():
        return _("Kata sandi ini terlalu umum. Pilih yang lain.")
    if username and squashed == "".join(ch for ch in username.lower() if ch.isalnum()):
        return _("Kata sandi tidak boleh sama dengan nama pengguna.")
    if len(set(lowered)) < 3 or "kitusaha" in squashed:
        return _("Kata sandi ini terlalu mudah ditebak. Pilih yang lain.")
    return None


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
    db.session.commit()
    return None


def end_sessions(user: User) -> None:
    """Invalidate every session of the user (logout everywhere)."""
    user.session_version += 1
    db.session.commit()
