"""Themes: data in toolkits/themes.toml, valid colours, WCAG contrast."""

from __future__ import annotations

import pytest

from app.render.theme import (
    CONTRAST_PAIRS,
    MIN_CONTRAST_TEXT,
    ThemeError,
    contrast,
    get_theme,
    load_themes,
    parse_themes,
)

GOOD = {
    "name_id": "Uji",
    "name_en": "Test",
    "background": "#FFFFFF",
    "surface": "#F5F5F5",
    "text": "#111111",
    "muted": "#444444",
    "primary": "#0B5394",
    "on_primary": "#FFFFFF",
    "accent": "#FFD966",
    "on_accent": "#111111",
}


def test_shipped_themes_are_valid_and_enough():
    themes, default = load_themes()
    assert len(themes) >= 6 and default in themes
    for theme in themes.values():
        assert theme.name_id and theme.name_en
        for fg, bg, minimum in CONTRAST_PAIRS:
            assert contrast(getattr(theme, fg), getattr(theme, bg)) >= minimum
        assert contrast(theme.text, theme.background) >= MIN_CONTRAST_TEXT


def test_contrast_matches_wcag_reference_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_loader_rejects_bad_hex_and_low_contrast():
    with pytest.raises(ThemeError, match="#RRGGBB"):
        parse_themes({"themes": {"x": {**GOOD, "text": "red"}}})
    with pytest.raises(ThemeError, match="contrast text/background"):
        parse_themes({"themes": {"x": {**GOOD, "text": "#DDDDDD"}}})
    with pytest.raises(ThemeError, match="missing"):
        parse_themes({"themes": {"x": {"name_id": "a"}}})


def test_unknown_key_falls_back_to_default():
    themes, default = load_themes()
    assert get_theme("nope") == themes[default]
    assert get_theme(None) == themes[default]
