"""Authentication blueprint: login, logout, password change and language choice.

routes.py, forms.py, services.py (authenticate, change password); the password policy is
app/passwords.py. It may import: app-level modules (app/*.py), app.models, app.render,
app.checklists; never another blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import routes  # noqa: E402,F401
