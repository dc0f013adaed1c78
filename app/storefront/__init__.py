"""The family's side of the public page: its private link, and the mentor's QRIS and link tools.

Two blueprints: ``bp`` (no login: the family's private link to mark the day open or closed
and products sold out) and ``mentor_bp`` (the QRIS sticker and the family link sheet).
routes.py (thin views), forms.py, services.py (link tokens, day state, QRIS: they flush,
the request commits). It may import: app-level modules (app/*.py), app.models, app.render,
app.checklists; never another blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("family", __name__)  # no login: the family opens its private link
mentor_bp = Blueprint("storefront", __name__)  # signed-in mentors and coordinators

from app.storefront import routes  # noqa: E402, F401
