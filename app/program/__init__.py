"""Program follow-up: visit log, outcomes, page-view counts, the coordinator's dashboard."""

from flask import Blueprint

# `flask report export …` lives in this blueprint's command group.
bp = Blueprint("program", __name__, cli_group="report")

from app.program import cli, routes  # noqa: E402,F401
