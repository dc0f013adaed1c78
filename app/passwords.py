"""The password policy: length and a list of common passwords (NIST SP 800-63B)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask_babel import gettext as _

COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200


@cache
def common_passwords() -> frozenset[str]:
    """Return the refused passwords, lower-cased."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


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
