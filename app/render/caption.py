"""Ready-to-copy captions and marketplace listings, from templates kept in toolkits/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.render.formatting import phone_local, price_label, rupiah
from app.render.items import ItemSpec
from app.render.logos import desa
from app.render.print_items import ListingLimits, PrintItems, load_print_items
from app.render.spec import ProductSpec

_PLACEHOLDER = re.compile(r"{(\w+)}")
_NON_TAG = re.compile(r"[^0-9A-Za-z\s]")
_BLANK_LINES = re.compile(r"\n{3,}")
SEPARATOR = "\n\n" + "—" * 12 + "\n\n"


@dataclass(frozen=True)
class Listing:
    """A marketplace listing for one product, cut to the platform's limits."""

    platform: str
    title: str
    description: str
    price: str
    weight: str
    unverified: bool


@dataclass(frozen=True)
class Captions:
    """The business caption, one per product, and marketplace listings per product."""

    business: str
    products: tuple[str, ...]
    listings: tuple[tuple[Listing, ...], ...]

    def text(self) -> str:
        """Return everything as one text file, captions first, separated by rules."""
        parts = [self.business, *self.products]
        for per_product in self.listings:
            for item in per_product:
                parts.append(
                    f"[{item.platform}{' — batas belum dicek' if item.unverified else ''}]\n"
                    f"Judul: {item.title}\nHarga: {item.price}\nBerat: {item.weight}\n\n"
                    f"{item.description}"
                )
        return SEPARATOR.join(parts) + "\n"


def load_caption_data(path: Path | None = None) -> PrintItems:
    """Return the caption templates, hashtags and platform limits (print-items.toml)."""
    return load_print_items(path)


@lru_cache(maxsize=1024)
def hashtag(text: str) -> str:
    """Turn words into one hashtag: "Keripik tempe" -> "#KeripikTempe" ("" if nothing left)."""
    words = _NON_TAG.sub("", text).split()  # what is left of each word, empty ones gone
    tag = "".join(w[:1].upper() + w[1:] for w in words)
    return f"#{tag}" if tag else ""


class _Blank(dict):
    """Values for str.format_map: a name without a value is blank."""

    def __missing__(self, key: str) -> str:
        return ""


@lru_cache(maxsize=64)
def _template(template: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return a template's lines as (str.format pattern, placeholder names), parsed once
    per process: filling is then format_map, not regexes."""
    lines = []
    for line in template.strip("\n").split("\n"):
        parts = _PLACEHOLDER.split(line)  # odd indexes are the names
        pattern = "".join(
            f"{{{p}}}" if i % 2 else p.replace("{", "{{").replace("}", "}}")
            for i, p in enumerate(parts)
        )
        lines.append((pattern, tuple(parts[1::2])))
    return tuple(lines)


def fill(template: str, values: dict[str, str]) -> str:
    """Fill {placeholders}; a line whose placeholders are all empty is dropped."""
    blank = _Blank(values)
    out = [
        pattern.format_map(blank)
        for pattern, names in _template(template)
        if not names or any(values.get(n) for n in names)
    ]
    text = "\n".join(out)
    return (_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()


def _tags(spec: ItemSpec, data: PrintItems, limit: int) -> list[str]:
    b = spec.business
    tags = [*data.captions.hashtags, hashtag(spec.trade_name), hashtag(b.village), *spec.hashtags]
    seen: list[str] = []
    lowered: set[str] = set()
    for tag in tags:
        if tag and tag.lower() not in lowered:
            seen.append(tag)
            lowered.add(tag.lower())
    return seen[:limit]


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _values(spec: ItemSpec, prices: list[str]) -> dict[str, str]:
    b = spec.business
    lines = [
        f"• {p.name} — {price}" if price else f"• {p.name}"
        for p, price in zip(b.products, prices, strict=True)
    ]
    return {
        "name": b.display_name,
        "tagline": b.tagline,
        "desa": desa(b.village),
        "trade": spec.trade_name,
        "whatsapp": phone_local(b.whatsapp),
        "url": spec.qr_url or "",
        "cta": b.cta,
        "products": "\n".join(lines),
    }


def _with_tags(body: str, tags: list[str], limit: int) -> str:
    tail = " ".join(tags)
    room = limit - len(tail) - 2
    return f"{_cut(body, room)}\n\n{tail}" if tail else _cut(body, limit)


def captions(spec: ItemSpec) -> Captions:
    """Write the business caption, the product captions and the marketplace listings."""
    data = load_caption_data()
    ig = data.limits.instagram
    tags = _tags(spec, data, ig.hashtags)
    # Each price is formatted once (Babel's number formatting is most of a caption's cost).
    prices = [rupiah(p.price_idr) for p in spec.products]
    values = _values(spec, prices)
    business = _with_tags(fill(data.captions.business, values), tags, ig.caption_chars)
    products, listings = [], []
    for p, price in zip(spec.products, prices, strict=True):
        v = {
            **values,
            "product": p.name,
            "price": price_label(p.price_idr, p.unit),
        }
        body = fill(data.captions.product, v)
        products.append(
            _with_tags(
                body, [*tags[:1], hashtag(p.name), *tags[1:]][: ig.hashtags], ig.caption_chars
            )
        )
        listings.append(
            tuple(_listing(spec, p, (key, lim), body, price) for key, lim in data.limits.listings())
        )
    return Captions(business, tuple(products), tuple(listings))


PLATFORM_NAMES = {"shopee": "Shopee", "facebook_marketplace": "Facebook Marketplace"}


def _listing(
    spec: ItemSpec, p: ProductSpec, platform: tuple[str, ListingLimits], body: str, price: str
) -> Listing:
    b = spec.business
    key, limits = platform
    title = _cut(f"{p.name} — {b.display_name}", limits.title_chars)
    weight = p.net_weight or "isi berat kemasan (gram) sebelum unggah"
    return Listing(
        platform=PLATFORM_NAMES.get(key, key),
        title=title,
        description=_cut(body, limits.description_chars),
        price=price or "isi harga",
        weight=weight,
        unverified=limits.unverified,
    )


def caption_txt(spec: ItemSpec) -> bytes:
    """Return caption.txt (UTF-8)."""
    return captions(spec).text().encode("utf-8")
