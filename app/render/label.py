"""Packaging label at 300 dpi for a physical size in mm, with BPOM food fields and a small QR."""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from app.render.formatting import phone_local, price_label
from app.render.logo import wordmark_layout
from app.render.qr import MIN_MODULE_MM, qr_image, qr_modules
from app.render.spec import DateLike, LabelSpec
from app.render.text import TextLayout, clean_text, draw_layout, fit_text
from app.render.theme import Theme, get_theme
from app.render.units import mm_to_px, mm_to_px_f, pt_to_px, px_to_mm

SAFE_MARGIN_MM = 2.0  # kept clear of the die-cut edge, which wanders ±1 mm on cheap sheets
HEADER_SHARE = 0.16  # wordmark band height as a share of the label height…
HEADER_MAX_MM = 12.0  # …but never taller than this on big labels
COLUMN_GAP_MM = 1.5
QR_MAX_WIDTH_SHARE = 0.42  # the QR column never takes more than this share of the width
BLOCK_GAP_SHARE = 0.25  # gap between text blocks, as a share of their font size
MIN_TEXT_PT = 5.0  # smallest body text we print; below this nobody reads it
MIN_TITLE_PT = 6.0
# Nominal font sizes as a share of the label's short side; the flow shrinks them together.
TITLE_RATIO = 0.12
PRICE_RATIO = 0.1
DETAIL_RATIO = 0.058
ORDER_RATIO = 0.066
SCALE_FLOOR = 0.2
SCALE_STEPS = 9
BADGE_PAD_RATIO = 0.35  # halal badge padding, as a share of its font size
BADGE_BORDER_RATIO = 0.12
_TALL_BOX = 100_000  # "unbounded" height when measuring a block's natural height


@dataclass(frozen=True)
class _Block:
    key: str
    text: str
    role: str
    ratio: float
    min_pt: float
    colour: str
    max_lines: int | None = None
    flexible: bool = False  # may be cut with an ellipsis when the label is too small
    badge: str = ""  # non-empty: draw as an outlined badge with this heading
    drop_rank: int = 0  # >0: may be left out when space is short, lowest rank first


@dataclass
class LabelResult:
    """A rendered label and what the renderer had to decide about it."""

    image: Image.Image
    qr_included: bool
    qr_module_mm: float | None
    missing_fields: list[str]
    warnings: list[str] = field(default_factory=list)


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


def missing_food_fields(spec: LabelSpec) -> list[str]:
    """Return the Indonesian names of mandatory food-label fields that are still empty."""
    if not spec.business.is_food:
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


def _blocks(spec: LabelSpec, t: Theme) -> list[_Block]:
    b, p = spec.business, spec.product
    blocks = [_Block("product", p.name, "text-bold", TITLE_RATIO, MIN_TITLE_PT, t.text, 2)]
    price = price_label(p.price_idr, p.unit) if spec.show_price else ""
    if p.net_weight.strip():
        blocks.append(
            _Block(
                "net",
                f"Berat bersih {p.net_weight}",
                "text-bold",
                DETAIL_RATIO,
                MIN_TEXT_PT,
                t.text,
                1,
            )
        )
    if price:
        blocks.append(
            _Block(
                "price", price, "text-bold", PRICE_RATIO, MIN_TITLE_PT, t.primary, 2, drop_rank=1
            )
        )
    if b.is_food:
        if p.composition.strip():
            blocks.append(
                _Block(
                    "composition",
                    f"Komposisi: {p.composition}",
                    "text-regular",
                    DETAIL_RATIO,
                    MIN_TEXT_PT,
                    t.text,
                    flexible=True,
                )
            )
        producer = ", ".join(x for x in (b.producer_name or b.name, b.business_address) if x)
        blocks.append(
            _Block(
                "producer",
                f"Diproduksi oleh: {producer}",
                "text-regular",
                DETAIL_RATIO,
                MIN_TEXT_PT,
                t.text,
                flexible=True,
            )
        )
        if b.pirt_number.strip():
            blocks.append(
                _Block(
                    "pirt",
                    f"P-IRT No. {b.pirt_number}",
                    "text-bold",
                    DETAIL_RATIO,
                    MIN_TEXT_PT,
                    t.text,
                    1,
                )
            )
    made = " · ".join(
        x
        for x in (
            f"Kode produksi: {spec.production_code}" if spec.production_code.strip() else "",
            f"Tgl produksi: {format_date(spec.production_date)}" if spec.production_date else "",
        )
        if x
    )
    if made:
        blocks.append(_Block("made", made, "text-regular", DETAIL_RATIO, MIN_TEXT_PT, t.text, 2))
    if spec.expiry_date:
        blocks.append(
            _Block(
                "expiry",
                f"Baik digunakan sebelum: {format_date(spec.expiry_date)}",
                "text-bold",
                DETAIL_RATIO,
                MIN_TEXT_PT,
                t.text,
                2,
            )
        )
    if b.halal_cert_number.strip():
        # A neutral text mark, not the official "Label Halal Indonesia": we hold no
        # licensed artwork file, and BPJPH issues it to certified businesses only.
        blocks.append(
            _Block(
                "halal",
                f"No. {b.halal_cert_number}",
                "text-regular",
                DETAIL_RATIO,
                MIN_TEXT_PT,
                t.text,
                1,
                badge="HALAL",
            )
        )
    if b.whatsapp:
        blocks.append(
            _Block(
                "order",
                f"Pesan (WA): {phone_local(b.whatsapp)}",
                "text-bold",
                ORDER_RATIO,
                MIN_TEXT_PT,
                t.primary,
                2,
                drop_rank=2,
            )
        )
    return blocks


@dataclass(frozen=True)
class _Placed:
    block: _Block
    layout: TextLayout
    heading: TextLayout | None
    height: float
    gap: float


def _badge_pad(size: int) -> int:
    return max(2, round(size * BADGE_PAD_RATIO))


def _fit_block(block: _Block, size: int, width: int, box_h: int) -> _Placed:
    """Lay out one block at a fixed size inside a width and height."""
    gap = size * BLOCK_GAP_SHARE
    if block.badge:
        # One row, "HALAL" in bold then the number, inside an outline.
        pad = _badge_pad(size)
        inner_w = max(1, width - 2 * pad)
        inner_h = max(1, box_h - 2 * pad)
        head = fit_text(block.badge, inner_w, inner_h, "text-bold", size, size, max_lines=1)
        head_w = round(head.bbox[2]) + pad
        body = fit_text(
            block.text, max(1, inner_w - head_w), inner_h, block.role, size, size, max_lines=1
        )
        if not body.lines:  # too narrow for both on one row: number under the heading
            body = fit_text(block.text, inner_w, inner_h, block.role, size, size, max_lines=1)
            return _Placed(block, body, head, head.bbox[3] + body.bbox[3] + 2 * pad, gap)
        return _Placed(block, body, head, max(head.bbox[3], body.bbox[3]) + 2 * pad, gap)
    layout = fit_text(
        block.text, width, max(1, box_h), block.role, size, size, max_lines=block.max_lines
    )
    return _Placed(block, layout, None, layout.bbox[3], gap)


def _size(block: _Block, short_px: int, scale: float, dpi: int) -> int:
    return max(pt_to_px(block.min_pt, dpi), round(short_px * block.ratio * scale))


def _total(placed: list[_Placed]) -> float:
    return sum(p.height for p in placed) + sum(p.gap for p in placed[:-1])


def _scale_search(
    blocks: list[_Block], width: int, height: int, short_px: int, dpi: int
) -> list[_Placed] | None:
    """Return the blocks at the largest common scale that fits, or None."""

    def attempt(scale: float) -> list[_Placed]:
        return [_fit_block(b, _size(b, short_px, scale, dpi), width, _TALL_BOX) for b in blocks]

    full = attempt(1.0)
    if _total(full) <= height:
        return full
    floor = attempt(SCALE_FLOOR)
    if _total(floor) > height:
        return None
    best, lo, hi = floor, SCALE_FLOOR, 1.0
    for _ in range(SCALE_STEPS):
        mid = (lo + hi) / 2
        placed = attempt(mid)
        if _total(placed) <= height:
            best, lo = placed, mid
        else:
            hi = mid
    return best


def _flow(
    blocks: list[_Block], width: int, height: int, short_px: int, dpi: int
) -> tuple[list[_Placed], list[str]]:
    """Fit all blocks at one scale; else drop optional ones, then cut flexible ones."""
    warnings: list[str] = []
    found = _scale_search(blocks, width, height, short_px, dpi)
    for victim in sorted((b for b in blocks if b.drop_rank), key=lambda b: b.drop_rank):
        if found is not None:
            return found, warnings
        blocks = [b for b in blocks if b is not victim]
        warnings.append(f"teks '{victim.key}' tidak muat di label ini")
        found = _scale_search(blocks, width, height, short_px, dpi)
    if found is not None:
        return found, warnings
    # Still too much text at the smallest readable size: keep fixed blocks, share the rest.
    placed = [_fit_block(b, _size(b, short_px, SCALE_FLOOR, dpi), width, _TALL_BOX) for b in blocks]
    fixed = sum(p.height + p.gap for p in placed if not p.block.flexible)
    flex = [p for p in placed if p.block.flexible]
    room = height - fixed - sum(p.gap for p in flex)
    natural = sum(p.height for p in flex) or 1
    out = []
    for p in placed:
        if p.block.flexible:
            share = max(0, int(room * p.height / natural))
            p = _fit_block(p.block, p.layout.size, width, share)
            if p.layout.truncated:
                warnings.append(f"teks '{p.block.key}' dipotong: pilih ukuran label lebih besar")
        out.append(p)
    # Drop trailing blocks rather than draw outside the label.
    while out and _total(out) > height:
        dropped = out.pop()
        warnings.append(f"teks '{dropped.block.key}' tidak muat di label ini")
    return out, warnings


def _draw_placed(img: Image.Image, p: _Placed, x: int, y: float, t: Theme) -> None:
    if p.heading is None:
        draw_layout(img, p.layout, (x, y), p.block.colour)
        return
    size = p.layout.size
    pad = _badge_pad(size)
    head_h = p.heading.bbox[3]
    one_row = p.height < head_h + p.layout.bbox[3] + 2 * pad
    if one_row:
        body_xy = (x + pad + round(p.heading.bbox[2]) + pad, y + pad)
        inner_w = body_xy[0] - x - pad + p.layout.bbox[2]
    else:
        body_xy = (x + pad, y + pad + head_h)
        inner_w = max(p.heading.bbox[2], p.layout.bbox[2])
    border = max(1, round(size * BADGE_BORDER_RATIO))
    ImageDraw.Draw(img).rounded_rectangle(
        (x, y, x + inner_w + 2 * pad, y + p.height), radius=pad, outline=t.text, width=border
    )
    draw_layout(img, p.heading, (x + pad, y + pad), t.text)
    draw_layout(img, p.layout, body_xy, t.text)


@dataclass
class _Plan:
    module_px: int  # 0 = no QR
    col_w: int
    placed: list[_Placed]
    warnings: list[str]

    @property
    def text_cut(self) -> bool:
        """Tell whether any text block was dropped or cut."""
        return any(w.startswith("teks") for w in self.warnings)


def _plan(spec: LabelSpec, t: Theme, w: int, body_h: int, qr_mode: str) -> _Plan:
    """Lay out the body with the QR at full size, at its smallest scannable size, or without."""
    dpi = spec.dpi
    margin = mm_to_px(SAFE_MARGIN_MM, dpi)
    col_w = w - 2 * margin
    module_px = 0
    warnings: list[str] = []
    if spec.qr_url and qr_mode != "none":
        n = qr_modules(spec.qr_url)
        min_px = math.ceil(mm_to_px_f(MIN_MODULE_MM, dpi))
        fit_px = min(body_h, round(w * QR_MAX_WIDTH_SHARE)) // n
        module_px = min_px if qr_mode == "min" else fit_px
        if fit_px < min_px:
            module_px = 0
            warnings.append(
                f"QR tidak dicetak: label terlalu kecil (modul {px_to_mm(fit_px, dpi):.2f} mm < "
                f"{MIN_MODULE_MM} mm); pakai label lebih besar atau QR di pamflet"
            )
        else:
            col_w -= module_px * n + mm_to_px(COLUMN_GAP_MM, dpi)
    placed, flow_warnings = _flow(
        _blocks(spec, t), col_w, body_h, min(w, round(body_h / (1 - HEADER_SHARE))), dpi
    )
    return _Plan(module_px, col_w, placed, warnings + flow_warnings)


def render_label_result(spec: LabelSpec) -> LabelResult:
    """Render a label and report QR and missing-field decisions."""
    t = get_theme(spec.business.theme)
    dpi = spec.dpi
    w, h = mm_to_px(spec.width_mm, dpi), mm_to_px(spec.height_mm, dpi)
    img = Image.new("RGB", (w, h), t.background)
    draw = ImageDraw.Draw(img)
    margin = mm_to_px(SAFE_MARGIN_MM, dpi)

    header_h = min(round(h * HEADER_SHARE), mm_to_px(HEADER_MAX_MM, dpi))
    draw.rectangle((0, 0, w, header_h), fill=t.primary)
    band_text_h = max(1, header_h - margin // 2)
    mark = wordmark_layout(spec.business.display_name, w - 2 * margin, band_text_h)
    draw_layout(img, mark, (margin, (header_h - band_text_h) // 2 + margin // 4), t.on_primary)

    body_top = header_h + margin // 2
    body_h = h - body_top - margin
    # Mandatory food text outranks the QR: shrink the QR to its smallest scannable
    # size first, and leave it out on a food label only when the text still won't fit.
    modes = ("full", "min", "none") if spec.business.is_food else ("full", "min")
    for mode in modes:
        plan = _plan(spec, t, w, body_h, mode)
        if not plan.text_cut:
            break
    if spec.qr_url and not plan.module_px and not any("QR" in x for x in plan.warnings):
        plan.warnings.append("QR tidak dicetak: keterangan pangan wajib tidak muat bersama QR")
    warnings = plan.warnings

    module_mm = None
    if plan.module_px:
        qr = qr_image(spec.qr_url, module_px=plan.module_px)
        img.paste(qr, (w - margin - qr.width, body_top + (body_h - qr.height) // 2))
        module_mm = px_to_mm(plan.module_px, dpi)
    y = float(body_top)
    for i, p in enumerate(plan.placed):
        if i == len(plan.placed) - 1 and p.block.key == "order":
            y = max(y, body_top + body_h - p.height)  # order number sits at the bottom
        _draw_placed(img, p, margin, y, t)
        y += p.height + p.gap

    missing = missing_food_fields(spec)
    img.info["dpi"] = (dpi, dpi)
    img.info["kit_qr"] = f"{module_mm:.3f}mm" if module_mm else "omitted"
    return LabelResult(img, module_mm is not None, module_mm, missing, warnings)


def render_label(spec: LabelSpec) -> Image.Image:
    """Render a packaging label as an RGB image at the spec's DPI (300 by default)."""
    return render_label_result(spec).image


def label_png(spec: LabelSpec) -> bytes:
    """Render a label as PNG bytes carrying its DPI, so it prints at its size in mm."""
    img = render_label(spec)
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(spec.dpi, spec.dpi), compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


# zlib level 1–3 is several times faster than the default 6 and only a few % larger
# for flat artwork like labels.
PNG_COMPRESS_LEVEL = 3
