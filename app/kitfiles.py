"""Turn a business record into the kit's files: specs, cache keys, lazy rendering."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from flask import current_app
from PIL import Image

from app import printitems as print_items
from app import render
from app.extensions import db
from app.filecache import business_folder, cache_key, cached_path, get_or_render
from app.filters import public_url
from app.models import Business, Product
from app.models.core import KIND_FOOD, KIND_SERVICE
from app.qris import sign_qris
from app.reach import stamp_code
from app.render.data import SHEETS_FILE, THEMES_FILE, data_file
from app.render.sheet import PrinterCorrection, SheetError, SheetItem
from app.render.stamp import stamp_qr_png, stamp_qr_svg
from app.uploads import upload_path

DEFAULT_SHEET = "a4-3x8-70x37"
# A food label carries BPOM's mandatory text and two write-in boxes: it needs room.
DEFAULT_FOOD_SHEET = "a4-2x4-99x67"
WEB_LOGO_HEIGHT_PX = 96  # shown 48 px high on the public page: sharp on 2x screens
OG_IMAGE_PX = 600  # WhatsApp previews want a small square picture under ~300 KB
OG_JPEG_QUALITY = 80
SIGN_SIZES = ("A6", "A5")
MAX_COPIES = 500
PNG = "image/png"
PDF = "application/pdf"
SVG = "image/svg+xml"
JPEG = "image/jpeg"

# The files `flask kit build` writes and the kit page offers, in that order.
KIT_FILE_NAMES = (
    "logo.png", "label.png", "label-sheet.pdf", "pamphlet-square.png", "pamphlet-story.png",
    "pamphlet-a5.pdf", "qr.png", "qr.svg", "qr-sign.pdf",
)  # fmt: skip
EXTRA_FILE_NAMES = ("qr-sign-a5.pdf",)


class KitError(ValueError):
    """A kit option cannot be used; str() says why, in Indonesian."""


@dataclass(frozen=True)
class KitOptions:
    """What the label designer chose; the defaults make a sensible first kit."""

    product_id: str | None = None
    sheet: str = ""  # empty: the default for the products' kinds
    # Mixed sheet: (product id, count) pairs filled one after another; empty = a full
    # sheet per product, one page each.
    mix: tuple[tuple[str, int], ...] = ()
    custom_w_mm: float | None = None
    custom_h_mm: float | None = None
    theme: str | None = None
    show_price: bool = True
    production_code: str = ""
    production_date: date | None = None
    expiry_date: date | None = None
    home_address_on_label: bool = False
    copies: int | None = None
    start_at: int = 1
    cut_lines: bool = False
    bleed: bool = False


@dataclass
class KitFile:
    """One file of the kit: its name, cache key and how to make it."""

    name: str
    key: str
    mimetype: str
    suffix: str
    make: Callable[[], bytes] = field(repr=False)
    owner: str = ""  # the business's id: its files live in one folder that goes with it

    @property
    def root(self) -> Path:
        """Return the cache folder of the business (every variant of its files is there)."""
        return business_folder(current_app.config["GENERATED_DIR"], self.owner)

    def path(self) -> Path:
        """Return the cached file, rendering it if this key was never rendered."""
        config = current_app.config
        limit = int(config.get("GENERATED_MAX_MB", 500)) * 1024 * 1024
        return get_or_render(self.root, self.key, self.suffix, self.make, max_bytes=limit,
                             cache_root=config["GENERATED_DIR"])  # fmt: skip

    def read(self) -> bytes:
        """Return the file's bytes."""
        return self.path().read_bytes()


@cache
def _file_digest(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def data_fingerprint() -> dict[str, str]:
    """Return what, besides the specs, changes the artwork: renderer and data files."""
    files = {"themes": data_file(THEMES_FILE), "sheets": data_file(SHEETS_FILE)}
    result = {name: _file_digest(path, path.stat().st_mtime_ns) for name, path in files.items()}
    return {**result, "renderer": render.RENDERER_VERSION}


def _key_data(value):
    """Return JSON-able data for a spec; photos are reduced to a digest of their bytes."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _photo_digest(getattr(value, f.name))
            if f.name == "photo"
            else _key_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
        }
    if isinstance(value, tuple | list):
        return [_key_data(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _photo_digest(photo) -> str | None:
    if photo is None:
        return None
    data = photo if isinstance(photo, bytes) else photo.tobytes()
    return hashlib.sha256(data).hexdigest()


def choose_theme(business: Business, requested: str | None = None) -> str:
    """Return the theme key: the requested one, the business's own, or one picked by slug."""
    themes, _default = render.load_themes()
    for key in (requested, business.theme):
        if key and key in themes:
            return key
    keys = sorted(themes)
    return keys[int(hashlib.sha256(business.slug.encode()).hexdigest(), 16) % len(keys)]


def _photo_bytes(name: str | None) -> bytes | None:
    if not name:
        return None
    path = upload_path(current_app.config["UPLOAD_DIR"], name)
    return path.read_bytes() if path else None


def _trade(business: Business):
    return current_app.extensions["toolkits"].trades.get(business.trade)


def is_food(business: Business) -> bool:
    """Return whether the business's trade makes food or drink (food-label fields apply)."""
    trade = _trade(business)
    return bool(trade and trade.food)


def product_kind(business: Business, product: Product | None) -> str:
    """Return a product's kind: its own, else its trade's default."""
    if product is not None and product.kind:
        return product.kind
    trade = _trade(business)
    return trade.product_kind if trade else "goods"


def labelled_products(business: Business) -> list[Product]:
    """Return the products that get a packaging label (every kind but services)."""
    return [p for p in business.products if product_kind(business, p) != KIND_SERVICE]


def _cta(business: Business) -> str:
    trade = _trade(business)
    return trade.cta_id if trade and trade.cta_id else render.spec.DEFAULT_CTA


def _scan_cta(business: Business) -> str:
    trade = _trade(business)
    return trade.scan_id if trade and trade.scan_id else render.spec.DEFAULT_SIGN_CTA


def qr_stamp(business: Business) -> str:
    """Return why this business's QR artwork must say CONTOH ("" when it can be printed)."""
    return stamp_code(business, current_app.config["PUBLIC_BASE_URL"])


def public_address(business: Business) -> str:
    """Return the address that may be printed: the business address, else desa and kecamatan."""
    if business.business_address:
        return business.business_address
    parts = [f"Desa {business.village}" if business.village else ""]
    parts += [f"Kec. {business.district}" if business.district else "", business.regency_label]
    return ", ".join(part for part in parts if part)


def business_spec(business: Business, options: KitOptions, with_photos: bool = True):
    """Return the public facts the artwork may show (never NIK, finances or aid status)."""
    products = tuple(
        render.ProductSpec(
            name=product.name,
            price_idr=product.price_idr,
            unit=product.unit,
            composition=product.composition,
            net_weight=product.net_weight,
            kind=product_kind(business, product),
            photo=_photo_bytes(product.photo) if with_photos else None,
        )
        for product in business.products
    )
    # The home address goes on a label only when the mentor ticks it for this print run.
    address = business.home_address if options.home_address_on_label else public_address(business)
    return render.BusinessSpec(
        name=business.name,
        tagline=business.tagline,
        village=business.village,
        whatsapp=business.whatsapp,
        cta=_cta(business),
        products=products,
        theme=choose_theme(business, options.theme),
        is_food=is_food(business),
        producer_name=business.name,
        business_address=address or "",
        pirt_number=business.pirt_number or "",
        halal_cert_number=business.halal_cert_number or "",
    )


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


def _png(image: Image.Image, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **params)
    return buffer.getvalue()


def _pamphlet(business: Business, options: KitOptions, spec) -> tuple[dict, Callable]:
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
    preset = sheet_preset(options, business)
    start_at = min(max(options.start_at, 1), preset.per_sheet)
    stamp = qr_stamp(business)
    sign_url = public_url(business.slug, "sign")
    sign = render.SignSpec(spec, sign_url, _scan_cta(business), stamp, *sign_qris(business))
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
    def label() -> render.LabelSpec:
        return label_spec(business, options, spec)

    @cache
    def pamphlet():
        return _pamphlet(business, options, spec)

    add("logo.png", PNG, ".png", lambda: print_items.logo_key(business, spec),
        lambda: print_items.logo_png_bytes(business, spec))  # fmt: skip
    add("label.png", PNG, ".png", lambda: _key_data(label()),
        lambda: render.label_png(label()))  # fmt: skip

    @cache
    def sheet() -> tuple[list[tuple[render.LabelSpec, int]], PrinterCorrection]:
        plan = [
            (label_spec(business, options, spec, pid), n)
            for pid, n in sheet_plan(business, options)
        ]
        return plan or [(label(), preset.per_sheet - start_at + 1)], printer_correction(business)

    def make_sheet() -> bytes:
        plan, correction = sheet()
        items = [SheetItem(render.render_label(ls), n, ls.product.name) for ls, n in plan]
        return render.labels_sheet_pdf(items, preset, start_at, options.cut_lines, correction,
                                       page_per_item=not options.mix)  # fmt: skip

    add("label-sheet.pdf", PDF, ".pdf",
        lambda: {"labels": [(_key_data(ls), n) for ls, n in sheet()[0]],
                 "preset": dataclasses.asdict(preset), "start": start_at,
                 "cut": options.cut_lines, "mix": bool(options.mix),
                 "correction": dataclasses.asdict(sheet()[1])},
        make_sheet)  # fmt: skip
    for fmt in ("square", "story"):
        add(f"pamphlet-{fmt}.png", PNG, ".png", lambda: pamphlet()[0],
            lambda fmt=fmt: render.pamphlet_png(pamphlet()[1](), fmt))  # fmt: skip
    add("pamphlet-a5.pdf", PDF, ".pdf", lambda: {**pamphlet()[0], "bleed": options.bleed},
        lambda: render.pamphlet_a5_pdf(pamphlet()[1](), bleed=options.bleed))  # fmt: skip
    add("qr.png", PNG, ".png", lambda: {"url": sign_url, "stamp": stamp},
        lambda: stamp_qr_png(sign_url, stamp) if stamp else render.qr_png(sign_url))  # fmt: skip
    add("qr.svg", SVG, ".svg", lambda: {"url": sign_url, "stamp": stamp},
        lambda: stamp_qr_svg(render.qr_svg(sign_url), stamp).encode())  # fmt: skip
    add("qr-sign.pdf", PDF, ".pdf", lambda: _key_data(sign),
        lambda: render.qr_sign_pdf(sign, "A6"))  # fmt: skip
    add("qr-sign-a5.pdf", PDF, ".pdf", lambda: _key_data(sign),
        lambda: render.qr_sign_pdf(sign, "A5"))  # fmt: skip
    print_items.add_print_items(business, spec, _key_data, add, lambda: pamphlet()[1]().business)
    return files


def label_result(business: Business, options: KitOptions) -> render.LabelResult:
    """Return what the label renderer decided (QR kept, missing food fields, warnings)."""
    return render.render_label_result(label_spec(business, options))


@dataclass
class ProductCheck:
    """What the kit page says about one product: its kind, what is missing, what won't fit."""

    product: Product
    kind: str
    missing: list[str]
    issues: list


@lru_cache(maxsize=512)
def _label_outcome(spec: render.LabelSpec) -> tuple[tuple[str, ...], tuple]:
    """Return a label's missing food fields and issues (specs are hashable; no image kept)."""
    result = render.render_label_result(spec)
    return tuple(result.missing_fields), tuple(result.issues)


@lru_cache(maxsize=256)
def _pamphlet_issues(spec: render.PamphletSpec, with_photo: bool) -> tuple:
    """Return what the square and story pamphlets cut; a stand-in photo keeps the layout."""
    photo = Image.new("RGB", (4, 3)) if with_photo else None
    return tuple(render.pamphlet_issues(dataclasses.replace(spec, photo=photo)))


def product_checks(business: Business, options: KitOptions) -> list[ProductCheck]:
    """Return, per product, the food-label fields still missing and the text that won't fit."""
    spec = business_spec(business, options, with_photos=False)
    pamphlet = render.PamphletSpec(spec, qr_url=public_url(business.slug, "pamphlet"))
    cut = _pamphlet_issues(pamphlet, any(p.photo for p in business.products))
    checks = []
    for product in business.products:
        kind = product_kind(business, product)
        missing, issues = (), ()
        if kind != KIND_SERVICE:
            missing, issues = _label_outcome(label_spec(business, options, spec, str(product.id)))
        mine = [i for i in cut if i.subject.partition(":")[2] == product.name]
        checks.append(ProductCheck(product, kind, list(missing), [*issues, *mine]))
    return checks


def pamphlet_checks(business: Business, options: KitOptions) -> list:
    """Return the pamphlet issues that concern no single product (name, tagline, calls)."""
    spec = business_spec(business, options, with_photos=False)
    pamphlet = render.PamphletSpec(spec, qr_url=public_url(business.slug, "pamphlet"))
    cut = _pamphlet_issues(pamphlet, any(p.photo for p in business.products))
    return [i for i in cut if ":" not in i.subject]


def build_kit(
    business: Business, options: KitOptions | None = None, threads: bool = True
) -> dict[str, KitFile]:
    """Render (or find in the cache) every kit file; threads=False when processes share out."""
    files = kit_files(business, options)
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


def web_logo(business: Business) -> KitFile:
    """Return the small wordmark shown on the public page."""
    spec = business_spec(business, KitOptions(), with_photos=False)
    inputs = {"name": spec.display_name, "theme": spec.theme, "h": WEB_LOGO_HEIGHT_PX}

    def make() -> bytes:
        image = render.render_logo(spec.display_name, spec.theme, height_px=WEB_LOGO_HEIGHT_PX)
        return _png(image, optimize=True)

    key = cache_key("logo-web", inputs, data_fingerprint())
    return KitFile("logo-web.png", key, PNG, ".png", make, owner=str(business.id))


def og_image(business: Business) -> KitFile:
    """Return the link-preview picture: the square pamphlet, small, as JPEG."""
    options = KitOptions()
    inputs, pamphlet = _pamphlet(business, options, business_spec(business, options, False))
    key = cache_key("pamphlet-square.png", inputs, data_fingerprint())  # as in kit_files
    square = KitFile(
        "pamphlet-square.png",
        key,
        PNG,
        ".png",
        lambda: render.pamphlet_png(pamphlet(), "square"),
        owner=str(business.id),
    )

    def make() -> bytes:
        with Image.open(square.path()) as image:
            small = image.convert("RGB").resize(
                (OG_IMAGE_PX, OG_IMAGE_PX), Image.Resampling.LANCZOS
            )
        buffer = io.BytesIO()
        small.save(buffer, format="JPEG", quality=OG_JPEG_QUALITY, optimize=True, progressive=True)
        return buffer.getvalue()

    return KitFile(
        "og.jpg", cache_key("og", square.key), JPEG, ".jpg", make, owner=str(business.id)
    )


def rendered_paths(business: Business) -> list[Path]:
    """Return the cached files the business's current record renders (default options).

    What `kit prune` keeps; variants rendered with other designer options are rebuilt on
    demand, and a family's deletion removes its whole folder.
    """
    kit = kit_files(business)
    members = [kit[name] for name in (*KIT_FILE_NAMES, *EXTRA_FILE_NAMES)]
    files = [*kit.values(), web_logo(business), og_image(business)]
    files.append(kit_zip_file(business, members))
    return [cached_path(f.root, f.key, f.suffix) for f in files]


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
