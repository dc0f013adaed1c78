"""Toolkits blueprint: personalised checklists, progress, printable sheets.

routes.py and forms.py (thin views), printable.py (a plan turned into the pure specs the
checklist and cash-book PDFs take). The checklist domain is app/checklists (Flask-free);
the bridge to the database is app/plans.py. It may import: app-level modules (app/*.py),
app.models, app.render, app.checklists; never another blueprint (tests/test_architecture.py
checks).
"""

from flask import Blueprint

bp = Blueprint("toolkits", __name__)

from app.toolkits import routes  # noqa: E402,F401
