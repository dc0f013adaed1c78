"""The installable, offline-first shell: manifest, service worker and a fresh CSRF token."""

from flask import Blueprint

bp = Blueprint("pwa", __name__)

from app.pwa import routes  # noqa: E402,F401  (routes register themselves on bp)
