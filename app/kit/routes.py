"""Thin views: the kit page with its label designer, file downloads and public images."""

from __future__ import annotations

import time
import uuid
from urllib.parse import urlencode

from flask import Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from app import kitfiles, render
from app import printitems as print_items
from app.access import get_business_or_404, guard_blueprint
from app.forms import ConfirmForm
from app.kit import bp
from app.kit.forms import KitOptionsForm, set_choices
from app.kitfiles import EXTRA_FILE_NAMES, KIT_FILE_NAMES, KitError, KitFile
from app.responses import ONE_YEAR_S, cache_for, pdf_response

OPTION_FIELDS = (
    "product", "sheet", "custom_w", "custom_h", "theme", "show_price", "production_code",
    "production_date", "expiry_date", "home_address", "copies", "start_at", "cut_lines", "bleed",
)  # fmt: skip

guard_blueprint(bp)


def _options(business) -> kitfiles.KitOptions:
    """Return the designer's options from the query string (defaults cost no form work)."""
    if not request.args.get("sheet"):
        return kitfiles.KitOptions()
    return _options_form(business).options()


def _options_form(business) -> KitOptionsForm:
    args = request.args if request.args.get("sheet") else MultiDict()
    form = KitOptionsForm(formdata=args if args else None)
    themes, _default = render.load_themes()
    set_choices(form, business, render.load_sheets(), themes, str(get_locale()))
    if not args:
        form.theme.data = kitfiles.choose_theme(business)
    if args:
        form.validate()
    return form


def _query(form: KitOptionsForm) -> str:
    pairs = []
    for name in OPTION_FIELDS:
        field = form[name]
        if field.type == "BooleanField":
            if field.data:
                pairs.append((name, "y"))
        elif field.type == "SelectField":
            if field.data:
                pairs.append((name, field.data))
        elif field.data not in (None, ""):
            pairs.append((name, field._value()))
    return urlencode(pairs)


def serve(
    kit_file: KitFile,
    download_name: str,
    attachment: bool = False,
    public: bool = False,
    max_age: int = ONE_YEAR_S,
) -> Response:
    """Send a cached kit file with its key as ETag (304 when the client has it)."""
    if request.if_none_match.contains(kit_file.key):
        response = Response(status=304)
    else:
        response = send_file(
            kit_file.path(),
            mimetype=kit_file.mimetype,
            as_attachment=attachment,
            download_name=download_name,
            etag=False,
            conditional=False,
        )
    response.set_etag(kit_file.key)
    return cache_for(response, max_age, public=public)


@bp.route("/usaha/<uuid:business_id>/kit", methods=["GET", "POST"])
def page(business_id: uuid.UUID):
    """Show the kit: previews, downloads and the label designer; POST builds everything."""
    business = get_business_or_404(business_id)
    form = _options_form(business)
    query = _query(form)
    try:
        options = form.options()
        files = kitfiles.kit_files(business, options)
        label = kitfiles.label_result(business, options)
        preset = kitfiles.sheet_preset(options)
    except KitError as exc:
        flash(str(exc), "error")
        return redirect(url_for("kit.page", business_id=business.id))
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        started = time.perf_counter()
        kitfiles.build_kit(business, options)
        elapsed = (time.perf_counter() - started) * 1000
        flash(_("Kit selesai dibuat (%(ms)s ms).", ms=round(elapsed)), "success")
        return redirect(
            url_for("kit.page", business_id=business.id) + (f"?{query}" if query else "")
        )
    return render_template(
        "kit/page.html",
        business=business,
        form=form,
        files=files,
        names=[*KIT_FILE_NAMES, *EXTRA_FILE_NAMES],
        query=query,
        label=label,
        preset=preset,
        is_food=kitfiles.is_food(business),
        confirm=ConfirmForm(),
        items=print_items.page_context(
            business,
            kitfiles.business_spec(business, kitfiles.KitOptions(), with_photos=False),
            lambda: kitfiles.business_spec(business, kitfiles.KitOptions(), with_photos=True),
        ),
    )


@bp.route("/usaha/<uuid:business_id>/kit/berkas/<name>")
def file(business_id: uuid.UUID, name: str):
    """Serve one kit file; a stale version in the link is redirected to the current one."""
    business = get_business_or_404(business_id)
    if name not in (*KIT_FILE_NAMES, *EXTRA_FILE_NAMES) and not print_items.is_item_name(name):
        abort(404)
    try:
        kit_file = kitfiles.kit_files(business, _options(business), only={name})[name]
    except (KitError, KeyError):  # KeyError: post-9.png for a business with 3 products
        abort(404)
    if request.args.get("v") != kit_file.key:
        query = _query(_options_form(business))
        target = url_for("kit.file", business_id=business.id, name=name, v=kit_file.key)
        return redirect(f"{target}&{query}" if query else target)
    download = f"{business.slug}-{name}"
    return serve(kit_file, download, attachment=request.args.get("unduh") == "1")


@bp.route("/usaha/<uuid:business_id>/kit.zip")
def zip_file(business_id: uuid.UUID):
    """Download the whole kit as one ZIP."""
    business = get_business_or_404(business_id)
    try:
        kit_file = kitfiles.kit_zip(business, _options(business))
    except KitError:
        abort(404)
    return serve(kit_file, f"kit-{business.slug}.zip", attachment=True)


@bp.route("/kit/kalibrasi/<preset>.pdf")
def calibration(preset: str):
    """Return the calibration page of a sheet preset."""
    presets = render.load_sheets()
    if preset not in presets:
        abort(404)
    return pdf_response(render.calibration_pdf(presets[preset]), f"kalibrasi-{preset}.pdf")
