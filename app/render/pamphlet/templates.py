"""The pamphlet templates of each format: id, names, colours and how they compose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.render.pamphlet import classic, designs
from app.render.pamphlet.frame import Palette, palette
from app.render.stamp import stamp_band_h, stamp_text
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


def _reserving(compose: Callable, square: bool) -> Callable:
    """Wrap a composer so nothing it sets lies under the CONTOH band (stamp.py draws it)."""

    def run(c, f, spec, p, zones):
        if stamp_text(getattr(spec, "stamp", "")):
            f.reserved_top = stamp_band_h(f.w, f.h)
            # A tall page treats the band as an app bar: photo or stripes under it.
            zones = (max(zones[0], f.reserved_top), zones[1])
        if square:
            compose(c, f, spec, p)
        else:
            compose(c, f, spec, p, zones)

    return run


def _square(compose: Callable) -> Callable:
    return _reserving(compose, square=True)


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
        "daftar": _reserving(classic.compose_tall, square=False),
        "foto": _reserving(designs.foto_tall, square=False),
        "sorot": _reserving(designs.sorot_tall, square=False),
        "tebal": _reserving(designs.tebal_tall, square=False),
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
