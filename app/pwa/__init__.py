"""The installable, offline-first shell: manifest, service worker and a fresh CSRF token.

routes.py only (manifest, /sw.js, the token the offline queue sends with). It may import:
app-level modules (app/*.py), app.models, app.render, app.checklists; never another
blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("pwa", __name__)

from app.pwa import routes  # noqa: E402,F401  (routes register themselves on bp)
