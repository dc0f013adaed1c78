"""Benchmark the business kit renderers against the bare-library floor.

The calibration page depends only on the sheet preset, so it is cached per
preset (lru_cache): after the first kit it costs nothing.

Run: python bench/bench_kit.py [N]

"cold" renders a new business every time (new name, URL, prices), so no text
layout or QR cache can help, as for a mentor creating a kit; "cached" repeats
the same inputs. The floor is the bare libraries doing the least comparable
work: one qrcode PNG, and one Pillow 1080×1080 image with text saved as PNG.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qrcode  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from app.render import (  # noqa: E402
    BusinessSpec,
    LabelSpec,
    PamphletSpec,
    ProductSpec,
    SignSpec,
    calibration_pdf,
    font_path,
    get_sheet,
    label_sheet_pdf,
    pamphlet_a5_pdf,
    pamphlet_png,
    qr_png,
    qr_sign_pdf,
    qr_svg,
    render_label,
    render_logo,
)

DEFAULT_N = 15
SHEET = "koala-a4-3x7-60x40"
TARGET_KIT_MS = 400
TARGET_RATIO = 1.5


def business(i: int) -> tuple[BusinessSpec, str]:
    """Return a distinct realistic business and its QR URL for iteration i."""
    products = tuple(
        ProductSpec(
            f"{name} {i}", 10000 + 500 * (i + k), "bungkus", "Tempe, tepung, garam", None, "250 g"
        )
        for k, name in enumerate(
            [
                "Keripik Tempe Original",
                "Keripik Pedas Daun Jeruk",
                "Peyek Kacang",
                "Rempeyek Teri Medan",
                "Kerupuk Rambak",
                "Stik Bawang",
            ]
        )
    )
    biz = BusinessSpec(
        name=f"Keripik Tempe Bu Sri {i}",
        tagline="Renyah, gurih, tanpa pengawet",
        village="Desa Susukan, Kab. Semarang",
        whatsapp="6281234567890",
        products=products,
        theme=["kunyit", "daun", "laut", "cabai", "kopi", "terong"][i % 6],
        is_food=True,
        producer_name="Sri Rahayu",
        business_address="Dusun Krajan RT 02/RW 03, Desa Susukan",
        pirt_number="2063322010123-25",
    )
    return biz, f"https://example.id/b/keripik-tempe-bu-sri-{i}?s=l"


def assets(biz: BusinessSpec, url: str) -> dict[str, Callable[[], object]]:
    """Return one callable per kit artefact, each producing final bytes."""
    label = LabelSpec(
        biz, biz.products[0], 60, 40, url, True, "A12", dt.date(2026, 11, 1), dt.date(2027, 5, 1)
    )
    pamphlet = PamphletSpec(biz, url)

    # The kit renders the label image once and reuses it for the PNG and the sheet.
    label_image: dict[str, Image.Image] = {}

    def label_file() -> bytes:
        label_image["img"] = img = render_label(label)
        buf = io.BytesIO()
        img.save(buf, format="PNG", dpi=(300, 300), compress_level=3)
        return buf.getvalue()

    def sheet() -> bytes:
        img = label_image.get("img") or render_label(label)
        return label_sheet_pdf(img, get_sheet(SHEET), 21)

    def logo_png() -> bytes:
        buf = io.BytesIO()
        render_logo(biz.name, biz.theme).save(buf, format="PNG", compress_level=3)
        return buf.getvalue()

    return {
        "logo PNG": logo_png,
        "QR PNG": lambda: qr_png(url),
        "QR SVG": lambda: qr_svg(url),
        "label PNG 60×40": label_file,
        "sheet PDF 21 labels": sheet,
        "calibration PDF": lambda: calibration_pdf(get_sheet(SHEET)),
        "pamphlet square PNG": lambda: pamphlet_png(pamphlet, "square"),
        "pamphlet story PNG": lambda: pamphlet_png(pamphlet, "story"),
        "pamphlet A5 PDF": lambda: pamphlet_a5_pdf(pamphlet),
        "sign A6 PDF": lambda: qr_sign_pdf(SignSpec(biz, url), "A6"),
    }


def floor_qr(i: int) -> bytes:
    """Bare qrcode: one PNG."""
    buf = io.BytesIO()
    qrcode.make(f"https://example.id/b/keripik-tempe-bu-sri-{i}?s=l").save(buf)
    return buf.getvalue()


_FLOOR_FONT = ImageFont.truetype(str(font_path("text-bold")), 64)


def floor_pillow(i: int) -> bytes:
    """Bare Pillow: a 1080×1080 image with a few lines of text, saved as PNG."""
    img = Image.new("RGB", (1080, 1080), "#FFFBEB")
    draw = ImageDraw.Draw(img)
    for row in range(8):
        draw.text(
            (60, 60 + row * 120), f"Keripik Tempe {i} Rp15.000", font=_FLOOR_FONT, fill="black"
        )
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def median_ms(fn: Callable[[int], object], n: int) -> float:
    """Return the median wall time of fn(i) over n runs, in ms."""
    times = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the benchmark table."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_N
    first_biz, first_url = business(10_000)
    t = time.perf_counter()
    for fn in assets(first_biz, first_url).values():
        fn()
    first_ms = (time.perf_counter() - t) * 1000

    floors = {
        "qrcode PNG": median_ms(floor_qr, n),
        "Pillow 1080² text PNG": median_ms(floor_pillow, n),
    }
    names = list(assets(*business(0)))
    cold: dict[str, list[float]] = {k: [] for k in names}
    kit: list[float] = []
    for i in range(n):
        start = time.perf_counter()
        for name, fn in assets(*business(i + 1)).items():
            t = time.perf_counter()
            fn()
            cold[name].append((time.perf_counter() - t) * 1000)
        kit.append((time.perf_counter() - start) * 1000)
    cached_set = assets(*business(1))
    cached = {name: median_ms(lambda _i, fn=fn: fn(), n) for name, fn in cached_set.items()}

    floor_img = floors["Pillow 1080² text PNG"]
    print(f"N={n}, medians in ms; ÷floor = cold / qrcode floor for QR rows, else / Pillow floor\n")
    print(f"{'asset':<24}{'cold':>8}{'cached':>9}{'÷floor':>8}")
    for name in names:
        c = statistics.median(cold[name])
        floor = floors["qrcode PNG"] if name.startswith("QR") else floor_img
        print(f"{name:<24}{c:>8.1f}{cached[name]:>9.1f}{c / floor:>8.2f}")
    for name, ms in floors.items():
        print(f"{'floor: ' + name:<24}{ms:>8.1f}")
    uncached_cal = median_ms(lambda _i: calibration_pdf.__wrapped__(get_sheet(SHEET)), n)
    print(f"(calibration PDF without its per-preset cache: {uncached_cal:.1f} ms)")
    kit_ms = statistics.median(kit)
    verdict = "OK" if kit_ms <= TARGET_KIT_MS else "OVER"
    print(f"\nwhole kit, cold: {kit_ms:.0f} ms median (target ≤ {TARGET_KIT_MS}: {verdict})")
    print(f"first kit in a fresh process (fonts, caches): {first_ms:.0f} ms")


if __name__ == "__main__":
    main()
