"""Logo-text mark: transparent RGBA, theme colours, any name."""

from __future__ import annotations

import pytest

from app.render.logo import initials, render_logo
from app.render.theme import get_theme, hex_to_rgb
from tests.render.render_helpers import EMOJI, JAVANESE, LONG_NAME


@pytest.mark.parametrize("name", ["Bakso Pak Kumis", LONG_NAME, f"{JAVANESE} {EMOJI}", "", "😀"])
@pytest.mark.parametrize("layout", ["horizontal", "square"])
def test_logo_is_transparent_rgba_with_ink(name, layout):
    img = render_logo(name, "daun", tagline="Sejak 1998", layout=layout, height_px=300)
    assert img.mode == "RGBA"
    assert img.getpixel((img.width - 1, img.height - 1))[3] == 0
    assert img.getchannel("A").getbbox() is not None


def test_badge_uses_theme_primary():
    img = render_logo("Bakso Pak Kumis", "laut", height_px=200)
    assert img.getpixel((100, 100))[:3] == hex_to_rgb(get_theme("laut").primary)


def test_initials_skip_honorifics():
    assert initials("Bakso Pak Kumis") == "BK"
    assert initials("Mbak Sri") == "S"
    assert initials(JAVANESE) == "ꦱꦸ"
    assert initials("") == "?"
