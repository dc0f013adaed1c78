"""Benchmark the business kit renderers against the bare-library floor.

The calibration page depends only on the sheet preset, so it is cached per
preset (lru_cache): after the first kit it costs nothing.

Run: python bench/bench_kit.py [N]

Every file `flask kit build` writes is measured (the nine kit files, the A5 sign the kit
page offers, checklists.pdf and buku-kas.pdf), each beside a bare-library floor: qrcode
for the QR files, Pillow for images, and fpdf2 for PDFs (a document with the same Noto
Sans subset added the usual way, a page of wrapped 14 pt text, output to bytes).

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
from fpdf import FPDF  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from app.checklists import BusinessFacts, load_toolkits, plan_for  # noqa: E402
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
from app.render.bukukas_pdf import buku_kas_pdf  # noqa: E402
from app.render.checklist_pdf import checklists_pdf  # noqa: E402
from app.render.fonts import pdf_font_path  # noqa: E402
from app.toolkits.printable import cash_book_spec, checklists_spec  # noqa: E402

DEFAULT_N = 15
SHEET = "koala-a4-3x7-60x40"
TARGET_KIT_MS = 400
TARGET_RATIO = 1.5
TARGET_LARGE_PRINT_MS = 60
TODAY = dt.date(2026, 11, 27)
TOOLKITS = load_toolkits(Path(__file__).resolve().parents[1] / "toolkits", today=TODAY)
TRADES = ("warung_makan", "makanan_ringan", "penjahit", "ternak_ayam", "jualan_online")


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


def large_print(i: int):
    """Return the checklists and buku kas specs of a family, its trade by iteration."""
    trade = TRADES[i % len(TRADES)]
    facts = BusinessFacts(
        trade=trade,
        business_name=f"Usaha Bu Sri {i}",
        owner_name="Sri",
        village="Susukan",
        capital_idr=5_000_000 + i,
    )
    plan = plan_for(facts, TOOLKITS, TODAY)
    first = plan.checklists[0]
    done = {(first.id, step.id): TODAY for step in first.steps[: i % 3]}
    return (
        checklists_spec(plan, facts, done, TODAY),
        cash_book_spec(facts.business_name, TOOLKITS.trades[trade], TODAY.replace(day=1)),
    )


def assets(biz: BusinessSpec, url: str, i: int = 0) -> dict[str, Callable[[], object]]:
    """Return one callable per kit artefact, each producing final bytes."""
    label = LabelSpec(
        biz, biz.products[0], 60, 40, url, True, "A12", dt.date(2026, 11, 1), dt.date(2027, 5, 1)
    )
    pamphlet = PamphletSpec(biz, url)
    checklist_spec, cash_spec = large_print(i)

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
        "sign A5 PDF": lambda: qr_sign_pdf(SignSpec(biz, url), "A5"),
        "checklists PDF": lambda: checklists_pdf(checklist_spec),
        "buku kas PDF": lambda: buku_kas_pdf(cash_spec),
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


_TEXT = (
    "Pasang aplikasi OSS dan buat akun dengan nomor HP. Kode verifikasi dikirim lewat "
    "WhatsApp. Kata sandi minimal 8 karakter: ada huruf besar, huruf kecil dan angka. "
) * 3


def floor_fpdf(i: int) -> bytes:
    """Bare fpdf2: add the Latin Noto Sans subset, one page of wrapped 14 pt text, output."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("text", "", str(pdf_font_path("text-regular")))
    pdf.add_page()
    pdf.set_font("text", size=14)
    pdf.multi_cell(0, 7, f"{i} {_TEXT}")
    return bytes(pdf.output())


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
        "fpdf2 A4 text PDF": median_ms(floor_fpdf, n),
    }
    names = list(assets(*business(0)))
    cold: dict[str, list[float]] = {k: [] for k in names}
    kit: list[float] = []
    for i in range(n):
        start = time.perf_counter()
        for name, fn in assets(*business(i + 1), i + 1).items():
            t = time.perf_counter()
            fn()
            cold[name].append((time.perf_counter() - t) * 1000)
        kit.append((time.perf_counter() - start) * 1000)
    cached_set = assets(*business(1), 1)
    cached = {name: median_ms(lambda _i, fn=fn: fn(), n) for name, fn in cached_set.items()}

    print(f"N={n}, medians in ms; ÷floor = cold / the floor named on the row\n")
    print(f"{'asset':<24}{'cold':>8}{'cached':>9}{'÷floor':>8}  floor")
    for name in names:
        c = statistics.median(cold[name])
        if name.startswith("QR"):
            floor_name = "qrcode PNG"
        elif name.endswith("PDF") and not name.startswith(("sheet", "calibration")):
            floor_name = "fpdf2 A4 text PDF"
        else:
            floor_name = "Pillow 1080² text PNG"
        floor = floors[floor_name]
        print(f"{name:<24}{c:>8.1f}{cached[name]:>9.1f}{c / floor:>8.2f}  {floor_name}")
    for name, ms in floors.items():
        print(f"{'floor: ' + name:<24}{ms:>8.1f}")
    uncached_cal = median_ms(lambda _i: calibration_pdf.__wrapped__(get_sheet(SHEET)), n)
    print(f"(calibration PDF without its per-preset cache: {uncached_cal:.1f} ms)")
    kit_ms = statistics.median(kit)
    verdict = "OK" if kit_ms <= TARGET_KIT_MS else "OVER"
    print(f"\nwhole kit, cold: {kit_ms:.0f} ms median (target ≤ {TARGET_KIT_MS}: {verdict})")
    print(f"first kit in a fresh process (fonts, caches): {first_ms:.0f} ms")
    for name in ("checklists PDF", "buku kas PDF"):
        ms = statistics.median(cold[name])
        verdict = "OK" if ms <= TARGET_LARGE_PRINT_MS else "OVER"
        print(f"{name}: {ms:.0f} ms median (target ≤ {TARGET_LARGE_PRINT_MS}: {verdict})")


if __name__ == "__main__":
    main()
