"""Kit blueprint: the kit page, file downloads and the public page's images.

routes.py (designer page, downloads, calibration), public.py (no-login wordmark and
link-preview picture), forms.py. Building and caching the files is app/kitfiles.py and
app/filecache.py. It may import: app-level modules (app/*.py), app.models, app.render,
app.checklists; never another blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("kit", __name__)

from app.kit import item_routes, routes  # noqa: E402,F401
