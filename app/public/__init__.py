"""Public blueprint: business pages, tiny, readable without JavaScript, ending in a WhatsApp order.

routes.py (page, photos), export.py (static site export). It may import: app-level modules
(app/*.py), app.models, app.render, app.checklists; never another blueprint
(tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("public", __name__)

from app.public import routes  # noqa: E402,F401
