"""What machines read from the public page: JSON-LD, the vCard, opening hours, sitemaps."""

from __future__ import annotations

import re
from datetime import date, timedelta

import vobject
from flask import current_app

from app.validators import slugify

DEFAULT_SCHEMA_TYPE = "LocalBusiness"
DAYS_ID = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
DAYS_SCHEMA = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_HOURS = re.compile(
    r"^\s*(?:(?P<every>setiap hari|tiap hari|buka setiap hari)|(?P<from>[a-z']+)\s*[-–—]\s*"
    r"(?P<to>[a-z']+))[\s,:]*(?:pukul\s*)?(?P<open>\d{1,2})[.:](?P<om>\d{2})\s*[-–—]\s*"
    r"(?P<close>\d{1,2})[.:](?P<cm>\d{2})\s*$",
    re.IGNORECASE,
)


def desa_slug(village: str, district: str) -> str:
    """Return the slug of a desa: its name and kecamatan (desa names repeat across Indonesia)."""
    return slugify(f"{village} {district}".strip())


def _day_index(name: str) -> int | None:
    name = name.lower().replace("'", "").replace("jum'at", "jumat")
    return DAYS_ID.index(name) if name in DAYS_ID else None


def parse_hours(text: str) -> tuple[list[int], str, str] | None:
    """Read "Setiap hari 08.00–17.00" or "Senin–Sabtu 07.00-15.00"; None when not that simple."""
    match = _HOURS.match(text or "")
    if not match:
        return None
    if match["every"]:
        days = list(range(7))
    else:
        first, last = _day_index(match["from"]), _day_index(match["to"])
        if first is None or last is None:
            return None
        days = [(first + i) % 7 for i in range((last - first) % 7 + 1)]
    opens = f"{int(match['open']):02d}:{match['om']}"
    closes = f"{int(match['close']):02d}:{match['cm']}"
    return days, opens, closes


def opening_hours_schema(text: str) -> str | None:
    """Return schema.org openingHours ("Mo-Sa 07:00-15:00") for simple opening hours."""
    parsed = parse_hours(text)
    if parsed is None:
        return None
    days, opens, closes = parsed
    span = (
        DAYS_SCHEMA[days[0]]
        if len(days) == 1
        else f"{DAYS_SCHEMA[days[0]]}-{DAYS_SCHEMA[days[-1]]}"
    )
    return f"{span} {opens}-{closes}"


def next_opening(text: str, today: date) -> tuple[date, str] | None:
    """Return the next day after today the stall opens, and its opening time."""
    parsed = parse_hours(text)
    if parsed is None:
        return None
    days, opens, _ = parsed
    for ahead in range(1, 8):
        day = today + timedelta(days=ahead)
        if day.weekday() in days:
            return day, opens
    return None


def place(business) -> str:
    """Return the public place of a business: desa, kecamatan, kabupaten (never the address)."""
    parts = [f"Desa {business.village}"] if business.village else []
    if business.district:
        parts.append(f"Kec. {business.district}")
    if business.regency:
        parts.append(business.regency_name)
    return ", ".join(parts)


def schema_type(trade_key: str | None) -> str:
    """Return the schema.org type of a trade's pages (toolkits/trades.toml `schema_type`)."""
    trade = current_app.extensions["toolkits"].trades.get(trade_key or "")
    return getattr(trade, "schema_type", None) or DEFAULT_SCHEMA_TYPE


def json_ld(business, url: str, image: str, available) -> dict:
    """Return the page's schema.org description: only fields that are public on the page."""
    data = {
        "@context": "https://schema.org",
        "@type": schema_type(business.trade),
        "name": business.name,
        "url": url,
        "image": image,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": ", ".join(
                filter(None, (business.village, business.district and f"Kec. {business.district}"))
            ),
            "addressRegion": business.regency_name,
            "addressCountry": "ID",
        },
    }
    if business.tagline:
        data["description"] = business.tagline
    if business.whatsapp:
        data["telephone"] = f"+{business.whatsapp}"
    hours = opening_hours_schema(business.opening_hours)
    if hours:
        data["openingHours"] = hours
    offers = []
    for product in business.products:
        offer = {"@type": "Offer", "itemOffered": {"@type": "Product", "name": product.name}}
        if product.price_idr:
            offer.update(price=str(product.price_idr), priceCurrency="IDR")
        offer["availability"] = (
            "https://schema.org/InStock" if available(product) else "https://schema.org/OutOfStock"
        )
        offers.append(offer)
    if offers:
        data["makesOffer"] = offers
    return data


def vcard(business, url: str) -> str:
    """Return the business's contact card (vCard 3.0): name, WhatsApp, page, desa."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family="", given=business.name)
    card.add("fn").value = business.name
    card.add("org").value = [business.name]
    if business.whatsapp:
        tel = card.add("tel")
        tel.value = f"+{business.whatsapp}"
        tel.type_param = "CELL"
    card.add("url").value = url
    adr = card.add("adr")
    adr.value = vobject.vcard.Address(
        extended=f"Desa {business.village}" if business.village else "",
        city=business.district and f"Kec. {business.district}",
        region=business.regency_name,
        country="Indonesia",
    )
    if business.tagline:
        card.add("note").value = business.tagline
    return card.serialize()
