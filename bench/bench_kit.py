"""Benchmark the business kit renderers against the bare-library floor.

The calibration page depends only on the sheet preset, so it is cached per
preset (lru_cache): after the first kit it costs nothing.

Run: python bench/bench_kit.py [N]

Every file `flask kit build` writes is measured (the nine kit files, the A5 sign the kit
page offers, checklists.pdf and buku-kas.pdf, and the print items: logo.svg, kartu-nama,
spanduk, menu PDF/PNG, tag, caption.txt, post-/status-/foto- per product, the A5
pamphlet's preview PNG of --all-templates), each beside the bare-library floor of the
same kind of file: qrcode for the QR files; Pillow drawing lines of text on a canvas of
the same size and saving it (PNG, or JPEG for the photo); fpdf2 writing a page of the
same size with the Noto Sans subset and the same text, embedding the same photo where
the item has one; fontTools outlining the name for the SVG.

Three items have a floor that does the same work as the item, page for page:
- tag PDF: "fpdf2 6×A4 54 tags PDF" (floor_tags): per product an A4 page of 3×3 tags,
  each with its rectangles, hole ring, logo, wrapped centred name, price and QR, and the
  crop marks, in the display font, with plain fpdf2 calls (the logo and the QR as PNGs
  embedded once and placed on every tag: less work than the user's vector art).
- pamphlet A5 PDF: "fpdf2 A5 price-list PDF" (floor_a5): the default A5's page, its
  header, six product rows, band, CTA, QR and number, in the three fonts it embeds
  (display bold, text regular, text bold); no photo, as the six-product A5 has none.
- caption TXT: "str.format+Babel+phonenumbers captions" (floor_captions): the same
  templates filled with str.format, each price grouped by Babel and the number formatted
  by phonenumbers as the app does, the hashtag line and the listings; the plain
  str.format floor (floor_format, prices grouped by hand, no hashtags, no phone
  formatting) is printed beside it.
The logo PNGs, the QR PNG and the business specs the floors use are made before timing,
as the kit makes the logo and the QR once for all its files.

"cold" renders a new business every round (new name, URL, prices), its files in kit
order, so only what one kit shares helps (the QR matrix; the logo laid out once for
logo.png, logo.svg and the print items), as in `kit build`; "cached" repeats the inputs.
Every floor runs once per round right after the round's kit, so a ratio compares medians
taken under the same load.
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
)
from app.render.banner import banner_pdf  # noqa: E402
from app.render.bukukas_pdf import buku_kas_pdf  # noqa: E402
from app.render.caption import caption_txt  # noqa: E402
from app.render.card import card_pdf  # noqa: E402
from app.render.checklist_pdf import checklists_pdf  # noqa: E402
from app.render.fonts import pdf_font_path  # noqa: E402
from app.render.items import ItemSpec  # noqa: E402
from app.render.logos import logo_png, logo_svg  # noqa: E402
from app.render.menu import menu_pdf, menu_png  # noqa: E402
from app.render.pamphlet import pamphlet_a5_png  # noqa: E402
from app.render.photo import prepare_photo  # noqa: E402
from app.render.print_items import load_print_items  # noqa: E402
from app.render.social import post_png  # noqa: E402
from app.render.tag import tag_pdf  # noqa: E402
from app.toolkits.printable import cash_book_spec, checklists_spec  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kit_floors  # noqa: E402

DEFAULT_N = 15
SHEET = "koala-a4-3x7-60x40"
TARGET_KIT_MS = 400
TARGET_FULL_KIT_MS = 600  # with the print items (issue 11)
TARGET_RATIO = 1.5
TARGET_LARGE_PRINT_MS = 60
TODAY = dt.date(2026, 11, 27)
TOOLKITS = load_toolkits(Path(__file__).resolve().parents[1] / "toolkits", today=TODAY)
TRADES = ("warung_makan", "makanan_ringan", "penjahit", "ternak_ayam", "jualan_online")


def _photo(seed: int) -> bytes:
    """Return a 1600×1200 JPEG standing in for a phone photo of a product."""
    img = Image.new("RGB", (1600, 1200), (150 + seed % 60, 110, 70))
    draw = ImageDraw.Draw(img)
    for k in range(40):
        x, y = (k * 131 + seed * 17) % 1500, (k * 89 + seed * 29) % 1100
        draw.ellipse((x, y, x + 120, y + 90), fill=(200 - k * 3, 120 + k, 40 + k * 2))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()


PHOTOS = (_photo(1), _photo(2))


def business(i: int) -> tuple[BusinessSpec, str]:
    """Return a distinct realistic business (two products with photos) and its QR URL."""
    products = tuple(
        ProductSpec(
            f"{name} {i}",
            10000 + 500 * (i + k),
            "bungkus",
            "Tempe, tepung, garam",
            PHOTOS[k] if k < len(PHOTOS) else None,
            "250 g",
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
    pamphlet = PamphletSpec(biz, url, photo=biz.products[0].photo)
    checklist_spec, cash_spec = large_print(i)
    item = ItemSpec(
        biz, url, "stamp", "cookie", "Makanan ringan", "Scan untuk pesan", "Daftar Menu"
    )

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

    def foto() -> bytes:
        buf = io.BytesIO()
        prepare_photo(biz.products[0].photo, 1080, 1080).save(buf, format="JPEG", quality=88)
        return buf.getvalue()

    return {
        "logo PNG": lambda: logo_png(item.logo(), "stamp"),
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
        "logo SVG": lambda: logo_svg(item.logo(), "stamp"),
        "kartu nama PDF": lambda: card_pdf(item),
        "spanduk PDF": lambda: banner_pdf(item),
        "menu PDF": lambda: menu_pdf(item),
        "menu PNG": lambda: menu_png(item),
        "tag PDF": lambda: tag_pdf(item),
        "caption TXT": lambda: caption_txt(item),
        "post PNG (each)": lambda: post_png(item, 0, "post"),
        "status PNG (each)": lambda: post_png(item, 0, "status"),
        "foto JPEG (each)": foto,
        "A5 preview PNG": lambda: pamphlet_a5_png(pamphlet),
    }


# Items the kit writes once per product: the whole-kit sum counts them that many times.
PER_PRODUCT = ("post PNG (each)", "status PNG (each)")
PER_PHOTO = ("foto JPEG (each)",)
# Not in `kit build`'s default kit: measured, but outside the whole-kit sums.
OPTIONAL = ("A5 preview PNG", "calibration PDF", "sign A5 PDF")
ORIGINAL_KIT = (
    "logo PNG",
    "QR PNG",
    "QR SVG",
    "label PNG 60×40",
    "sheet PDF 21 labels",
    "pamphlet square PNG",
    "pamphlet story PNG",
    "pamphlet A5 PDF",
    "sign A6 PDF",
    "checklists PDF",
    "buku kas PDF",
)


def floor_qr(i: int) -> bytes:
    """Bare qrcode: one PNG."""
    buf = io.BytesIO()
    qrcode.make(f"https://example.id/b/keripik-tempe-bu-sri-{i}?s=l").save(buf)
    return buf.getvalue()


_FLOOR_FONT = ImageFont.truetype(str(font_path("text-bold")), 64)


def floor_pillow(i: int, size: tuple[int, int] = (1080, 1080), photo: bool = False) -> bytes:
    """Bare Pillow: an image of the item's size with lines of text (and the photo), as PNG."""
    img = Image.new("RGB", size, "#FFFBEB")
    if photo:
        with Image.open(io.BytesIO(PHOTOS[0])) as src:
            img.paste(src.resize((size[0], size[1] // 2)), (0, 0))
    draw = ImageDraw.Draw(img)
    for row in range(size[1] // 135):
        draw.text(
            (60, 60 + row * 120), f"Keripik Tempe {i} Rp15.000", font=_FLOOR_FONT, fill="black"
        )
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def floor_jpeg(i: int) -> bytes:
    """Bare Pillow: the phone photo resized to 1080² and saved as JPEG."""
    with Image.open(io.BytesIO(PHOTOS[i % 2])) as src:
        img = src.resize((1080, 1080))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=88)
    return buf.getvalue()


def floor_outline(i: int) -> str:
    """Bare fontTools: the name's glyphs as SVG path data (what logo.svg holds)."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.ttLib import TTFont

    font = _OUTLINE_FONT or TTFont(str(font_path("display-bold")))
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    paths = []
    for ch in f"Keripik Tempe Bu Sri {i}":
        pen = SVGPathPen(glyphs)
        glyphs[cmap.get(ord(ch), ".notdef")].draw(pen)
        paths.append(pen.getCommands())
    return "".join(paths)


_OUTLINE_FONT = None


_CAPTION_TEMPLATES = load_print_items().captions  # read once, as caption.py reads them
_CAPTION_SPECS: list[BusinessSpec] = []  # one business per floor run, made before timing


def _rp(amount: int) -> str:
    """Format rupiah with format-spec grouping: 12000 -> "Rp12.000"."""
    return f"Rp{amount:,}".replace(",", ".")


def floor_format(i: int) -> str:
    """Bare str.format: caption.txt's captions from the same templates and business: the
    business caption, one per product and two marketplace listings per product, joined.
    No dropped empty lines, hashtags or length cuts, which caption.py adds."""
    b = _CAPTION_SPECS[i] if i < len(_CAPTION_SPECS) else business(i)[0]
    values = {
        "name": b.name,
        "tagline": b.tagline,
        "desa": b.village,
        "trade": "Makanan ringan",
        "whatsapp": b.whatsapp,
        "url": f"https://example.id/b/keripik-tempe-bu-sri-{i}?s=l",
        "cta": "Pesan",
        "products": "\n".join(f"• {p.name} — {_rp(p.price_idr)}" for p in b.products),
    }
    parts = [_CAPTION_TEMPLATES.business.format_map(values)]
    for p in b.products:
        body = _CAPTION_TEMPLATES.product.format_map(
            {**values, "product": p.name, "price": f"{_rp(p.price_idr)} / {p.unit}"}
        )
        parts.append(body)
        for platform in ("Shopee", "Facebook Marketplace"):
            parts.append(
                f"[{platform}]\nJudul: {p.name} — {b.name}\nHarga: {_rp(p.price_idr)}\n"
                f"Berat: {p.net_weight}\n\n{body}"
            )
    return "\n\n————\n\n".join(parts) + "\n"


_TEXT = (
    "Pasang aplikasi OSS dan buat akun dengan nomor HP. Kode verifikasi dikirim lewat "
    "WhatsApp. Kata sandi minimal 8 karakter: ada huruf besar, huruf kecil dan angka. "
) * 3


def floor_fpdf(i: int, size="A4", photo_mm: tuple[float, float] | None = None) -> bytes:
    """Bare fpdf2: the Noto Sans subset, a page of the item's size with wrapped text (and
    the photo embedded at its printed size), output."""
    pdf = FPDF(unit="mm", format=size)
    pdf.add_font("text", "", str(pdf_font_path("text-regular")))
    pdf.add_page()
    pdf.set_font("text", size=14)
    pdf.multi_cell(0, 7, f"{i} {_TEXT}")
    if photo_mm:
        pdf.image(io.BytesIO(PHOTOS[i % 2]), x=10, y=100, w=photo_mm[0], h=photo_mm[1])
    return bytes(pdf.output())


# The floor of each item: the bare library writing the same kind of file at its size.
FLOORS: dict[str, Callable[[int], object]] = {
    "qrcode PNG": floor_qr,
    "Pillow 1080² text PNG": floor_pillow,
    "Pillow 1080×1350 text+photo PNG": lambda i: floor_pillow(i, (1080, 1350), True),
    "Pillow 1080×1920 text+photo PNG": lambda i: floor_pillow(i, (1080, 1920), True),
    "Pillow 1080² JPEG": floor_jpeg,
    "fpdf2 A4 text PDF": floor_fpdf,
    "fpdf2 A4 text+photo PDF": lambda i: floor_fpdf(i, "A4", (60, 60)),
    "fpdf2 100×60 cm text+photo PDF": lambda i: floor_fpdf(i, (1000, 600), (300, 300)),
    "fontTools outline SVG": floor_outline,
    "str.format captions": floor_format,
    "str.format+Babel+phonenumbers captions": kit_floors.floor_captions,
    "fpdf2 6×A4 54 tags PDF": kit_floors.floor_tags,
    "fpdf2 A5 price-list PDF": kit_floors.floor_a5,
}


def floor_for(name: str) -> str:
    """Return the floor a row is compared with."""
    special = {
        "logo SVG": "fontTools outline SVG",
        "caption TXT": "str.format+Babel+phonenumbers captions",
        "tag PDF": "fpdf2 6×A4 54 tags PDF",
        "foto JPEG (each)": "Pillow 1080² JPEG",
        "post PNG (each)": "Pillow 1080×1350 text+photo PNG",
        "menu PNG": "Pillow 1080×1350 text+photo PNG",
        "status PNG (each)": "Pillow 1080×1920 text+photo PNG",
        "pamphlet story PNG": "Pillow 1080×1920 text+photo PNG",
        "spanduk PDF": "fpdf2 100×60 cm text+photo PDF",
        "menu PDF": "fpdf2 A4 text+photo PDF",
        "pamphlet A5 PDF": "fpdf2 A5 price-list PDF",
    }
    if name in special:
        return special[name]
    if name.startswith("QR"):
        return "qrcode PNG"
    if name.endswith("PDF") and not name.startswith(("sheet", "calibration")):
        return "fpdf2 A4 text PDF"
    return "Pillow 1080² text PNG"


def median_ms(fn: Callable[[int], object], n: int) -> float:
    """Return the median wall time of fn(i) over n runs, in ms."""
    times = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _kit_sum(times: dict[str, float], names) -> float:
    """Return a whole kit's time: per-product items counted once per product."""
    products = len(business(0)[0].products)
    counts = {name: products for name in PER_PRODUCT} | {name: len(PHOTOS) for name in PER_PHOTO}
    return sum(times[name] * counts.get(name, 1) for name in names)


def _table(names, cold, cached, floors) -> None:
    print(f"{'asset':<24}{'cold':>8}{'cached':>9}{'÷floor':>8}  floor")
    for name in names:
        c = statistics.median(cold[name])
        floor_name = floor_for(name)
        ratio = c / floors[floor_name]
        mark = " OVER" if ratio > TARGET_RATIO and name not in ORIGINAL_KIT else ""
        print(f"{name:<24}{c:>8.1f}{cached[name]:>9.1f}{ratio:>8.2f}  {floor_name}{mark}")
    for name, ms in floors.items():
        print(f"{'floor: ' + name:<40}{ms:>8.2f}")


def main() -> None:
    """Print the benchmark table."""
    global _OUTLINE_FONT
    from fontTools.ttLib import TTFont

    _OUTLINE_FONT = TTFont(str(font_path("display-bold")))
    n = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_N
    _CAPTION_SPECS[:] = [business(i)[0] for i in range(n)]
    kit_floors.prepare([business(i) for i in range(n)])
    first_biz, first_url = business(10_000)
    t = time.perf_counter()
    for fn in assets(first_biz, first_url).values():
        fn()
    first_ms = (time.perf_counter() - t) * 1000
    for fn in FLOORS.values():  # warm-up, as the first kit above is for the items
        fn(0)
    names = list(assets(*business(0)))
    cold: dict[str, list[float]] = {k: [] for k in names}
    floor_runs: dict[str, list[float]] = {k: [] for k in FLOORS}
    # Each round renders a kit, then runs every floor once: items and floors see the same
    # load (other processes come and go) and the same state of the CPU caches.
    for i in range(n):
        for name, fn in assets(*business(i + 1), i + 1).items():
            t = time.perf_counter()
            fn()
            cold[name].append((time.perf_counter() - t) * 1000)
        for name, fn in FLOORS.items():
            t = time.perf_counter()
            fn(i)
            floor_runs[name].append((time.perf_counter() - t) * 1000)
    floors = {name: statistics.median(v) for name, v in floor_runs.items()}
    cached_set = assets(*business(1), 1)
    cached = {name: median_ms(lambda _i, fn=fn: fn(), n) for name, fn in cached_set.items()}
    print(f"N={n}, medians in ms; ÷floor = cold / the floor named on the row\n")
    _table(names, cold, cached, floors)
    uncached_cal = median_ms(lambda _i: calibration_pdf.__wrapped__(get_sheet(SHEET)), n)
    print(f"(calibration PDF without its per-preset cache: {uncached_cal:.1f} ms)")
    medians = {name: statistics.median(v) for name, v in cold.items()}
    base = _kit_sum(medians, ORIGINAL_KIT)
    full = _kit_sum(medians, [x for x in names if x not in OPTIONAL])
    verdict = "OK" if base <= TARGET_KIT_MS else "OVER"
    print(
        f"\nkit files, cold, one after another: {base:.0f} ms (target ≤ {TARGET_KIT_MS}: {verdict})"
    )
    verdict = "OK" if full <= TARGET_FULL_KIT_MS else "OVER"
    whole = [x for x in names if x not in OPTIONAL]
    floor_sum = _kit_sum({name: floors[floor_for(name)] for name in whole}, whole)
    print(
        f"whole kit with the print items (6 products, 2 photos), cold, one after another: "
        f"{full:.0f} ms (target ≤ {TARGET_FULL_KIT_MS}: {verdict}; `kit build` renders in "
        "threads, so the wall time on a multi-core machine is lower)"
    )
    print(
        f"  the floors of the same files, summed (each file's floor row, per product and "
        f"per photo as often as the kit writes it): {floor_sum:.0f} ms; "
        f"whole kit ÷ that: {full / floor_sum:.2f}"
    )
    print(f"first kit in a fresh process (fonts, caches): {first_ms:.0f} ms")
    for name in ("checklists PDF", "buku kas PDF"):
        ms = medians[name]
        verdict = "OK" if ms <= TARGET_LARGE_PRINT_MS else "OVER"
        print(f"{name}: {ms:.0f} ms median (target ≤ {TARGET_LARGE_PRINT_MS}: {verdict})")


if __name__ == "__main__":
    main()
