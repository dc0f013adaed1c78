"""Accounts: a coordinator creates, disables and resets the passwords of mentors."""

from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/akun")

from app.account import routes  # noqa: E402,F401
