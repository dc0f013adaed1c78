"""Frozen input specs for the renderers: plain data, no database objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PIL import Image

# Photos may arrive as encoded bytes (an upload) or an already decoded image.
Photo = bytes | Image.Image | None
DateLike = dt.date | str | None

MAX_PAMPHLET_PRODUCTS = 6
DEFAULT_CTA = "Scan untuk pesan"
DEFAULT_SIGN_CTA = "Scan untuk lihat menu & pesan"


@dataclass(frozen=True)
class ProductSpec:
    """One product: name, price in whole Rupiah, selling unit and food-label data."""

    name: str
    price_idr: int | None = None
    unit: str = ""
    composition: str = ""
    photo: Photo = field(default=None, compare=False, repr=False)
    net_weight: str = ""
    kind: str = ""  # "food", "fresh", "goods", "service"; empty follows BusinessSpec.is_food


@dataclass(frozen=True)
class BusinessSpec:
    """Public facts about a business that artwork may show (never private data)."""

    name: str
    tagline: str = ""
    village: str = ""
    # International digits ("62812…"), or None when the family chose no order number.
    whatsapp: str | None = None
    cta: str = DEFAULT_CTA
    products: tuple[ProductSpec, ...] = ()
    theme: str = ""
    logo_text: str | None = None
    is_food: bool = False
    producer_name: str = ""
    business_address: str = ""
    pirt_number: str = ""
    halal_cert_number: str = ""

    @property
    def display_name(self) -> str:
        """Return the text of the wordmark (logo_text when set, else the name)."""
        return (self.logo_text or self.name or "").strip()


@dataclass(frozen=True)
class LabelSpec:
    """A packaging label for one product at a physical size in millimetres."""

    business: BusinessSpec
    product: ProductSpec
    width_mm: float = 60.0
    height_mm: float = 40.0
    qr_url: str | None = None
    show_price: bool = True
    production_code: str = ""
    production_date: DateLike = None
    expiry_date: DateLike = None
    dpi: int = 300
    # Gapless sheets without bleed: colour and text stay this far inside the cut (mm).
    edge_safe_mm: float = 0.0
    stamp: str = ""  # a render.stamp code when the QR cannot be opened yet


@dataclass(frozen=True)
class PamphletSpec:
    """A pamphlet: the business, its QR target and an optional hero photo."""

    business: BusinessSpec
    qr_url: str | None = None
    photo: Photo = field(default=None, compare=False, repr=False)
    headline: str = ""
    stamp: str = ""


@dataclass(frozen=True)
class SignSpec:
    """A stall sign: wordmark, large QR and a call to action."""

    business: BusinessSpec
    qr_url: str
    cta: str = DEFAULT_SIGN_CTA
    stamp: str = ""
    # A coordinator-confirmed static QRIS payload and its merchant name (tag 59), or "".
    qris_payload: str = ""
    qris_merchant: str = ""
