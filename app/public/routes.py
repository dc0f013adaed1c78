"""The public business page and the images it shows."""

from __future__ import annotations

from flask import abort, current_app, render_template, send_file
from flask_login import current_user
from sqlalchemy import select

from app.access import published_business_or_404
from app.extensions import db
from app.filters import SOURCES
from app.models import Business, Product
from app.pageviews import count_view
from app.public import bp
from app.responses import ONE_YEAR_S, cache_for
from app.thumbnails import THUMB_SUFFIX, thumbnail_path
from app.uploads import upload_path
from app.whatsapp import order_links

PAGE_MAX_AGE = 300  # seconds; a change shows within minutes, repeat visits cost nothing
MEDIA_MAX_AGE = ONE_YEAR_S  # upload names are random and never reused


@bp.route("/b/<slug>")
def business_page(slug: str, source: str = "direct"):
    """Show a published business's page and count the view by where it came from."""
    business = published_business_or_404(slug)
    links = order_links(business)
    response = current_app.make_response(
        render_template("public/business.html", business=business, order_links=links)
    )
    cache_for(response, PAGE_MAX_AGE, public=True)
    count_view(business.id, source)  # a daily count per source; nothing about the visitor
    return response


@bp.route("/b/<slug>/<any(l, p, s, w):code>")
def from_source(slug: str, code: str):
    """Show the page to a visitor who scanned a label, pamphlet or sign (or a shared link)."""
    # Rendered here, not redirected: one round trip less on 3G; rel=canonical names /b/<slug>.
    return business_page(slug, SOURCES[code])


@bp.route("/media/<name>")
def media(name: str):
    """Serve an uploaded product photo of a published business (or to a signed-in mentor).

    NAME-t.jpg is a small square thumbnail made from NAME.jpg the first time it is asked for.
    """
    thumb = name.endswith(THUMB_SUFFIX)
    full_name = (
        name.removesuffix(THUMB_SUFFIX) + ".jpg" if thumb else name.replace("-s.jpg", ".jpg")
    )
    path = upload_path(current_app.config["UPLOAD_DIR"], full_name)
    if path is None:
        abort(404)
    product = db.session.scalar(select(Product).where(Product.photo == full_name))
    if product is None:
        abort(404)
    public = product.business.published
    if not public and not _may_see(product.business):
        abort(404)
    if thumb:
        path = thumbnail_path(path)
    elif name != full_name:
        path = upload_path(current_app.config["UPLOAD_DIR"], name) or path
    response = send_file(path, mimetype="image/jpeg", max_age=MEDIA_MAX_AGE, conditional=True)
    # A published page's photo may sit in any cache; an unpublished one only in the
    # mentor's own browser, and never in a shared cache or CDN.
    return cache_for(response, MEDIA_MAX_AGE, public=public)


def _may_see(business: Business) -> bool:
    """Return whether the signed-in user may see an unpublished business's photos."""
    if not current_user.is_authenticated:
        return False
    stmt = Business.visible_to(current_user).where(Business.id == business.id)
    return db.session.scalar(stmt) is not None
