"""Logo-text mark: an initials badge next to (or above) the wordmark, on transparent ground."""

from __future__ import annotations

import unicodedata

from PIL import Image, ImageDraw

from app.render.text import TextLayout, clean_text, draw_layout, fit_text
from app.render.textprep import clusters
from app.render.theme import Theme, get_theme

DEFAULT_HEIGHT_PX = 400
# Horizontal mark: width = height × this ratio (fits WhatsApp banners and labels).
HORIZONTAL_RATIO = 3.0
BADGE_CORNER_FRACTION = 0.28  # rounded-square badge, not a circle: more room for two letters
BADGE_INSET_FRACTION = 0.16  # padding inside the badge around the initials
GAP_FRACTION = 0.12  # gap between badge and wordmark, as a share of the height
TAGLINE_SHARE = 0.24  # share of the height the tagline may take under the wordmark
MAX_INITIALS = 2
WORDMARK_MIN_PX = 8
# Honorifics carry no identity, so the badge skips them when picking initials.
_SKIP_WORDS = frozenset({"pak", "bu", "ibu", "mbak", "mas", "bapak", "cak", "mbok", "kang", "teh"})


def initials(name: str) -> str:
    """Return up to two initials (skipping honorifics), or the first cluster for other scripts."""
    words = [w for w in clean_text(name).split() if w]
    picked = [w for w in words if w.lower() not in _SKIP_WORDS] or words
    out = []
    for word in picked:
        first = clusters(word)[0]
        if unicodedata.category(first[0]).startswith("L") and first.isascii():
            out.append(first.upper())
        elif not out:
            return first  # Javanese, emoji…: one cluster reads better than a mix
        if len(out) == MAX_INITIALS:
            break
    return "".join(out) or "?"


def _badge(theme: Theme, side: int, text: str) -> Image.Image:
    badge = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(badge)
    draw.rounded_rectangle(
        (0, 0, side - 1, side - 1), radius=round(side * BADGE_CORNER_FRACTION), fill=theme.primary
    )
    inset = round(side * BADGE_INSET_FRACTION)
    box = side - 2 * inset
    layout = fit_text(
        text,
        box,
        box,
        "display-bold",
        max_size=box,
        min_size=WORDMARK_MIN_PX,
        max_lines=1,
        align="center",
        valign="middle",
    )
    draw_layout(badge, layout, (inset, inset), theme.on_primary)
    return badge


def wordmark_layout(name: str, box_w: int, box_h: int, *, align: str = "left") -> TextLayout:
    """Fit a business name as a wordmark (bold display face, up to 3 lines)."""
    return fit_text(
        name,
        box_w,
        box_h,
        "display-bold",
        max_size=box_h,
        min_size=WORDMARK_MIN_PX,
        max_lines=3,
        align=align,
        valign="middle",
        line_height=1.05,
    )


def render_logo(
    name: str,
    theme: str | Theme | None = None,
    *,
    tagline: str = "",
    height_px: int = DEFAULT_HEIGHT_PX,
    layout: str = "horizontal",
) -> Image.Image:
    """Render the logo-text mark as RGBA on a transparent background."""
    t = get_theme(theme)
    if layout == "square":
        return _render_square(name, t, tagline, height_px)
    width = round(height_px * HORIZONTAL_RATIO)
    img = Image.new("RGBA", (width, height_px), (0, 0, 0, 0))
    img.alpha_composite(_badge(t, height_px, initials(name)))
    x = height_px + round(height_px * GAP_FRACTION)
    box_w = width - x
    name_h = height_px - (round(height_px * TAGLINE_SHARE) if tagline.strip() else 0)
    draw_layout(img, wordmark_layout(name, box_w, name_h), (x, 0), t.primary)
    if tagline.strip():
        tag = fit_text(
            tagline,
            box_w,
            height_px - name_h,
            "text-regular",
            max_size=height_px - name_h,
            min_size=WORDMARK_MIN_PX,
            max_lines=1,
            valign="middle",
        )
        draw_layout(img, tag, (x, name_h), t.text)
    return img


def _render_square(name: str, t: Theme, tagline: str, side: int) -> Image.Image:
    """Badge on top, wordmark under it: for profile pictures and stickers."""
    img = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    badge_side = side // 2
    img.alpha_composite(_badge(t, badge_side, initials(name)), ((side - badge_side) // 2, 0))
    top = badge_side + round(side * GAP_FRACTION / 2)
    text_h = side - top
    name_h = text_h - (round(text_h * TAGLINE_SHARE) if tagline.strip() else 0)
    draw_layout(img, wordmark_layout(name, side, name_h, align="center"), (0, top), t.primary)
    if tagline.strip():
        tag = fit_text(
            tagline,
            side,
            text_h - name_h,
            "text-regular",
            max_size=text_h - name_h,
            min_size=WORDMARK_MIN_PX,
            max_lines=1,
            align="center",
            valign="middle",
        )
        draw_layout(img, tag, (0, top + name_h), t.text)
    return img
