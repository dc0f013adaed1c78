"""The public business page and the images it shows."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, send_file
from flask_login import current_user
from sqlalchemy import select

from app.access import published_business_or_404
from app.extensions import csrf, db, limiter
from app.filters import SOURCES, public_url
from app.models import Business, Product
from app.pageviews import TAP_TARGETS, count_tap, count_view
from app.public import bp, catalogue, fast
from app.public.basket import Basket, order_url, read_basket
from app.public.cache import cached_page, fresh_page
from app.public.catalogue import desa_poster_spec
from app.public.page import page_context
from app.public.structured import vcard
from app.render.desa_poster import poster_pdf
from app.render.qr import qr_png
from app.responses import ONE_YEAR_S, cache_for, download, pdf_response
from app.thumbnails import THUMB_SUFFIX, thumbnail_path
from app.uploads import upload_path

PAGE_MAX_AGE = 300  # seconds; a change shows within minutes, repeat visits cost nothing
MEDIA_MAX_AGE = ONE_YEAR_S  # upload names are random and never reused


@bp.route("/b/<slug>")
def business_page(slug: str, source: str = "direct"):
    """Show a published business's page and count the view by where it came from."""
    page = cached_page(slug, source) or fresh_page(slug, source, _render(source))
    if page is None:
        abort(404)
    count_view(page.business_id, source)  # a daily count per source; nothing about the visitor
    if request.if_none_match.contains(page.key):  # the browser has this very version
        response = current_app.response_class(status=304)
    else:
        response = current_app.response_class(page.body, mimetype="text/html")
        if fast.RECORD in request.environ:  # a plain GET: the fast path may answer the next
            request.environ[fast.PAGE] = page
    response.set_etag(page.key)
    cache_for(response, PAGE_MAX_AGE, public=True)
    return response


def _render(source: str):
    def render(state) -> str:
        business = db.session.get(Business, state.business_id)
        return render_template("public/business.html", **page_context(business, source))

    return render


@bp.route("/b/<slug>/<any(l, p, s, w):code>")
def from_source(slug: str, code: str):
    """Show the page to a visitor who scanned a label, pamphlet or sign (or a shared link)."""
    # Rendered here, not redirected: one round trip less on 3G; rel=canonical names /b/<slug>.
    return business_page(slug, SOURCES[code])


def _source_of(code: str | None) -> str:
    return SOURCES.get(code or "", "direct")


@bp.route("/b/<slug>/pesan")
def order(slug: str):
    """Send the basket to WhatsApp as one itemised message; back to the page if it is empty."""
    business = published_business_or_404(slug)
    if not business.whatsapp:
        abort(404)
    source = _source_of(request.args.get("dari"))
    basket: Basket = read_basket(business, request.args)
    if basket.errors:
        # The page again, with what was typed and what to correct next to the basket.
        page = render_template("public/business.html", **page_context(business, source, basket))
        response = current_app.make_response(page)
        response.headers["Cache-Control"] = "no-store"
        return response
    count_tap(business.id, "pesan", source)
    response = redirect(order_url(business, basket), 303)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route(f"/b/<slug>/ketuk/<any({', '.join(TAP_TARGETS)}):target>", methods=["POST"])
@csrf.exempt  # a browser's <a ping> POST carries no token and changes nothing but a count
@limiter.limit("120 per minute")
def tap(slug: str, target: str):
    """Count a tap on an order button or a link (sent by the link's ping attribute)."""
    business = published_business_or_404(slug)
    count_tap(business.id, target, _source_of(request.args.get("dari")))
    return "", 204


@bp.route("/b/<slug>/kontak.vcf")
def contact(slug: str):
    """Serve the business's contact card: name, WhatsApp number, page, desa."""
    business = published_business_or_404(slug)
    card = vcard(business, public_url(business.slug)).encode("utf-8")
    response = download(card, f"{business.slug}.vcf", "text/vcard")
    return cache_for(response, PAGE_MAX_AGE, public=True)


@bp.route("/b/<slug>/qris.png")
def qris(slug: str):
    """Serve the confirmed QRIS of a business, re-rendered crisply from its payload."""
    business = published_business_or_404(slug)
    if not business.qris_payload:
        abort(404)
    response = current_app.response_class(
        qr_png(business.qris_payload, module_px=6), mimetype="image/png"
    )
    versioned = request.args.get("v") == business.qris_payload[-4:]
    return cache_for(response, MEDIA_MAX_AGE if versioned else PAGE_MAX_AGE, public=True)


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


@bp.route("/desa/<slug>")
def desa(slug: str):
    """List every published business of a desa, grouped by trade."""
    found = catalogue.desa_page(slug)
    if found is None:
        abort(404)
    response = current_app.make_response(render_template("public/desa.html", desa=found))
    return cache_for(response, PAGE_MAX_AGE, public=True)


@bp.route("/desa/<slug>/poster.pdf")
def desa_poster(slug: str):
    """Serve the desa's QR poster (A4, or A3 with ?ukuran=a3) for the balai desa or a warung."""
    found = catalogue.desa_page(slug)
    if found is None:
        abort(404)
    size = "A3" if request.args.get("ukuran", "").lower() == "a3" else "A4"
    pdf = poster_pdf(desa_poster_spec(found, size))
    response = pdf_response(pdf, f"desa-{slug}-{size.lower()}.pdf")
    return cache_for(response, PAGE_MAX_AGE, public=True)


@bp.route("/sitemap.xml")
def sitemap():
    """List exactly the published business pages and the desa pages."""
    xml = render_template("public/sitemap.xml", urls=catalogue.sitemap_urls())
    response = current_app.response_class(xml, mimetype="application/xml")
    return cache_for(response, PAGE_MAX_AGE, public=True)


@bp.route("/robots.txt")
def robots():
    """Let search engines in to the public pages, point them to the sitemap."""
    response = current_app.response_class(catalogue.robots_txt(), mimetype="text/plain")
    return cache_for(response, PAGE_MAX_AGE, public=True)
