"""The village catalogue: published businesses by desa, and the sitemap's list of pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.models import Business
from app.models.core import regency_full
from app.public.structured import desa_slug


@dataclass
class Desa:
    """A desa with published businesses, grouped by trade."""

    slug: str
    village: str
    district: str
    regency: str
    by_trade: dict[str, list[Business]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Return how many published businesses the desa has."""
        return sum(len(rows) for rows in self.by_trade.values())


def _published():
    return select(Business).where(Business.published.is_(True), Business.village != "")


def desa_list() -> list[Desa]:
    """Return every desa that has a published business (no businesses loaded)."""
    rows = db.session.execute(
        select(Business.village, Business.district, Business.regency_type, Business.regency)
        .where(Business.published.is_(True), Business.village != "")
        .distinct()
    )
    places = {}
    for village, district, regency_type, regency in rows:
        slug = desa_slug(village, district)
        places.setdefault(slug, Desa(slug, village, district, regency_full(regency_type, regency)))
    return sorted(places.values(), key=lambda d: d.slug)


def desa_page(slug: str) -> Desa | None:
    """Return the desa of this slug with its published businesses by trade, or None."""
    match = next((d for d in desa_list() if d.slug == slug), None)
    if match is None:
        return None
    stmt = _published().where(
        Business.village == match.village, Business.district == match.district
    )
    stmt = stmt.order_by(Business.name)
    groups: dict[str, list[Business]] = defaultdict(list)
    for business in db.session.scalars(stmt):
        groups[business.trade].append(business)
    match.by_trade = dict(sorted(groups.items()))
    return match


def published_slugs() -> list[str]:
    """Return the slugs of every published business page."""
    return list(
        db.session.scalars(
            select(Business.slug).where(Business.published.is_(True)).order_by(Business.slug)
        )
    )


def sitemap_urls() -> list[str]:
    """Return the absolute URLs of every published business page and desa page."""
    base = current_app.config["PUBLIC_BASE_URL"]
    return [f"{base}/b/{slug}" for slug in published_slugs()] + [
        f"{base}/desa/{desa.slug}" for desa in desa_list()
    ]


def robots_txt() -> str:
    """Return robots.txt: public pages open, signed-in and family screens closed."""
    base = current_app.config["PUBLIC_BASE_URL"]
    return (
        "User-agent: *\n"
        "Allow: /b/\nAllow: /desa/\n"
        "Disallow: /k/\nDisallow: /usaha/\nDisallow: /program\nDisallow: /akun\n"
        f"Sitemap: {base}/sitemap.xml\n"
    )


def desa_poster_spec(desa: Desa, size: str):
    """Return the poster spec of a desa: its name, its page's QR and its businesses.

    The poster hangs in the balai desa: Indonesian, whatever language the screen speaks.
    """
    from app.filters import trade_name
    from app.render.desa_poster import PosterEntry, PosterSpec

    base = current_app.config["PUBLIC_BASE_URL"]
    with force_locale("id"):
        groups = [
            (trade_name(trade), [PosterEntry(b.name, f"{base}/b/{b.slug}") for b in rows])
            for trade, rows in desa.by_trade.items()
        ]
    return PosterSpec(
        title=f"Usaha Desa {desa.village}",
        subtitle=", ".join(filter(None, (desa.district and f"Kec. {desa.district}", desa.regency))),
        url=f"{base}/desa/{desa.slug}",
        groups=groups,
        size=size,
    )
