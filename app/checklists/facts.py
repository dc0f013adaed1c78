"""What the checklists know about one business: facts, placeholders, NIK scrubbing.

Privacy: ``BusinessFacts`` has no NIK and no home address field, and every
text produced for printing goes through ``hide_nik``, which hides any 16-digit
number (the shape of a NIK) typed into a free-text field by mistake.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from app.checklists.model import CONDITION_FACTS, Trade
from app.checklists.sizes import SELF_DECLARE_SALES_MAX, SizeClass, size_class
from app.render.formatting import in_language, phone_local, rupiah
from app.render.translations import N_, translate

MISSING = N_("…… (belum diisi)")  # a placeholder with no value yet

# A NIK is 16 digits; allow spaces, dots or dashes between digits.
_NIK_LIKE = re.compile(r"(?<!\d)(?:\d[ .\-]?){15}\d(?!\d)")


@dataclass(frozen=True)
class BusinessFacts:
    """What the toolkits need to know about a business; never a NIK or home address."""

    trade: str | None = None
    business_name: str | None = None
    owner_name: str | None = None
    village: str | None = None
    district: str | None = None
    regency: str | None = None
    whatsapp: str | None = None
    nib_number: str | None = None
    pirt_number: str | None = None
    halal_cert_number: str | None = None
    shopee_url: str | None = None
    facebook_url: str | None = None
    instagram_url: str | None = None
    maps_url: str | None = None
    tiktok_url: str | None = None
    capital_idr: int | None = None
    annual_sales_idr: int | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> BusinessFacts:
        """Build from a dict or row, keeping only known fields (a "nik" key is dropped)."""
        names = {f.name for f in fields(cls)}
        kept = {k: v for k, v in data.items() if k in names}
        for k, v in list(kept.items()):
            if isinstance(v, str) and not v.strip():
                kept[k] = None
        return cls(**kept)

    @property
    def size(self) -> SizeClass:
        """Return the size class from capital and annual sales."""
        return size_class(self.capital_idr, self.annual_sales_idr)

    @property
    def location(self) -> str:
        """Return "village, district, regency" with the parts that are known."""
        return ", ".join(p.strip() for p in (self.village, self.district, self.regency) if p)


def facts_for(business: BusinessFacts, trade: Trade | None) -> frozenset[str]:
    """Return the condition facts (see model.CONDITION_FACTS) that hold for a business."""
    facts: set[str] = set()
    if trade is not None and trade.food:
        facts.add("food")
    present = {
        "has_nib": business.nib_number,
        "has_pirt": business.pirt_number,
        "has_halal": business.halal_cert_number,
        "has_shopee": business.shopee_url,
        "has_facebook": business.facebook_url,
        "has_instagram": business.instagram_url,
        "has_maps": business.maps_url,
        "has_tiktok": business.tiktok_url,
        "has_whatsapp": business.whatsapp,
    }
    facts.update(name for name, value in present.items() if value and str(value).strip())
    size = business.size
    if size is SizeClass.MIKRO:
        facts.add("micro")
    elif size.known:
        facts.add("above_micro")
    else:
        facts.add("size_unknown")
    if business.annual_sales_idr is not None:
        within = business.annual_sales_idr <= SELF_DECLARE_SALES_MAX
        facts.add("sales_le_500jt" if within else "sales_gt_500jt")
    assert facts <= set(CONDITION_FACTS)
    return frozenset(facts)


def hide_nik(text: str) -> str:
    """Replace any 16-digit number (the shape of a NIK) with "[NIK disembunyikan]"."""
    # Defence in depth: a NIK typed into a name or village field never gets printed.
    return _NIK_LIKE.sub("[NIK disembunyikan]", text)


_scrub = hide_nik


def _kbli_text(trade: Trade | None) -> str:
    if trade is None:
        return ""
    parts = []
    for k in (*trade.kbli2020, *trade.kbli2025):
        flag = " – belum pasti" if k.unverified else ""
        parts.append(f"{k.code} ({k.title_id}{flag})")
    return "; ".join(parts)


def placeholder_values(
    business: BusinessFacts, trade: Trade | None, lang: str = "id"
) -> dict[str, str]:
    """Return the values for ``{placeholder}`` fields; empty strings where unknown."""
    size = business.size
    return {
        "business_name": business.business_name or "",
        "owner_name": business.owner_name or "",
        "location": business.location,
        "whatsapp": phone_local(business.whatsapp),
        "capital": rupiah(business.capital_idr) if business.capital_idr is not None else "",
        "annual_sales": (
            rupiah(business.annual_sales_idr) if business.annual_sales_idr is not None else ""
        ),
        "size_class": in_language(size, "label", lang) if size.known else "",
        "kbli_candidates": _kbli_text(trade),
        "nib_number": business.nib_number or "",
        "trade_name": in_language(trade, "name", lang) if trade else "",
    }


def fill_placeholders(text: str, values: Mapping[str, str], lang: str = "id") -> str:
    """Fill ``{placeholder}`` fields, marking unknown values as not filled in."""
    missing = translate(lang, MISSING)

    def sub(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "")
        return value.strip() or missing

    return _scrub(re.sub(r"\{(\w+)\}", sub, text))
