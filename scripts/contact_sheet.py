"""Render every pamphlet template, logo style and print item for two demo businesses
(a snack maker with product photos, a tailor without) onto one PNG to review.

.venv/bin/python scripts/contact_sheet.py /tmp/contact.png [--items DIR]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.render.banner import banner_pdf  # noqa: E402
from app.render.card import card_pdf  # noqa: E402
from app.render.items import ItemSpec  # noqa: E402
from app.render.logos import STYLES, logo_scene  # noqa: E402
from app.render.menu import menu_pdf, menu_png  # noqa: E402
from app.render.pamphlet import TEMPLATES, pamphlet_a5_pdf, render_pamphlet  # noqa: E402
from app.render.social import render_post  # noqa: E402
from app.render.spec import BusinessSpec, PamphletSpec, ProductSpec  # noqa: E402
from app.render.stamp import STAMP_NOT_PUBLIC  # noqa: E402
from app.render.tag import tag_pdf  # noqa: E402
from tests.render.photos import product_photo  # noqa: E402

URL = "https://kit.example.id/b/demo?s=k"
CELL = 360


def demo_items() -> list[ItemSpec]:
    """Return two demo businesses: a snack maker with photos, a tailor without."""
    snacks = BusinessSpec(
        name="Keripik Tempe Bu Sri",
        village="Gentan",
        whatsapp="6281234567890",
        cta="Pesan lewat WhatsApp",
        theme="kunyit",
        is_food=True,
        products=tuple(
            ProductSpec(
                n,
                p,
                u,
                photo=product_photo(
                    1600, 1200, seed=i, subject_x=0.3 + 0.2 * i, rotate_exif=i == 1
                ),
            )
            for i, (n, p, u) in enumerate(
                [
                    ("Keripik Tempe Original", 8000, "bungkus"),
                    ("Keripik Tempe Pedas Daun Jeruk", 10000, "bungkus"),
                    ("Peyek Kacang 🥜", 12000, ""),
                ]
            )
        ),
    )
    tailor = BusinessSpec(
        name="Jahit Rapi Mbak Ani ꦗꦲꦶꦠ꧀",
        tagline="Permak & seragam",
        village="Susukan",
        whatsapp="6285712345678",
        cta="Tanya jahitan lewat WhatsApp",
        theme="laut",
        products=(
            ProductSpec("Permak celana", 15000, "per potong"),
            ProductSpec("Jahit seragam sekolah", 120000, "per stel"),
            ProductSpec("Tas kain batik", 45000, ""),
        ),
    )
    return [
        ItemSpec(
            snacks,
            URL,
            "stamp",
            "cookie",
            "Makanan ringan",
            "Scan untuk lihat menu & pesan",
            "Daftar Menu",
        ),
        ItemSpec(
            tailor,
            URL,
            "icon",
            "needle-thread",
            "Penjahit",
            "Scan untuk lihat katalog & tanya harga",
            "Daftar Harga",
            stamp="CONTOH — QR belum bisa dibuka pelanggan",
        ),
    ]


def _pdf_page(pdf: bytes, page: int = 1) -> Image.Image:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "40",
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                str(src),
                f"{tmp}/p",
            ],
            check=True,
        )
        return Image.open(next(Path(tmp).glob("p-*.png"))).convert("RGB")


def pamphlet_tiles(item: ItemSpec) -> list[tuple[str, Image.Image]]:
    """Return (label, image) for every pamphlet template of every format."""
    from dataclasses import replace

    b = replace(
        item.business, logo_style=item.logo_style, icon=item.icon, trade_name=item.trade_name
    )
    photo = next((p.photo for p in b.products if p.photo), None)
    spec = PamphletSpec(b, item.qr_url, photo=photo, stamp=STAMP_NOT_PUBLIC if item.stamp else "")
    result = []
    for fmt in ("square", "story"):
        for tid in TEMPLATES[fmt]:
            result.append((f"{fmt} {tid}", render_pamphlet(spec, fmt, tid)))
    for tid in TEMPLATES["a5"]:
        result.append((f"a5 {tid}", _pdf_page(pamphlet_a5_pdf(spec, template=tid))))
    return result


def tiles(item: ItemSpec, out: Path | None) -> list[tuple[str, Image.Image]]:
    """Return (label, image) for every template, logo style and item of one business."""
    result = pamphlet_tiles(item)
    for key in STYLES:
        result.append((f"logo {key}", logo_scene(item.logo(), key, 240).to_image()))
    pdfs = {
        "kartu-nama": card_pdf(item),
        "spanduk": banner_pdf(item),
        "menu": menu_pdf(item),
        "tag": tag_pdf(item),
    }
    for name, pdf in pdfs.items():
        result.append((f"{name}.pdf", _pdf_page(pdf)))
        if out:
            (out / f"{name}.pdf").write_bytes(pdf)
    result.append(("kartu-nama back", _pdf_page(pdfs["kartu-nama"], 2)))
    from io import BytesIO

    result.append(("menu.png", Image.open(BytesIO(menu_png(item)))))
    for i in range(len(item.products)):
        result.append((f"post-{i + 1}", render_post(item, i, "post")))
    result.append(("status-1", render_post(item, 0, "status")))
    return result


def main(target: Path, items_dir: Path | None = None) -> None:
    """Write the contact sheet."""
    rows = []
    for n, item in enumerate(demo_items()):
        out = None
        if items_dir:
            out = items_dir / f"b{n}"
            out.mkdir(parents=True, exist_ok=True)
        rows.append(tiles(item, out))
    cols = max(len(r) for r in rows)
    per_row = 8
    lines = sum((len(r) + per_row - 1) // per_row for r in rows)
    sheet = Image.new("RGB", (per_row * (CELL + 10) + 10, lines * (CELL + 40) + 10), "#CCCCCC")
    draw = ImageDraw.Draw(sheet)
    y = 10
    for r in rows:
        for i, (label, img) in enumerate(r):
            if i and i % per_row == 0:
                y += CELL + 40
            x = 10 + (i % per_row) * (CELL + 10)
            img = img.copy()
            img.thumbnail((CELL, CELL))
            if img.mode == "RGBA":
                sheet.paste(img, (x, y), img)
            else:
                sheet.paste(img, (x, y))
            draw.text((x, y + CELL + 8), label, fill="black")
        y += CELL + 40
    sheet.save(target)
    print(target, sheet.size, cols)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
