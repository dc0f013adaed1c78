"""Text measuring: the pen advance and ink box of a run and of a whole line, with fallbacks.

Pure: Pillow and app.render (fonts, textprep).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from app.render.fonts import EMOJI_STRIKE_PX, load_font
from app.render.textprep import SPACE, segment

EMOJI_ROLE = "emoji"
# Reference strings giving every line the same ascent/descent, so lines with
# and without descenders get the same pitch.
_REF_ASCENT_TEXT = "HdÉ"
_REF_DESCENT_TEXT = "gjy"


@dataclass(frozen=True)
class RunMetrics:
    """Pen advance and ink extents of one run, relative to its pen origin on the baseline."""

    advance: float
    left: float
    top: float
    right: float
    bottom: float


def font_and_scale(role: str, size: int) -> tuple[ImageFont.FreeTypeFont, float]:
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


def is_simple(text: str) -> bool:
    """Tell whether text is Latin that needs no shaping (measured from per-character boxes)."""
    return all(ord(c) <= _SIMPLE_MAX_CP or ord(c) in _SIMPLE_EXTRA for c in text)


@lru_cache(maxsize=8192)
def _char_box(role: str, ch: str) -> tuple[float, float, float, float, float]:
    """Return (advance, left, top, right, bottom) of one character at the reference size."""
    font = load_font(role, _REF_PX)
    left, top, right, bottom = font.getbbox(ch, anchor="ls") if ch.strip() else (0, 0, 0, 0)
    return font.getlength(ch), left, top, right, bottom


@lru_cache(maxsize=65536)
def _word_length(role: str, size: int, word: str) -> float:
    """Return the pen advance of one word (or a space) at a pixel size."""
    return load_font(role, size).getlength(word)


def _simple_length(role: str, size: int, text: str) -> float:
    """Return the pen advance of simple text as the sum of its words' and spaces' advances.

    The bundled fonts kern and substitute within words only, never across a space, so
    the sum equals the whole line's shaped advance exactly (tests check it); a wrap then
    measures each word once per size instead of every candidate line again.
    """
    words = text.split(SPACE)
    total = sum(_word_length(role, size, word) for word in words if word)
    return total + (len(words) - 1) * _word_length(role, size, SPACE)


@lru_cache(maxsize=65536)
def run_metrics(role: str, size: int, text: str) -> RunMetrics:
    """Measure one run at a pixel size."""
    simple = role != EMOJI_ROLE and is_simple(text)
    if simple:
        advance = _simple_length(role, size, text)
    else:
        font, scale = font_and_scale(role, size)
        advance = font.getlength(text) * scale
    ink = text.rstrip()
    if not ink:
        return RunMetrics(advance, 0.0, 0.0, 0.0, 0.0)
    if simple:
        k = size / _REF_PX
        slack = _HINT_SLACK_PX + size * _HINT_SLACK_SHARE
        boxes = [_char_box(role, c) for c in set(ink) if c.strip()]
        top = min(b[2] for b in boxes) * k - slack
        bottom = max(b[4] for b in boxes) * k + slack
        first = _char_box(role, ink[0])
        last = _char_box(role, ink[-1])
        ink_adv = _simple_length(role, size, ink) if ink != text else advance
        left = min(0.0, first[1] * k) - slack
        right = ink_adv - last[0] * k + last[3] * k + slack
        return RunMetrics(advance, left, top, right, bottom)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    return RunMetrics(advance, left * scale, top * scale, right * scale, bottom * scale)


@lru_cache(maxsize=4096)
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


@lru_cache(maxsize=65536)
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
