"""Floors doing the same work as a kit item, page for page, with bare library calls.

Used by bench_kit.py (see its docstring): the tag sheet (floor_tags), the A5 price-list
pamphlet (floor_a5) and caption.txt (floor_captions). Call prepare() before timing.
"""

from __future__ import annotations

import io

import phonenumbers
import qrcode
from babel import numbers as babel_numbers
from fpdf import FPDF

from app.render import BusinessSpec
from app.render.fonts import pdf_font_path
from app.render.items import ItemSpec
from app.render.logos import logo_png
from app.render.print_items import load_print_items
from app.render.tag import TAG_MM

_CAPTION_TEMPLATES = load_print_items().captions

# -- floors doing the same work as an item, with bare library calls -------------------
# The kit shares the QR matrix and the laid-out logo between its files (the items in the
# cold loop find them made by the QR PNG and the logo PNG), so the floors get them made
# before timing too: per business, the logo as a PNG at the item's print size and the QR
# as qrcode's PNG. A bare fpdf2 user embeds each PNG once (fpdf2 keeps one copy of an
# image) and places it on every tag: less work than the vector logo and QR the user
# gets, so these floors err low. (fpdf2's own SVG import, 54 placements of logo.svg,
# takes seconds: no one would write a sheet that way.)
_FLOOR_ART: list[dict[str, object]] = []


def prepare(businesses: list[tuple[BusinessSpec, str]]) -> None:
    """Make, before timing, what the kit has made before an item: per business its logo
    PNGs at the tag's and the A5's print sizes and its QR PNG (floor i uses business i)."""
    _FLOOR_ART[:] = [_art(biz, url) for biz, url in businesses]


def _floor_art(i: int) -> dict[str, object]:
    return _FLOOR_ART[i]


def _art(biz: BusinessSpec, url: str) -> dict[str, object]:
    item = ItemSpec(biz, url, "stamp", "cookie", "Makanan ringan", "Scan untuk pesan", "Menu")
    buf = io.BytesIO()
    qrcode.make(url, border=4).save(buf)
    return {
        "biz": biz,
        "url": url,
        "logo_tag": logo_png(item.logo(), "stamp", round(16 / 25.4 * 300)),
        "logo_a5": logo_png(item.logo(), "stamp", round(12 / 25.4 * 300)),
        "qr": buf.getvalue(),
    }


def _png(data: object) -> io.BytesIO:
    return io.BytesIO(data)  # type: ignore[arg-type]


def floor_tags(i: int) -> bytes:
    """Bare fpdf2: tag.pdf's pages: per product an A4 page of 3×3 tags 50×90 mm, each a
    filled rectangle, a rounded cap, a stroked hole ring, the logo PNG, the product name
    wrapped and centred in the display font, the price and the QR PNG; crop marks at
    every cut line; the display-font subset."""
    art = _floor_art(i)
    biz: BusinessSpec = art["biz"]  # type: ignore[assignment]
    w, h = TAG_MM
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("display", "", str(pdf_font_path("display-bold")))
    xs = [(210 - 3 * w) / 2 + c * w for c in range(4)]
    ys = [(297 - 3 * h) / 2 + r * h for r in range(4)]
    for p in biz.products:
        pdf.add_page()
        price = f"Rp{babel_numbers.format_decimal(p.price_idr, '#,##0', locale='id')} / {p.unit}"
        for x in xs[:3]:
            for y in ys[:3]:
                pdf.set_fill_color(240, 253, 244)
                pdf.rect(x, y, w, h, style="F")
                pdf.set_fill_color(22, 101, 52)
                pdf.rect(x + 1.75, y + 1.75, w - 3.5, 12.25, "F", True, corner_radius=1.75)
                pdf.set_fill_color(255, 255, 255)
                pdf.set_draw_color(40, 40, 40)
                pdf.set_line_width(0.3)
                pdf.circle(x + w / 2, y + 7, 2.5, style="DF")
                pdf.image(_png(art["logo_tag"]), x=x + w / 2 - 8, y=y + 16, h=16)
                pdf.set_font("display", size=13)
                pdf.set_text_color(20, 40, 30)
                pdf.set_xy(x + 3.5, y + 36)
                pdf.multi_cell(w - 7, 5.5, p.name, align="C")
                pdf.set_font("display", size=12)
                pdf.set_text_color(22, 101, 52)
                pdf.set_xy(x + 3.5, y + 52)
                pdf.cell(w - 7, 6, price, align="C")
                pdf.image(_png(art["qr"]), x=x + w / 2 - 12, y=y + h - 27.5, w=24, h=24)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.25)
        for x in xs:
            pdf.line(x, ys[0] - 7, x, ys[0] - 2)
            pdf.line(x, ys[-1] + 2, x, ys[-1] + 7)
        for y in ys:
            pdf.line(xs[0] - 7, y, xs[0] - 2, y)
            pdf.line(xs[-1] + 2, y, xs[-1] + 7, y)
    return bytes(pdf.output())


def floor_a5(i: int) -> bytes:
    """Bare fpdf2: the A5 price-list pamphlet's page: page colour, the logo PNG and the
    name in the display font, the tagline in the text font, per product a rounded row
    card with the name (text bold), the price (display) and the unit (text); the band
    with the call to action, the QR PNG and the WhatsApp number; the three font subsets
    (display bold, text regular, text bold). No photo: with six products the default
    template has no room for one, and the user's A5 holds none."""
    art = _floor_art(i)
    biz: BusinessSpec = art["biz"]  # type: ignore[assignment]
    pdf = FPDF(unit="mm", format=(148, 210))
    pdf.set_auto_page_break(False)
    for family, role in (("display", "display-bold"), ("text", "text-regular")):
        pdf.add_font(family, "", str(pdf_font_path(role)))
    pdf.add_font("text", "B", str(pdf_font_path("text-bold")))
    pdf.add_page()
    pdf.set_fill_color(240, 253, 244)
    pdf.rect(0, 0, 148, 210, style="F")
    pdf.image(_png(art["logo_a5"]), x=6, y=6, h=12)
    pdf.set_font("display", size=26)
    pdf.set_text_color(22, 101, 52)
    pdf.text(22, 16, biz.name)
    pdf.set_font("text", size=13)
    pdf.set_text_color(60, 60, 60)
    pdf.text(6, 26, biz.tagline)
    pdf.set_fill_color(220, 245, 228)
    pdf.rect(6, 30, 136, 92, "F", True, corner_radius=3)
    for k, p in enumerate(biz.products):
        y = 38 + k * 14.5
        pdf.set_font("text", "B", size=14)
        pdf.set_text_color(20, 40, 30)
        pdf.text(10, y + 3, p.name)
        pdf.set_font("display", size=14)
        pdf.set_text_color(22, 101, 52)
        price = babel_numbers.format_decimal(p.price_idr, "#,##0", locale="id")
        pdf.text(112, y, f"Rp{price}")
        pdf.set_font("text", size=8)
        pdf.text(118, y + 4, f"per {p.unit}")
    pdf.set_fill_color(22, 101, 52)
    pdf.rect(0, 128, 148, 82, style="F")
    pdf.set_font("display", size=28)
    pdf.set_text_color(255, 255, 255)
    pdf.text(18, 142, "Scan untuk pesan")
    pdf.image(_png(art["qr"]), x=49, y=147, w=50, h=50)
    pdf.text(15, 206, f"WA {_phone(biz.whatsapp)}")
    return bytes(pdf.output())


def _phone(digits: str) -> str:
    """Format a stored number nationally with bare phonenumbers: 62812… -> 0812-…"""
    parsed = phonenumbers.parse("+" + digits, None)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def floor_captions(i: int) -> str:
    """Bare str.format, Babel and phonenumbers: caption.txt's text from the same templates:
    the business caption and each product's, both with the hashtag line (the file's tags,
    the trade's and the village's), and two marketplace listings per product; every price
    grouped by Babel (the app's rule for money), the phone number formatted nationally by
    phonenumbers, the village as "Desa …". No dropped empty lines or length cuts."""
    b: BusinessSpec = _floor_art(i)["biz"]  # type: ignore[assignment]
    tags = " ".join([*_CAPTION_TEMPLATES.hashtags, "#MakananRingan", "#DesaSusukanKabSemarang"])
    prices = [
        "Rp" + babel_numbers.format_decimal(p.price_idr, "#,##0", locale="id") for p in b.products
    ]
    values = {
        "name": b.name,
        "tagline": b.tagline,
        "desa": b.village if b.village.startswith("Desa ") else f"Desa {b.village}",
        "trade": "Makanan ringan",
        "whatsapp": _phone(b.whatsapp),
        "url": _floor_art(i)["url"],
        "cta": "Pesan",
        "products": "\n".join(f"• {p.name} — {r}" for p, r in zip(b.products, prices, strict=True)),
    }
    parts = [_CAPTION_TEMPLATES.business.format_map(values) + f"\n\n{tags}"]
    listings = []
    for p, price in zip(b.products, prices, strict=True):
        body = _CAPTION_TEMPLATES.product.format_map(
            {**values, "product": p.name, "price": f"{price} / {p.unit}"}
        )
        parts.append(f"{body}\n\n{tags}")
        for platform in ("Shopee", "Facebook Marketplace"):
            listings.append(
                f"[{platform}]\nJudul: {p.name} — {b.name}\nHarga: {price}\n"
                f"Berat: {p.net_weight}\n\n{body}"
            )
    return "\n\n————\n\n".join(parts + listings) + "\n"
