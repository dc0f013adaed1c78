"""Toolkits blueprint: personalised checklists, progress, printable sheets.

routes.py and forms.py only: the checklist domain is app/checklists (Flask-free), the bridge
to the database is app/plans.py. schema.py and personalise.py are re-export shims for
render/checklist_pdf.py and render/bukukas_pdf.py until those take a pure spec. It may
import: app-level modules (app/*.py), app.models, app.render, app.checklists; never another
blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("toolkits", __name__)

from app.toolkits import routes  # noqa: E402,F401
