"""QR codes decode to the exact URL in PNG, SVG and with a logo; modules stay crisp."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from app.render.logo import render_logo
from app.render.qr import (
    MAX_LOGO_AREA_FRACTION,
    MIN_MODULE_MM,
    QUIET_ZONE_MODULES,
    min_qr_width_mm,
    module_size_mm,
    qr_image,
    qr_matrix,
    qr_modules,
    qr_png,
    qr_svg,
)
from tests.render.render_helpers import URL, decode

URLS = [URL, "https://example.id/b/x", "https://example.id/b/" + "a" * 80 + "?s=p"]


@pytest.mark.parametrize("url", URLS)
def test_png_decodes_exactly(url):
    assert decode(qr_image(url)) == [url]
    assert decode(Image.open(io.BytesIO(qr_png(url)))) == [url]


def test_quiet_zone_and_integer_modules():
    img = qr_image(URL, module_px=7)
    n = qr_modules(URL)
    assert img.size == (n * 7, n * 7)
    edge = QUIET_ZONE_MODULES * 7
    border = img.crop((0, 0, img.width, edge)).convert("L")
    assert border.getextrema() == (255, 255)
    # Only pure black and white: NEAREST scaling, no grey anti-aliasing.
    assert set(img.convert("L").histogram()[1:255]) == {0}


def _svg_matrix(svg: str) -> list[list[bool]]:
    n = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    grid = [[False] * n for _ in range(n)]
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        for i in range(int(w)):
            grid[int(y)][int(x) + i] = True
    return grid


def test_svg_matches_matrix_and_decodes_when_rasterised():
    svg = qr_svg(URL)
    grid = _svg_matrix(svg)
    assert grid == [list(row) for row in qr_matrix(URL)]
    n = len(grid)
    img = Image.new("L", (n, n), 255)
    img.putdata([0 if v else 255 for row in grid for v in row])
    assert decode(img.resize((n * 8, n * 8), Image.Resampling.NEAREST)) == [URL]


def test_logo_uses_ecc_h_and_still_decodes():
    logo = render_logo("Bakso Pak Kumis", "cabai", layout="square")
    img = qr_image(URL, logo=logo, logo_fraction=MAX_LOGO_AREA_FRACTION)
    assert img.width == qr_modules(URL, "H") * 10
    assert decode(img) == [URL]
    # Asking for more than the limit is capped, and still decodes.
    assert decode(qr_image(URL, logo=logo, logo_fraction=0.5)) == [URL]


def test_module_size_helpers():
    n = qr_modules(URL)
    assert module_size_mm(URL, n * 0.5) == pytest.approx(0.5)
    assert min_qr_width_mm(URL) == pytest.approx(n * MIN_MODULE_MM)


def test_empty_url_is_refused():
    with pytest.raises(ValueError):
        qr_image("")
