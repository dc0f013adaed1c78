"""Accounts blueprint: a coordinator creates, disables and resets the passwords of mentors.

routes.py (thin views), forms.py, services.py (account writes, also used by `flask users
create`). It may import: app-level modules (app/*.py), app.models, app.render,
app.checklists; never another blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/akun")

from app.account import routes  # noqa: E402,F401
