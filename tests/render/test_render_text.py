"""Text fitting: never clipped, never overflowing, any Unicode renders."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from app.render.fonts import FONT_DIR, FONT_FILES, PDF_FONT_FILES, font_path
from app.render.text import ELLIPSIS, REPLACEMENT, clean_text, fit_text, segment, text_layout_image
from tests.render.render_helpers import EMOJI, JAVANESE, LONG_NAME, LONG_PRODUCT

MAX_FONT_BYTES = 2 * 1024 * 1024
HARD = [
    "",
    "\u200b\u200d\u2060",
    "Bakso Pak Kumis",
    LONG_NAME,
    LONG_PRODUCT,
    f"{JAVANESE} Jamu Gendong {EMOJI}",
    "“Kopi” ‘tubruk’ — asli!",
    "مرحبا بكم في warung שלום",
    "x" * 500,
    "Keripik\nTempe\n\n\nBu Sri",
    "e\u0301 n\u0303 🌶️ 👨‍👩‍👧 \U0001f9cb \U00013000",
]


def test_fonts_are_bundled_small_and_licensed():
    for role in FONT_FILES:
        path = font_path(role)
        assert path.parent == FONT_DIR and path.stat().st_size < MAX_FONT_BYTES
    for name in PDF_FONT_FILES.values():
        assert (FONT_DIR / name).stat().st_size < MAX_FONT_BYTES
    assert (FONT_DIR / "OFL.txt").exists() and (FONT_DIR / "DEJAVU-LICENSE.txt").exists()
    with pytest.raises(ValueError):
        font_path("comic-sans")


def _ink_outside_box(layout, pad: int = 20) -> bool:
    """Render the layout inside a padded canvas and report ink outside its box."""
    w, h = layout.box
    canvas = Image.new("RGBA", (w + 2 * pad, h + 2 * pad), (0, 0, 0, 0))
    from app.render.text import draw_layout

    draw_layout(canvas, layout, (pad, pad), "black")
    alpha = canvas.getchannel("A")
    bbox = alpha.getbbox()
    if bbox is None:
        return False
    x0, y0, x1, y1 = bbox
    return x0 < pad or y0 < pad or x1 > pad + w or y1 > pad + h


@pytest.mark.parametrize("text", HARD)
@pytest.mark.parametrize("box", [(600, 120), (200, 60), (90, 40), (1000, 400)])
@pytest.mark.parametrize("role", ["display-bold", "text-regular"])
def test_fit_never_overflows(text, box, role):
    layout = fit_text(text, *box, role, max_size=96, min_size=8)
    assert layout.fits(), layout.bbox
    assert not _ink_outside_box(layout)


def test_shrinks_before_wrapping_or_ellipsis():
    short = fit_text("Bakso", 800, 200, "display-bold", 120, 10)
    assert short.size == 120 and len(short.lines) == 1 and not short.truncated
    long = fit_text(LONG_NAME, 800, 200, "display-bold", 120, 10)
    assert 10 < long.size < 120 and not long.truncated
    assert clean_text(" ".join(ln.text for ln in long.lines)) == LONG_NAME


def test_ellipsis_when_nothing_fits():
    layout = fit_text(LONG_NAME * 5, 200, 40, "text-regular", 40, 14)
    assert layout.truncated and layout.lines[-1].text.endswith(ELLIPSIS)
    assert layout.fits()


def test_max_lines_is_respected():
    layout = fit_text(LONG_NAME, 300, 1000, "text-bold", 60, 30, max_lines=2)
    assert len(layout.lines) <= 2


def test_long_word_is_broken_not_clipped():
    layout = fit_text("x" * 500, 300, 1000, "text-regular", 40, 20)
    assert len(layout.lines) > 1 and "".join(ln.text for ln in layout.lines) == "x" * 500


def test_fallback_fonts_per_run():
    runs = dict((r, t) for r, t in segment(f"Jamu {JAVANESE} {EMOJI}", "text-regular"))
    assert JAVANESE in runs["javanese"]
    assert EMOJI in runs["emoji"].replace(" ", "")
    # A code point no bundled font has becomes a visible replacement, not a blank.
    assert REPLACEMENT in "".join(t for _, t in segment("\U00013000", "text-regular"))


def test_emoji_and_javanese_draw_ink():
    for text in (JAVANESE, EMOJI):
        img = text_layout_image(fit_text(text, 400, 120, "text-regular", 80, 10))
        assert img.getchannel("A").getbbox() is not None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=200),
    w=st.integers(1, 700),
    h=st.integers(1, 300),
    role=st.sampled_from(["display-bold", "text-regular", "text-bold"]),
)
def test_any_text_renders_inside_its_box(text, w, h, role):
    layout = fit_text(text, w, h, role, max_size=64, min_size=6)
    img = text_layout_image(layout)
    assert img.size == (w, h)
    assert layout.fits()


# Latin lines with the pairs fonts kern most, around spaces and within words.
_LATIN = st.text(alphabet="AVTWYLPfijoaey.,-'“” Éàç0147Rp", min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_LATIN, size=st.integers(6, 240))
@pytest.mark.parametrize(
    "role", [r for r in FONT_FILES if r not in ("emoji", "icons", "javanese", "javanese-bold")]
)
def test_word_sums_measure_a_line_exactly_as_shaping_it(role, text, size):
    from app.render.fonts import load_font
    from app.render.textmetrics import run_metrics

    assert run_metrics(role, size, text).advance == load_font(role, size).getlength(text)
