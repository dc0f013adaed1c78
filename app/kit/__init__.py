"""The kit: logo, labels, pamphlets, QR codes and signs built from a business record."""

from flask import Blueprint

bp = Blueprint("kit", __name__)

from app.kit import item_routes, routes  # noqa: E402,F401
