"""Text fitting: shrink, wrap, then ellipsis, so text never clips or overflows its box.

Text is split into runs by font coverage (bundled fonts only), so Javanese
script, emoji and symbols come from a fallback font; a character no bundled
font has becomes a visible "□" instead of an invisible .notdef box.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from PIL import Image, ImageDraw

from app.render.fonts import load_font
from app.render.textmetrics import (
    EMOJI_ROLE,
    LineMetrics,
    font_and_scale,
    line_metrics,
    run_metrics,
)
from app.render.textprep import (
    NBSP,
    REPLACEMENT,
    SPACE,
    bind,
    clean_text,
    clusters,
    segment,
)

__all__ = [  # the text API, one import away (cleaning and measuring live beside it)
    "ELLIPSIS",
    "REPLACEMENT",
    "LineMetrics",
    "TextLayout",
    "clean_text",
    "draw_layout",
    "fit_text",
    "line_metrics",
    "segment",
    "text_layout_image",
    "wrap",
]

ELLIPSIS = "…"
# Baseline-to-baseline distance as a multiple of the font size.
DEFAULT_LINE_HEIGHT = 1.2


@dataclass(frozen=True)
class LaidLine:
    """One placed line: pen origin (x, baseline) and ink box, relative to the text box."""

    text: str
    x: float
    baseline: float
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class TextLayout:
    """A fitted text block: font size, lines and their boxes inside a (width, height) box."""

    text: str
    role: str
    size: int
    box: tuple[int, int]
    lines: tuple[LaidLine, ...]
    truncated: bool
    broken: bool = False  # a word had to be cut across lines: the caller should report it

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """Return the union ink box of all lines (0-size box when empty)."""
        if not self.lines:
            return (0.0, 0.0, 0.0, 0.0)
        boxes = [ln.bbox for ln in self.lines]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    @property
    def height(self) -> float:
        """Return the height the lines occupy."""
        b = self.bbox
        return b[3] - b[1]

    def fits(self) -> bool:
        """Tell whether every line lies inside the box."""
        x0, y0, x1, y1 = self.bbox
        w, h = self.box
        return x0 >= 0 and y0 >= 0 and x1 <= w and y1 <= h


def _fits_width(text: str, role: str, size: int, width: float) -> bool:
    return line_metrics(text, role, size).width <= width


def _break_word(word: str, role: str, size: int, width: float) -> list[str] | None:
    """Cut a too-long word into pieces that fit; None if one cluster is too wide."""
    pieces_of = clusters(word)
    # Per-cluster advances are cached, so a 500-character word costs a few
    # measures per piece instead of a search over whole-string layouts.
    advances = [line_metrics(c, role, size).advance for c in pieces_of]
    pieces: list[str] = []
    start = 0
    while start < len(pieces_of):
        if not _fits_width(pieces_of[start], role, size, width):
            return None
        end, used = start, 0.0
        while end < len(pieces_of) and used + advances[end] <= width:
            used += advances[end]
            end += 1
        end = max(end, start + 1)
        while end > start + 1 and not _fits_width("".join(pieces_of[start:end]), role, size, width):
            end -= 1
        pieces.append("".join(pieces_of[start:end]))
        start = end
    return pieces


def wrap(
    text: str, role: str, size: int, width: float, break_words: bool = True
) -> list[str] | None:
    """Word-wrap cleaned text into lines that fit a width; None if impossible.

    "100 g", "Rp 15.000" and "isi 10" stay on one line; a word is cut into pieces only
    with break_words, as a last resort the caller reports.
    """
    lines: list[str] = []
    for para in bind(text).split("\n"):
        current = ""
        for token in para.split(SPACE):
            if not token:
                continue
            word = token.replace(NBSP, SPACE)
            candidate = f"{current} {word}" if current else word
            if _fits_width(candidate, role, size, width):
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            if _fits_width(word, role, size, width):
                current = word
                continue
            if not break_words:
                return None
            pieces = _break_word(word, role, size, width)
            if pieces is None:
                return None
            lines.extend(pieces[:-1])
            current = pieces[-1]
        if current or not lines:
            lines.append(current)
    return lines


def _stack(lines: list[str], role: str, size: int, line_height: float) -> list[tuple[float, float]]:
    """Return (baseline, bottom) per line, stacking lines at a steady pitch without overlap."""
    out: list[tuple[float, float]] = []
    pitch = size * line_height
    prev_baseline = prev_descent = None
    for text in lines:
        m = line_metrics(text, role, size)
        if prev_baseline is None:
            baseline = m.ascent
        else:
            baseline = prev_baseline + max(pitch, prev_descent + m.ascent)
        out.append((baseline, baseline + m.descent))
        prev_baseline, prev_descent = baseline, m.descent
    return out


def _try_size(
    text: str,
    role: str,
    size: int,
    w: int,
    h: int,
    max_lines: int | None,
    lh: float,
    break_words: bool = False,
) -> list[str] | None:
    lines = wrap(text, role, size, w, break_words)
    if lines is None or (max_lines is not None and len(lines) > max_lines):
        return None
    if _stack(lines, role, size, lh)[-1][1] > h:
        return None
    return lines


def _ellipsize(
    text: str, role: str, size: int, w: int, h: int, max_lines: int | None, lh: float
) -> list[str]:
    """Keep the lines that fit and end the last one with an ellipsis."""
    lines = wrap(text, role, size, w) or []
    stack = _stack(lines, role, size, lh)
    keep = sum(1 for _, bottom in stack if bottom <= h)
    if max_lines is not None:
        keep = min(keep, max_lines)
    if keep == 0:
        return []
    kept = lines[:keep]
    tail = clusters(kept[-1])
    while tail:
        candidate = "".join(tail).rstrip() + ELLIPSIS
        if _fits_width(candidate, role, size, w):
            kept[-1] = candidate
            return kept
        tail.pop()
    if _fits_width(ELLIPSIS, role, size, w):
        kept[-1] = ELLIPSIS
        return kept
    return kept[:-1]


def fit_text(
    text: str | None,
    box_w: int,
    box_h: int,
    role: str = "text-regular",
    max_size: int = 48,
    min_size: int = 8,
    *,
    max_lines: int | None = None,
    align: str = "left",
    valign: str = "top",
    line_height: float = DEFAULT_LINE_HEIGHT,
) -> TextLayout:
    """Fit text in a box: largest size that fits wrapped whole words, else cut words, else …."""
    # Layouts are immutable: a sheet of nine hang tags fits each text once.
    return _fit_cached(
        text, box_w, box_h, role, max_size, min_size, max_lines, align, valign, line_height
    )


@lru_cache(maxsize=4096)
def _fit_cached(
    text: str | None,
    box_w: int,
    box_h: int,
    role: str,
    max_size: int,
    min_size: int,
    max_lines: int | None,
    align: str,
    valign: str,
    line_height: float,
) -> TextLayout:
    clean = clean_text(text)
    min_size = max(1, min(min_size, max_size))
    lines: list[str] | None = None
    size = min_size
    broken = False
    # Whole words first; a word cut across lines only when no size fits whole words.
    for break_words in (False, True):
        if lines is not None or not (clean.strip() and box_w > 0 and box_h > 0):
            break
        broken = break_words
        # Binary search for the largest size that fits; fit is monotonic in size
        # except for rare wrap quirks, which only cost a slightly smaller size.
        lo, hi = min_size, max_size
        while lo <= hi:
            mid = (lo + hi) // 2
            found = _try_size(clean, role, mid, box_w, box_h, max_lines, line_height, break_words)
            if found is not None:
                lines, size = found, mid
                lo = mid + 1
            else:
                hi = mid - 1
    truncated = False
    if lines is None:
        size = min_size
        if clean.strip() and box_w > 0 and box_h > 0:
            lines = _ellipsize(clean, role, size, box_w, box_h, max_lines, line_height)
            truncated = True
        else:
            lines = []
    laid = _place(clean, role, size, box_w, box_h, lines, truncated, align, valign, line_height)
    return replace(laid, broken=broken) if broken and not truncated else laid


def _place(
    text: str,
    role: str,
    size: int,
    w: int,
    h: int,
    lines: list[str],
    truncated: bool,
    align: str,
    valign: str,
    lh: float,
) -> TextLayout:
    stack = _stack(lines, role, size, lh)
    total = stack[-1][1] if stack else 0.0
    dy = {"top": 0.0, "middle": (h - total) / 2, "bottom": h - total}[valign]
    laid = []
    for text_line, (baseline, _) in zip(lines, stack, strict=True):
        m = line_metrics(text_line, role, size)
        free = w - m.width
        dx = {"left": 0.0, "center": free / 2, "right": free}[align] - m.left
        y = baseline + dy
        laid.append(
            LaidLine(text_line, dx, y, (dx + m.left, y - m.ascent, dx + m.right, y + m.descent))
        )
    return TextLayout(text, role, size, (w, h), tuple(laid), truncated)


def draw_layout(
    image: Image.Image, layout: TextLayout, xy: tuple[float, float], fill: str | tuple
) -> None:
    """Draw a fitted layout onto an image with its box's top-left corner at xy."""
    draw = ImageDraw.Draw(image)
    ox, oy = xy
    for line in layout.lines:
        pen = ox + line.x
        base = oy + line.baseline
        for run_role, run_text in segment(line.text, layout.role):
            m = run_metrics(run_role, layout.size, run_text)
            if run_text.strip():
                if run_role == EMOJI_ROLE:
                    _draw_emoji(image, run_text, layout.size, pen, base)
                else:
                    font = load_font(run_role, layout.size)
                    draw.text((pen, base), run_text, font=font, fill=fill, anchor="ls")
            pen += m.advance


def _draw_emoji(image: Image.Image, text: str, size: int, pen: float, base: float) -> None:
    """Draw colour emoji: render at the bitmap strike size, then scale down."""
    font, scale = font_and_scale(EMOJI_ROLE, size)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    tile = Image.new("RGBA", (max(1, right - left), max(1, bottom - top)), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text((-left, -top), text, font=font, embedded_color=True, anchor="ls")
    out_w = max(1, round(tile.width * scale))
    out_h = max(1, round(tile.height * scale))
    tile = tile.resize((out_w, out_h), Image.Resampling.LANCZOS)
    x, y = round(pen + left * scale), round(base + top * scale)
    if image.mode == "RGBA":
        image.alpha_composite(tile, (max(0, x), max(0, y)))
    else:
        image.paste(tile, (x, y), tile)


def text_layout_image(layout: TextLayout, fill: str = "black") -> Image.Image:
    """Render a layout alone on a transparent image the size of its box (for tests)."""
    img = Image.new("RGBA", layout.box, (0, 0, 0, 0))
    draw_layout(img, layout, (0, 0), fill)
    return img
