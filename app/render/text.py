"""Text fitting: shrink, wrap, then ellipsis, so text never clips or overflows its box.

Text is split into runs by font coverage (bundled fonts only), so Javanese
script, emoji and symbols come from a fallback font; a character no bundled
font has becomes a visible "□" instead of an invisible .notdef box.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from app.render.fonts import EMOJI_STRIKE_PX, coverage, fallback_chain, load_font

ELLIPSIS = "…"
REPLACEMENT = "□"
REPLACEMENT_ROLE = "symbols"
EMOJI_ROLE = "emoji"
# Baseline-to-baseline distance as a multiple of the font size.
DEFAULT_LINE_HEIGHT = 1.2
# Reference strings giving every line the same ascent/descent, so lines with
# and without descenders get the same pitch.
_REF_ASCENT_TEXT = "HdÉ"
_REF_DESCENT_TEXT = "gjy"
_SPACE = " "
# A space that never breaks a line: binds a number to its unit and "Rp" to its amount.
NBSP = "\u00a0"
# Units a number keeps on its line, and words that keep the number after them. Kept as
# data: a trade's unit that is missing here only costs a possible line break.
BOUND_UNITS = frozenset(
    {
        "g", "gr", "gram", "kg", "ons", "mg", "ml", "l", "lt", "ltr", "liter", "cc", "cm", "mm",
        "m", "meter", "pcs", "pc", "buah", "biji", "butir", "bungkus", "bks", "pack", "pak",
        "porsi", "lembar", "ekor", "potong", "sachet", "botol", "cup", "gelas", "box", "dus",
        "kotak", "tusuk", "ikat", "sisir", "kodi", "lusin", "set", "pasang", "x", "%", "hari",
        "jam", "menit",
    }
)  # fmt: skip
BOUND_PREFIXES = ("rp", "rp.", "idr", "isi", "no.", "nomor", "@", "±")
_NUMBER = r"\d[\d.,]*"
_UNITS_RE = "|".join(re.escape(u) for u in sorted(BOUND_UNITS, key=len, reverse=True))
_UNIT_GLUE = re.compile(rf"(?<=\d) +(?=(?:{_UNITS_RE})(?!\w))", re.IGNORECASE)
_PREFIX_GLUE = re.compile(
    rf"(?<![\w.])({'|'.join(re.escape(p) for p in BOUND_PREFIXES)}) +(?={_NUMBER})", re.IGNORECASE
)

# Invisible characters that only confuse measuring; dropped before layout.
_DROP = frozenset(
    [0x00AD, 0x200B, 0x2060, 0xFEFF, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_NEWLINES = frozenset("\n\u2028\u2029\x85")


def clean_text(text: str | None) -> str:
    """Normalise text for layout: NFC, drop invisible controls, unify whitespace."""
    if not text:
        return ""
    out = []
    for ch in unicodedata.normalize("NFC", str(text)):
        cp = ord(ch)
        if ch in _NEWLINES:
            out.append("\n")
        elif cp in _DROP:
            continue
        elif ch.isspace():
            out.append(_SPACE)
        elif unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


def _attaches(ch: str) -> bool:
    """Tell whether a character belongs to the previous cluster (marks, joiners, selectors)."""
    cat = unicodedata.category(ch)
    return cat.startswith("M") or _always_attaches(ord(ch))


def _always_attaches(cp: int) -> bool:
    """Tell whether a code point is a variation selector, joiner or other format char."""
    return (
        0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or unicodedata.category(chr(cp)) == "Cf"
    )


@lru_cache(maxsize=4096)
def segment(text: str, role: str) -> tuple[tuple[str, str], ...]:
    """Split text into (font role, text) runs so every character has a glyph."""
    chain = fallback_chain(role)
    runs: list[list[str]] = []
    for ch in text:
        cp = ord(ch)
        if runs and (
            _always_attaches(cp)
            or ((_attaches(ch) or ch == _SPACE) and cp in coverage(runs[-1][0]))
        ):
            # Selectors and joiners are default-ignorable to the shaper: keeping
            # them in the run avoids a lone dotted-circle run in another font.
            runs[-1][1] += ch
            continue
        pick = next((r for r in chain if cp in coverage(r)), None)
        if pick is None:
            if _attaches(ch):
                continue  # a stray mark or joiner with no glyph anywhere: invisible anyway
            pick, ch = REPLACEMENT_ROLE, REPLACEMENT
        if runs and runs[-1][0] == pick:
            runs[-1][1] += ch
        else:
            runs.append([pick, ch])
    return tuple((r, t) for r, t in runs)


@dataclass(frozen=True)
class RunMetrics:
    """Pen advance and ink extents of one run, relative to its pen origin on the baseline."""

    advance: float
    left: float
    top: float
    right: float
    bottom: float


def _font_and_scale(role: str, size: int) -> tuple[ImageFont.FreeTypeFont, float]:
    """Return the font to draw a run with and the factor to scale its pixels by."""
    if role == EMOJI_ROLE:
        return load_font(role, EMOJI_STRIKE_PX), size / EMOJI_STRIKE_PX
    return load_font(role, size), 1.0


# Glyph boxes scale linearly with size, so simple scripts are measured from
# per-character boxes taken once at this size (plus hinting slack) instead of a
# full shaped layout per candidate line, which is ~15x slower.
_REF_PX = 200
_HINT_SLACK_PX = 1.0
_HINT_SLACK_SHARE = 0.01
_SIMPLE_MAX_CP = 0x24F  # Latin, Latin-1 and Latin Extended A/B: no shaping, no reordering
_SIMPLE_EXTRA = (
    frozenset(range(0x2010, 0x2028))
    | frozenset(range(0x2030, 0x205F))
    | frozenset(range(0x20A0, 0x20C1))
)


def _is_simple(text: str) -> bool:
    return all(ord(c) <= _SIMPLE_MAX_CP or ord(c) in _SIMPLE_EXTRA for c in text)


@lru_cache(maxsize=8192)
def _char_box(role: str, ch: str) -> tuple[float, float, float, float, float]:
    """Return (advance, left, top, right, bottom) of one character at the reference size."""
    font = load_font(role, _REF_PX)
    left, top, right, bottom = font.getbbox(ch, anchor="ls") if ch.strip() else (0, 0, 0, 0)
    return font.getlength(ch), left, top, right, bottom


@lru_cache(maxsize=16384)
def run_metrics(role: str, size: int, text: str) -> RunMetrics:
    """Measure one run at a pixel size."""
    font, scale = _font_and_scale(role, size)
    advance = font.getlength(text) * scale
    ink = text.rstrip()
    if not ink:
        return RunMetrics(advance, 0.0, 0.0, 0.0, 0.0)
    if role != EMOJI_ROLE and _is_simple(text):
        k = size / _REF_PX
        slack = _HINT_SLACK_PX + size * _HINT_SLACK_SHARE
        boxes = [_char_box(role, c) for c in set(ink) if c.strip()]
        top = min(b[2] for b in boxes) * k - slack
        bottom = max(b[4] for b in boxes) * k + slack
        first = _char_box(role, ink[0])
        last = _char_box(role, ink[-1])
        ink_adv = font.getlength(ink) if ink != text else advance
        left = min(0.0, first[1] * k) - slack
        right = ink_adv - last[0] * k + last[3] * k + slack
        return RunMetrics(advance, left, top, right, bottom)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    return RunMetrics(advance, left * scale, top * scale, right * scale, bottom * scale)


@lru_cache(maxsize=256)
def _reference(role: str, size: int) -> tuple[float, float]:
    """Return the ascent and descent every line of a role reserves at a size."""
    font = load_font(role, size)
    return -font.getbbox(_REF_ASCENT_TEXT, anchor="ls")[1], font.getbbox(
        _REF_DESCENT_TEXT, anchor="ls"
    )[3]


@dataclass(frozen=True)
class LineMetrics:
    """Ink extents of a whole line relative to its pen origin on the baseline."""

    left: float
    right: float
    ascent: float
    descent: float
    advance: float

    @property
    def width(self) -> float:
        """Return the ink width including overhangs."""
        return self.right - self.left


@lru_cache(maxsize=16384)
def line_metrics(text: str, role: str, size: int) -> LineMetrics:
    """Measure a single line of text at a size, with fallback fonts."""
    ascent, descent = _reference(role, size)
    pen = 0.0
    left, right = 0.0, 0.0
    for run_role, run_text in segment(text, role):
        m = run_metrics(run_role, size, run_text)
        if run_text.strip():
            left = min(left, pen + m.left)
            right = max(right, pen + m.right)
            ascent = max(ascent, -m.top)
            descent = max(descent, m.bottom)
        pen += m.advance
    return LineMetrics(left, right, ascent, descent, pen)


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


def _clusters(word: str) -> list[str]:
    """Split a word into user-perceived clusters (base + marks/joiners)."""
    out: list[str] = []
    for ch in word:
        if out and _attaches(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _fits_width(text: str, role: str, size: int, width: float) -> bool:
    return line_metrics(text, role, size).width <= width


def _break_word(word: str, role: str, size: int, width: float) -> list[str] | None:
    """Cut a too-long word into pieces that fit; None if one cluster is too wide."""
    clusters = _clusters(word)
    # Per-cluster advances are cached, so a 500-character word costs a few
    # measures per piece instead of a search over whole-string layouts.
    advances = [line_metrics(c, role, size).advance for c in clusters]
    pieces: list[str] = []
    start = 0
    while start < len(clusters):
        if not _fits_width(clusters[start], role, size, width):
            return None
        end, used = start, 0.0
        while end < len(clusters) and used + advances[end] <= width:
            used += advances[end]
            end += 1
        end = max(end, start + 1)
        while end > start + 1 and not _fits_width("".join(clusters[start:end]), role, size, width):
            end -= 1
        pieces.append("".join(clusters[start:end]))
        start = end
    return pieces


# "per mangkok", "/ bungkus": a selling unit stays with its "per" or slash.
_PER_GLUE = re.compile(r"(?<!\w)(per|/) +(?=\S)", re.IGNORECASE)


def bind(text: str) -> str:
    """Join numbers to their units and "Rp"/"isi" to their amounts with no-break spaces."""
    text = _PREFIX_GLUE.sub(lambda m: m.group(1) + NBSP, _UNIT_GLUE.sub(NBSP, text))
    return _PER_GLUE.sub(lambda m: m.group(1) + NBSP, text)


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
        for token in para.split(_SPACE):
            if not token:
                continue
            word = token.replace(NBSP, _SPACE)
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
    clusters = _clusters(kept[-1])
    while clusters:
        candidate = "".join(clusters).rstrip() + ELLIPSIS
        if _fits_width(candidate, role, size, w):
            kept[-1] = candidate
            return kept
        clusters.pop()
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
    font, scale = _font_and_scale(EMOJI_ROLE, size)
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
