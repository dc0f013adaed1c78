"""Colour themes loaded from ``toolkits/themes.toml`` and checked for WCAG contrast."""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, StrictStr, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass

from app.render.data import THEMES_FILE, data_file
from app.render.tomldata import (
    DATA_CONFIG,
    NonEmpty,
    one_line,
    read_toml,
    top_level_problems,
    worded,
)

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
    """A theme file or theme entry is invalid; ``problems`` lists each one."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("; ".join(self.problems))


def _hex(value: str) -> str:
    if not _HEX.match(value):
        raise worded(f"not a #RRGGBB colour: {value!r}")
    return value


Colour = Annotated[StrictStr, AfterValidator(_hex)]


@dataclass(frozen=True, config=DATA_CONFIG)
class Theme:
    """A named palette (``[themes.<key>]``); every colour is "#RRGGBB"."""

    key: NonEmpty
    name_id: NonEmpty
    name_en: NonEmpty
    background: Colour
    surface: Colour
    text: Colour
    muted: Colour
    primary: Colour
    on_primary: Colour
    accent: Colour
    on_accent: Colour


_THEME = TypeAdapter(Theme)


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
    """Return the contrast problems of a theme (empty when every pair is readable)."""
    problems = []
    for fg, bg, minimum in CONTRAST_PAIRS:
        ratio = contrast(getattr(theme, fg), getattr(theme, bg))
        if ratio < minimum:
            problems.append(f"{theme.key}: contrast {fg}/{bg} is {ratio:.2f} < {minimum}")
    return problems


def theme_problems(data: dict[str, Any]) -> tuple[dict[str, Theme], str, list[str]]:
    """Build themes from parsed TOML; return (themes, default key, problems)."""
    problems = top_level_problems(data, {"themes", "default"})
    raw = data.get("themes")
    if not isinstance(raw, dict) or not raw:
        return {}, "", [*problems, "themes.toml has no [themes.<key>] tables"]
    themes: dict[str, Theme] = {}
    for key, entry in raw.items():
        try:
            theme = _THEME.validate_python({**entry, "key": key})
        except (ValidationError, TypeError) as exc:
            errors = one_line(exc) if isinstance(exc, ValidationError) else ["must be a table"]
            problems.extend(f"{key}: {e}" for e in errors)
            continue
        problems.extend(validate_theme(theme))
        themes[key] = theme
    default = data.get("default", next(iter(raw)))
    if default not in themes:
        problems.append(f"default theme {default!r} is not defined")
    return themes, default, problems


def parse_themes(data: dict) -> tuple[dict[str, Theme], str]:
    """Build and validate themes from parsed TOML; return (themes, default key)."""
    themes, default, problems = theme_problems(data)
    if problems:
        raise ThemeError(problems)
    return themes, default


def load_themes(path: Path | None = None) -> tuple[dict[str, Theme], str]:
    """Load and validate the themes file; return (themes by key, default key)."""
    return _load_themes(path or data_file(THEMES_FILE))


@lru_cache(maxsize=8)
def _load_themes(path: Path) -> tuple[dict[str, Theme], str]:
    return parse_themes(read_toml(path))


def get_theme(theme: str | Theme | None = None) -> Theme:
    """Return a theme by key (the default for None or an unknown key), or pass one through."""
    if isinstance(theme, Theme):
        return theme
    themes, default = load_themes()
    return themes.get(theme or default, themes[default])
