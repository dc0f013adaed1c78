"""Public blueprint: business pages, tiny, readable without JavaScript, ending in a WhatsApp order.

routes.py (page, photos), page.py (what a page shows), catalogue.py (the product list),
basket.py (the WhatsApp order basket), structured.py (JSON-LD and vCard), cache.py (the
rendered-page cache, Redis or memory), export.py (static site export). It may import:
app-level modules (app/*.py), app.models, app.render, app.checklists; never another
blueprint (tests/test_architecture.py checks).
"""

from flask import Blueprint

bp = Blueprint("public", __name__)


@bp.record_once
def _init_page_cache(state) -> None:
    from app.public.cache import init_app

    init_app(state.app)


from app.public import routes  # noqa: E402,F401
