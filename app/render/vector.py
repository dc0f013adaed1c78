"""A small vector scene drawn two ways: an anti-aliased PIL image and an SVG with text as outlines.

Layout code adds shapes and fitted text in pixels; ``to_image`` draws shapes
supersampled and text with FreeType (the same path as every other renderer),
``to_svg`` writes the same shapes and each glyph's outline (fontTools pens,
HarfBuzz shaping when uharfbuzz is installed), so the SVG needs no font and
looks the same on any machine. Colour emoji have no outlines: they go into the
SVG as small embedded PNG tiles.
"""

from __future__ import annotations

import base64
import io
import math
import threading
from dataclasses import dataclass, field
from functools import cache, lru_cache

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from app.render.fonts import font_path
from app.render.text import LaidLine, TextLayout, draw_layout
from app.render.textmetrics import EMOJI_ROLE, run_metrics
from app.render.textprep import clean_text, clusters, segment

SUPERSAMPLE = 4  # shapes are drawn 4x and reduced: smooth edges without an AA rasteriser
_SVG_DECIMALS = 2


@dataclass(frozen=True)
class Shape:
    """A filled and/or stroked circle or rounded rectangle, in px."""

    kind: str  # "circle" | "rect"
    box: tuple[float, float, float, float]
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0
    radius: float = 0.0


@dataclass(frozen=True)
class Text:
    """A fitted layout placed with its box's top-left at xy."""

    layout: TextLayout
    xy: tuple[float, float]
    colour: str


@dataclass(frozen=True)
class Glyphs:
    """One line of text with its pen origin at (x, baseline), rotated by angle° about it."""

    text: str
    role: str
    size: int
    x: float
    baseline: float
    colour: str
    angle: float = 0.0


@dataclass
class Scene:
    """An ordered list of shapes and text on a transparent canvas of width×height px."""

    width: int
    height: int
    ops: list = field(default_factory=list)

    def circle(self, cx: float, cy: float, r: float, **style) -> None:
        """Add a circle (fill=, stroke=, width=)."""
        self.ops.append(Shape("circle", (cx - r, cy - r, cx + r, cy + r), **style))

    def rect(self, box: tuple[float, float, float, float], **style) -> None:
        """Add a (rounded: radius=) rectangle (fill=, stroke=, width=)."""
        self.ops.append(Shape("rect", box, **style))

    def text(self, layout: TextLayout, xy: tuple[float, float], colour: str) -> None:
        """Add a fitted text layout."""
        self.ops.append(Text(layout, xy, colour))

    def glyphs(
        self,
        text: str,
        role: str,
        size: int,
        x: float,
        baseline: float,
        colour: str,
        angle: float = 0.0,
    ) -> None:
        """Add one line of text at a pen origin, optionally rotated about it."""
        self.ops.append(Glyphs(text, role, size, x, baseline, colour, angle))

    def arc_text(
        self,
        text: str,
        role: str,
        size: int,
        centre: tuple[float, float],
        radius: float,
        colour: str,
        *,
        bottom: bool = False,
        tracking: float = 0.0,
    ) -> None:
        """Set text along a circle: over the top reading clockwise, or along the bottom."""
        cx, cy = centre
        parts = clusters(clean_text(text))
        widths = [run_advance(c, role, size) + tracking for c in parts]
        # Letters sit on the circle's outside for the top arc; the bottom arc's
        # baseline runs on a larger circle so its letters hang inside the same ring.
        r = radius
        total = sum(widths) / r  # radians spanned
        angle = -math.pi / 2 - total / 2 if not bottom else math.pi / 2 + total / 2
        for cluster, w in zip(parts, widths, strict=True):
            half = w / 2 / r
            mid = angle + (half if not bottom else -half)
            px, py = cx + r * math.cos(mid), cy + r * math.sin(mid)
            rot = math.degrees(mid) + (90 if not bottom else -90)
            # Pen origin is half a letter back along the tangent from the mid point.
            tx, ty = math.cos(math.radians(rot)), math.sin(math.radians(rot))
            ink = w - tracking
            self.glyphs(cluster, role, size, px - tx * ink / 2, py - ty * ink / 2, colour, rot)
            angle += 2 * half if not bottom else -2 * half

    # -- raster --------------------------------------------------------------------

    def to_image(self) -> Image.Image:
        """Draw the scene on a transparent RGBA image."""
        img = Image.new("RGBA", (self.width, self.height), (0, 0, 0, 0))
        for op in self.ops:
            if isinstance(op, Shape):
                _draw_shape(img, op)
            elif isinstance(op, Text):
                draw_layout(img, op.layout, op.xy, op.colour)
            else:
                _draw_glyphs(img, op)
        return img

    # -- SVG -----------------------------------------------------------------------

    def to_svg(self) -> str:
        """Return the scene as SVG with every letter as a path."""
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
            f'height="{self.height}" viewBox="0 0 {self.width} {self.height}">'
        ]
        for op in self.ops:
            if isinstance(op, Shape):
                parts.append(_svg_shape(op))
            elif isinstance(op, Text):
                ox, oy = op.xy
                for line in op.layout.lines:
                    parts.append(
                        _svg_line(
                            line.text,
                            op.layout.role,
                            op.layout.size,
                            ox + line.x,
                            oy + line.baseline,
                            op.colour,
                        )
                    )
            else:
                inner = _svg_line(op.text, op.role, op.size, 0, 0, op.colour)
                parts.append(
                    f'<g transform="translate({_n(op.x)} {_n(op.baseline)}) '
                    f'rotate({_n(op.angle)})">{inner}</g>'
                )
        parts.append("</svg>")
        return "".join(parts)


def _n(value: float) -> str:
    return f"{round(value, _SVG_DECIMALS):g}"


def run_advance(text: str, role: str, size: int) -> float:
    """Return the pen advance of a line of text (fallback fonts included)."""
    return sum(run_metrics(r, size, t).advance for r, t in segment(text, role))


def _draw_shape(img: Image.Image, shape: Shape) -> None:
    """Draw a shape anti-aliased: coverage is drawn 4x on one-channel masks and reduced
    (a quarter of the bytes of an RGBA layer, and no premultiplying), then coloured."""
    x0, y0, x1, y1 = shape.box
    pad = shape.width + 2
    left, top = max(0, math.floor(x0 - pad)), max(0, math.floor(y0 - pad))
    right, bottom = min(img.width, math.ceil(x1 + pad)), min(img.height, math.ceil(y1 + pad))
    if right <= left or bottom <= top:
        return
    s = SUPERSAMPLE
    size = ((right - left) * s, (bottom - top) * s)
    box = ((x0 - left) * s, (y0 - top) * s, (x1 - left) * s, (y1 - top) * s)
    width = round(shape.width * s)
    stroke = shape.stroke if width else None
    if not (shape.fill or stroke):
        return
    # Coverage: the whole shape, or the ring alone when it has no fill.
    alpha = _shape_mask(shape, size, box, width, 0, 255 if shape.fill else None, 255)
    first = shape.fill or stroke
    layer = Image.new("RGBA", alpha.size, first)
    if shape.fill and stroke:
        # Share of the outline colour: the ring and everything outside the fill, so an
        # edge pixel mixes the two colours as a single supersampled layer would.
        share = _shape_mask(shape, size, box, width, 255, 0, 255)
        layer = Image.composite(Image.new("RGBA", alpha.size, stroke), layer, share)
    layer.putalpha(alpha)
    img.alpha_composite(layer, (left, top))


def _shape_mask(shape: Shape, size, box, width: int, ground: int, inner, ring) -> Image.Image:
    """Return a shape's mask drawn 4x (ground, inside, outline values) reduced to 1x."""
    mask = Image.new("L", size, ground)
    draw = ImageDraw.Draw(mask)
    outline = ring if shape.stroke and width else None
    if shape.kind == "circle":
        draw.ellipse(box, fill=inner, outline=outline, width=width)
    else:
        draw.rounded_rectangle(
            box, radius=shape.radius * SUPERSAMPLE, fill=inner, outline=outline, width=width
        )
    return mask.reduce(SUPERSAMPLE)


def _draw_glyphs(img: Image.Image, op: Glyphs) -> None:
    if not op.angle:
        draw_layout(img, _one_line(op.text, op.role, op.size), (op.x, op.baseline), op.colour)
        return
    # Draw the letter on a tile as small as its ink, rotate the tile about its centre
    # (expanding it), and paste it where that centre lands around the pen origin.
    m = run_metrics(op.role, op.size, op.text)
    pad = 2
    w, h = math.ceil(m.right - m.left) + 2 * pad, math.ceil(m.bottom - m.top) + 2 * pad
    tile = Image.new("RGBA", (max(1, w), max(1, h)), (0, 0, 0, 0))
    origin = (pad - m.left, pad - m.top)
    draw_layout(tile, _one_line(op.text, op.role, op.size), origin, op.colour)
    rotated = tile.rotate(-op.angle, resample=Image.Resampling.BICUBIC, expand=True)
    dx, dy = tile.width / 2 - origin[0], tile.height / 2 - origin[1]
    c, s = math.cos(math.radians(op.angle)), math.sin(math.radians(op.angle))
    cx, cy = op.x + dx * c - dy * s, op.baseline + dx * s + dy * c
    xy = (round(cx - rotated.width / 2), round(cy - rotated.height / 2))
    if _inside(img, xy, rotated):
        img.alpha_composite(rotated, xy)
    else:
        layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
        layer.paste(rotated, xy)
        img.alpha_composite(layer)


def _inside(img: Image.Image, xy: tuple[int, int], tile: Image.Image) -> bool:
    x, y = xy
    return x >= 0 and y >= 0 and x + tile.width <= img.width and y + tile.height <= img.height


def _one_line(text: str, role: str, size: int) -> TextLayout:
    """Wrap one line as a layout whose pen origin is (0, 0)."""
    return TextLayout(text, role, size, (0, 0), (LaidLine(text, 0.0, 0.0, (0, 0, 0, 0)),), False)


def _svg_shape(shape: Shape) -> str:
    x0, y0, x1, y1 = shape.box
    style = f'fill="{shape.fill or "none"}"'
    if shape.stroke and shape.width:
        style += f' stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"'
    # PIL draws the outline inside the box: inset the SVG stroke by half its width.
    inset = shape.width / 2 if shape.stroke and shape.width else 0.0
    if shape.kind == "circle":
        r = (x1 - x0) / 2 - inset
        return f'<circle cx="{_n((x0 + x1) / 2)}" cy="{_n((y0 + y1) / 2)}" r="{_n(r)}" {style}/>'
    return (
        f'<rect x="{_n(x0 + inset)}" y="{_n(y0 + inset)}" width="{_n(x1 - x0 - 2 * inset)}" '
        f'height="{_n(y1 - y0 - 2 * inset)}" rx="{_n(max(0.0, shape.radius - inset))}" {style}/>'
    )


def _svg_line(text: str, role: str, size: int, x: float, baseline: float, colour: str) -> str:
    """Return SVG for one line: a path per font run, emoji as embedded tiles."""
    out = []
    pen = x
    for run_role, run in segment(text, role):
        adv = run_metrics(run_role, size, run).advance
        if run.strip():
            if run_role == EMOJI_ROLE:
                out.append(_svg_emoji(run, size, pen, baseline))
            else:
                d = _outline(run_role, size, run, pen, baseline)
                if d:
                    out.append(f'<path fill="{colour}" d="{d}"/>')
        pen += adv
    return "".join(out)


def _svg_emoji(run: str, size: int, pen: float, baseline: float) -> str:
    m = run_metrics(EMOJI_ROLE, size, run)
    w, h = max(1, math.ceil(m.right - m.left)), max(1, math.ceil(m.bottom - m.top))
    tile = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw_layout(tile, _one_line(run, EMOJI_ROLE, size), (-m.left, -m.top), "black")
    buf = io.BytesIO()
    tile.save(buf, format="PNG")
    data = base64.b64encode(buf.getvalue()).decode()
    return (
        f'<image x="{_n(pen + m.left)}" y="{_n(baseline + m.top)}" width="{w}" height="{h}" '
        f'href="data:image/png;base64,{data}"/>'
    )


@cache
def _tt(role: str) -> TTFont:
    return TTFont(str(font_path(role)), lazy=True)


@cache
def _hb_font(role: str):
    try:
        import uharfbuzz as hb
    except ImportError:  # shaping is optional: plain cmap + advances then
        return None
    blob = hb.Blob.from_file_path(str(font_path(role)))
    return hb.Font(hb.Face(blob))


class _SegmentPen(BasePen):
    """Record a glyph outline as segments (quadratic curves kept, contours closed)."""

    def __init__(self, glyph_set) -> None:
        super().__init__(glyph_set)
        self.segments: list[tuple] = []

    def _moveTo(self, pt) -> None:
        self.segments.append(("M", pt))

    def _lineTo(self, pt) -> None:
        self.segments.append(("L", pt))

    def _curveToOne(self, p1, p2, p3) -> None:
        self.segments.append(("C", p1, p2, p3))

    def _qCurveToOne(self, p1, p2) -> None:
        self.segments.append(("Q", p1, p2))

    def _closePath(self) -> None:
        self.segments.append(("Z",))


@cache
def _glyph_set(role: str):
    return _tt(role).getGlyphSet()


# fontTools expands a glyph on first use, attribute by attribute: a kit renders its files in
# threads, and a second thread could read a half-expanded glyph (no "coordinates" yet).
_GLYPH_LOCK = threading.Lock()


@lru_cache(maxsize=4096)
def glyph_segments(role: str, name: str) -> tuple[tuple, ...]:
    """Return a glyph's outline in font units (y up) as (command, points…) segments, once."""
    with _GLYPH_LOCK:
        pen = _SegmentPen(_glyph_set(role))
        _glyph_set(role)[name].draw(pen)
    return tuple(pen.segments)


def _shaped(role: str, text: str) -> list[tuple[str, float, float, float]]:
    """Return (glyph name, x offset, y offset, advance) per glyph, in font units."""
    font = _tt(role)
    hb_font = _hb_font(role)
    if hb_font is not None:
        import uharfbuzz as hb

        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(hb_font, buf, {"kern": True, "liga": True})
        order = font.getGlyphOrder()
        return [
            (order[info.codepoint], pos.x_offset, pos.y_offset, pos.x_advance)
            for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
        ]
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    out = []
    for ch in text:
        name = cmap.get(ord(ch), ".notdef")
        out.append((name, 0.0, 0.0, hmtx[name][0]))
    return out


def _outline(role: str, size: int, text: str, x: float, baseline: float) -> str:
    """Return SVG path data for a run of text at a pixel size with its pen origin at (x, y)."""
    font = _tt(role)
    # PIL sizes fonts by the em; the outlines scale the same way.
    scale = size / font["head"].unitsPerEm
    # Keep the raster's advance: PIL measured the run; spread any rounding over it.
    parts = []
    pen = 0.0
    for name, dx, dy, adv in _shaped(role, text):
        rel = _glyph_svg(role, name, size)
        if rel:
            start_x, start_y, rest = rel
            ox, oy = x + (pen + dx) * scale, baseline - dy * scale
            parts.append(f"M{_n(ox + start_x)} {_n(oy + start_y)}{rest}")
        pen += adv
    return "".join(parts)


@lru_cache(maxsize=8192)
def _glyph_svg(role: str, name: str, size: int) -> tuple[float, float, str] | None:
    """Return a glyph at a px size as its first point (from the pen origin, y down) and the
    rest of its outline as relative SVG path data: placing it formats one point, not all."""
    segments = glyph_segments(role, name)
    if not segments:
        return None
    scale = size / _tt(role)["head"].unitsPerEm

    def at(pt) -> tuple[float, float]:  # rounded first, so relative steps add up exactly
        return round(pt[0] * scale, _SVG_DECIMALS), round(-pt[1] * scale, _SVG_DECIMALS)

    start = cur = contour = at(segments[0][1])
    out = []
    for cmd, *pts in segments[1:] if segments[0][0] == "M" else segments:
        if cmd == "Z":
            out.append("z")
            cur = contour
            continue
        points = [at(p) for p in pts]
        out.append(
            cmd.lower() + " ".join(f"{_n(px - cur[0])} {_n(py - cur[1])}" for px, py in points)
        )
        cur = points[-1]
        if cmd == "M":
            contour = cur
    return start[0], start[1], "".join(out)
