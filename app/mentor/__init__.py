"""The mentor's screens: the team's businesses, the business form and overview."""

from flask import Blueprint

bp = Blueprint("mentor", __name__)

from app.mentor import routes  # noqa: E402,F401
