"""Logo styles: every style renders any name, transparent PNG, SVG with outlines only."""

from __future__ import annotations

import io
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from app.render.logos import STYLES, LogoSpec, desa, icon_codepoints, logo_png, logo_scene, logo_svg

NAMES = [
    "Keripik Tempe Bu Sri",
    "Usaha Keripik Tempe dan Peyek Kacang Ibu Sri Rahayu Makmur Sentosa Desa Gentan",
    "ꦱꦸꦏꦸꦤ꧀ Soto 🍜🔥 Mbok Darmi",
]
SVG_NS = "{http://www.w3.org/2000/svg}"
TRADES = Path(__file__).resolve().parents[2] / "toolkits" / "trades.toml"


def test_at_least_six_styles():
    assert len(STYLES) >= 6
    assert {"badge", "stacked", "stamp", "icon", "script", "frame"} <= set(STYLES)


@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("name", NAMES)
def test_style_renders_transparent_png_and_outlined_svg(style, name):
    spec = LogoSpec(name, "daun", "", "Gentan", "Makanan ringan", "cookie")
    img = Image.open(io.BytesIO(logo_png(spec, style, 300)))
    assert img.mode == "RGBA" and img.height == 300
    alpha = img.getchannel("A")
    assert alpha.getpixel((0, img.height - 1)) == 0 or style == "frame"  # ground is transparent
    assert alpha.getextrema() == (0, 255)
    svg = logo_svg(spec, style, 300)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert not list(root.iter(f"{SVG_NS}text"))  # no live text: no font needed to show it
    paths = list(root.iter(f"{SVG_NS}path"))
    assert len(paths) >= 2  # the letters, as outlines
    assert "font-family" not in svg


def test_text_stays_inside_the_logo():
    for style in STYLES:
        scene = logo_scene(LogoSpec(NAMES[1], "laut", "Permak dan seragam", "Susukan"), style, 300)
        for op in scene.ops:
            layout = getattr(op, "layout", None)
            if layout is None:
                continue
            x, y = op.xy
            x0, y0, x1, y1 = layout.bbox
            assert x + x0 >= -1 and y + y0 >= -1, style
            assert x + x1 <= scene.width + 1 and y + y1 <= scene.height + 1, style


def test_svg_and_png_agree_on_where_the_ink_is():
    """The SVG's outlines sit where the PNG's letters are (checked on the path bounds)."""
    spec = LogoSpec("Keripik Tempe Bu Sri", "kunyit", "", "Gentan")
    img = logo_scene(spec, "script", 300).to_image()
    bbox = img.getchannel("A").getbbox()
    svg = logo_svg(spec, "script", 300)
    points = re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", svg)
    xs = [float(x) for x, _ in points]
    ys = [float(y) for _, y in points]
    # Outline points lie inside the PNG's ink box (curves' control points may stray a little).
    assert bbox[0] - 8 <= min(xs) and max(xs) <= bbox[2] + 8
    assert bbox[1] - 8 <= min(ys) and max(ys) <= bbox[3] + 8


def test_every_trade_names_a_known_style_and_icon():
    trades = tomllib.loads(TRADES.read_text())["trades"]
    icons = icon_codepoints()
    for key, trade in trades.items():
        assert trade.get("logo_style") in STYLES, key
        assert trade.get("icon") in icons, key


def test_desa_is_not_doubled():
    assert desa("Gentan") == "Desa Gentan"
    assert desa("Desa Susukan") == "Desa Susukan"
    assert desa(" ") == ""
