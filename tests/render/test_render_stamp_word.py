"""The CONTOH stamp's diagonal word: drawn on its own box, the same pixels as the whole turn."""

from __future__ import annotations

import math

import pytest
from PIL import Image, ImageDraw

from app.render import stamp
from app.render.fonts import load_font


def _whole_square_turn(w: int, h: int) -> tuple[Image.Image, tuple[int, int]]:
    """The straightforward way: a diagonal-wide square with the word, turned, cut, cropped."""
    d = math.ceil(math.hypot(w, h))
    layer = Image.new("RGBA", (d, d), (0, 0, 0, 0))
    font = load_font("display-bold", stamp._word_size(w, h))
    fill = (*stamp.STAMP_RED, round(255 * stamp.WORD_ALPHA))
    ImageDraw.Draw(layer).text((d / 2, d / 2), stamp.STAMP_WORD, font=font, fill=fill, anchor="mm")
    layer = layer.rotate(math.degrees(math.atan2(h, w)), resample=Image.Resampling.BICUBIC)
    left, top = (d - w) // 2, (d - h) // 2
    layer = layer.crop((left, top, left + w, top + h))
    box = layer.getbbox()
    return layer.crop(box), box[:2]


@pytest.mark.parametrize("size", [(1080, 1920), (1080, 1080), (827, 437), (101, 57)])
def test_the_word_layer_is_the_whole_square_turned(size):
    want, at = _whole_square_turn(*size)
    got, got_at = stamp._word_layer.__wrapped__(*size)
    assert got_at == at
    assert got.size == want.size
    assert got.tobytes() == want.tobytes()
