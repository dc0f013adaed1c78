"""The audit trail: every change to a business recorded at flush time, private values hidden."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from flask import Flask, g, has_app_context, has_request_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import AuditEvent, Business, Product, User

# Values never written into the trail: only the fact that they changed.
PRIVATE_FIELDS = frozenset({"owner_name", "nik", "home_address", "capital_idr", "annual_sales_idr"})
HIDDEN = "[diubah]"
# Bookkeeping columns whose changes say nothing about the family's data.
IGNORED_FIELDS = frozenset(
    {
        "id",
        "version",
        "updated_at",
        "created_at",
        "slug",
        "team_id",
        "business_id",
        "position",
        "consent_recorded_by_id",
    }
)
TRAIL_LENGTH = 30


def acting_user_id() -> uuid.UUID | None:
    """Return the id of the signed-in user of this request, or None (CLI, import, system)."""
    if not has_request_context():
        return None
    user = g.get("_login_user")  # set by Flask-Login; reading it here never queries
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.id


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return int(value)
    return value


def _shown(field: str, value):
    return HIDDEN if field in PRIVATE_FIELDS and value not in (None, "") else _plain(value)


def _column_changes(obj, prefix: str = "") -> dict:
    changes = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in IGNORED_FIELDS:
            continue
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new or (not history.deleted and new in (None, "", False)):
            continue
        if name in PRIVATE_FIELDS:
            changes[prefix + name] = [
                HIDDEN if old not in (None, "") else None,
                HIDDEN if new not in (None, "") else None,
            ]
        else:
            changes[prefix + name] = [_plain(old), _plain(new)]
    return changes


def _product_label(product: Product) -> str:
    return f"produk:{product.name or '?'}"


def _before_flush(session: Session, _context, _instances) -> None:
    if not has_app_context():
        return
    trail: dict[uuid.UUID, tuple[str, dict]] = {}

    def note(business: Business | None, action: str, changes: dict) -> None:
        if business is None or business.id is None:
            return
        previous_action, previous = trail.get(business.id, (action, {}))
        if previous_action == "created":
            action = "created"
        trail[business.id] = (action, {**previous, **changes})

    for obj in session.new:
        if isinstance(obj, Business):
            if obj.id is None:
                obj.id = uuid.uuid4()
            note(obj, "created", _column_changes(obj))
        elif isinstance(obj, Product) and obj.business is not None:
            if obj.business.id is None:
                obj.business.id = uuid.uuid4()
            note(obj.business, "updated", {_product_label(obj): [None, "ditambah"]})
    for obj in session.dirty:
        if isinstance(obj, Business):
            changes = _column_changes(obj)
            # Removed products are orphans deleted later in this flush: read the collection.
            for product in inspect(obj).attrs.products.history.deleted:
                changes[_product_label(product)] = ["ada", "dihapus"]
            if changes:
                note(obj, "updated", changes)
        elif isinstance(obj, Product) and obj.business is not None:
            changes = _column_changes(obj, _product_label(obj) + ".")
            if changes:
                note(obj.business, "updated", changes)
    user_id = acting_user_id()
    for business_id, (action, changes) in trail.items():
        if action == "updated" and not changes:
            continue
        session.add(
            AuditEvent(business_id=business_id, user_id=user_id, action=action, changes=changes)
        )


def record(business_id: uuid.UUID | None, action: str, changes: dict | None = None) -> None:
    """Add an event (e.g. a NIK reveal or an export) to the session; the caller commits."""
    db.session.add(
        AuditEvent(
            business_id=business_id, user_id=acting_user_id(), action=action, changes=changes or {}
        )
    )


def trail(business: Business, limit: int = TRAIL_LENGTH) -> list[AuditEvent]:
    """Return the latest events of a business, newest first."""
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.business_id == business.id)
        .order_by(AuditEvent.at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def user_name(user_id: uuid.UUID | None) -> str:
    """Return who acted, for the trail shown to coordinators."""
    if user_id is None:
        return "sistem"
    user = db.session.get(User, user_id)
    return user.full_name if user else "?"


_listening = False


def init_app(app: Flask) -> None:
    """Record business changes on every flush and offer the trail to templates."""
    global _listening  # noqa: PLW0603 - one listener for the process, not one per app
    if not _listening:
        event.listen(Session, "before_flush", _before_flush)
        _listening = True
    app.add_template_global(trail, "audit_trail")
    app.add_template_global(user_name, "audit_user_name")
