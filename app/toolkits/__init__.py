"""Onboarding toolkits: personalised checklists, progress, printable sheets."""

from flask import Blueprint

bp = Blueprint("toolkits", __name__)

from app.toolkits import routes  # noqa: E402,F401
