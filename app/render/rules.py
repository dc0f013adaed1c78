"""Layout rules every artefact keeps, named in one place, and the issues renderers report.

The numbers here are the promises the kit makes on paper and screen; tests read the
rendered files back against them (tests/render/test_render_rules.py).
"""

from __future__ import annotations

from dataclasses import dataclass

# Smallest text a printed artefact may use, as the font's em size in millimetres
# (5 pt ≈ 1.76 mm). Below it the text is not shrunk further: the kit page asks for less.
MIN_TEXT_MM = {
    "label": 1.8,  # ~5 pt: read at arm's length on a pack
    "pamphlet-a5": 3.2,  # ~9 pt: a handout read in the hand
    "sign": 4.2,  # ~12 pt: read from a step away at the stall
}
# Screen pamphlets are 1080 px wide and seen ~360 px wide on a phone: 30 px ≈ 10 css px.
MIN_TEXT_PX = {"pamphlet-square": 30, "pamphlet-story": 30}

# Pamphlets: no horizontal band of one flat colour taller than this share of the height.
EMPTY_BAND_MAX_SHARE = 0.12
# Story (WhatsApp status / Instagram): the apps draw their bars over the top and bottom.
STORY_SAFE_TOP_SHARE = 0.14
STORY_SAFE_BOTTOM_SHARE = 0.20
# Print: text stays this far inside the trim; a print shop's bleed adds this much outside.
A5_SAFE_MM = 5.0
BLEED_MM = 3.0
# Labels on sheets without gaps: colour and text stay this far inside the die cut, so a
# 1 mm printer shift neither leaves a white sliver nor bleeds into the neighbour.
SHEET_SAFE_MARGIN_MM = 1.5

# Issue codes: what a renderer had to give up, for the kit page to say in words.
TEXT_CUT = "text-cut"  # shown shortened with "…"
TEXT_DROPPED = "text-dropped"  # left out entirely
WORD_BROKEN = "word-broken"  # a word split across lines
QR_TOO_SMALL = "qr-too-small"  # the label has no room for modules ≥ MIN_MODULE_MM
QR_FOR_FOOD_TEXT = "qr-for-food-text"  # the QR gave way to mandatory food text


@dataclass(frozen=True)
class Issue:
    """Something an artefact could not print as given: which text, and what happened."""

    code: str
    artefact: str  # "label", "pamphlet-square", "pamphlet-story", "pamphlet-a5", "sign"
    subject: str = ""  # the block: "product", "composition", "producer", "cta", …
    text: str = ""  # the text concerned, so the page can quote it


def issue_for(layout, artefact: str, subject: str) -> Issue | None:
    """Return the issue a fitted text layout carries (cut or broken), or None."""
    if layout.truncated:
        return Issue(TEXT_CUT, artefact, subject, layout.text)
    if layout.broken:
        return Issue(WORD_BROKEN, artefact, subject, layout.text)
    return None


def largest_flat_band(image) -> tuple[int, int]:
    """Return (top, height) of the tallest run of rows that are each one flat colour."""
    rgb = image.convert("RGB")
    best = (0, 0)
    start = None
    for y in range(rgb.height + 1):
        flat = y < rgb.height and all(
            lo == hi for lo, hi in rgb.crop((0, y, rgb.width, y + 1)).getextrema()
        )
        if flat and start is None:
            start = y
        elif not flat and start is not None:
            if y - start > best[1]:
                best = (start, y - start)
            start = None
    return best
