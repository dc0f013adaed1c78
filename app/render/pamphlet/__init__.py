"""Pamphlets: square (1080²) and story (1080×1920) PNG for WhatsApp/Instagram, A5 PDF for print.

A pamphlet is drawn by a template of its format (``TEMPLATES``): the first of each format
is the price list every kit started with; the others put a photo, one product or the
name first. Every template keeps the print rules of ``app.render.rules``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from app.render.canvas import PdfCanvas, RasterCanvas
from app.render.pamphlet.blocks import _header, _header_h
from app.render.pamphlet.frame import (
    A5_MM,
    BASE_W,
    FORMATS,
    GAP_MIN,
    MARGIN,
    SAFE_MM,
    _Frame,
)
from app.render.pamphlet.templates import TEMPLATES, Template, get_template
from app.render.png import png_bytes
from app.render.rules import (
    BLEED_MM,
    MIN_TEXT_MM,
    MIN_TEXT_PX,
    STORY_SAFE_BOTTOM_SHARE,
    STORY_SAFE_TOP_SHARE,
    Issue,
)
from app.render.spec import PamphletSpec
from app.render.stamp import stamp_canvas
from app.render.theme import get_theme
from app.render.units import PRINT_DPI, mm_to_px, mm_to_px_f

__all__ = [
    "A5_MM",
    "BASE_W",
    "BLEED_MM",
    "FORMATS",
    "GAP_MIN",
    "SAFE_MM",
    "TEMPLATES",
    "PamphletResult",
    "Template",
    "_Frame",
    "_header",
    "_header_h",
    "get_template",
    "pamphlet_a5_pdf",
    "pamphlet_a5_png",
    "pamphlet_a5_result",
    "pamphlet_issues",
    "pamphlet_png",
    "render_pamphlet",
    "render_pamphlet_result",
]


@dataclass
class PamphletResult:
    """A rendered pamphlet image and the texts it had to cut."""

    image: Image.Image
    issues: list[Issue]
    placed: dict[str, tuple[tuple[float, float, float, float], int]]


def render_pamphlet_result(
    spec: PamphletSpec, fmt: str = "square", template: str | None = None
) -> PamphletResult:
    """Render a pamphlet image in a template (the spec's, else the format's first)."""
    w, h = FORMATS[fmt]
    tpl = get_template(fmt, template or spec.template)
    t = get_theme(spec.business.theme)
    colours = tpl.palette(t)
    c = RasterCanvas(w, h, colours.page)
    artefact = f"pamphlet-{fmt}"
    f = _Frame(w, h, round(MARGIN * w / BASE_W), w / BASE_W, artefact, MIN_TEXT_PX[artefact])
    zones = (0, 0)
    if fmt == "story":
        zones = (round(h * STORY_SAFE_TOP_SHARE), round(h * STORY_SAFE_BOTTOM_SHARE))
    tpl.compose(c, f, spec, colours, zones)
    stamp_canvas(c, spec.stamp, f.qr_boxes)
    return PamphletResult(c.image, f.issues, f.placed)


def render_pamphlet(spec: PamphletSpec, fmt: str = "square", template: str | None = None):
    """Render a pamphlet image: fmt "square" (1080×1080) or "story" (1080×1920)."""
    return render_pamphlet_result(spec, fmt, template).image


def pamphlet_png(spec: PamphletSpec, fmt: str = "square", template: str | None = None) -> bytes:
    """Render a pamphlet as PNG bytes (flat colours and text stay sharp, unlike JPEG)."""
    return png_bytes(render_pamphlet(spec, fmt, template))


def _a5(
    spec: PamphletSpec, bleed: bool, template: str | None, dpi: int | None = None
) -> tuple[PdfCanvas | RasterCanvas, _Frame]:
    """Draw the A5 on a PDF page (dpi None) or on a raster preview at dpi."""
    extra = BLEED_MM if bleed else 0.0
    w_mm, h_mm = A5_MM[0] + 2 * extra, A5_MM[1] + 2 * extra
    tpl = get_template("a5", template or spec.template)
    colours = tpl.palette(get_theme(spec.business.theme))
    at = dpi or PRINT_DPI
    w, h = mm_to_px(w_mm, at), mm_to_px(h_mm, at)
    if dpi is None:
        c = PdfCanvas(w_mm, h_mm, colours.page, PRINT_DPI)
    else:
        c = RasterCanvas(w, h, colours.page)
    min_px = round(mm_to_px_f(MIN_TEXT_MM["pamphlet-a5"], at))
    u = mm_to_px(A5_MM[0], at) / BASE_W
    f = _Frame(w, h, mm_to_px(extra + SAFE_MM, at), u, "pamphlet-a5", min_px)
    tpl.compose(c, f, spec, colours, (0, 0))
    stamp_canvas(c, spec.stamp, f.qr_boxes)
    return c, f


def pamphlet_a5_png(spec: PamphletSpec, template: str | None = None, dpi: int = 100) -> bytes:
    """Render an A5 pamphlet's preview as PNG at a screen DPI (the PDF is what prints)."""
    c, _f = _a5(spec, False, template, dpi)
    return png_bytes(c.image)


def pamphlet_a5_pdf(spec: PamphletSpec, bleed: bool = False, template: str | None = None) -> bytes:
    """Render an A5 print pamphlet as PDF (148×210 mm, or +3 mm each side with bleed)."""
    return _a5(spec, bleed, template)[0].output()


def pamphlet_a5_result(
    spec: PamphletSpec, template: str | None = None, bleed: bool = False
) -> _Frame:
    """Return what an A5 pamphlet placed and cut (the frame after drawing)."""
    return _a5(spec, bleed, template)[1]


def pamphlet_issues(spec: PamphletSpec, templates: dict[str, str] | None = None) -> list[Issue]:
    """Return what the square and story pamphlets had to cut (renders both, in templates)."""
    chosen = templates or {}
    return [i for fmt in FORMATS for i in render_pamphlet_result(spec, fmt, chosen.get(fmt)).issues]
