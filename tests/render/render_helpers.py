"""Shared constants and helpers for the renderer tests."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from app.render.spec import ProductSpec

URL = "https://example.id/b/keripik-tempe-bu-sri?s=l"
LONG_NAME = "Keripik Tempe Sagu Renyah Mbak Sri Rahayu Makmur Sejahtera A"  # 60 chars
LONG_PRODUCT = "Rempeyek Teri Medan Super Renyah Ekstra "  # 40 chars
JAVANESE = "ꦱꦸꦏꦸꦤ꧀"
EMOJI = "🍜🔥😀"

assert len(LONG_NAME) == 60 and len(LONG_PRODUCT) == 40


def decode(img: Image.Image) -> list[str]:
    """Return the texts of every barcode zxing-cpp finds in an image."""
    return [r.text for r in zxingcpp.read_barcodes(img)]


def pdf_pages(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    """Rasterise a PDF with poppler's pdftoppm into PIL images."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(src), f"{tmp}/p"], check=True)
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p-*.png"))]


def photo_bytes() -> bytes:
    """Return a small JPEG standing in for a product photo."""
    im = Image.new("RGB", (640, 480), (200, 140, 60))
    ImageDraw.Draw(im).ellipse((100, 100, 500, 400), fill=(120, 60, 20))
    buf = io.BytesIO()
    im.save(buf, format="JPEG")
    return buf.getvalue()


PRODUCTS = tuple(
    ProductSpec(n, p, u, "Tempe, tepung beras, minyak, garam", net_weight="250 g")
    for n, p, u in [
        ("Keripik Tempe Original", 15000, "bungkus"),
        ("Keripik Tempe Pedas Daun Jeruk", 17000, "bungkus"),
        ("Peyek Kacang", 12000, ""),
        (LONG_PRODUCT, 25000, "toples"),
        ("Kerupuk Rambak", None, ""),
        ("Stik Bawang", 10000, "bungkus"),
    ]
)
