"""The kit's other print items (kartu nama, spanduk, menu, posts, tags, captions) and logo styles.

Registered into ``services.kit_files`` by one call; names, specs and photo checks live here.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image

from app.filters import localized, public_url
from app.models import Business
from app.reach import stamp_code
from app.render import logos
from app.render.banner import banner_pdf, load_banners, photo_box_mm
from app.render.caption import Captions, caption_txt, captions
from app.render.card import card_pdf
from app.render.data import PRINT_ITEMS_FILE, data_file
from app.render.items import ItemSpec
from app.render.menu import menu_pdf, menu_png, photo_usable_on_menu
from app.render.pamphlet import pamphlet_a5_result
from app.render.pamphlet.templates import DEFAULT_TEMPLATE, TEMPLATES
from app.render.photo import MIN_BANNER_DPI, PhotoFit, prepare_photo, print_fit, upright_size
from app.render.print_items import load_print_items
from app.render.social import post_png
from app.render.spec import PamphletSpec
from app.render.stamp import stamp_text
from app.render.tag import tag_pdf

# Bump on any visual change of these items: part of their cache keys.
ITEMS_VERSION = "1"
PNG, PDF, SVG, TXT, JPEG = (
    "image/png",
    "application/pdf",
    "image/svg+xml",
    "text/plain",
    "image/jpeg",
)
FIXED_NAMES = (
    "logo.svg",
    "kartu-nama.pdf",
    "spanduk.pdf",
    "menu.pdf",
    "menu.png",
    "tag.pdf",
    "caption.txt",
)
PER_PRODUCT = re.compile(r"^(post|status|foto)-([1-9][0-9]?)\.(png|jpg)$")
MARKETPLACE_PHOTO_PX = 1080  # square, as Shopee and Facebook show it
LOGO_PREVIEW_PX = 160
DEFAULT_SCAN_LINES = {
    "food": "Scan untuk lihat menu & pesan",
    "goods": "Scan untuk lihat katalog & pesan",
}


def _trade(business: Business):
    return current_app.extensions["toolkits"].trades.get(business.trade)


def logo_style(business: Business) -> str:
    """Return the business's logo style: the mentor's choice, else the trade's default."""
    trade = _trade(business)
    for style in (business.logo_style, trade.logo_style if trade else ""):
        if style in logos.STYLES:
            return style
    return logos.DEFAULT_STYLE


def trade_icon(business: Business) -> str:
    """Return the trade's icon (Tabler name), the shop icon for a trade without one."""
    trade = _trade(business)
    return trade.icon if trade and trade.icon else logos.DEFAULT_ICON


def style_choices() -> list[tuple[str, str]]:
    """Return (id, name) of every logo style, names in the current language."""
    return [(s.id, localized(s, "name")) for s in logos.STYLES.values()]


def pamphlet_template(business: Business, fmt: str) -> str:
    """Return a format's pamphlet template: the mentor's choice, else the trade's default."""
    known = TEMPLATES[fmt]
    chosen = (business.pamphlet_templates or {}).get(fmt, "")
    if chosen in known:
        return chosen
    trade = _trade(business)
    for table in load_print_items().pamphlets.choices(business.trade, bool(trade and trade.food)):
        if getattr(table, fmt, None) in known:
            return getattr(table, fmt)
    return DEFAULT_TEMPLATE


def pamphlet_gallery(business: Business) -> list[dict]:
    """Return, per pamphlet format, its templates (id, name) and the one in use."""
    return [
        {
            "format": fmt,
            "chosen": pamphlet_template(business, fmt),
            "own": fmt in (business.pamphlet_templates or {}),
            "templates": [(t.id, localized(t, "name")) for t in TEMPLATES[fmt].values()],
        }
        for fmt in TEMPLATES
    ]


def set_pamphlet_template(business: Business, fmt: str, template_id: str) -> None:
    """Save the mentor's pamphlet design for a format ("" goes back to the trade's default)."""
    if fmt not in TEMPLATES or (template_id and template_id not in TEMPLATES[fmt]):
        raise ValueError(_("Desain pamflet tidak dikenal."))
    choices = dict(business.pamphlet_templates or {})
    choices.pop(fmt, None)
    if template_id:
        choices[fmt] = template_id
    business.pamphlet_templates = choices  # a new dict: SQLAlchemy sees the change


def item_spec(business: Business, spec, *, with_photos: bool) -> ItemSpec:
    """Return the print items' spec from the kit's business spec."""
    trade = _trade(business)
    food = bool(trade and trade.food)
    if not with_photos:
        spec = replace(spec, products=tuple(replace(p, photo=None) for p in spec.products))
    # The trade's own "scan to…" words; food and goods lines for a trade without them.
    scan = (trade.scan_id if trade else "") or DEFAULT_SCAN_LINES["food" if food else "goods"]
    return ItemSpec(
        business=spec,
        qr_url=public_url(business.slug, "sign"),
        logo_style=logo_style(business),
        icon=trade_icon(business),
        trade_name=trade.name_id if trade else "",
        scan_line=scan,
        menu_title="Daftar Menu" if food else "Daftar Harga",
        # CONTOH when no customer could open the QR yet (issue 10's rule, as on every QR)
        stamp=stamp_text(stamp_code(business, current_app.config["PUBLIC_BASE_URL"])) or None,
    )


def is_item_name(name: str) -> bool:
    """Tell whether a file name is one of the print items (fixed or per product)."""
    return name in FIXED_NAMES or bool(PER_PRODUCT.match(name))


def item_names(business: Business) -> list[str]:
    """Return the item files this business gets, in the order the kit page lists them."""
    names = ["logo.svg", "kartu-nama.pdf", "spanduk.pdf", "menu.pdf", "menu.png"]
    trade = _trade(business)
    if not (trade and trade.food):
        names.append("tag.pdf")  # hang tags are for goods such as clothes and crafts
    for n, product in enumerate(business.products, 1):
        names += [f"post-{n}.png", f"status-{n}.png"]
        if product.photo:
            names.append(f"foto-{n}.jpg")
    return [*names, "caption.txt"]


@cache
def _items_digest(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _square_photo(photo: bytes) -> bytes:
    img = prepare_photo(photo, MARKETPLACE_PHOTO_PX, MARKETPLACE_PHOTO_PX)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=88, optimize=True)
    return buf.getvalue()


def add_print_items(
    business: Business, spec, key_data: Callable, add: Callable, full_spec: Callable
) -> None:
    """Register every print item with the kit's `add(name, mimetype, suffix, inputs, make)`."""
    item = item_spec(business, spec, with_photos=False)
    photos = [product.photo for product in business.products]
    path = data_file(PRINT_ITEMS_FILE)
    version = {"items": ITEMS_VERSION, "data": _items_digest(path, path.stat().st_mtime_ns)}

    def inputs() -> dict:
        return {"spec": key_data(item), "photos": photos, **version}

    @cache
    def full() -> ItemSpec:
        return item_spec(business, full_spec(), with_photos=True)

    add(
        "logo.svg",
        SVG,
        ".svg",
        lambda: {"logo": key_data(item.logo()), "style": item.logo_style, **version},
        lambda: logos.logo_svg(item.logo(), item.logo_style).encode(),
    )
    add("kartu-nama.pdf", PDF, ".pdf", inputs, lambda: card_pdf(item))
    add("spanduk.pdf", PDF, ".pdf", inputs, lambda: banner_pdf(full()))
    add("menu.pdf", PDF, ".pdf", inputs, lambda: menu_pdf(full()))
    add("menu.png", PNG, ".png", inputs, lambda: menu_png(full()))
    add("tag.pdf", PDF, ".pdf", inputs, lambda: tag_pdf(item))
    add("caption.txt", TXT, ".txt", inputs, lambda: caption_txt(item))
    for n, product in enumerate(business.products, 1):
        one = {"photo": product.photo, "n": n}
        for kind in ("post", "status"):
            add(
                f"{kind}-{n}.png",
                PNG,
                ".png",
                lambda one=one: {**inputs(), **one},
                lambda i=n - 1, kind=kind: post_png(full(), i, kind),
            )
        if product.photo:
            add(
                f"foto-{n}.jpg",
                JPEG,
                ".jpg",
                lambda one=one: {**one, **version},
                lambda i=n - 1: _square_photo(full().products[i].photo),
            )


def logo_key(business: Business, spec) -> dict:
    """Return what the logo depends on, for its cache key."""
    item = item_spec(business, spec, with_photos=False)
    return {
        "logo": [*item.logo().__dict__.values()],
        "style": item.logo_style,
        "items": ITEMS_VERSION,
    }


def logo_png_bytes(
    business: Business, spec, style: str | None = None, height_px: int = logos.DEFAULT_HEIGHT_PX
) -> bytes:
    """Render the business's logo (its style, or another for a preview) as PNG."""
    item = item_spec(business, spec, with_photos=False)
    return logos.logo_png(item.logo(), style or item.logo_style, height_px)


def business_captions(business: Business, spec) -> Captions:
    """Return the captions and marketplace listings shown on the kit page."""
    return captions(item_spec(business, spec, with_photos=False))


def photo_notes(business: Business, full_spec) -> list[str]:
    """Return, per product photo too small for a print item, where it is left out and why."""
    notes = []
    products = full_spec.products
    presets, default = load_banners()
    banner = presets[default]
    first_photo = next((i for i, p in enumerate(products) if p.photo), None)
    for i, p in enumerate(products):
        if p.photo is None:
            continue
        try:
            with Image.open(io.BytesIO(p.photo)) as img:
                size = img.size
        except OSError:
            notes.append(_("Foto %(name)s tidak bisa dibaca.", name=p.name))
            continue
        if not photo_usable_on_menu(p.photo, len(products)):
            notes.append(
                _(
                    "Foto %(name)s (%(w)s×%(h)s piksel) terlalu kecil untuk menu cetak A4 "
                    "(di bawah 150 dpi): di menu.pdf tampil ikon usaha. Unggah foto yang "
                    "lebih besar.",
                    name=p.name,
                    w=size[0],
                    h=size[1],
                )
            )
        box = photo_box_mm(banner)
        if i == first_photo and not print_fit(p.photo, *box, MIN_BANNER_DPI).usable:
            notes.append(
                _(
                    "Foto %(name)s terlalu kecil untuk spanduk (di bawah 100 dpi): "
                    "spanduk dibuat tanpa foto.",
                    name=p.name,
                )
            )
    return notes


@lru_cache(maxsize=64)
def _a5_photo_fit(
    spec: PamphletSpec, size: tuple[int, int], template: str, bleed: bool
) -> PhotoFit | None:
    """Return the fit of the A5's photo when the renderer leaves it out as too small, else None.

    A blank stand-in of the photo's upright size decides as the photo would (only pixels count).
    """
    stand_in = Image.new("RGB", size)
    return pamphlet_a5_result(replace(spec, photo=stand_in), template, bleed).photo_too_small


def a5_photo_note(business: Business, spec, bleed: bool = False) -> str | None:
    """Return what the kit page says when the A5 pamphlet leaves its photo out as too small."""
    product = next((p for p in spec.products if p.photo), None)
    if product is None:
        return None
    try:
        size = upright_size(product.photo)
    except OSError:
        return None  # photo_notes says it cannot be read
    stamp = stamp_code(business, current_app.config["PUBLIC_BASE_URL"])
    bare = replace(spec, products=tuple(replace(p, photo=None) for p in spec.products))
    pamphlet = PamphletSpec(bare, qr_url=public_url(business.slug, "pamphlet"), stamp=stamp)
    fit = _a5_photo_fit(pamphlet, size, pamphlet_template(business, "a5"), bleed)
    if fit is None:
        return None
    return _(
        "Foto %(name)s (%(w)s×%(h)s piksel) terlalu kecil untuk pamflet A5 (di bawah 150 dpi): "
        "pamflet A5 dibuat tanpa foto. Unggah foto minimal %(need_w)s×%(need_h)s piksel.",
        name=product.name,
        w=size[0],
        h=size[1],
        need_w=fit.need_px[0],
        need_h=fit.need_px[1],
    )


def page_context(business: Business, spec, full_spec: Callable, bleed: bool = False) -> dict:
    """Return what the kit page shows of the print items: names, styles, captions, photo notes.

    a5_photo_note goes beside the A5 pamphlet (its chosen template, with or without bleed).
    """
    full = full_spec() if any(product.photo for product in business.products) else None
    return {
        "names": item_names(business),
        "styles": style_choices(),
        "style": logo_style(business),
        "chosen": business.logo_style,
        "captions": business_captions(business, spec),
        "photo_notes": photo_notes(business, full) if full else [],
        "a5_photo_note": a5_photo_note(business, full, bleed) if full else None,
    }
