"""Thin views: the family's one-screen page, and the mentor's family-link and QRIS tools."""

from __future__ import annotations

import uuid

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from PIL import Image, UnidentifiedImageError

from app.access import get_business_or_404, guard_blueprint, require_coordinator
from app.extensions import limiter
from app.forms import ConfirmForm
from app.qris import QrisError, decode_photo, read_qris
from app.render.qr import qr_png
from app.storefront import bp, mentor_bp, services
from app.storefront.forms import (
    DayStateForm,
    QrisConfirmForm,
    QrisPhotoForm,
    SoldOutForm,
)

FAMILY_LIMIT = "30 per minute; 300 per day"  # taps of one family; far above honest use
FAMILY_LINK_QR_PX = 480

guard_blueprint(mentor_bp)


def _family_url(token: str) -> str:
    return f"{current_app.config['PUBLIC_BASE_URL']}/k/{token}"


def _private(response):
    """Keep the family's screen out of every cache, and its token out of any Referer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_or_404(token: str):
    link = services.link_for_token(token)
    if link is None:
        page = render_template("storefront/family_gone.html")
        abort(_private(current_app.make_response((page, 404))))
    return link


# --- the family's screen -------------------------------------------------------------------


@bp.route("/k/<token>")
@limiter.limit(FAMILY_LIMIT)
def family(token: str):
    """Show the family's screen: open or closed today, and each product's sold-out switch."""
    link = _link_or_404(token)
    page = render_template(
        "storefront/family.html",
        link=link,
        business=link.business,
        token=token,
        state=services.day_state(link.business),
        form=ConfirmForm(),
    )
    return _private(current_app.make_response(page))


@bp.route("/k/<token>/hari", methods=["POST"])
@limiter.limit(FAMILY_LIMIT)
def day_state(token: str):
    """Mark the stall open or closed for today."""
    link = _link_or_404(token)
    form = DayStateForm()
    if not form.validate_on_submit():
        abort(400)
    services.set_day_state(link, form.keadaan.data)
    return _private(redirect(url_for("family.family", token=token), 303))


@bp.route("/k/<token>/produk/<uuid:product_id>", methods=["POST"])
@limiter.limit(FAMILY_LIMIT)
def sold_out(token: str, product_id: uuid.UUID):
    """Mark one product sold out or available again."""
    link = _link_or_404(token)
    form = SoldOutForm()
    if not form.validate_on_submit():
        abort(400)
    if services.set_sold_out(link, product_id, form.habis.data == "1") is None:
        abort(404)
    return _private(redirect(url_for("family.family", token=token), 303))


# --- the mentor's tools ------------------------------------------------------------------------


@mentor_bp.route("/usaha/<uuid:business_id>/tautan-keluarga", methods=["POST"])
def issue_link(business_id: uuid.UUID):
    """Issue (or renew) the family's private link; an earlier link stops working."""
    business = get_business_or_404(business_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.issue_family_link(business, current_user)
    flash(_("Tautan keluarga baru dibuat. Tautan lama tidak berlaku lagi."), "success")
    return redirect(url_for("mentor.overview", business_id=business.id, _anchor="keluarga"))


@mentor_bp.route("/usaha/<uuid:business_id>/tautan-keluarga/cabut", methods=["POST"])
def revoke_link(business_id: uuid.UUID):
    """Revoke the family's private link."""
    business = get_business_or_404(business_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.revoke_family_link(business)
    flash(_("Tautan keluarga dicabut."), "success")
    return redirect(url_for("mentor.overview", business_id=business.id, _anchor="keluarga"))


def _family_link_or_404(business):
    link = services.family_link_of(business)
    if link is None:
        abort(404)
    return link


@mentor_bp.route("/usaha/<uuid:business_id>/tautan-keluarga.png")
def link_qr(business_id: uuid.UUID):
    """Serve the QR of the family's link, for the sheet on the family's fridge."""
    business = get_business_or_404(business_id)
    link = _family_link_or_404(business)
    png = qr_png(_family_url(link.token), target_px=FAMILY_LINK_QR_PX)
    response = current_app.response_class(png, mimetype="image/png")
    return _private(response)


@mentor_bp.route("/usaha/<uuid:business_id>/tautan-keluarga/cetak")
def link_sheet(business_id: uuid.UUID):
    """Show the printable sheet of the family's link, marked "jangan dibagikan"."""
    business = get_business_or_404(business_id)
    link = _family_link_or_404(business)
    page = render_template(
        "storefront/link_sheet.html", business=business, expires=services.expires_on(link)
    )
    return _private(current_app.make_response(page))


def _qris_page(business, photo_form=None, confirm_form=None, qris=None, status=200):
    page = render_template(
        "storefront/qris.html",
        business=business,
        photo_form=photo_form or QrisPhotoForm(),
        confirm_form=confirm_form,
        qris=qris,
        form=ConfirmForm(),
        shown=read_qris(business.qris_payload) if business.qris_payload else None,
        pending=read_qris(business.qris_pending_payload) if business.qris_pending_payload else None,
    )
    return page, status


@mentor_bp.route("/usaha/<uuid:business_id>/qris", methods=["GET", "POST"])
def qris(business_id: uuid.UUID):
    """Read a photo of the family's QRIS sticker and show what it says, to be confirmed."""
    business = get_business_or_404(business_id)
    form = QrisPhotoForm()
    if not form.validate_on_submit():
        return _qris_page(business, form, status=400 if form.is_submitted() else 200)
    try:
        with Image.open(form.photo.data.stream) as image:
            texts = decode_photo(image)
    except (UnidentifiedImageError, OSError):
        texts = None
    if texts is None:
        form.photo.errors.append(_("Berkas ini bukan foto yang bisa dibaca."))
        return _qris_page(business, form, status=400)
    if not texts:
        form.photo.errors.append(_("Tidak ada kode QR di foto ini. Foto lebih dekat dan terang."))
        return _qris_page(business, form, status=400)
    try:
        found = read_qris(texts[0])
    except QrisError as error:
        form.photo.errors.append(str(error))
        return _qris_page(business, form, status=400)
    confirm = QrisConfirmForm(formdata=None, payload=found.payload)
    return _qris_page(business, form, confirm, found)


@mentor_bp.route("/usaha/<uuid:business_id>/qris/simpan", methods=["POST"])
def qris_submit(business_id: uuid.UUID):
    """Keep the confirmed QRIS waiting for a coordinator (it does not show yet)."""
    business = get_business_or_404(business_id)
    confirm = QrisConfirmForm()
    try:
        found = read_qris(confirm.payload.data or "")  # never trust the hidden field
    except QrisError:
        abort(400)
    if not confirm.validate_on_submit():
        return _qris_page(business, None, confirm, found, status=400)
    services.submit_qris(business, found, current_user)
    flash(_("QRIS disimpan. Koordinator harus menyetujuinya sebelum tampil."), "success")
    return redirect(url_for("storefront.qris", business_id=business.id))


@mentor_bp.route(
    "/usaha/<uuid:business_id>/qris/<any(setujui, tolak, hapus):action>", methods=["POST"]
)
def qris_decide(business_id: uuid.UUID, action: str):
    """Confirm or reject the waiting QRIS (coordinator), or remove the shown one."""
    business = get_business_or_404(business_id)
    if action in ("setujui", "tolak"):
        require_coordinator()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if action == "setujui":
        services.confirm_qris(business, current_user)
        flash(_("QRIS disetujui dan tampil di halaman."), "success")
    elif action == "tolak":
        services.reject_qris(business)
        flash(_("QRIS ditolak."), "success")
    else:
        services.remove_qris(business)
        flash(_("QRIS dihapus dari halaman."), "success")
    return redirect(url_for("storefront.qris", business_id=business.id))


@mentor_bp.app_template_global("family_link_of")
def family_link_for_template(business):
    """Return the business's family link and its expiry for the overview, or None."""
    link = services.family_link_of(business)
    return {"link": link, "expires": services.expires_on(link)} if link else None
