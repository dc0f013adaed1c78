"""The fast PNG encoder: the same pixels back, the DPI stated, photos still compressed."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageDraw

from app.render.png import FLAT_MAX_SHARE, png_bytes


def _artwork(mode: str) -> Image.Image:
    img = Image.new(mode, (300, 200), "white" if mode != "RGBA" else (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((20, 20, 280, 120), radius=18, fill="#C62828")
    draw.text((30, 140), "Keripik Tempe Bu Sri", fill="black", font_size=28)
    return img


def _noise(size: tuple[int, int]) -> Image.Image:
    rng = random.Random(15)
    return Image.frombytes(
        "RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3))
    )


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "P", "1"])
def test_png_bytes_decodes_to_the_same_pixels(mode):
    img = _artwork("RGBA" if mode == "LA" else mode)
    img = img.convert("LA") if mode == "LA" else img
    back = Image.open(io.BytesIO(png_bytes(img)))
    back.load()
    assert back.mode == img.mode
    assert back.size == img.size
    assert back.tobytes() == img.tobytes()


def test_png_bytes_states_the_dpi():
    back = Image.open(io.BytesIO(png_bytes(_artwork("RGB"), dpi=300)))
    assert back.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert "dpi" not in Image.open(io.BytesIO(png_bytes(_artwork("RGB")))).info


def test_flat_artwork_compresses_to_a_few_percent_of_its_pixels():
    img = _artwork("RGB")
    assert len(png_bytes(img)) < 0.05 * img.width * img.height * 3


@pytest.mark.parametrize("photo", [False, True])
def test_a_photo_like_image_gets_the_filtered_encoding(photo):
    # A smooth gradient: unfiltered rows deflate badly, row filters make it tiny.
    img = Image.linear_gradient("L").resize((256, 256)).convert("RGB")
    img = Image.merge("RGB", (img.getchannel(0), img.getchannel(0).rotate(90), img.getchannel(0)))
    data = png_bytes(img, photo=photo)
    assert len(data) < FLAT_MAX_SHARE * img.width * img.height * 3
    assert Image.open(io.BytesIO(data)).tobytes() == img.tobytes()


def test_noise_stays_lossless():
    img = _noise((64, 48))
    assert Image.open(io.BytesIO(png_bytes(img))).tobytes() == img.tobytes()
