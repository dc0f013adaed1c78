"""Thin views for the designs: the logo style and pamphlet template choices, their thumbnails."""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from app import kitfiles as services
from app import kitweb
from app import printitems as print_items
from app.access import get_business_or_404
from app.filecache import cache_key
from app.forms import ConfirmForm
from app.kit import bp
from app.kit.routes import serve
from app.render import logos
from app.render.pamphlet import TEMPLATES
from app.responses import ONE_HOUR_S


@bp.route("/usaha/<uuid:business_id>/kit/logo", methods=["POST"])
def logo_style(business_id: uuid.UUID):
    """Save the chosen logo style, then show the kit again."""
    business = get_business_or_404(business_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.set_logo_style(business, request.form.get("logo_style", ""))
    except services.KitError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Gaya logo disimpan."), "success")
    return redirect(url_for("kit.page", business_id=business.id) + "#logo")


@bp.route("/usaha/<uuid:business_id>/kit/logo/<design>.png")
def logo_preview(business_id: uuid.UUID, design: str):
    """Return a small preview of the business's logo in one style."""
    business = get_business_or_404(business_id)
    if design not in logos.STYLES:
        abort(404)
    spec = services.business_spec(business, services.KitOptions(), with_photos=False)
    key_inputs = {**print_items.logo_key(business, spec), "style": design, "preview": True}
    key = cache_key("logo-preview", key_inputs, services.data_fingerprint())
    kit_file = services.KitFile(
        "logo-preview.png",
        key,
        services.PNG,
        ".png",
        lambda: print_items.logo_png_bytes(business, spec, design, print_items.LOGO_PREVIEW_PX),
    )
    return serve(kit_file, f"{business.slug}-logo-{design}.png", max_age=ONE_HOUR_S)


@bp.route("/usaha/<uuid:business_id>/kit/pamflet", methods=["POST"])
def pamphlet_template(business_id: uuid.UUID):
    """Save the chosen pamphlet template of one format, then show the kit again."""
    business = get_business_or_404(business_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    fmt = request.form.get("format", "")
    try:
        print_items.set_pamphlet_template(business, fmt, request.form.get("template", ""))
    except ValueError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Desain pamflet disimpan."), "success")
    return redirect(url_for("kit.page", business_id=business.id) + f"#pamflet-{fmt}")


@bp.route("/usaha/<uuid:business_id>/kit/pamflet/<fmt>/<template>.jpg")
def pamphlet_thumb(business_id: uuid.UUID, fmt: str, template: str):
    """Return a small preview of the business's pamphlet in one template (the gallery)."""
    business = get_business_or_404(business_id)
    if fmt not in TEMPLATES or template not in TEMPLATES[fmt]:
        abort(404)
    kit_file = kitweb.template_thumb(business, fmt, template)
    return serve(kit_file, f"{business.slug}-{fmt}-{template}.jpg", max_age=ONE_HOUR_S)
