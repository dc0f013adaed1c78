"""Design rules found by looking at the contact sheet (issue 11): lists fill their room
before saying "+ N", rows stay readable, a page without photo shows a designed panel and
no stray logo square, and the CONTOH band never covers the header."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.render.pamphlet import TEMPLATES, pamphlet_a5_result, render_pamphlet_result
from app.render.pamphlet.frame import STRIPE_SHADE, palette, shade
from app.render.rules import EMPTY_BAND_MAX_SHARE, largest_flat_band
from app.render.spec import BusinessSpec, PamphletSpec, ProductSpec
from app.render.stamp import STAMP_NOT_PUBLIC, stamp_band_h
from app.render.theme import get_theme, hex_to_rgb
from tests.render.render_helpers import JAVANESE, LONG_NAME, URL, decode, photo_bytes

SHORT = ["Es teh", "Kopi tubruk", "Mie goreng", "Nasi pecel", "Gorengan", "Wedang jahe"]


def warung(n: int, **kw) -> BusinessSpec:
    """Return a warung with n short products (every other one sold per glass)."""
    products = tuple(
        ProductSpec(SHORT[i % len(SHORT)], 3000 + 1000 * i, "gelas" if i % 2 else "")
        for i in range(n)
    )
    fields = {
        "name": "Warung Bu Tini",
        "village": "Gentan",
        "whatsapp": "6281234567890",
        "theme": "kunyit",
        "cta": "Pesan lewat WhatsApp",
        "products": products,
    }
    return BusinessSpec(**(fields | kw))


def listed(result) -> list[str]:
    return [k for k in result.placed if k.startswith("product:")]


@pytest.mark.parametrize("template", ["sorot", "foto"])
@pytest.mark.parametrize("n", [3, 5])
def test_story_shows_every_short_product_before_saying_more(template, n):
    result = render_pamphlet_result(PamphletSpec(warung(n), URL), "story", template)
    assert len(listed(result)) == n
    assert "more" not in result.placed
    assert decode(result.image) == [URL]


@pytest.mark.parametrize("template", ["foto", "tebal", "sorot"])
def test_story_rows_stay_readable_and_the_rest_is_counted(template):
    result = render_pamphlet_result(PamphletSpec(warung(8), URL), "story", template)
    sizes = [size for key, (_box, size) in result.placed.items() if key.startswith("product:")]
    assert len(sizes) >= 4
    assert min(sizes) >= (36 if template == "sorot" else 40), sizes
    if len(sizes) < 8:
        assert "more" in result.placed
    (x0, _y0, x1, _y1), _ = result.placed["qr"]
    assert x1 - x0 >= 260  # as large as the stacked band gave (280 asked, 259 drawn)
    assert result.placed["cta"][1] > max(sizes)
    assert decode(result.image) == [URL]


def _near_segment(px, a, b) -> float:
    """Return the distance of colour px from the colour segment a–b (anti-aliasing)."""
    ab = [bb - aa for aa, bb in zip(a, b, strict=True)]
    ap = [pp - aa for aa, pp in zip(a, px, strict=True)]
    t = max(0.0, min(1.0, sum(x * y for x, y in zip(ap, ab, strict=True)) / sum(x * x for x in ab)))
    return sum((pp - aa - t * d) ** 2 for pp, aa, d in zip(px, a, ab, strict=True)) ** 0.5


@pytest.mark.parametrize("fmt", ["square", "story"])
@pytest.mark.parametrize("style", ["badge", "icon", "stamp"])
def test_foto_without_photo_is_a_trade_icon_panel_with_nothing_poking_out(fmt, style):
    business = warung(3, logo_style=style, icon="coffee")
    result = render_pamphlet_result(PamphletSpec(business, URL), fmt, "foto")
    p = palette(get_theme("kunyit"))
    band, on_band = hex_to_rgb(p.band), hex_to_rgb(p.on_band)
    stripe = hex_to_rgb(shade(p.band, STRIPE_SHADE))
    hero_bottom = round(result.placed["name"][0][1]) - 30  # above the header's mark and name
    hero = result.image.convert("RGB").crop((0, 0, result.image.width, hero_bottom))
    colours = hero.getcolors(maxcolors=1 << 20)
    segments = [(band, on_band), (stripe, on_band), (band, stripe)]
    stray = sum(
        count for count, px in colours if min(_near_segment(px, a, b) for a, b in segments) > 40
    )
    assert stray == 0, "a colour other than the band, its stripes and the icon's ink"
    icon = sum(
        count
        for count, px in colours
        if sum(abs(x - y) for x, y in zip(px, on_band, strict=True)) < 30
    )
    assert icon > 0.02 * hero.width * hero.height  # the panel carries the trade icon


@pytest.mark.parametrize("name", ["Warung Bu Tini", LONG_NAME, f"Warung {JAVANESE}"])
@pytest.mark.parametrize(
    ("fmt", "template"), [(f, t) for f in ("square", "story") for t in TEMPLATES[f]]
)
def test_contoh_band_leaves_the_header_visible(fmt, template, name):
    spec = PamphletSpec(warung(3, name=name, tagline="Enak"), URL, stamp=STAMP_NOT_PUBLIC)
    result = render_pamphlet_result(spec, fmt, template)
    band = stamp_band_h(*result.image.size)
    for key in ("name", "tagline"):
        (_x0, y0, _x1, _y1), _ = result.placed[key]
        assert y0 >= band, (key, y0, band)
    assert decode(result.image) == [URL]


@pytest.mark.parametrize("template", list(TEMPLATES["a5"]))
def test_contoh_band_leaves_the_a5_header_visible(template):
    spec = PamphletSpec(warung(3, tagline="Enak"), URL, photo_bytes(), stamp=STAMP_NOT_PUBLIC)
    frame = pamphlet_a5_result(spec, template)
    band = stamp_band_h(frame.w, frame.h)
    assert frame.placed["name"][0][1] >= band
    assert frame.issues == []


def test_square_spotlight_lists_the_others_while_they_fit():
    result = render_pamphlet_result(PamphletSpec(warung(3), URL), "square", "sorot")
    assert len(listed(result)) == 3 and "more" not in result.placed
    crowded = render_pamphlet_result(PamphletSpec(warung(8), URL), "square", "sorot")
    assert 1 <= len(listed(crowded)) < 8 and "more" in crowded.placed
    assert decode(result.image) == [URL] and decode(crowded.image) == [URL]


@pytest.mark.parametrize("photo", [None, "shared", "own"])
def test_square_spotlight_with_contoh_and_tagline_shows_all_three_unclipped(photo):
    business = warung(3, tagline="Masakan rumahan")
    if photo == "own":
        first = replace(business.products[0], photo=photo_bytes())
        business = replace(business, products=(first, *business.products[1:]))
    spec = PamphletSpec(
        business, URL, photo_bytes() if photo == "shared" else None, stamp=STAMP_NOT_PUBLIC
    )
    result = render_pamphlet_result(spec, "square", "sorot")
    assert len(listed(result)) == 3 and "more" not in result.placed
    assert result.issues == []
    band = stamp_band_h(*result.image.size)
    inset = 56
    for key, ((x0, y0, x1, _y1), size) in result.placed.items():
        if size:
            assert y0 >= band and inset - 1 <= x0 and x1 <= 1080 - inset + 1, key
    # The spotlight keeps its name larger than the compact rows under it.
    sizes = {k: s for k, (_b, s) in result.placed.items()}
    first, *rest = (f"product:{p.name}" for p in business.products)
    assert all(sizes[first] > sizes[k] for k in rest), sizes
    _top, flat = largest_flat_band(result.image)
    assert flat <= EMPTY_BAND_MAX_SHARE * result.image.height
    assert decode(result.image) == [URL]


@pytest.mark.parametrize("photo", [False, True])
@pytest.mark.parametrize("n", [1, 3, 8])
def test_story_price_list_sets_its_calls_in_step_with_the_rows(n, photo):
    spec = PamphletSpec(warung(n), URL, photo_bytes() if photo else None)
    result = render_pamphlet_result(spec, "story", "daftar")
    sizes = [s for k, (_b, s) in result.placed.items() if k.startswith("product:")]
    assert len(sizes) == min(n, 6)
    assert ("more" in result.placed) == (n > 6)  # the rest is counted, not dropped silently
    for call in ("cta", "whatsapp"):
        size = result.placed[call][1]
        # A step above the products, never shouting over them (86 px over 30 px once).
        assert max(sizes) < size <= round(1.5 * max(sizes)) + 1, (call, size, sizes)
    assert result.issues == []
    assert decode(result.image) == [URL]


@pytest.mark.parametrize("stamp", ["", STAMP_NOT_PUBLIC])
def test_square_price_list_counts_what_it_cannot_list(stamp):
    spec = PamphletSpec(warung(8, tagline="Masakan rumahan"), URL, stamp=stamp)
    result = render_pamphlet_result(spec, "square", "daftar")
    shown = len(listed(result))
    assert 4 <= shown < 8 and "more" in result.placed
    more_box, _ = result.placed["more"]
    qr_box, _ = result.placed["qr"]
    assert more_box[3] <= qr_box[1]  # above the order band
    assert result.issues == []
    assert decode(result.image) == [URL]
