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

import fpdf.output
from fontTools import subset as ftsubset
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
    # Logo faces (OFL, from @fontsource on npm, Latin range) and trade icons (Tabler, MIT).
    **{
        f"brand-{k}": v
        for k, v in (
            ("script", "Pacifico-Latin.ttf"),
            ("slab", "AlfaSlabOne-Latin.ttf"),
            ("condensed", "BebasNeue-Latin.ttf"),
            ("round", "LilitaOne-Latin.ttf"),
        )
    },
    "icons": "TablerIcons-Kit.ttf",
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
    font.ttfont = _SharedFont(str(path))
    font._hbfont = None
    font.color_font = None  # the bundled PDF fonts carry no colour glyphs
    # The descriptor is a PDF object: output numbers it, so each document needs its own.
    font.desc = copy.copy(proto.desc)
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


class _SharedFont(ttLib.TTFont):
    """A document's copy of a bundled font whose embedded subset is made once per process.

    fpdf2 subsets each document's fonts to the glyphs it used with fontTools (~15 ms a
    font, most of a small PDF's time). For these fonts the subset is cached: the small
    Latin files are embedded whole (all their ~240 glyphs, a few KB more per PDF, the
    same bytes for every document), fuller fonts by the exact set of glyphs used.

    Its glyph order (the Latin files name their glyphs from the cmap: ~4 ms) is kept per
    font bytes, and a font that no one opened a table of saves as those bytes: fpdf2 only
    subsets, looks glyph ids up and saves, where fontTools would rebuild the same file.
    """

    def __init__(self, path: str, data: bytes | None = None, key: tuple | None = None):
        data = _font_bytes(path) if data is None else data
        super().__init__(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
        self.source_path = path
        self._bytes = data
        self._key = (path, None) if key is None else key

    def getGlyphOrder(self) -> list[str]:  # noqa: N802 - fontTools' API
        """Return the glyph order, worked out once per font bytes."""
        if not hasattr(self, "glyphOrder"):
            order = _GLYPH_ORDERS.get(self._key)
            if order is None:
                order = _GLYPH_ORDERS[self._key] = list(super().getGlyphOrder())
            self.glyphOrder = list(order)
        return self.glyphOrder

    def save(self, file, reorderTables=True) -> None:  # noqa: N803 - fontTools' API
        """Save the font: its bytes as they are when no table was opened (so none changed)."""
        if self.tables or not hasattr(file, "write") or reorderTables is not True:
            super().save(file, reorderTables)
            return
        file.write(self._bytes)

    def use_subset(self, glyphs: frozenset[str], options) -> None:
        """Become this font's subset to the glyph names, taken from the cache when made before."""
        if len(self.reader["glyf"]) <= EMBED_WHOLE_BYTES:
            glyphs = frozenset(self.getGlyphOrder())
        key = (self.source_path, glyphs)
        data = _SUBSETS.get(key)
        if data is None:
            font = ttLib.TTFont(
                io.BytesIO(_font_bytes(self.source_path)), lazy=True, recalcTimestamp=False
            )
            # Glyph names stay in the saved subset: fpdf2 looks glyphs up by name in it.
            options = copy.copy(options) if options is not None else ftsubset.Options()
            options.glyph_names = True
            subsetter = _REAL_SUBSET.Subsetter(options)
            subsetter.populate(glyphs=sorted(glyphs))
            subsetter.subset(font)
            buffer = io.BytesIO()
            font.save(buffer)
            data = _SUBSETS[key] = buffer.getvalue()
            if len(_SUBSETS) > MAX_CACHED_SUBSETS:
                oldest = next(iter(_SUBSETS))
                del _SUBSETS[oldest]
                _GLYPH_ORDERS.pop(oldest, None)
        # fpdf2 goes on with this object (glyph ids, save): it now holds the subset.
        self.__init__(self.source_path, data, key)


EMBED_WHOLE_BYTES = 64 * 1024  # fonts with this little glyph data are embedded whole
MAX_CACHED_SUBSETS = 64
_SUBSETS: dict[tuple[str, frozenset[str]], bytes] = {}
# Glyph orders by (path, subset glyphs or None for the file): as many as the subsets.
_GLYPH_ORDERS: dict[tuple, list[str]] = {}
_REAL_SUBSET = ftsubset


class _Subsetter:
    """fontTools' Subsetter as fpdf2 calls it, taking cached subsets for shared fonts."""

    def __init__(self, options=None, **kwargs):
        self._options = options
        self._real = _REAL_SUBSET.Subsetter(options, **kwargs)
        self._glyphs: frozenset[str] = frozenset()

    def populate(self, glyphs=(), **kwargs) -> None:  # noqa: D102 - fontTools' API
        self._glyphs = frozenset(glyphs)
        self._real.populate(glyphs=glyphs, **kwargs)

    def subset(self, font) -> None:  # noqa: D102 - fontTools' API
        if isinstance(font, _SharedFont):
            font.use_subset(self._glyphs, self._options)
        else:
            self._real.subset(font)


class _SubsetModule:
    """Stands in for ``fontTools.subset`` inside fpdf2's output module."""

    Options = ftsubset.Options
    Subsetter = _Subsetter


fpdf.output.ftsubset = _SubsetModule  # fpdf2 reads the module attribute on every output


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


def preload_pdf_fonts() -> None:
    """Parse the PDF fonts now (e.g. before forking workers, which then share them)."""
    for role in PDF_FONT_FILES:
        _parsed_pdf_font(str(pdf_font_path(role)))
        _font_bytes(str(pdf_font_path(role)))


def roles() -> tuple[str, ...]:
    """Return every known font role."""
    return tuple(FONT_FILES)


def fallback_chain(role: str) -> tuple[str, ...]:
    """Return the role followed by the roles tried for glyphs it lacks."""
    font_path(role)
    if role.startswith("brand-"):
        # A logo face lacks accents beyond Latin-1 and other scripts: bold Noto fills in.
        return (role, "display-bold", *_FALLBACKS_BOLD)
    rest = _FALLBACKS_BOLD if "bold" in role else _FALLBACKS_REGULAR
    return (role, *(r for r in rest if r != role))


# A kit fits text at ~1,200 (role, size) pairs (a size search per text box): 256 fonts
# made Pillow open and parse a font file again for every fifth measure. A font object
# costs ~6 KB beside the shared mapping of its file.
@lru_cache(maxsize=4096)
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
