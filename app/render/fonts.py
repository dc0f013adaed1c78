"""Bundled fonts: roles mapped to files in ``app/render/fonts/``; never system fonts.

Licences live next to the files: Noto fonts are SIL OFL 1.1 (``OFL.txt``,
``NOTO-COPYRIGHT-debian.txt``), DejaVu Sans is the Bitstream Vera licence
(``DEJAVU-LICENSE.txt``), the Noto Color Emoji subset is OFL 1.1.
"""

from __future__ import annotations

import copy
import io
from functools import cache, lru_cache
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import TextEmphasis
from fpdf.fonts import SubsetMap, TTFFont
from PIL import ImageFont

FONT_DIR: Path = Path(__file__).resolve().parent / "fonts"

# Role -> file. Roles are what layout code asks for; files can change freely.
FONT_FILES: dict[str, str] = {
    "display-bold": "NotoSansDisplay-Bold.ttf",
    "text-regular": "NotoSans-Regular.ttf",
    "text-bold": "NotoSans-Bold.ttf",
    "javanese": "NotoSansJavanese-Regular.ttf",
    "javanese-bold": "NotoSansJavanese-Bold.ttf",
    # DejaVu covers Greek, Cyrillic, Hebrew, Arabic basics, box drawing, "□"
    # and monochrome emoticons that Noto Sans lacks.
    "symbols": "DejaVuSans.ttf",
    "symbols2": "NotoSansSymbols2-Regular.ttf",
    # A 271-glyph subset of Noto Color Emoji (faces, food, hearts, hands, shop
    # symbols) keeps the bundle small; see fonts/README.md for the recipe.
    "emoji": "NotoColorEmoji-Kit.ttf",
}

# Latin-1 subsets (plus punctuation, €, ™) for fpdf2, which parses the whole font
# on add_font: a few ms for these instead of ~100 ms for the full files. PDF code
# draws only text these files cover (pdf_coverage) as vector text.
PDF_FONT_FILES: dict[str, str] = {
    "text-regular": "NotoSans-Regular-Latin.ttf",
    "text-bold": "NotoSans-Bold-Latin.ttf",
    "display-bold": "NotoSansDisplay-Bold-Latin.ttf",
}

# Colour bitmap fonts only render at their strike size; callers scale the result.
EMOJI_STRIKE_PX = 109

# Fallback order after the primary font; bold roles prefer bold fallbacks.
_FALLBACKS_REGULAR: tuple[str, ...] = ("emoji", "javanese", "symbols", "symbols2")
_FALLBACKS_BOLD: tuple[str, ...] = ("emoji", "javanese-bold", "symbols", "symbols2")


def font_path(role: str) -> Path:
    """Return the bundled font file for a role such as "text-regular"."""
    try:
        return FONT_DIR / FONT_FILES[role]
    except KeyError:
        raise ValueError(f"unknown font role {role!r}; known: {sorted(FONT_FILES)}") from None


def pdf_font_path(role: str) -> Path:
    """Return the small Latin subset of a role's font, for fpdf2 documents."""
    try:
        return FONT_DIR / PDF_FONT_FILES[role]
    except KeyError:
        raise ValueError(
            f"no PDF font for role {role!r}; known: {sorted(PDF_FONT_FILES)}"
        ) from None


def add_pdf_font(pdf: FPDF, family: str, path: Path, style: str = "") -> None:
    """Add a bundled font to an fpdf2 document, parsing the file once per process."""
    style = "".join(sorted(style.upper()))
    fontkey = f"{family.lower()}{style}"
    if fontkey in pdf.fonts:
        return
    proto = _parsed_pdf_font(str(path))
    # fpdf2 keeps per-document state on the font object (its number in the document,
    # the glyphs used, the subset) and subsets the fontTools object in place on output:
    # share the parsed metrics (cmap, widths, descriptor) and give each document a fresh
    # copy of that state and a lazily read fontTools object over the cached bytes.
    font = copy.copy(proto)
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.emphasis = TextEmphasis.coerce(style)
    font.biggest_size_pt = 0
    font.missing_glyphs = []
    # recalcBBoxes=False: saving the subset then copies glyph data as is instead of
    # decompiling every glyph to recompute bounding boxes it already stores.
    font.ttfont = ttLib.TTFont(
        io.BytesIO(_font_bytes(str(path))), recalcTimestamp=False, recalcBBoxes=False, lazy=True
    )
    font._hbfont = None
    font.color_font = None  # the bundled PDF fonts carry no colour glyphs
    font.subset = SubsetMap(font)
    pdf.fonts[fontkey] = font


# Tables fpdf2 drops from every embedded subset anyway (it shapes no text here): removed
# once per process so that each document's subsetting has less to walk through.
_UNEMBEDDED_TABLES = ("GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "FFTM")


@cache
def _font_bytes(path: str) -> bytes:
    with ttLib.TTFont(path, recalcTimestamp=False, recalcBBoxes=False) as font:
        for tag in _UNEMBEDDED_TABLES:
            if tag in font:
                del font[tag]
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()


@cache
def _parsed_pdf_font(path: str) -> TTFFont:
    """Return fpdf2's parsed form of a font file (cmap, widths, descriptor), made once."""
    owner = FPDF()
    owner.add_font("proto", "", path)
    return owner.fonts["proto"]


@cache
def pdf_advances(path: Path) -> dict[str, int]:
    """Return each covered character's advance width in 1/1000 em, as fpdf2 measures it."""
    font = _parsed_pdf_font(str(path))
    return {chr(cp): int(font.cw[cp]) for cp in font.cmap}


def roles() -> tuple[str, ...]:
    """Return every known font role."""
    return tuple(FONT_FILES)


def fallback_chain(role: str) -> tuple[str, ...]:
    """Return the role followed by the roles tried for glyphs it lacks."""
    font_path(role)
    rest = _FALLBACKS_BOLD if "bold" in role else _FALLBACKS_REGULAR
    return (role, *(r for r in rest if r != role))


@lru_cache(maxsize=256)
def load_font(role: str, size: int) -> ImageFont.FreeTypeFont:
    """Return a cached Pillow font for a role at a pixel size."""
    if role == "emoji":
        size = EMOJI_STRIKE_PX
    return ImageFont.truetype(str(font_path(role)), max(1, int(size)))


@cache
def coverage(role: str) -> frozenset[int]:
    """Return the set of code points the role's font maps to a glyph."""
    # fontTools reads the cmap only (lazy), so this costs a few ms once per font.
    return _cmap(font_path(role))


@cache
def pdf_coverage(role: str) -> frozenset[int]:
    """Return the code points the role's PDF subset font covers."""
    return _cmap(pdf_font_path(role))


def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as tt:
        return frozenset(tt.getBestCmap() or {})
