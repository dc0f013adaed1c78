"""The CONTOH stamp: marks artwork whose QR no customer can open yet, leaving the QR clean.

A red band across the top says why, and a large translucent "CONTOH" runs corner to
corner; QR symbols are redrawn on top so the sample still scans in a test print. The
pamphlet templates keep their header below the band (``pamphlet.templates._reserving``).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from app.render.fonts import load_font, pdf_font_path
from app.render.qr import qr_image
from app.render.text import draw_layout, fit_text, line_metrics
from app.render.units import MM_PER_INCH, PT_PER_INCH

# Why a stamp is needed; the app decides, the renderer only draws.
STAMP_NOT_PUBLIC = "not-public"  # PUBLIC_BASE_URL is not a public https address
STAMP_UNPUBLISHED = "unpublished"  # the business's page is not published
STAMP_WORD = "CONTOH"
STAMP_TEXT = {
    STAMP_NOT_PUBLIC: "CONTOH — QR belum bisa dibuka pelanggan",
    STAMP_UNPUBLISHED: "CONTOH — halaman belum terbit",
}
STAMP_RED = (200, 30, 45)
STAMP_PAPER = (255, 255, 255)  # the band: red ink on white, like a rubber stamp
RULE_SHARE = 0.08  # the red rule under the band, as a share of the band height
BAND_SHARE = 0.075  # band height as a share of the artwork's shorter side…
BAND_MIN_PX = 40  # …but never so thin the words cannot be read
BAND_PAD_SHARE = 0.12  # text inset inside the band, as a share of its height
WORD_SPAN_SHARE = 0.72  # the diagonal word spans this share of the diagonal
WORD_ALPHA = 0.28  # light enough to read through, strong enough to see from afar
_ROLE = "display-bold"


@dataclass(frozen=True)
class QrBox:
    """A QR drawn on the artwork: its URL, top-left corner and width in px."""

    url: str
    x: int
    y: int
    side: int


def stamp_text(code: str) -> str:
    """Return the band's words for a stamp code ("" when no stamp is needed)."""
    return STAMP_TEXT.get(code, "") if code else ""


def stamp_band_h(w: int, h: int) -> int:
    """Return the height of the stamp's band on artwork of w×h px."""
    return max(BAND_MIN_PX, round(min(w, h) * BAND_SHARE))


def _word_size(w: int, h: int) -> int:
    """Return the px size at which the word spans WORD_SPAN_SHARE of the diagonal."""
    probe = 100
    width = line_metrics(STAMP_WORD, _ROLE, probe).width
    return max(8, round(probe * math.hypot(w, h) * WORD_SPAN_SHARE / width))


def _band_layout(code: str, w: int, h: int, band: int | None = None):
    band = band or stamp_band_h(w, h)
    pad = round(band * BAND_PAD_SHARE)
    return (
        band,
        pad,
        fit_text(
            stamp_text(code),
            w - 4 * pad,
            band - 2 * pad,
            "text-bold",
            band,
            8,
            max_lines=1,
            align="center",
            valign="middle",
        ),
    )


@lru_cache(maxsize=8)
def _word_layer(w: int, h: int) -> tuple[Image.Image, tuple[int, int]] | None:
    """Return the diagonal word for w×h artwork, cropped to its pixels, and where it goes.

    It depends on the size only, so artwork of one size (every pamphlet, every label of a
    sheet) draws and rotates it once; outside the crop the layer is fully transparent.
    """
    # The word is set at the centre of a square as wide as the diagonal, turned about that
    # centre, then cut to the artwork: on a tall page it is longer than the page is wide.
    # Only the word's box of that square is drawn, and only the artwork's part of the turned
    # square is computed: the same pixels as turning the whole square, a third of the work.
    d = math.ceil(math.hypot(w, h))
    font = load_font(_ROLE, _word_size(w, h))
    x0, y0, x1, y1 = font.getbbox(STAMP_WORD, anchor="mm")
    sx, sy = math.floor(d / 2 + x0) - _WORD_MARGIN, math.floor(d / 2 + y0) - _WORD_MARGIN
    size = (math.ceil(d / 2 + x1) + _WORD_MARGIN - sx, math.ceil(d / 2 + y1) + _WORD_MARGIN - sy)
    word = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(word).text(
        (d / 2 - sx, d / 2 - sy),
        STAMP_WORD,
        font=font,
        fill=(*STAMP_RED, round(255 * WORD_ALPHA)),
        anchor="mm",
    )
    a, b, c, dx, e, f = _rotation(math.degrees(math.atan2(h, w)), d / 2)
    left, top = (d - w) // 2, (d - h) // 2
    matrix = (a, b, a * left + b * top + c - sx, dx, e, dx * left + e * top + f - sy)
    layer = word.transform((w, h), Image.Transform.AFFINE, matrix, Image.Resampling.BICUBIC)
    box = layer.getbbox()
    if box is None:
        return None
    return layer.crop(box), box[:2]


_WORD_MARGIN = 4  # transparent px around the drawn word: beyond the bicubic filter's reach


def _rotation(angle: float, centre: float) -> tuple[float, ...]:
    """Return the affine matrix (output to source) of Pillow's rotate() about (centre, centre)."""
    rad = -math.radians(angle)
    cos, sin = round(math.cos(rad), 15), round(math.sin(rad), 15)
    c = cos * -centre + sin * -centre + centre
    f = -sin * -centre + cos * -centre + centre
    return cos, sin, c, -sin, cos, f


def _draw_word(img: Image.Image) -> Image.Image:
    """Return a copy of img (RGB or L) with the translucent diagonal word over it."""
    out = img.copy()
    word = _word_layer(*img.size)
    if word is None:
        return out
    layer, (x, y) = word
    # Transparent pixels leave the ground as it is: compositing the word's box alone
    # gives the pixels compositing the whole layer would.
    region = out.crop((x, y, x + layer.width, y + layer.height)).convert("RGBA")
    region.alpha_composite(layer)
    out.paste(region.convert(out.mode), (x, y))
    return out


def _draw_word_any(img: Image.Image) -> Image.Image:
    """Return img with the diagonal word, composited over the whole image in RGBA."""
    base = img.convert("RGBA")
    word = _word_layer(*img.size)
    if word is not None:
        base.alpha_composite(word[0], word[1])
    return base.convert("RGB")


def stamp_image(
    img: Image.Image, code: str, qr_boxes: Sequence[QrBox] = (), band_h: int | None = None
) -> Image.Image:
    """Return the image with the stamp drawn over it and its QR areas left untouched.

    band_h lets a label lay the red band exactly over its own header band.
    """
    if not stamp_text(code):
        return img
    w, h = img.size
    keep = [(box, img.crop((box.x, box.y, box.x + box.side, box.y + box.side))) for box in qr_boxes]
    out = _draw_word(img) if img.mode in ("RGB", "L") else _draw_word_any(img)
    band, pad, lay = _band_layout(code, w, h, band_h)
    rule = max(2, round(band * RULE_SHARE))
    draw = ImageDraw.Draw(out)
    draw.rectangle((0, 0, w, band), fill=STAMP_PAPER)
    draw.rectangle((0, band - rule, w, band), fill=STAMP_RED)
    draw_layout(out, lay, (2 * pad, pad - rule // 2), STAMP_RED)
    for box, region in keep:
        out.paste(region, (box.x, box.y))
    return out


def stamp_canvas(c, code: str, qr_boxes: Sequence[QrBox] = ()) -> None:
    """Draw the stamp on a canvas (raster or PDF), then redraw its QR symbols on top."""
    if not stamp_text(code):
        return
    if hasattr(c, "image"):
        c.image = stamp_image(c.image, code, qr_boxes)
        c.draw = ImageDraw.Draw(c.image)
        return
    pdf, k = c.pdf, c.k
    w, h = pdf.w / k, pdf.h / k
    size = _word_size(w, h)
    pt = size * k / MM_PER_INCH * PT_PER_INCH
    if _ROLE not in c._fonts:
        pdf.add_font(_ROLE, "", str(pdf_font_path(_ROLE)))
        c._fonts.add(_ROLE)
    pdf.set_font(_ROLE, size=pt)
    pdf.set_text_color(*STAMP_RED)
    cx, cy = pdf.w / 2, pdf.h / 2
    angle = math.degrees(math.atan2(h, w))
    text_w = pdf.get_string_width(STAMP_WORD)
    with pdf.local_context(fill_opacity=WORD_ALPHA), pdf.rotation(angle, cx, cy):
        pdf.text(cx - text_w / 2, cy + pt * 0.35 / PT_PER_INCH * MM_PER_INCH, STAMP_WORD)
    band, pad, lay = _band_layout(code, round(w), round(h))
    rule = max(2, round(band * RULE_SHARE))
    red = "#{:02X}{:02X}{:02X}".format(*STAMP_RED)
    c.rect((0, 0, w, band), "#FFFFFF")
    c.rect((0, band - rule, w, band), red)
    c.text(lay, (2 * pad, pad - rule // 2), red)
    for box in qr_boxes:
        c.qr(box.url, (box.x, box.y), box.side)


QR_BAND_SHARE = 0.3  # the band under a stamped QR image, as a share of its width
QR_WORD_SHARE = 0.58  # "CONTOH" takes this share of that band, the reason the rest


def stamp_qr_png(url: str, code: str, module_px: int = 10) -> bytes:
    """Render a QR with the CONTOH band under it (the symbol itself stays untouched)."""
    qr = qr_image(url, module_px=module_px).convert("RGB")
    band = round(qr.width * QR_BAND_SHARE)
    rule = max(2, round(band * RULE_SHARE))
    out = Image.new("RGB", (qr.width, qr.width + band), STAMP_PAPER)
    out.paste(qr, (0, 0))
    ImageDraw.Draw(out).rectangle(
        (0, qr.width + band - rule, qr.width, qr.width + band), fill=STAMP_RED
    )
    pad = round(band * BAND_PAD_SHARE)
    word_h = round((band - rule) * QR_WORD_SHARE)
    word, _, why = stamp_text(code).partition(" — ")
    for text, top, height, role in (
        (word, 0, word_h, "display-bold"),
        (why, word_h, band - rule - word_h - pad, "text-bold"),
    ):
        lay = fit_text(
            text,
            qr.width - 2 * pad,
            height,
            role,
            height,
            8,
            max_lines=1,
            align="center",
            valign="middle",
        )
        draw_layout(out, lay, (pad, qr.width + top), STAMP_RED)
    buf = io.BytesIO()
    out.save(buf, format="PNG")
    return buf.getvalue()


def stamp_qr_svg(svg: str, code: str) -> str:
    """Add the CONTOH band under a square QR SVG in module units ("" code: unchanged)."""
    text = stamp_text(code)
    if not text:
        return svg
    head, _, rest = svg.partition('viewBox="0 0 ')
    n = int(rest.split(" ", 1)[0])
    band = n * QR_BAND_SHARE
    red = "#{:02X}{:02X}{:02X}".format(*STAMP_RED)
    word, _, why = text.partition(" — ")
    size = band * 0.34
    body = rest.split('"', 1)[1].removesuffix("</svg>")
    return (
        f'{head}viewBox="0 0 {n} {n + band:g}"{body}'
        f'<rect y="{n}" width="{n}" height="{band:g}" fill="#FFFFFF"/>'
        f'<rect y="{n + band * (1 - RULE_SHARE):g}" width="{n}" height="{band * RULE_SHARE:g}" '
        f'fill="{red}"/>'
        f'<text x="{n / 2:g}" y="{n + band * 0.42:g}" font-family="sans-serif" '
        f'font-weight="bold" font-size="{size:g}" fill="{red}" text-anchor="middle">{word}</text>'
        f'<text x="{n / 2:g}" y="{n + band * 0.8:g}" font-family="sans-serif" '
        f'font-size="{size * 0.62:g}" fill="{red}" text-anchor="middle">{why}</text></svg>'
    )
