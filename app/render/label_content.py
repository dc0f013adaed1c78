"""What a packaging label says: its text blocks in reading order, their styles, food fields.

Pure: app.render (formatting, spec, text, theme). label.py lays these blocks out and draws them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.render.formatting import phone_local, price_label
from app.render.spec import DateLike, LabelSpec
from app.render.text import clean_text
from app.render.theme import Theme

# Product kinds (the app stores one per product; empty follows the business).
KIND_FOOD, KIND_FRESH, KIND_GOODS, KIND_SERVICE = "food", "fresh", "goods", "service"
# What the producer line says per kind: BPOM asks processed food for "Diproduksi oleh".
PRODUCER_PREFIX = {KIND_FOOD: "Diproduksi oleh", KIND_FRESH: "Dari", KIND_GOODS: "Dibuat oleh"}
CAPTION_CODE = "Kode produksi"
CAPTION_EXPIRY = "Baik digunakan sebelum"


@dataclass(frozen=True)
class BlockStyle:
    """How one kind of label text is set: face, nominal size, lines and what may give way."""

    role: str
    ratio: float  # nominal font size as a share of the label's short side
    title: bool = False  # the product name: its minimum is MIN_TITLE_PT
    max_lines: int | None = None
    flexible: bool = False  # may be cut with "…" when the label is too small (reported)
    drop_rank: int = 0  # >0: may be left out when space is short, lowest rank first
    accent: bool = False  # drawn in the theme's primary colour


# The label's text blocks, in reading order. The flow shrinks them together.
BLOCKS = {
    "product":     BlockStyle("text-bold",    0.12,  title=True, max_lines=2),
    "net":         BlockStyle("text-bold",    0.066, max_lines=1),
    "price":       BlockStyle("text-bold",    0.1,   title=True, max_lines=2, drop_rank=1,
                              accent=True),
    "composition": BlockStyle("text-regular", 0.058, flexible=True),
    "producer":    BlockStyle("text-regular", 0.058, flexible=True),
    "pirt":        BlockStyle("text-bold",    0.058, max_lines=1),
    "halal":       BlockStyle("text-regular", 0.058, max_lines=1),
    "batch":       BlockStyle("text-regular", 0.058),
    "order":       BlockStyle("text-bold",    0.066, max_lines=2, drop_rank=2, accent=True),
}  # fmt: skip


@dataclass(frozen=True)
class Block:
    """One text block of a label: its words, style and colour (and badge or write-in boxes)."""

    key: str
    text: str
    style: BlockStyle
    colour: str
    badge: str = ""  # non-empty: draw as an outlined badge with this heading
    # Write-in boxes: (caption, value) pairs; an empty value leaves a blank to fill in.
    boxes: tuple[tuple[str, str], ...] = ()


def format_date(value: DateLike) -> str:
    """Format a date as DD-MM-YYYY (BPOM asks for day, month and year); pass strings through."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


# Indonesian names of the mandatory food-label fields (PerBPOM 31/2018 as amended).
FOOD_FIELDS: tuple[tuple[str, str], ...] = (
    ("product_name", "nama produk"),
    ("composition", "komposisi"),
    ("net_weight", "berat bersih"),
    ("producer_name", "nama produsen"),
    ("business_address", "alamat produsen"),
    ("pirt_number", "nomor P-IRT"),
    ("production", "kode/tanggal produksi"),
    ("expiry_date", "tanggal kedaluwarsa"),
)
# Fields a write-in box on the label can take by hand: missing, but not blocking.
WRITE_IN_FIELDS = frozenset({"production", "expiry_date"})


def product_kind(spec: LabelSpec) -> str:
    """Return the product's kind: its own, else food or goods after the business."""
    return spec.product.kind or (KIND_FOOD if spec.business.is_food else KIND_GOODS)


def missing_food_fields(spec: LabelSpec) -> list[str]:
    """Return the Indonesian names of mandatory food-label fields that are still empty."""
    if product_kind(spec) != KIND_FOOD:
        return []
    b, p = spec.business, spec.product
    values = {
        "product_name": p.name,
        "composition": p.composition,
        "net_weight": p.net_weight,
        "producer_name": b.producer_name or b.name,
        "business_address": b.business_address,
        "pirt_number": b.pirt_number,
        "production": spec.production_code or format_date(spec.production_date),
        "expiry_date": format_date(spec.expiry_date),
    }
    return [label for key, label in FOOD_FIELDS if not clean_text(values[key]).strip()]


def _batch_value(spec: LabelSpec) -> tuple[str, str]:
    """Return what the two write-in boxes print: code/date of production, and expiry."""
    made = " · ".join(
        x for x in (spec.production_code.strip(), format_date(spec.production_date)) if x
    )
    return made, format_date(spec.expiry_date)


def label_blocks(spec: LabelSpec, t: Theme) -> list[Block]:
    """Return the label's text blocks in reading order, with what each says."""
    b, p = spec.business, spec.product
    kind = product_kind(spec)

    def block(key: str, text: str, **kw) -> Block:
        style = BLOCKS[key]
        return Block(key, text, style, t.primary if style.accent else t.text, **kw)

    out = [block("product", p.name)]
    if p.net_weight.strip():
        net = "Berat bersih" if kind in (KIND_FOOD, KIND_FRESH) else "Isi"
        out.append(block("net", f"{net}: {p.net_weight.strip()}"))
    price = price_label(p.price_idr, p.unit) if spec.show_price else ""
    if price:
        out.append(block("price", price))
    if kind == KIND_FOOD and p.composition.strip():
        out.append(block("composition", f"Komposisi: {p.composition.strip()}"))
    producer = ", ".join(x for x in (b.producer_name or b.name, b.business_address) if x)
    if kind in PRODUCER_PREFIX and producer:
        out.append(block("producer", f"{PRODUCER_PREFIX[kind]}: {producer}"))
    if kind == KIND_FOOD and b.pirt_number.strip():
        out.append(block("pirt", f"P-IRT No. {b.pirt_number.strip()}"))
    if kind == KIND_FOOD and b.halal_cert_number.strip():
        # A neutral text mark, not the official "Label Halal Indonesia": we hold no
        # licensed artwork file, and BPJPH issues it to certified businesses only.
        out.append(block("halal", f"No. {b.halal_cert_number.strip()}", badge="HALAL"))
    if kind == KIND_FOOD:
        made, expiry = _batch_value(spec)
        out.append(block("batch", "", boxes=((CAPTION_CODE, made), (CAPTION_EXPIRY, expiry))))
    elif spec.production_code.strip() or spec.expiry_date:
        made, expiry = _batch_value(spec)
        boxes = tuple((c, v) for c, v in ((CAPTION_CODE, made), (CAPTION_EXPIRY, expiry)) if v)
        out.append(block("batch", "", boxes=boxes))
    if b.whatsapp:
        out.append(block("order", f"Pesan (WA): {phone_local(b.whatsapp)}"))
    return out
