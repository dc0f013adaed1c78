"""Program blueprint: visit log, outcomes, the coordinator's dashboard and report.

services.py (visit writes and reads), followup.py (per-business roll-up), dashboard.py
(filters, scoping, progress in bulk), report.py (rows, CSV, XLSX), report_pdf.py (the PDF
table), charts.py, cli.py (`flask report export`). Page views are app/pageviews.py. It may
import: app-level modules (app/*.py), app.models, app.render, app.checklists; never another
blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

# `flask report export …` lives in this blueprint's command group.
bp = Blueprint("program", __name__, cli_group="report")

from app.program import cli, routes  # noqa: E402,F401
