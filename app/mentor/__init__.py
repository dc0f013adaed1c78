"""Mentor blueprint: the team's businesses, the business form, overview, import.

routes.py, forms.py, services.py (business writes), importer/ (CSV/XLSX rows through those
services). It may import: app-level modules (app/*.py), app.models, app.render,
app.checklists; never another blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("mentor", __name__)

from app.mentor import routes  # noqa: E402,F401
