"""Thin views: the kit page with its label designer, file downloads and public images."""

from __future__ import annotations

import time
import uuid
from urllib.parse import urlencode

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from app import kitfiles, render
from app import printitems as print_items
from app.access import get_business_or_404, guard_blueprint
from app.extensions import limiter
from app.forms import ConfirmForm
from app.kit import bp
from app.kit import checks as kit_checks
from app.kit.forms import KitOptionsForm, PrinterCorrectionForm, set_choices
from app.kit.issues import describe
from app.kitfiles import EXTRA_FILE_NAMES, KIT_FILE_NAMES, KitError, KitFile
from app.responses import ONE_YEAR_S, cache_for, pdf_response

OPTION_FIELDS = (
    "product",
    "sheet",
    "custom_w",
    "custom_h",
    "theme",
    "show_price",
    "production_code",
    "production_date",
    "expiry_date",
    "home_address",
    "copies",
    "start_at",
    "cut_lines",
    "bleed",
    "mix",
)

# What each file is, in the words a family uses; the downloaded file is named the same way.
FILE_TITLES = {
    "logo.png": (_l("Logo"), "logo"),
    "label.png": (_l("Label kemasan"), "label-kemasan"),
    "label-sheet.pdf": (_l("Lembar stiker label"), "lembar-stiker-label"),
    "pamphlet-square.png": (_l("Pamflet Instagram"), "pamflet-instagram"),
    "pamphlet-story.png": (_l("Pamflet status WhatsApp"), "pamflet-status-whatsapp"),
    "pamphlet-a5.pdf": (_l("Pamflet cetak A5"), "pamflet-cetak-a5"),
    "qr.png": (_l("Kode QR"), "kode-qr"),
    "qr.svg": (_l("Kode QR untuk percetakan (SVG)"), "kode-qr-percetakan"),
    "qr-sign.pdf": (_l("Papan QR A6"), "papan-qr-a6"),
    "qr-sign-a5.pdf": (_l("Papan QR A5"), "papan-qr-a5"),
}

guard_blueprint(bp)


def _render_budget() -> str:
    return current_app.config["RENDER_LIMIT"]


def _render_key() -> str:
    return f"render:{current_user.get_id()}"


def _default_options() -> bool:
    return not request.args.get("sheet")


# Default options render each business's files once; other options can vary without end,
# so each user's renders with them share one budget (and the cache stays bounded).
limit_renders = limiter.limit(
    _render_budget, key_func=_render_key, exempt_when=_default_options, scope="kit-render"
)


def _designer_args() -> bool:
    """Tell whether the query string carries label-designer options (else: defaults)."""
    return any(key.split("-")[0] in OPTION_FIELDS for key in request.args)


def _options(business) -> kitfiles.KitOptions:
    """Return the designer's options from the query string (defaults cost no form work)."""
    if not _designer_args():
        return kitfiles.KitOptions()
    return _options_form(business).options()


def _options_form(business) -> KitOptionsForm:
    args = request.args if _designer_args() else MultiDict()
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
        if field.type == "FieldList":
            pairs += [(entry.name, entry._value()) for entry in field.entries if entry.data]
        elif field.type == "BooleanField":
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
@limit_renders
def page(business_id: uuid.UUID):
    """Show the kit, built on arrival, with the label designer; POST rebuilds after a change."""
    business = get_business_or_404(business_id)
    form = _options_form(business)
    query = _query(form)
    try:
        options = form.options()
        files = kitfiles.kit_files(business, options)
        label = kit_checks.label_result(business, options)
        preset = kitfiles.sheet_preset(options, business)
        checks = kit_checks.product_checks(business, options)
        pamphlet_issues = kit_checks.pamphlet_checks(business, options)
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
            url_for("kit.page", business_id=business.id) + (f"?{query}&dibuat=1" if query else "")
        )
    # The kit is built on arrival; a changed label setting shows its preview first and
    # offers "Buat ulang" for the whole kit.
    built = not request.args.get("sheet") or request.args.get("dibuat") == "1"
    if built:
        kitfiles.build_kit(business, options)
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
        built=built,
        titles=FILE_TITLES,
        stamp=kitfiles.qr_stamp(business),
        checks=checks,
        pamphlet_issues=pamphlet_issues,
        describe=describe,
        printer=_printer_form(business),
        pamphlet_gallery=print_items.pamphlet_gallery(business),
        items=print_items.page_context(
            business,
            kitfiles.business_spec(business, kitfiles.KitOptions(), with_photos=False),
            lambda: kitfiles.business_spec(business, kitfiles.KitOptions(), with_photos=True),
            bleed=options.bleed,
        ),
    )


def _printer_form(business) -> PrinterCorrectionForm:
    form = PrinterCorrectionForm(formdata=None)
    team = business.team
    if team is not None:
        form.offset_x_mm.data = team.printer_offset_x_mm or None
        form.offset_y_mm.data = team.printer_offset_y_mm or None
    return form


@bp.route("/usaha/<uuid:business_id>/kit/printer", methods=["POST"])
def printer(business_id: uuid.UUID):
    """Save the team's printer correction from what the calibration page measured."""
    business = get_business_or_404(business_id)
    form = PrinterCorrectionForm()
    if form.validate_on_submit():
        kitfiles.set_printer_correction(
            business.team,
            float(form.ruler_mm.data) if form.ruler_mm.data is not None else None,
            float(form.offset_x_mm.data or 0),
            float(form.offset_y_mm.data or 0),
        )
        flash(_("Koreksi printer tim disimpan: berlaku untuk semua lembar label."), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
    return redirect(url_for("kit.page", business_id=business.id))


@bp.route("/usaha/<uuid:business_id>/kit/berkas/<name>")
@limit_renders
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
    stem, _dot, suffix = name.rpartition(".")
    download = f"{business.slug}-{FILE_TITLES[name][1] if name in FILE_TITLES else stem}.{suffix}"
    return serve(kit_file, download, attachment=request.args.get("unduh") == "1")


@bp.route("/usaha/<uuid:business_id>/kit.zip")
@limit_renders
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
