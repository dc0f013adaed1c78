"""Write operations of the family link, the day's open/closed flag, sold-out and QRIS.

Services change and flush; the request commits once. Every change that shows on the public
page bumps Business.version (the page cache's key).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from flask import g
from sqlalchemy import select

from app import audit
from app.clock import today
from app.extensions import db
from app.models import Business, FamilyLink, Product, User, utcnow
from app.qris import Qris

FAMILY_LINK_IDLE_DAYS = 180  # a link unused this long stops working
TOKEN_BYTES = 24  # 192 random bits, 32 URL-safe characters
DAY_STATES = ("open", "closed")
AUDIT_FAMILY = "family_link"


class NotAllowed(Exception):
    """The user may not do this (e.g. a mentor confirming a QRIS)."""


def token_hash(token: str) -> str:
    """Return the SHA-256 of a family token, the form it is looked up by."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def family_link_of(business: Business) -> FamilyLink | None:
    """Return the business's family link, if one was issued and not revoked."""
    return db.session.get(FamilyLink, business.id)


def expires_on(link: FamilyLink):
    """Return the instant the link stops working unless it is used before."""
    return (link.last_used_at or link.created_at) + timedelta(days=FAMILY_LINK_IDLE_DAYS)


def issue_family_link(business: Business, user: User | None) -> FamilyLink:
    """Issue a new family link, replacing (and so killing) any earlier one."""
    link = family_link_of(business)
    renewed = link is not None
    if link is None:
        link = FamilyLink(business_id=business.id)
        db.session.add(link)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link.token, link.token_hash = token, token_hash(token)
    link.created_at, link.created_by_id, link.last_used_at = (
        utcnow(),
        user.id if user else None,
        None,
    )
    audit.record(business.id, "family_link_renewed" if renewed else "family_link_issued")
    db.session.flush()
    return link


def revoke_family_link(business: Business) -> None:
    """Revoke the family link: its token stops working at once."""
    link = family_link_of(business)
    if link is not None:
        db.session.delete(link)
        audit.record(business.id, "family_link_revoked")
        db.session.flush()


def link_for_token(token: str) -> FamilyLink | None:
    """Return the live link of this token: None when unknown, revoked, renewed or expired."""
    if not token or len(token) > 64:
        return None
    link = db.session.scalar(select(FamilyLink).where(FamilyLink.token_hash == token_hash(token)))
    if link is None or not secrets.compare_digest(link.token, token):
        return None
    if utcnow() >= _aware(expires_on(link)):
        return None
    return link


def _aware(moment):
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _used(link: FamilyLink) -> None:
    link.last_used_at = utcnow()
    g.audit_action = AUDIT_FAMILY  # the trail says the family did it, through its link


def day_state(business: Business) -> str:
    """Return "open" or "closed" when the family said so for today, else ""."""
    return business.day_state(today())


def set_day_state(link: FamilyLink, state: str) -> None:
    """Mark the stall open or closed for today (the family's tap)."""
    if state not in DAY_STATES:
        raise ValueError(state)
    _used(link)
    business = link.business
    business.day_status, business.day_status_on = state, today()
    db.session.flush()


def set_sold_out(link: FamilyLink, product_id: uuid.UUID, sold_out: bool) -> Product | None:
    """Mark one of the business's products sold out or available again; None if not its own."""
    _used(link)
    product = db.session.get(Product, product_id)
    if product is None or product.business_id != link.business_id:
        return None
    if product.sold_out != sold_out:
        product.sold_out = sold_out
        link.business.updated_at = utcnow()  # bumps Business.version: the page shows it
    db.session.flush()
    return product


# --- QRIS -------------------------------------------------------------------------------------


def submit_qris(business: Business, qris: Qris, user: User | None) -> None:
    """Keep a checked QRIS waiting for a coordinator's confirmation (it does not show yet)."""
    business.qris_pending_payload = qris.payload
    business.qris_pending_by_id = user.id if user else None
    business.qris_pending_at = utcnow()
    db.session.flush()


def confirm_qris(business: Business, user: User) -> None:
    """Show the waiting QRIS on the page: a coordinator's decision."""
    if not user.is_coordinator:
        raise NotAllowed
    if not business.qris_pending_payload:
        return
    business.qris_payload = business.qris_pending_payload
    business.qris_confirmed_by_id, business.qris_confirmed_at = user.id, utcnow()
    business.qris_pending_payload = business.qris_pending_by_id = business.qris_pending_at = None
    db.session.flush()


def reject_qris(business: Business) -> None:
    """Drop the waiting QRIS."""
    business.qris_pending_payload = business.qris_pending_by_id = business.qris_pending_at = None
    db.session.flush()


def remove_qris(business: Business) -> None:
    """Take the QRIS off the page at once (removing is always safe)."""
    business.qris_payload = business.qris_confirmed_by_id = business.qris_confirmed_at = None
    db.session.flush()
