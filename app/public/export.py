"""Static export of the public pages: plain files any web host or CDN can serve."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import kitweb as kit
from app.config import ROOT
from app.extensions import db
from app.filters import public_url
from app.models import Business
from app.public import catalogue
from app.public.page import page_context
from app.public.structured import desa_slug, vcard
from app.render.qr import qr_png
from app.thumbnails import thumbnail_path
from app.uploads import upload_path

# The QR and share paths (/b/<slug>/l …) must work on a static host too.
SOURCES = {"l": "label", "p": "pamphlet", "s": "sign", "w": "whatsapp"}
BASKET_SCRIPT = ROOT / "app" / "static" / "pesan.js"


@dataclass
class PageAssets:
    """Relative URLs of a page's files, as the template expects them."""

    logo: str
    photos: dict = field(default_factory=dict)
    script: str = "../../pesan.js"
    order_action: str = ""  # the app's /pesan when it is reachable; the script needs none
    vcard: str = "kontak.vcf"
    desa: str = ""
    qris: str = "qris.png"
    # Taps on the export are pinged to the app's absolute counter URL on PUBLIC_BASE_URL
    # (<a ping>, and the basket script's beacon): counted only when the app runs there.
    count_taps: bool = True

    def under(self, prefix: str) -> PageAssets:
        """Return the same assets seen from a sub-folder."""
        return PageAssets(
            prefix + self.logo,
            {k: prefix + v for k, v in self.photos.items()},
            prefix + self.script,
            self.order_action,
            prefix + self.vcard,
            prefix + self.desa,
            prefix + self.qris,
            self.count_taps,
        )


@dataclass
class ExportReport:
    """What the export wrote."""

    pages: int = 0
    files: int = 0
    bytes: int = 0
    slugs: list[str] = field(default_factory=list)


def _write(path: Path, data: bytes, report: ExportReport) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    report.files += 1
    report.bytes += len(data)


def export_business(business: Business, folder: Path, report: ExportReport) -> None:
    """Write one business's page, its source paths and its images into folder."""
    assets = PageAssets(
        "logo.png",
        order_action=f"{public_url(business.slug)}/pesan",
        desa=f"../../desa/{desa_slug(business.village, business.district)}/",
    )
    _write(folder / "logo.png", kit.web_logo(business).read(), report)
    _write(folder / "og.jpg", kit.og_image(business).read(), report)
    upload_dir = current_app.config["UPLOAD_DIR"]
    for index, product in enumerate(business.products, start=1):
        source = upload_path(upload_dir, product.photo) if product.photo else None
        if source is None:
            continue
        name = f"produk-{index}.jpg"
        _write(folder / name, thumbnail_path(source).read_bytes(), report)
        assets.photos[product.id] = name
    _write(folder / "kontak.vcf", vcard(business, public_url(business.slug)).encode(), report)
    if business.qris_payload:
        _write(folder / "qris.png", qr_png(business.qris_payload, module_px=6), report)
    html = render_template("public/business.html", **page_context(business, assets=assets))
    _write(folder / "index.html", html.encode("utf-8"), report)
    for code, source in SOURCES.items():
        context = page_context(business, source, assets=assets.under("../"))
        page = render_template("public/business.html", **context)
        _write(folder / code / "index.html", page.encode("utf-8"), report)
    report.pages += 1
    report.slugs.append(business.slug)


def export_site(out: Path) -> ExportReport:
    """Write every published business under out/b/<slug>/; nothing else is exported."""
    report = ExportReport()
    pages = Path(out) / "b"
    # Start from an empty b/ and desa/: a page unpublished since the last export must disappear.
    shutil.rmtree(pages, ignore_errors=True)
    shutil.rmtree(Path(out) / "desa", ignore_errors=True)
    pages.mkdir(parents=True)
    stmt = (
        select(Business)
        .where(Business.published.is_(True))
        .options(selectinload(Business.products))
        .order_by(Business.slug)
    )
    base = current_app.config["PUBLIC_BASE_URL"]
    with current_app.test_request_context("/", base_url=base):
        for business in db.session.scalars(stmt):
            export_business(business, pages / business.slug, report)
        export_catalogue(Path(out), report)
    return report


def export_catalogue(out: Path, report: ExportReport) -> None:
    """Write the desa pages, the sitemap, robots.txt and the basket's script."""
    for desa in catalogue.desa_list():
        found = catalogue.desa_page(desa.slug)
        links = {b.slug: f"../../b/{b.slug}/" for rows in found.by_trade.values() for b in rows}
        html = render_template("public/desa.html", desa=found, links=links)
        _write(out / "desa" / desa.slug / "index.html", html.encode("utf-8"), report)
    sitemap = render_template("public/sitemap.xml", urls=catalogue.sitemap_urls())
    _write(out / "sitemap.xml", sitemap.encode("utf-8"), report)
    _write(out / "robots.txt", catalogue.robots_txt().encode("utf-8"), report)
    _write(out / "pesan.js", BASKET_SCRIPT.read_bytes(), report)
