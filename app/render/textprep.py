"""Text before layout: clean it, bind numbers to their units, split it into font runs.

Pure: the standard library and app.render.fonts (which font covers a character).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from app.render.fonts import coverage, fallback_chain

REPLACEMENT = "□"
REPLACEMENT_ROLE = "symbols"
SPACE = " "
# A space that never breaks a line: binds a number to its unit and "Rp" to its amount.
NBSP = "\u00a0"
# Units a number keeps on its line, and words that keep the number after them. Kept as
# data: a trade's unit that is missing here only costs a possible line break.
_UNIT_WORDS = (
    "g gr gram kg ons mg ml l lt ltr liter cc cm mm m meter pcs pc buah biji butir bungkus bks "
    "pack pak porsi lembar ekor potong sachet botol cup gelas box dus kotak tusuk ikat sisir "
    "kodi lusin set pasang x % hari jam menit"
)
BOUND_UNITS = frozenset(_UNIT_WORDS.split())
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
            out.append(SPACE)
        elif unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


def attaches(ch: str) -> bool:
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
            _always_attaches(cp) or ((attaches(ch) or ch == SPACE) and cp in coverage(runs[-1][0]))
        ):
            # Selectors and joiners are default-ignorable to the shaper: keeping
            # them in the run avoids a lone dotted-circle run in another font.
            runs[-1][1] += ch
            continue
        pick = next((r for r in chain if cp in coverage(r)), None)
        if pick is None:
            if attaches(ch):
                continue  # a stray mark or joiner with no glyph anywhere: invisible anyway
            pick, ch = REPLACEMENT_ROLE, REPLACEMENT
        if runs and runs[-1][0] == pick:
            runs[-1][1] += ch
        else:
            runs.append([pick, ch])
    return tuple((r, t) for r, t in runs)


def clusters(word: str) -> list[str]:
    """Split a word into user-perceived clusters (base + marks/joiners)."""
    out: list[str] = []
    for ch in word:
        if out and attaches(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


# "per mangkok", "/ bungkus": a selling unit stays with its "per" or slash.
_PER_GLUE = re.compile(r"(?<!\w)(per|/) +(?=\S)", re.IGNORECASE)


def bind(text: str) -> str:
    """Join numbers to their units and "Rp"/"isi" to their amounts with no-break spaces."""
    text = _PREFIX_GLUE.sub(lambda m: m.group(1) + NBSP, _UNIT_GLUE.sub(NBSP, text))
    return _PER_GLUE.sub(lambda m: m.group(1) + NBSP, text)
