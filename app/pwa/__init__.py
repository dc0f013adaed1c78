"""The installable, offline-first shell: manifest, service worker and a fresh CSRF token.

routes.py only (manifest, /sw.js, the token the offline queue sends with). It may import:
app-level modules (app/*.py), app.models, app.render, app.checklists; never another
blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

from app.pwa.strings import outbox_strings

bp = Blueprint("pwa", __name__)


@bp.app_context_processor
def _outbox_strings() -> dict:
    return {"outbox_strings": outbox_strings}


from app.pwa import routes  # noqa: E402,F401  (routes register themselves on bp)
