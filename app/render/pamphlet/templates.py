"""The pamphlet templates of each format: id, names, colours and how they compose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.render.pamphlet import classic, designs
from app.render.pamphlet.frame import Palette, palette
from app.render.theme import Theme


@dataclass(frozen=True)
class Template:
    """A pamphlet design of one format: "square", "story" or "a5"."""

    format: str
    id: str
    name_id: str
    name_en: str
    compose: Callable  # (canvas, frame, spec, palette, zones) -> None
    bold: bool = False  # the page in the theme's primary colour

    def palette(self, t: Theme) -> Palette:
        """Return the colours this template paints a theme with."""
        return palette(t, self.bold)


def _square(compose: Callable) -> Callable:
    return lambda c, f, spec, p, _zones: compose(c, f, spec, p)


_NAMES = {
    "daftar": ("Daftar harga", "Price list"),
    "foto": ("Foto besar", "Photo hero"),
    "sorot": ("Produk unggulan", "Product spotlight"),
    "tebal": ("Huruf tebal", "Bold type"),
}
_COMPOSERS = {
    "square": {
        "daftar": _square(classic.compose_square),
        "foto": _square(designs.foto_square),
        "sorot": _square(designs.sorot_square),
        "tebal": _square(designs.tebal_square),
    },
    "tall": {
        "daftar": classic.compose_tall,
        "foto": designs.foto_tall,
        "sorot": designs.sorot_tall,
        "tebal": designs.tebal_tall,
    },
}
PAMPHLET_FORMATS = ("square", "story", "a5")
TEMPLATES: dict[str, dict[str, Template]] = {
    fmt: {
        tid: Template(fmt, tid, *_NAMES[tid], compose, bold=tid == "tebal")
        for tid, compose in _COMPOSERS["square" if fmt == "square" else "tall"].items()
    }
    for fmt in PAMPHLET_FORMATS
}
DEFAULT_TEMPLATE = "daftar"


def get_template(fmt: str, template_id: str | None = None) -> Template:
    """Return a format's template by id (the format's default for an unknown id)."""
    chosen = TEMPLATES[fmt]
    return chosen.get(template_id or DEFAULT_TEMPLATE) or chosen[DEFAULT_TEMPLATE]
