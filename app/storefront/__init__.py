"""The family's side of the public page: its private link, and the mentor's QRIS and link tools."""

from flask import Blueprint

bp = Blueprint("family", __name__)  # no login: the family opens its private link
mentor_bp = Blueprint("storefront", __name__)  # signed-in mentors and coordinators

from app.storefront import routes  # noqa: E402, F401
