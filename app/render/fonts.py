"""Bundled fonts: roles mapped to files in ``app/render/fonts/``; never system fonts.

Licences live next to the files: Noto fonts are SIL OFL 1.1 (``OFL.txt``,
``NOTO-COPYRIGHT-debian.txt``), DejaVu Sans is the Bitstream Vera licence
(``DEJAVU-LICENSE.txt``), the Noto Color Emoji subset is OFL 1.1.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

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
    },  # fmt: skip
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
