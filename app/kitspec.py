"""What a business's kit is made from: options, the file record, and the public spec.

Everything here is read-only over the records; app/kitfiles.py registers the files.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from flask import current_app

from app import printitems as print_items
from app import render
from app.filecache import business_folder, get_or_render
from app.models import Business, Product
from app.models.core import KIND_SERVICE
from app.reach import stamp_code
from app.render.data import SHEETS_FILE, THEMES_FILE, data_file
from app.uploads import upload_path


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
        return get_or_render(
            self.root,
            self.key,
            self.suffix,
            self.make,
            max_bytes=limit,
            cache_root=config["GENERATED_DIR"],
        )

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
        logo_style=print_items.logo_style(business),
        icon=print_items.trade_icon(business),
        trade_name=trade.name_id if (trade := _trade(business)) else "",
    )
