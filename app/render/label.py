"""Packaging label at 300 dpi for a physical size in mm, with BPOM food fields and a small QR."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from app.render.label_content import (  # noqa: F401  (the label API, one import away)
    BLOCKS,
    FOOD_FIELDS,
    KIND_FOOD,
    WRITE_IN_FIELDS,
    Block,
    BlockStyle,
    format_date,
    label_blocks,
    missing_food_fields,
    product_kind,
)
from app.render.logo import wordmark_layout
from app.render.png import png_bytes
from app.render.qr import MIN_MODULE_MM, qr_image, qr_modules
from app.render.rules import (
    MIN_TEXT_MM,
    QR_FOR_FOOD_TEXT,
    QR_TOO_SMALL,
    TEXT_CUT,
    TEXT_DROPPED,
    WORD_BROKEN,
    Issue,
    issue_for,
)
from app.render.spec import LabelSpec
from app.render.stamp import QrBox, stamp_image
from app.render.text import TextLayout, draw_layout, fit_text
from app.render.theme import Theme, get_theme
from app.render.units import MM_PER_INCH, PT_PER_INCH, mm_to_px, mm_to_px_f, pt_to_px, px_to_mm

SAFE_MARGIN_MM = 2.0  # text kept clear of the die-cut edge, which wanders ±1 mm on cheap sheets
HEADER_SHARE = 0.16  # wordmark band height as a share of the label height…
HEADER_MAX_MM = 12.0  # …but never taller than this on big labels
COLUMN_GAP_MM = 1.5
QR_MAX_WIDTH_SHARE = 0.42  # the QR column never takes more than this share of the width
BLOCK_GAP_SHARE = 0.25  # gap between text blocks, as a share of their font size
MIN_TEXT_PT = MIN_TEXT_MM["label"] / MM_PER_INCH * PT_PER_INCH  # smallest body text
MIN_TITLE_PT = MIN_TEXT_PT * 1.2  # the product name stays a step above the body
SCALE_FLOOR = 0.2
SCALE_STEPS = 9
BADGE_PAD_RATIO = 0.35  # halal badge padding, as a share of its font size
BADGE_BORDER_RATIO = 0.12
WRITE_IN_MM = 3.5  # blank height of a write-in box: room for a pen or a date stamp
WRITE_IN_GAP_MM = 1.0  # between the two write-in boxes
WRITE_IN_CAPTION_SHARE = 0.8  # caption size as a share of the body size
_TALL_BOX = 100_000  # "unbounded" height when measuring a block's natural height


@dataclass
class LabelResult:
    """A rendered label and what the renderer had to decide about it."""

    image: Image.Image
    qr_included: bool
    qr_module_mm: float | None
    missing_fields: list[str]
    issues: list[Issue] = field(default_factory=list)
    text_px: tuple[int, ...] = ()  # the font sizes printed, px at the label's DPI

    @property
    def warnings(self) -> list[str]:
        """Return the issue codes with their subjects, for logs and tests."""
        return [f"{i.code}:{i.subject}" for i in self.issues]


@dataclass(frozen=True)
class _Placed:
    block: Block
    layout: TextLayout | None
    heading: TextLayout | None
    height: float
    gap: float
    boxes: tuple[tuple[TextLayout, TextLayout | None], ...] = ()  # write-in caption, value
    box_w: int = 0
    box_gap: int = 0


def _badge_pad(size: int) -> int:
    return max(2, round(size * BADGE_PAD_RATIO))


def _fit_boxes(block: Block, size: int, width: int, dpi: int) -> _Placed:
    """Lay out write-in boxes side by side: a caption, then the value or a blank to fill in."""
    n = max(1, len(block.boxes))
    gap = mm_to_px(WRITE_IN_GAP_MM, dpi)
    pad = _badge_pad(size) // 2 + 1
    box_w = max(1, (width - gap * (n - 1)) // n)
    inner = max(1, box_w - 2 * pad)
    cap_size = max(pt_to_px(MIN_TEXT_PT, dpi), round(size * WRITE_IN_CAPTION_SHARE))
    laid = []
    tallest = 0.0
    for caption, value in block.boxes:
        cap = fit_text(caption, inner, _TALL_BOX, "text-regular", cap_size, cap_size, max_lines=2)
        val = (
            fit_text(value, inner, _TALL_BOX, "text-bold", size, size, max_lines=2)
            if value
            else None
        )
        body = val.bbox[3] if val else mm_to_px_f(WRITE_IN_MM, dpi)
        tallest = max(tallest, cap.bbox[3] + pad + body)
        laid.append((cap, val))
    height = tallest + 2 * pad
    return _Placed(block, None, None, height, size * BLOCK_GAP_SHARE, tuple(laid), box_w, gap)


def _fit_block(block: Block, size: int, width: int, box_h: int, dpi: int) -> _Placed:
    """Lay out one block at a fixed size inside a width and height."""
    gap = size * BLOCK_GAP_SHARE
    role, max_lines = block.style.role, block.style.max_lines
    if block.boxes:
        return _fit_boxes(block, size, width, dpi)
    if block.badge:
        # One row, "HALAL" in bold then the number, inside an outline.
        pad = _badge_pad(size)
        inner_w = max(1, width - 2 * pad)
        inner_h = max(1, box_h - 2 * pad)
        head = fit_text(block.badge, inner_w, inner_h, "text-bold", size, size, max_lines=1)
        head_w = round(head.bbox[2]) + pad
        body = fit_text(
            block.text, max(1, inner_w - head_w), inner_h, role, size, size, max_lines=1
        )
        if not body.lines or body.truncated:  # too narrow for one row: number under heading
            body = fit_text(block.text, inner_w, inner_h, role, size, size, max_lines=1)
            return _Placed(block, body, head, head.bbox[3] + body.bbox[3] + 2 * pad, gap)
        return _Placed(block, body, head, max(head.bbox[3], body.bbox[3]) + 2 * pad, gap)
    layout = fit_text(block.text, width, max(1, box_h), role, size, size, max_lines=max_lines)
    return _Placed(block, layout, None, layout.bbox[3], gap)


def _size(block: Block, short_px: int, scale: float, dpi: int) -> int:
    floor = MIN_TITLE_PT if block.style.title else MIN_TEXT_PT
    return max(pt_to_px(floor, dpi), round(short_px * block.style.ratio * scale))


def _total(placed: list[_Placed]) -> float:
    return sum(p.height for p in placed) + sum(p.gap for p in placed[:-1])


def _cut(p: _Placed) -> bool:
    """Tell whether a placed block lost text (cut with "…" or a word split)."""
    layouts = [p.layout] if p.layout else [v for _, v in p.boxes if v]
    return any(x.truncated or x.broken for x in layouts)


def _scale_search(
    blocks: list[Block], width: int, height: int, short_px: int, dpi: int
) -> list[_Placed] | None:
    """Return the blocks at the largest common scale that fits whole, or None."""

    def attempt(scale: float) -> list[_Placed]:
        return [
            _fit_block(b, _size(b, short_px, scale, dpi), width, _TALL_BOX, dpi) for b in blocks
        ]

    def fits(placed: list[_Placed]) -> bool:
        return _total(placed) <= height and not any(_cut(p) for p in placed)

    full = attempt(1.0)
    if fits(full):
        return full
    floor = attempt(SCALE_FLOOR)
    if not fits(floor):
        return None
    best, lo, hi = floor, SCALE_FLOOR, 1.0
    for _ in range(SCALE_STEPS):
        mid = (lo + hi) / 2
        placed = attempt(mid)
        if fits(placed):
            best, lo = placed, mid
        else:
            hi = mid
    return best


def _flow(
    blocks: list[Block], width: int, height: int, short_px: int, dpi: int
) -> tuple[list[_Placed], list[Issue]]:
    """Fit all blocks at one scale; else drop optional ones, then cut flexible ones."""
    issues: list[Issue] = []
    found = _scale_search(blocks, width, height, short_px, dpi)
    for victim in sorted((b for b in blocks if b.style.drop_rank), key=lambda b: b.style.drop_rank):
        if found is not None:
            return found, issues
        blocks = [b for b in blocks if b is not victim]
        issues.append(Issue(TEXT_DROPPED, "label", victim.key, victim.text))
        found = _scale_search(blocks, width, height, short_px, dpi)
    if found is not None:
        return found, issues
    # Still too much text at the smallest readable size: keep fixed blocks, share the rest.
    placed = [
        _fit_block(b, _size(b, short_px, SCALE_FLOOR, dpi), width, _TALL_BOX, dpi) for b in blocks
    ]
    fixed = sum(p.height + p.gap for p in placed if not p.block.style.flexible)
    flex = [p for p in placed if p.block.style.flexible]
    room = height - fixed - sum(p.gap for p in flex)
    natural = sum(p.height for p in flex) or 1
    out = []
    for p in placed:
        if p.block.style.flexible:
            share = max(0, int(room * p.height / natural))
            p = _fit_block(p.block, p.layout.size, width, share, dpi)
        if p.layout is not None and (issue := issue_for(p.layout, "label", p.block.key)):
            issues.append(issue)
        out.append(p)
    # Drop trailing blocks rather than draw outside the label.
    while out and _total(out) > height:
        dropped = out.pop()
        issues.append(Issue(TEXT_DROPPED, "label", dropped.block.key, dropped.block.text))
    return out, issues


def _draw_boxes(img: Image.Image, p: _Placed, x: int, y: float, t: Theme) -> None:
    """Draw write-in boxes: outline, caption, and the value when the run gave one."""
    size = p.boxes[0][0].size
    pad = _badge_pad(size) // 2 + 1
    border = max(1, round(size * BADGE_BORDER_RATIO))
    draw = ImageDraw.Draw(img)
    for i, (cap, val) in enumerate(p.boxes):
        bx = x + i * (p.box_w + p.box_gap)
        draw.rounded_rectangle(
            (bx, y, bx + p.box_w, y + p.height), radius=pad, outline=t.text, width=border
        )
        draw_layout(img, cap, (bx + pad, y + pad), t.text)
        if val:
            draw_layout(img, val, (bx + pad, y + pad + cap.bbox[3] + pad), t.text)


def _draw_placed(img: Image.Image, p: _Placed, x: int, y: float, t: Theme) -> None:
    if p.boxes:
        _draw_boxes(img, p, x, y, t)
        return
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
    issues: list[Issue]

    @property
    def text_cut(self) -> bool:
        """Tell whether any text block was dropped or cut."""
        return any(i.code in (TEXT_CUT, TEXT_DROPPED, WORD_BROKEN) for i in self.issues)


def _plan(spec: LabelSpec, t: Theme, w: int, body_h: int, margin: int, qr_mode: str) -> _Plan:
    """Lay out the body with the QR at full size, at its smallest scannable size, or without."""
    dpi = spec.dpi
    col_w = w - 2 * margin
    module_px = 0
    issues: list[Issue] = []
    if spec.qr_url and qr_mode != "none":
        n = qr_modules(spec.qr_url)
        min_px = math.ceil(mm_to_px_f(MIN_MODULE_MM, dpi))
        fit_px = min(body_h, round(w * QR_MAX_WIDTH_SHARE)) // n
        module_px = min_px if qr_mode == "min" else fit_px
        if fit_px < min_px:
            module_px = 0
            issues.append(Issue(QR_TOO_SMALL, "label", "qr", f"{px_to_mm(fit_px, dpi):.2f}"))
        else:
            col_w -= module_px * n + mm_to_px(COLUMN_GAP_MM, dpi)
    short = min(w, round(body_h / (1 - HEADER_SHARE)))
    placed, flow_issues = _flow(label_blocks(spec, t), col_w, body_h, short, dpi)
    return _Plan(module_px, col_w, placed, issues + flow_issues)


def _header(img: Image.Image, spec: LabelSpec, t: Theme, edge: int, margin: int) -> int:
    """Draw the wordmark band at the top; return its height in px."""
    w, h, dpi = img.width, img.height, spec.dpi
    draw = ImageDraw.Draw(img)
    header_h = min(round(h * HEADER_SHARE), mm_to_px(HEADER_MAX_MM, dpi))
    band = (edge, edge, w - edge, edge + header_h)
    if edge:
        draw.rounded_rectangle(band, radius=edge, fill=t.primary)
    else:
        draw.rectangle(band, fill=t.primary)
    band_text_h = max(1, header_h - margin // 2)
    mark = wordmark_layout(spec.business.display_name, w - 2 * margin, band_text_h)
    top = edge + (header_h - band_text_h) // 2 + margin // 4
    draw_layout(img, mark, (margin, top), t.on_primary)
    return header_h


def _best_plan(spec: LabelSpec, t: Theme, w: int, body_h: int, margin: int) -> _Plan:
    """Return the plan with the most QR the text allows, and its issues."""
    # Mandatory food text outranks the QR: shrink the QR to its smallest scannable
    # size first, and leave it out on a food label only when the text still won't fit.
    food = product_kind(spec) == KIND_FOOD
    for mode in ("full", "min", "none") if food else ("full", "min"):
        plan = _plan(spec, t, w, body_h, margin, mode)
        if not plan.text_cut:
            break
    if spec.qr_url and not plan.module_px and not any(i.code == QR_TOO_SMALL for i in plan.issues):
        plan.issues.append(Issue(QR_FOR_FOOD_TEXT, "label", "qr"))
    return plan


def _text_sizes(plan: _Plan) -> tuple[int, ...]:
    return tuple(
        x.size
        for p in plan.placed
        for x in ([p.layout, p.heading] if p.layout else [lay for box in p.boxes for lay in box])
        if x is not None and x.lines
    )


def render_label_result(spec: LabelSpec) -> LabelResult:
    """Render a label and report QR and missing-field decisions."""
    t = get_theme(spec.business.theme)
    dpi = spec.dpi
    w, h = mm_to_px(spec.width_mm, dpi), mm_to_px(spec.height_mm, dpi)
    img = Image.new("RGB", (w, h), t.background)
    # On gapless sheets colour stays inside the safe margin too: a printer shift then
    # shows neither a white sliver at the cut nor colour on the neighbour.
    edge = mm_to_px(spec.edge_safe_mm, dpi)
    margin = mm_to_px(SAFE_MARGIN_MM, dpi) + edge
    header_h = _header(img, spec, t, edge, margin)
    body_top = edge + header_h + margin // 2
    body_h = h - body_top - margin
    plan = _best_plan(spec, t, w, body_h, margin)
    module_mm = None
    qr_boxes = []
    if plan.module_px:
        qr = qr_image(spec.qr_url, module_px=plan.module_px)
        xy = (w - margin - qr.width, body_top + (body_h - qr.height) // 2)
        img.paste(qr, xy)
        qr_boxes.append(QrBox(spec.qr_url, *xy, qr.width))
        module_mm = px_to_mm(plan.module_px, dpi)
    y = float(body_top)
    for i, p in enumerate(plan.placed):
        if i == len(plan.placed) - 1 and p.block.key == "order":
            y = max(y, body_top + body_h - p.height)  # order number sits at the bottom
        _draw_placed(img, p, margin, y, t)
        y += p.height + p.gap
    img = stamp_image(img, spec.stamp, qr_boxes, band_h=edge + header_h)
    img.info["dpi"] = (dpi, dpi)
    img.info["kit_qr"] = f"{module_mm:.3f}mm" if module_mm else "omitted"
    missing = missing_food_fields(spec)
    return LabelResult(
        img, module_mm is not None, module_mm, missing, plan.issues, _text_sizes(plan)
    )


def render_label(spec: LabelSpec) -> Image.Image:
    """Render a packaging label as an RGB image at the spec's DPI (300 by default)."""
    return render_label_result(spec).image


def label_png(spec: LabelSpec, image: Image.Image | None = None) -> bytes:
    """Render a label (or encode its image, rendered already) as PNG bytes carrying its DPI."""
    img = render_label(spec) if image is None else image
    return png_bytes(img, dpi=spec.dpi)
