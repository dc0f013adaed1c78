"""Colour themes loaded from ``toolkits/themes.toml`` and checked for WCAG contrast."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from app.render.data import THEMES_FILE, data_file

# WCAG 2.x thresholds: 4.5:1 for body text, 3:1 for large text (the wordmark).
MIN_CONTRAST_TEXT = 4.5
MIN_CONTRAST_LARGE = 3.0

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# sRGB linearisation constants from the WCAG relative-luminance definition.
_SRGB_KNEE = 0.04045
_SRGB_LINEAR_DIV = 12.92
_SRGB_OFFSET = 0.055
_SRGB_SCALE = 1.055
_SRGB_GAMMA = 2.4
_LUMA = (0.2126, 0.7152, 0.0722)
_FLARE = 0.05
_CHANNEL_MAX = 255


class ThemeError(ValueError):
    """A theme file or theme entry is invalid."""


@dataclass(frozen=True)
class Theme:
    """A named palette; every colour is "#RRGGBB"."""

    key: str
    name_id: str
    name_en: str
    background: str
    surface: str
    text: str
    muted: str
    primary: str
    on_primary: str
    accent: str
    on_accent: str


COLOUR_FIELDS = tuple(f.name for f in fields(Theme) if f.name not in ("key", "name_id", "name_en"))

# (foreground, background, minimum ratio) pairs every theme must satisfy.
CONTRAST_PAIRS: tuple[tuple[str, str, float], ...] = (
    ("text", "background", MIN_CONTRAST_TEXT),
    ("text", "surface", MIN_CONTRAST_TEXT),
    ("muted", "background", MIN_CONTRAST_TEXT),
    ("muted", "surface", MIN_CONTRAST_TEXT),
    ("on_primary", "primary", MIN_CONTRAST_TEXT),
    ("on_accent", "accent", MIN_CONTRAST_TEXT),
    # Primary is also used for headings and prices, so hold it to the text ratio.
    ("primary", "background", MIN_CONTRAST_TEXT),
)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """Convert "#RRGGBB" to an (r, g, b) tuple."""
    if not _HEX.match(colour or ""):
        raise ThemeError(f"not a #RRGGBB colour: {colour!r}")
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _linear(channel: int) -> float:
    c = channel / _CHANNEL_MAX
    if c <= _SRGB_KNEE:
        return c / _SRGB_LINEAR_DIV
    return ((c + _SRGB_OFFSET) / _SRGB_SCALE) ** _SRGB_GAMMA


def luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a colour."""
    r, g, b = (_linear(c) for c in hex_to_rgb(colour))
    return _LUMA[0] * r + _LUMA[1] * g + _LUMA[2] * b


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio between two colours (1–21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + _FLARE) / (lb + _FLARE)


def validate_theme(theme: Theme) -> list[str]:
    """Return the problems of a theme (empty when it is valid)."""
    problems = []
    for name in COLOUR_FIELDS:
        value = getattr(theme, name)
        if not isinstance(value, str) or not _HEX.match(value):
            problems.append(f"{theme.key}.{name}: not a #RRGGBB colour: {value!r}")
    if problems:
        return problems
    for fg, bg, minimum in CONTRAST_PAIRS:
        ratio = contrast(getattr(theme, fg), getattr(theme, bg))
        if ratio < minimum:
            problems.append(f"{theme.key}: contrast {fg}/{bg} is {ratio:.2f} < {minimum}")
    return problems


def parse_themes(data: dict) -> tuple[dict[str, Theme], str]:
    """Build and validate themes from parsed TOML; return (themes, default key)."""
    raw = data.get("themes")
    if not isinstance(raw, dict) or not raw:
        raise ThemeError("themes.toml has no [themes.<key>] tables")
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    expected = {f.name for f in fields(Theme)} - {"key"}
    for key, entry in raw.items():
        missing = expected - set(entry)
        unknown = set(entry) - expected
        if missing or unknown:
            problems.append(f"{key}: missing {sorted(missing)} unknown {sorted(unknown)}")
            continue
        theme = Theme(key=key, **entry)
        problems.extend(validate_theme(theme))
        themes[key] = theme
    default = data.get("default", next(iter(raw)))
    if default not in themes:
        problems.append(f"default theme {default!r} is not defined")
    if problems:
        raise ThemeError("; ".join(problems))
    return themes, default


def load_themes(path: Path | None = None) -> tuple[dict[str, Theme], str]:
    """Load and validate the themes file; return (themes by key, default key)."""
    return _load_themes(path or data_file(THEMES_FILE))


@lru_cache(maxsize=8)
def _load_themes(path: Path) -> tuple[dict[str, Theme], str]:
    with open(path, "rb") as fh:
        return parse_themes(tomllib.load(fh))


def get_theme(theme: str | Theme | None = None) -> Theme:
    """Return a theme by key (the default for None or an unknown key), or pass one through."""
    if isinstance(theme, Theme):
        return theme
    themes, default = load_themes()
    return themes.get(theme or default, themes[default])
