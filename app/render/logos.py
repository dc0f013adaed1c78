"""Logo styles with character: six designs in the business's theme colours, PNG and SVG.

Each style lays out a ``vector.Scene`` once; the scene gives the transparent PNG
and an SVG whose letters are outlines. Layout numbers are named per style as
shares of the logo's height (``H``) so every size looks the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations

from app.render.fonts import FONT_DIR
from app.render.logo import initials
from app.render.png import png_bytes
from app.render.text import TextLayout, clean_text, fit_text
from app.render.textmetrics import is_simple
from app.render.theme import Theme, get_theme
from app.render.vector import Scene, run_advance

DEFAULT_STYLE = "badge"
DEFAULT_ICON = "building-store"
DEFAULT_HEIGHT_PX = 600
HORIZONTAL = 3.0  # width / height of the wide styles
MIN_TEXT_SHARE = 0.035  # smallest text, as a share of the height: legible on a label
ICON_MAP = FONT_DIR / "TablerIcons-Kit.json"


@dataclass(frozen=True)
class LogoSpec:
    """What a logo may show: the name, a short line, the desa, the trade's icon."""

    name: str
    theme: str | Theme | None = None
    tagline: str = ""
    village: str = ""
    trade_name: str = ""
    icon: str = DEFAULT_ICON


@dataclass(frozen=True)
class LogoStyle:
    """A logo design: id, Indonesian and English names, and whether it is wide."""

    id: str
    name_id: str
    name_en: str
    wide: bool
    draw: Callable[[Scene, LogoSpec, Theme], None]


def desa(village: str) -> str:
    """Return "Desa X" for a village name (as given when it already says Desa/Kelurahan)."""
    v = clean_text(village).strip()
    if not v:
        return ""
    return v if v.lower().startswith(("desa ", "kel.", "kelurahan ", "dusun ")) else f"Desa {v}"


@cache
def icon_codepoints() -> dict[str, int]:
    """Return the bundled trade icons: Tabler name -> code point in the icon font."""
    return json.loads(ICON_MAP.read_text())


def icon_char(name: str) -> str:
    """Return the icon font character for a Tabler icon name (the shop icon if unknown)."""
    points = icon_codepoints()
    return chr(points.get(name, points[DEFAULT_ICON]))


def _min(h: int) -> int:
    return max(8, round(h * MIN_TEXT_SHARE))


def _second_line(spec: LogoSpec) -> str:
    """Return the small line under a wordmark: tagline, else the desa."""
    if spec.tagline.strip():
        return spec.tagline
    return desa(spec.village) or spec.trade_name


def _icon(scene: Scene, spec: LogoSpec, cx: float, cy: float, size: int, colour: str) -> None:
    ch = icon_char(spec.icon)
    w = run_advance(ch, "icons", size)
    # Tabler glyphs sit on the baseline with a descent of ~0.07 em; centre the em box.
    scene.glyphs(ch, "icons", size, cx - w / 2, cy + size * 0.43, colour)


# -- 1. monogram badge -----------------------------------------------------------------
BADGE_RADIUS = 0.26
BADGE_INSET = 0.17
BADGE_GAP = 0.1
BADGE_SUB_SHARE = 0.22


def _small_line(sub: str, w: int, h: int, size: int, floor: int) -> TextLayout:
    """Return the centred second line, in capitals where the script has them."""
    return fit_text(
        sub.upper() if is_simple(sub) else sub,
        w,
        h,
        "text-bold",
        max_size=size,
        min_size=floor,
        max_lines=1,
        align="center",
        valign="middle",
    )


def _badge(scene: Scene, spec: LogoSpec, t: Theme) -> None:
    h = scene.height
    scene.rect((0, 0, h, h), fill=t.primary, radius=h * BADGE_RADIUS)
    _monogram(scene, spec, t, h, "brand-round")
    _wordmark_beside(scene, spec, t, h * (1 + BADGE_GAP), "display-bold")


def _monogram(scene: Scene, spec: LogoSpec, t: Theme, side: float, role: str) -> None:
    """Draw the initials and the accent dot on a side × side mark at the scene's origin."""
    inner = round(side * (1 - 2 * BADGE_INSET))
    mono = fit_text(
        initials(spec.name),
        inner,
        inner,
        role,
        max_size=inner,
        min_size=_min(side),
        max_lines=1,
        align="center",
        valign="middle",
    )
    scene.text(mono, (side * BADGE_INSET, side * BADGE_INSET), t.on_primary)
    # An accent dot in the mark's corner: the one touch of the second colour.
    dot = side * 0.07
    scene.circle(side - dot * 1.9, side - dot * 1.9, dot, fill=t.accent)


def _wordmark_beside(scene: Scene, spec: LogoSpec, t: Theme, x: float, role: str) -> None:
    h = scene.height
    box_w = round(scene.width - x)
    sub = _second_line(spec)
    name_h = round(h * (1 - BADGE_SUB_SHARE)) if sub else h
    name = fit_text(
        spec.name,
        box_w,
        name_h,
        role,
        max_size=round(h * 0.5),
        min_size=_min(h),
        max_lines=3,
        valign="bottom" if sub else "middle",
        line_height=1.05,
    )
    scene.text(name, (x, 0), t.primary)
    if sub:
        small = fit_text(
            sub,
            box_w,
            h - name_h,
            "text-bold",
            max_size=round(h * 0.14),
            min_size=_min(h),
            max_lines=1,
            valign="middle",
        )
        scene.text(small, (x, name_h), t.muted)


# -- 2. stacked wordmark ---------------------------------------------------------------
STACK_SIDE = 0.07
STACK_NAME = 0.64
STACK_BAR = 0.035
STACK_LINES = 4  # the most lines a stacked name takes
STACK_MEASURE = 100  # line widths are compared at this size (they scale with it)


def _balanced(words: list[str], role: str, lines: int) -> str:
    """Return words broken into lines so that the longest line is as short as it can be."""
    n = len(words)
    widths: dict[tuple[int, int], float] = {}

    def width(i: int, j: int) -> float:
        if (i, j) not in widths:
            widths[i, j] = run_advance(" ".join(words[i:j]), role, STACK_MEASURE)
        return widths[i, j]

    def longest(cuts: tuple[int, ...]) -> float:
        ends = (0, *cuts, n)
        return max(width(a, b) for a, b in zip(ends, ends[1:], strict=False))

    cuts = min(combinations(range(1, n), lines - 1), key=longest)
    ends = (0, *cuts, n)
    return "\n".join(" ".join(words[a:b]) for a, b in zip(ends, ends[1:], strict=False))


def _stacked_name(name: str, box: tuple[int, int], h: int) -> TextLayout:
    """Fit a name as a stack: a word a line up to three, else the most even lines."""
    # The largest size that fits, broken as a designer would: no lone short word at the end.
    words = clean_text(name).split()
    simple = is_simple(" ".join(words))
    role = "brand-condensed" if simple else "display-bold"
    words = [w.upper() for w in words] if simple else words
    if len(words) <= 3:
        texts = ["\n".join(words)]
    elif simple:
        most = min(STACK_LINES, len(words))
        texts = [_balanced(words, role, k) for k in range(2, most + 1)] + [" ".join(words)]
    else:
        texts = [name]
    layouts = [
        fit_text(
            text,
            *box,
            role,
            max_size=round(h * 0.42),
            min_size=_min(h),
            max_lines=STACK_LINES,
            align="center",
            valign="bottom",
            line_height=0.95,
        )
        for text in texts
    ]
    # The largest size wins; on a tie the shortest longest line (fit_text may have wrapped a
    # candidate further), then the first: fewer, balanced lines before the plain wrap.
    return min(layouts, key=lambda lay: (-lay.size, _longest_line(lay)))


def _longest_line(layout: TextLayout) -> float:
    return max((ln.bbox[2] - ln.bbox[0] for ln in layout.lines), default=0.0)


def _stacked(scene: Scene, spec: LogoSpec, t: Theme) -> None:
    w, h = scene.width, scene.height
    side = round(w * STACK_SIDE)
    box_w = w - 2 * side
    name_h = round(h * STACK_NAME)
    name = _stacked_name(spec.name, (box_w, name_h), h)
    top = round(h * 0.08)
    scene.text(name, (side, top), t.primary)
    y = top + name_h + h * 0.04
    bar_w = w * 0.34
    scene.rect(
        (w / 2 - bar_w / 2, y, w / 2 + bar_w / 2, y + h * STACK_BAR),
        fill=t.accent,
        radius=h * STACK_BAR / 2,
    )
    sub = _second_line(spec)
    if sub:
        small = _small_line(sub, box_w, round(h * 0.12), round(h * 0.075), _min(h))
        scene.text(small, (side, y + h * 0.06), t.muted)


# -- 3. round stamp --------------------------------------------------------------------
STAMP_RING = 0.045
STAMP_INNER_GAP = 0.16
ARC_TEXT = 0.07
ARC_TRACKING = 0.14  # extra space between letters on the ring, as a share of the size
ARC_MAX_SPAN_RAD = 3.3  # a little over half the circle; more reads as a ring of letters


def _arc_span(text: str, size: int, r: float) -> float:
    """Return the angle (radians) text spans on a ring of radius r, tracking included."""
    return (run_advance(text, "brand-slab", size) + len(text) * size * ARC_TRACKING) / r


def _stamp(scene: Scene, spec: LogoSpec, t: Theme) -> None:
    s = scene.width
    c = s / 2
    ring = s * STAMP_RING
    scene.circle(c, c, c - 1, fill=t.primary)
    scene.circle(c, c, c - ring * 1.6, stroke=t.on_primary, width=ring * 0.3)
    inner_r = c - s * STAMP_INNER_GAP
    scene.circle(c, c, inner_r, stroke=t.on_primary, width=ring * 0.3)
    text_r = (c - ring * 1.6 + inner_r) / 2
    size = round(s * ARC_TEXT)
    name = clean_text(spec.name).upper()
    top_line, centre = name, ""
    if not is_simple(name) or _arc_span(name, size, text_r) > ARC_MAX_SPAN_RAD:
        top_line, centre = clean_text(spec.trade_name).upper(), spec.name
    bottom_line = clean_text(desa(spec.village)).upper()
    for text, bottom in ((top_line, False), (bottom_line, True)):
        if not text or not is_simple(text):
            continue
        arc_size = size
        while arc_size > _min(s) and _arc_span(text, arc_size, text_r) > 2.6:
            arc_size -= 1
        # Letters are centred on the ring: baseline a third of a cap below the middle.
        r = text_r - arc_size * 0.36 if not bottom else text_r + arc_size * 0.36
        scene.arc_text(
            text,
            "brand-slab",
            arc_size,
            (c, c),
            r,
            t.on_primary,
            bottom=bottom,
            tracking=arc_size * ARC_TRACKING,
        )
    # Stars where the two arcs meet.
    for x in (c - text_r, c + text_r):
        scene.glyphs(
            icon_char("star"), "icons", round(size * 0.8), x - size * 0.4, c + size * 0.33, t.accent
        )
    disc = inner_r - ring
    if centre:
        box = round(disc * 1.5)
        layout = fit_text(
            centre,
            box,
            round(disc * 1.1),
            "display-bold",
            max_size=round(s * 0.13),
            min_size=_min(s),
            max_lines=4,
            align="center",
            valign="middle",
        )
        scene.text(layout, (c - box / 2, c - disc * 0.55), t.on_primary)
    else:
        _icon(scene, spec, c, c, round(disc * 1.15), t.on_primary)


# -- 4. trade icon + wordmark ----------------------------------------------------------
def _icon_word(scene: Scene, spec: LogoSpec, t: Theme) -> None:
    h = scene.height
    scene.circle(h / 2, h / 2, h / 2 - 1, fill=t.accent)
    _icon(scene, spec, h / 2, h / 2, round(h * 0.62), t.on_accent)
    _wordmark_beside(scene, spec, t, h * (1 + BADGE_GAP), "brand-round")


# -- 5. brush / script wordmark --------------------------------------------------------
SCRIPT_NAME = 0.72


def _script(scene: Scene, spec: LogoSpec, t: Theme) -> None:
    w, h = scene.width, scene.height
    name_h = round(h * SCRIPT_NAME)
    name = fit_text(
        spec.name,
        w,
        name_h,
        "brand-script",
        max_size=round(h * 0.46),
        min_size=_min(h),
        max_lines=2,
        align="center",
        valign="middle",
        line_height=1.0,
    )
    scene.text(name, (0, 0), t.primary)
    # A brush swash under the name: an accent bar as wide as the ink, tapered by two circles.
    x0, _y0, x1, y1 = name.bbox
    y = min(y1 + h * 0.03, name_h)
    thick = h * 0.045
    scene.rect((x0 + thick, y, x1 - thick, y + thick), fill=t.accent, radius=thick / 2)
    sub = _second_line(spec)
    if sub:
        small = _small_line(
            sub, round(w * 0.8), round(h - y - thick - h * 0.03), round(h * 0.12), _min(h)
        )
        scene.text(small, (w * 0.1, y + thick + h * 0.02), t.muted)


# -- 6. framed line-art ----------------------------------------------------------------
FRAME_OUTER = 0.02
FRAME_GAP = 0.045


def _frame(scene: Scene, spec: LogoSpec, t: Theme) -> None:
    s = scene.width
    line = s * FRAME_OUTER
    scene.rect((0, 0, s, s), fill=t.background, stroke=t.primary, width=line, radius=s * 0.06)
    g = s * FRAME_GAP
    scene.rect((g, g, s - g, s - g), stroke=t.primary, width=line * 0.4, radius=s * 0.035)
    _icon(scene, spec, s / 2, s * 0.27, round(s * 0.24), t.primary)
    side = round(s * 0.11)
    role = "brand-slab"
    name = fit_text(
        spec.name,
        s - 2 * side,
        round(s * 0.34),
        role,
        max_size=round(s * 0.14),
        min_size=_min(s),
        max_lines=3,
        align="center",
        valign="middle",
        line_height=1.05,
    )
    scene.text(name, (side, s * 0.42), t.text)
    sub = _second_line(spec)
    if sub:
        y = s * 0.8
        small = _small_line(sub, round(s * 0.56), round(s * 0.08), round(s * 0.05), _min(s))
        scene.text(small, (s * 0.22, y), t.muted)
        # Short rules either side of the small line, as on an engraved sign.
        x0, _, x1, _ = small.bbox
        mid = y + s * 0.04
        for a, b in ((s * 0.14, s * 0.22 + x0 - s * 0.02), (s * 0.24 + x1, s * 0.86)):
            if b - a > s * 0.02:
                scene.rect((a, mid - line * 0.2, b, mid + line * 0.2), fill=t.accent)


STYLES: dict[str, LogoStyle] = {
    s.id: s
    for s in (
        LogoStyle("badge", "Lencana monogram", "Monogram badge", True, _badge),
        LogoStyle("stacked", "Nama bertumpuk", "Stacked wordmark", False, _stacked),
        LogoStyle("stamp", "Stempel bundar", "Round stamp", False, _stamp),
        LogoStyle("icon", "Ikon usaha + nama", "Trade icon + wordmark", True, _icon_word),
        LogoStyle("script", "Tulisan kuas", "Brush script wordmark", True, _script),
        LogoStyle("frame", "Bingkai garis", "Framed line-art", False, _frame),
    )
}


def logo_scene(
    spec: LogoSpec, style: str = DEFAULT_STYLE, height_px: int = DEFAULT_HEIGHT_PX
) -> Scene:
    """Lay out a logo in a style (the default style for an unknown id)."""
    chosen = STYLES.get(style) or STYLES[DEFAULT_STYLE]
    width = round(height_px * HORIZONTAL) if chosen.wide else height_px
    scene = Scene(width, height_px)
    chosen.draw(scene, spec, get_theme(spec.theme))
    return scene


@lru_cache(maxsize=32)
def laid_out(spec: LogoSpec, style: str = DEFAULT_STYLE, height_px: int = DEFAULT_HEIGHT_PX):
    """Return a logo's scene laid out once per (spec, style, height): a kit draws the same
    logo as logo.png, logo.svg and on each print item (treat the scene as read-only)."""
    return logo_scene(spec, style, height_px)


def logo_png(
    spec: LogoSpec, style: str = DEFAULT_STYLE, height_px: int = DEFAULT_HEIGHT_PX
) -> bytes:
    """Render a logo as a transparent PNG."""
    return png_bytes(laid_out(spec, style, height_px).to_image())


def logo_svg(spec: LogoSpec, style: str = DEFAULT_STYLE, height_px: int = DEFAULT_HEIGHT_PX) -> str:
    """Render a logo as SVG with its letters converted to outlines."""
    return laid_out(spec, style, height_px).to_svg()
