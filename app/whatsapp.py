"""WhatsApp click-to-chat links with a prefilled Indonesian order message."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from app.render.formatting import rupiah

MAX_MESSAGE_CHARS = 140  # longer prefilled texts are not reliably kept by every client
MAX_NAME_CHARS = 50


def _short(text: str, limit: int = MAX_NAME_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def order_message(
    business_name: str, product_name: str | None = None, price_idr: int | None = None
) -> str:
    """Return the prefilled message naming the business and, if given, the product."""
    business = _short(business_name)
    if product_name:
        product = _short(product_name)
        price = f" ({rupiah(price_idr)})" if price_idr else ""
        message = f"Halo {business}, saya mau pesan {product}{price}. Apakah masih ada?"
    else:
        message = f"Halo {business}, saya mau pesan. Apa saja yang tersedia hari ini?"
    return message[:MAX_MESSAGE_CHARS]


def order_link(
    number: str, business_name: str, product_name: str | None = None, price_idr: int | None = None
) -> str:
    """Return a wa.me link for a normalised 62… number with the order message prefilled."""
    text = order_message(business_name, product_name, price_idr)
    return f"https://wa.me/{number}?text={quote(text, safe='')}"


def order_links(business) -> dict:
    """Return the page's order links: "order" for the business, then one per product id."""
    if not business.whatsapp:
        return {}
    links = {"order": order_link(business.whatsapp, business.name)}
    for product in business.products:
        links[product.id] = order_link(
            business.whatsapp, business.name, product.name, product.price_idr
        )
    return links


# A wa.me link is opened by the phone's browser and handed to the WhatsApp app as an
# intent; links past about 2,000 characters are cut or refused by some Android browsers.
MAX_BASKET_URL = 2000
DELIVERY_TEXT = {"ambil": "Diambil sendiri", "antar": "Minta diantar"}


@dataclass(frozen=True)
class BasketLine:
    """One chosen product: how many, its name and its unit price (None when not given)."""

    quantity: int
    name: str
    price_idr: int | None


def basket_message(
    business_name: str,
    lines: list[BasketLine],
    delivery: str = "",
    customer: str = "",
    note: str = "",
) -> str:
    """Return the itemised order: one line per product, the total, delivery, name and note."""
    rows = [f"Halo {_short(business_name)}, saya mau pesan:"]
    total, unpriced = 0, False
    for line in lines:
        name = _short(line.name)
        if line.price_idr:
            subtotal = line.quantity * line.price_idr
            total += subtotal
            rows.append(
                f"- {line.quantity} × {name} ({rupiah(line.price_idr)}) = {rupiah(subtotal)}"
            )
        else:
            unpriced = True
            rows.append(f"- {line.quantity} × {name}")
    rows.append(f"Total: {rupiah(total)}" + (" + produk tanpa harga" if unpriced else ""))
    if delivery in DELIVERY_TEXT:
        rows.append(DELIVERY_TEXT[delivery])
    if customer.strip():
        rows.append(f"Nama: {_short(customer)}")
    if note.strip():
        rows.append(f"Catatan: {' '.join(note.split())}")
    return "\n".join(rows)


def basket_link(
    number: str,
    business_name: str,
    lines: list[BasketLine],
    delivery: str = "",
    customer: str = "",
    note: str = "",
) -> str:
    """Return the wa.me link of a basket, trimming the note (never an item) to fit the limit."""
    note = " ".join(note.split())
    while True:
        text = basket_message(business_name, lines, delivery, customer, note)
        link = f"https://wa.me/{number}?text={quote(text, safe='')}"
        if len(link) <= MAX_BASKET_URL or not note:
            return link
        # Cut by whole characters (an emoji is one) and mark the cut.
        keep = max(0, len(note.rstrip("…")) - max(1, (len(link) - MAX_BASKET_URL) // 9) - 1)
        note = note[:keep].rstrip() + "…" if keep else ""
