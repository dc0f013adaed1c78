"""Write operations on businesses and products, shared by the views and the CLI."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.models import Business, Product, StatusChange, User, utcnow
from app.transaction import all_or_nothing
from app.uploads import check_pixel_budget, discard_after_commit, store_image
from app.validators import InvalidValue, slugify

BUSINESS_FIELDS = (
    "name",
    "owner_name",
    "trade",
    "tagline",
    "description",
    "opening_hours",
    "village",
    "district",
    "regency_type",
    "regency",
    "whatsapp",
    "shopee_url",
    "facebook_url",
    "instagram_url",
    "maps_url",
    "tiktok_url",
    "business_address",
    "nib_number",
    "pirt_number",
    "halal_cert_number",
    "capital_idr",
    "annual_sales_idr",
    "status",
    "status_reason",
    "nik",
    "home_address",
)
PRODUCT_FIELDS = ("name", "unit", "net_weight", "composition", "kind")


class ConflictError(Exception):
    """Somebody else saved the business after this form was opened."""


class NotAllowed(Exception):
    """The action is refused; str() says why, in the user's language."""


@dataclass
class ProductInput:
    """One product row as validated by a form or an import."""

    name: str
    price_idr: int | None = None
    unit: str = ""
    net_weight: str = ""
    composition: str = ""
    kind: str = ""  # empty: the trade's default kind
    id: uuid.UUID | None = None
    remove: bool = False
    photo: object | None = None  # a FileStorage or file-like object, if a photo was sent
    photo_name: str | None = None  # an upload already stored (a photo kept from a refused form)
    remove_photo: bool = False


@dataclass
class BusinessInput:
    """A business's fields as validated by a form or an import."""

    values: dict
    products: list[ProductInput] = field(default_factory=list)
    publish_consent: bool | None = None
    version: int | None = None


def team_area(team_id: uuid.UUID) -> tuple[str, str, str]:
    """Return the kecamatan, kabupaten type and name most of a team's businesses are in."""
    row = db.session.execute(
        select(Business.district, Business.regency_type, Business.regency)
        .where(Business.team_id == team_id, Business.district != "")
        .group_by(Business.district, Business.regency_type, Business.regency)
        .order_by(func.count().desc(), Business.district)
        .limit(1)
    ).first()
    return (row.district, row.regency_type, row.regency) if row else ("", "", "")


def unique_slug(name: str) -> str:
    """Return a slug for the name that no other business uses; it never changes later."""
    base = slugify(name)
    taken = set(db.session.scalars(select(Business.slug).where(Business.slug.like(f"{base}%"))))
    if base not in taken:
        return base
    counter = 2
    while f"{base}-{counter}" in taken:
        counter += 1
    return f"{base}-{counter}"


def create_business(team_id: uuid.UUID, data: BusinessInput, user: User | None) -> Business:
    """Create a business with its products and flush it (all of it, or nothing)."""
    with _unique_business():
        business = Business(team_id=team_id, slug=unique_slug(data.values["name"]))
        db.session.add(business)
        _apply(business, data, user)
    return business


def update_business(business: Business, data: BusinessInput, user: User | None) -> Business:
    """Update a business and its products; raise ConflictError on a stale form."""
    if data.version is not None and data.version != business.version:
        raise ConflictError
    with _unique_business():
        _apply(business, data, user)
    return business


@contextmanager
def _unique_business() -> Iterator[None]:
    """Write all or nothing; a second business with the same name, owner and desa is refused."""
    try:
        with all_or_nothing():
            yield
    except StaleDataError:
        raise ConflictError from None
    except IntegrityError as exc:
        if "match_key" not in str(exc.orig):
            raise
        raise InvalidValue(
            _("Usaha dengan nama, pemilik dan desa yang sama sudah ada di tim ini.")
        ) from None


def _apply(business: Business, data: BusinessInput, user: User | None) -> None:
    old_status = business.status
    for name in BUSINESS_FIELDS:
        if name in data.values:
            setattr(business, name, data.values[name])
    change = StatusChange.between(business, old_status, user)  # the status history
    if change is not None:
        db.session.add(change)
    if data.publish_consent is not None:
        _record_consent(business, data.publish_consent, user)
    _sync_products(business, data.products)


def _sync_products(business: Business, rows: Iterable[ProductInput]) -> None:
    rows = list(rows)
    check_pixel_budget([row.photo for row in rows if row.photo is not None and not row.remove])
    existing = {product.id: product for product in business.products}
    upload_dir = current_app.config["UPLOAD_DIR"]
    position = 0
    for row in rows:
        product = existing.get(row.id) if row.id else None
        if row.remove:
            if product is not None:
                discard_after_commit(db.session, upload_dir, product.photo)
                business.products.remove(product)
            continue
        if product is None:
            product = Product()
            business.products.append(product)
        for name in PRODUCT_FIELDS:
            setattr(product, name, getattr(row, name) or "")
        product.kind = row.kind or None
        product.price_idr = row.price_idr
        photo = product.photo
        if row.photo is not None:
            photo = store_image(row.photo, upload_dir).name
        elif row.photo_name:
            photo = row.photo_name
        elif row.remove_photo:
            photo = None
        if photo != product.photo:
            # The replaced or removed photo and its variants go once the change is committed.
            discard_after_commit(db.session, upload_dir, product.photo)
            product.photo = photo
        product.position = position
        position += 1


def set_consent(business: Business, consent: bool, user: User | None) -> None:
    """Record or withdraw the family's consent to publish; withdrawal unpublishes."""
    _record_consent(business, consent, user)
    db.session.flush()


def _record_consent(business: Business, consent: bool, user: User | None) -> None:
    if consent and not business.publish_consent:
        business.publish_consent = True
        business.consent_recorded_by = user
        business.consent_recorded_at = utcnow()
    elif not consent and business.publish_consent:
        business.publish_consent = False
        business.consent_recorded_by = user
        business.consent_recorded_at = utcnow()
        business.published = False


def publish(business: Business) -> None:
    """Publish the public page; refused without the family's recorded consent."""
    if not business.publish_consent:
        raise NotAllowed(_("Belum ada persetujuan keluarga. Catat persetujuan dulu."))
    if not business.published:
        business.published = True
        business.published_at = utcnow()
    db.session.flush()


def unpublish(business: Business) -> None:
    """Take the public page down."""
    business.published = False
    db.session.flush()
