"""Turn a business record into the kit's files: specs, cache keys, lazy rendering."""

from __future__ import annotations

import dataclasses
import io
import os
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from flask import current_app

from app import printitems as print_items
from app import render
from app.extensions import db
from app.filecache import cache_key, cached_path
from app.filters import public_url
from app.kitspec import (  # re-exported: the kit's callers know them as kitfiles.*
    KitError,
    KitFile,
    KitOptions,
    _key_data,
    _scan_cta,
    business_spec,
    choose_theme,
    data_fingerprint,
    is_food,
    labelled_products,
    product_kind,
    public_address,
    qr_stamp,
)
from app.models import Business
from app.models.core import KIND_FOOD
from app.qris import sign_qris
from app.render.label import label_png
from app.render.sheet import PrinterCorrection, SheetError, SheetItem
from app.render.stamp import stamp_qr_png, stamp_qr_svg

__all__ = [
    "KitError",
    "KitFile",
    "KitOptions",
    "business_spec",
    "build_kit",
    "choose_theme",
    "data_fingerprint",
    "is_food",
    "kit_files",
    "kit_zip",
    "labelled_products",
    "product_kind",
    "public_address",
    "qr_stamp",
]

DEFAULT_SHEET = "a4-3x8-70x37"
# A food label carries BPOM's mandatory text and two write-in boxes: it needs room.
DEFAULT_FOOD_SHEET = "a4-2x4-99x67"
SIGN_SIZES = ("A6", "A5")
MAX_COPIES = 500
PNG = "image/png"
PDF = "application/pdf"
SVG = "image/svg+xml"
JPEG = "image/jpeg"

# The files `flask kit build` writes and the kit page offers, in that order.
KIT_FILE_NAMES = (
    "logo.png",
    "label.png",
    "label-sheet.pdf",
    "pamphlet-square.png",
    "pamphlet-story.png",
    "pamphlet-a5.pdf",
    "qr.png",
    "qr.svg",
    "qr-sign.pdf",
)
EXTRA_FILE_NAMES = ("qr-sign-a5.pdf",)


def sheet_preset(options: KitOptions, business: Business | None = None):
    """Return the chosen sheet preset (or the custom size); none chosen: one for the kinds."""
    if not options.sheet:
        food = business is not None and any(
            product_kind(business, p) == KIND_FOOD for p in business.products
        )
        return render.load_sheets()[DEFAULT_FOOD_SHEET if food else DEFAULT_SHEET]
    if options.sheet == "custom":
        if not options.custom_w_mm or not options.custom_h_mm:
            raise KitError("Isi lebar dan tinggi label untuk ukuran sendiri.")
        try:
            return render.custom_sheet(options.custom_w_mm, options.custom_h_mm)
        except (SheetError, ValueError) as exc:
            raise KitError(f"Ukuran label tidak muat di kertas A4: {exc}") from exc
    presets = render.load_sheets()
    if options.sheet not in presets:
        raise KitError("Ukuran lembar label tidak dikenal.")
    return presets[options.sheet]


def label_spec(
    business: Business, options: KitOptions, spec=None, product_id: str | None = None
) -> render.LabelSpec:
    """Return the label spec of a product: the given one, the chosen one, else the first."""
    spec = spec or business_spec(business, options)
    ids = [str(product.id) for product in business.products]
    wanted = product_id or options.product_id
    if wanted and wanted not in ids:
        raise KitError("Produk tidak ditemukan.")
    labelled = [str(p.id) for p in labelled_products(business)]
    index = ids.index(wanted) if wanted else ids.index(labelled[0]) if labelled else 0
    product = spec.products[index] if spec.products else render.ProductSpec(name=business.name)
    preset = sheet_preset(options, business)
    return render.LabelSpec(
        business=spec,
        product=dataclasses.replace(product, photo=None),
        width_mm=preset.label_w_mm,
        height_mm=preset.label_h_mm,
        qr_url=public_url(business.slug, "label"),
        show_price=options.show_price,
        production_code=options.production_code,
        production_date=options.production_date,
        expiry_date=options.expiry_date,
        edge_safe_mm=preset.edge_safe_mm,
        stamp=qr_stamp(business),
    )


def printer_correction(business: Business) -> PrinterCorrection:
    """Return the correction the business's team measured for its printer."""
    team = business.team
    if team is None:
        return PrinterCorrection()
    return PrinterCorrection(
        team.printer_offset_x_mm or 0.0,
        team.printer_offset_y_mm or 0.0,
        team.printer_scale_pct or 100.0,
    )


def sheet_plan(business: Business, options: KitOptions) -> list[tuple[str, int]]:
    """Return (product id, copies) for the sheet: the mix, else a full sheet per product."""
    preset = sheet_preset(options, business)
    known = {str(p.id) for p in labelled_products(business)}
    if options.mix:
        return [(pid, min(n, MAX_COPIES)) for pid, n in options.mix if pid in known and n > 0]
    start_at = min(max(options.start_at, 1), preset.per_sheet)
    plan = []
    for i, product in enumerate(labelled_products(business)):
        full = preset.per_sheet - (start_at - 1 if i == 0 else 0)
        plan.append((str(product.id), min(max(options.copies or full, 1), MAX_COPIES)))
    return plan


def pamphlet_inputs(business: Business, options: KitOptions, spec) -> tuple[dict, Callable]:
    """Return the pamphlets' key inputs and a lazy maker of their full spec (with photo)."""
    url = public_url(business.slug, "pamphlet")
    photos = [product.photo for product in business.products]
    stamp = qr_stamp(business)
    inputs = {
        "spec": _key_data(render.PamphletSpec(spec, qr_url=url, stamp=stamp)),
        "photos": photos,
    }

    @cache
    def full_spec() -> render.PamphletSpec:
        full = business_spec(business, options, with_photos=True)
        photo = next((p.photo for p in full.products if p.photo), None)
        return render.PamphletSpec(full, qr_url=url, photo=photo, stamp=stamp)

    return inputs, full_spec


def _add_pamphlets(business: Business, options: KitOptions, add: Callable, pamphlet) -> None:
    """Register the pamphlets, each in the template chosen for its format."""
    for fmt in ("square", "story"):
        tid = print_items.pamphlet_template(business, fmt)
        add(
            f"pamphlet-{fmt}.png",
            PNG,
            ".png",
            lambda tid=tid: {**pamphlet()[0], "template": tid},
            lambda fmt=fmt, tid=tid: render.pamphlet_png(pamphlet()[1](), fmt, tid),
        )
    tid = print_items.pamphlet_template(business, "a5")
    add(
        "pamphlet-a5.pdf",
        PDF,
        ".pdf",
        lambda: {**pamphlet()[0], "bleed": options.bleed, "template": tid},
        lambda: render.pamphlet_a5_pdf(pamphlet()[1](), bleed=options.bleed, template=tid),
    )


def _add_labels(business: Business, options: KitOptions, add: Callable, spec) -> None:
    """Register the label and the label sheet."""
    preset = sheet_preset(options, business)
    start_at = min(max(options.start_at, 1), preset.per_sheet)

    @cache
    def label() -> render.LabelSpec:
        return label_spec(business, options, spec)

    @cache
    def sheet() -> tuple[list[tuple[render.LabelSpec, int]], PrinterCorrection]:
        plan = [
            (label_spec(business, options, spec, pid), n)
            for pid, n in sheet_plan(business, options)
        ]
        return plan or [(label(), preset.per_sheet - start_at + 1)], printer_correction(business)

    # One build renders each label once: label.png is the sheet's first label too.
    @cache
    def image(ls: render.LabelSpec):
        return render.render_label(ls)

    def make_sheet() -> bytes:
        plan, correction = sheet()
        items = [SheetItem(image(ls), n, ls.product.name) for ls, n in plan]
        return render.labels_sheet_pdf(
            items, preset, start_at, options.cut_lines, correction, page_per_item=not options.mix
        )

    def sheet_inputs() -> dict:
        return {
            "labels": [(_key_data(ls), n) for ls, n in sheet()[0]],
            "preset": dataclasses.asdict(preset),
            "start": start_at,
            "cut": options.cut_lines,
            "mix": bool(options.mix),
            "correction": dataclasses.asdict(sheet()[1]),
        }

    add(
        "label.png",
        PNG,
        ".png",
        lambda: _key_data(label()),
        lambda: label_png(label(), image(label())),
    )
    add("label-sheet.pdf", PDF, ".pdf", sheet_inputs, make_sheet)


def _add_qr_files(business: Business, add: Callable, spec) -> None:
    """Register the QR code (PNG, SVG) and the stall signs."""
    stamp = qr_stamp(business)
    url = public_url(business.slug, "sign")
    sign = render.SignSpec(spec, url, _scan_cta(business), stamp, *sign_qris(business))
    qr_inputs = {"url": url, "stamp": stamp}
    add(
        "qr.png",
        PNG,
        ".png",
        lambda: qr_inputs,
        lambda: stamp_qr_png(url, stamp) if stamp else render.qr_png(url),
    )
    add(
        "qr.svg",
        SVG,
        ".svg",
        lambda: qr_inputs,
        lambda: stamp_qr_svg(render.qr_svg(url), stamp).encode(),
    )
    add("qr-sign.pdf", PDF, ".pdf", lambda: _key_data(sign), lambda: render.qr_sign_pdf(sign, "A6"))
    add(
        "qr-sign-a5.pdf",
        PDF,
        ".pdf",
        lambda: _key_data(sign),
        lambda: render.qr_sign_pdf(sign, "A5"),
    )


def kit_files(
    business: Business, options: KitOptions | None = None, only: set[str] | None = None
) -> dict[str, KitFile]:
    """Return the kit files (all, or `only` these) with their keys; nothing is rendered yet."""
    options = options or KitOptions()
    # Keys are computed from specs without photo bytes plus the photos' stored names: an
    # upload's name is random and its file never rewritten, so the name stands for the
    # content, and a page view never has to read photos from disk.
    spec = business_spec(business, options, with_photos=False)
    base = data_fingerprint()
    wanted = set(only) if only else None
    if wanted and "label-sheet.pdf" in wanted:
        wanted.add("label.png")  # the sheet's key is made from the label's
    files: dict[str, KitFile] = {}

    def add(name, mimetype, suffix, inputs, make):
        # Inputs come as a function: a cached-file fetch computes only the key it needs.
        if wanted is None or name in wanted:
            key = cache_key(name, inputs(), base)
            files[name] = KitFile(name, key, mimetype, suffix, make, owner=str(business.id))

    @cache
    def pamphlet():
        return pamphlet_inputs(business, options, spec)

    add(
        "logo.png",
        PNG,
        ".png",
        lambda: print_items.logo_key(business, spec),
        lambda: print_items.logo_png_bytes(business, spec),
    )
    _add_labels(business, options, add, spec)
    _add_pamphlets(business, options, add, pamphlet)
    _add_qr_files(business, add, spec)
    print_items.add_print_items(business, spec, _key_data, add, lambda: pamphlet()[1]().business)
    return files


def build_kit(
    business: Business,
    options: KitOptions | None = None,
    threads: bool = True,
    only: set[str] | None = None,
) -> dict[str, KitFile]:
    """Render (or find in the cache) every kit file (or `only` these); threads=False in a pool."""
    files = kit_files(business, options, only)
    missing = [f for f in files.values() if not cached_path(f.root, f.key, f.suffix).is_file()]
    if threads and len(missing) > 1:
        app = current_app._get_current_object()

        def render_one(kit_file: KitFile) -> None:
            with app.app_context():
                kit_file.path()

        # Pillow and zlib release the GIL while they draw and compress, so threads help.
        # The sheet PDF reads label.png: render the label first, the sheet with the rest.
        files["label.png"].path()
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(render_one, missing))
    for kit_file in files.values():
        kit_file.path()
    return files


def kit_zip(business: Business, options: KitOptions | None = None) -> KitFile:
    """Return the whole kit as one ZIP, itself cached under the keys of its members."""
    files = build_kit(business, options)
    names = (*KIT_FILE_NAMES, *EXTRA_FILE_NAMES, *print_items.item_names(business))
    return kit_zip_file(business, [files[name] for name in names])


def kit_zip_file(business: Business, members: list[KitFile]) -> KitFile:
    """Return the ZIP of the given kit files (rendered when first read)."""
    files = {member.name: member for member in members}
    names = [member.name for member in members]
    folder = business.slug

    def make() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                # PNG and PDF are compressed already; deflating them again only costs time.
                method = zipfile.ZIP_DEFLATED if name.endswith(".svg") else zipfile.ZIP_STORED
                archive.write(files[name].path(), f"{folder}/{name}", compress_type=method)
        return buffer.getvalue()

    key = cache_key("kit.zip", folder, [files[name].key for name in names])
    return KitFile("kit.zip", key, "application/zip", ".zip", make, owner=str(business.id))


def set_printer_correction(
    team, ruler_mm: float | None, offset_x_mm: float, offset_y_mm: float
) -> None:
    """Store a team's printer correction; a ruler measurement sets the scale (flushes)."""
    if ruler_mm:
        team.printer_scale_pct = PrinterCorrection.from_ruler(ruler_mm).scale_pct
    team.printer_offset_x_mm = offset_x_mm
    team.printer_offset_y_mm = offset_y_mm
    db.session.flush()


def set_logo_style(business: Business, style: str) -> None:
    """Save the mentor's logo design ("" goes back to the trade's default)."""
    if style and style not in print_items.logos.STYLES:
        raise KitError("Gaya logo tidak dikenal.")
    business.logo_style = style
