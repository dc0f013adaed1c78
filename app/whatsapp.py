"""WhatsApp click-to-chat links with a prefilled Indonesian order message."""

from __future__ import annotations

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
