"""Static export of the public pages: plain files any web host or CDN can serve."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import kitfiles as kit
from app.extensions import db
from app.models import Business
from app.thumbnails import thumbnail_path
from app.uploads import upload_path
from app.whatsapp import order_links

SOURCE_CODES = ("l", "p", "s", "w")  # the QR and share paths must work on a static host


@dataclass
class PageAssets:
    """Relative URLs of a page's files, as the template expects them."""

    logo: str
    photos: dict = field(default_factory=dict)

    def under(self, prefix: str) -> PageAssets:
        """Return the same assets seen from a sub-folder."""
        return PageAssets(prefix + self.logo, {k: prefix + v for k, v in self.photos.items()})


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
    assets = PageAssets("logo.png")
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
    links = order_links(business)
    html = render_template(
        "public/business.html", business=business, order_links=links, assets=assets
    )
    _write(folder / "index.html", html.encode("utf-8"), report)
    for code in SOURCE_CODES:
        page = render_template(
            "public/business.html", business=business, order_links=links, assets=assets.under("../")
        )
        _write(folder / code / "index.html", page.encode("utf-8"), report)
    report.pages += 1
    report.slugs.append(business.slug)


def export_site(out: Path) -> ExportReport:
    """Write every published business under out/b/<slug>/; nothing else is exported."""
    report = ExportReport()
    pages = Path(out) / "b"
    # Start from an empty b/: a page unpublished since the last export must disappear.
    shutil.rmtree(pages, ignore_errors=True)
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
    return report
