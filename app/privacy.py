"""A family's rights over its data (UU 27/2022 PDP): export everything, delete everything."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import Table, delete, inspect, select, update

from app import audit
from app.extensions import db
from app.kitfiles import rendered_paths
from app.models import AuditEvent, Business, utcnow
from app.thumbnails import THUMB_SUFFIX
from app.transaction import after_commit
from app.uploads import NAME_PATTERN, small_name

EXPORT_FORMAT = "kit-usaha/keluarga/v1"
# Columns that may hold the name of a stored upload (product photos, a logo if one is added).
UPLOAD_COLUMN_HINTS = ("photo", "logo", "image", "upload")


def _json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _row(obj) -> dict:
    attrs = inspect(obj).mapper.column_attrs
    return {attr.key: _json_value(getattr(obj, attr.key)) for attr in attrs}


def _dependents(table: Table) -> list[tuple[Table, object]]:
    """Return (table, foreign key) pairs of every table pointing at this one."""
    found = []
    for other in db.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table and other is not table:
                found.append((other, fk))
    return found


def _rows_of(table: Table, condition, depth: int = 0) -> dict[str, list[dict]]:
    """Return the rows depending (transitively) on the rows matching the condition."""
    result: dict[str, list[dict]] = {}
    if depth > 5:
        return result
    for child, fk in _dependents(table):
        if child.name == Business.__tablename__:
            continue
        sub = select(fk.column).where(condition)
        child_condition = fk.parent.in_(sub)
        rows = db.session.execute(select(child).where(child_condition)).mappings().all()
        if rows:
            result.setdefault(child.name, []).extend(
                {key: _json_value(value) for key, value in row.items()} for row in rows
            )
            for name, more in _rows_of(child, child_condition, depth + 1).items():
                result.setdefault(name, []).extend(more)
    return result


def export_business(business: Business) -> dict:
    """Return everything stored about a family's business, private fields included."""
    products = [_row(product) for product in business.products]
    table = Business.__table__
    related = _rows_of(table, table.c.id == business.id)
    related.pop("products", None)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.business_id == business.id).order_by(AuditEvent.at)
    )
    data = {
        "format": EXPORT_FORMAT,
        "exported_at": utcnow().isoformat(),
        "business": _row(business),
        "products": products,
        "related": related,
        "audit": [
            {"at": _json_value(e.at), "action": e.action, "changes": e.changes} for e in events
        ],
    }
    audit.record(business.id, "exported")
    db.session.flush()
    return data


def _upload_names(business: Business) -> set[str]:
    names = set()
    for obj in (business, *business.products):
        for attr in inspect(obj).mapper.column_attrs:
            value = getattr(obj, attr.key)
            hinted = any(hint in attr.key for hint in UPLOAD_COLUMN_HINTS)
            if hinted and isinstance(value, str) and NAME_PATTERN.match(value):
                names.update({value, small_name(value), value.replace(".jpg", THUMB_SUFFIX)})
    return names


def _delete_where(table: Table, condition, depth: int = 0) -> None:
    if depth > 5:
        raise RuntimeError(f"references too deep under {table.name}")
    for child, fk in _dependents(table):
        sub = select(fk.column).where(condition)
        if fk.parent.nullable and (fk.ondelete or "").upper() == "SET NULL":
            db.session.execute(
                update(child).where(fk.parent.in_(sub)).values({fk.parent.name: None})
            )
        else:
            _delete_where(child, fk.parent.in_(sub), depth + 1)
    db.session.execute(delete(table).where(condition))


def delete_business(business: Business) -> None:
    """Delete a family's business and everything hanging from it, uploads included.

    The audit trail keeps one event: that a deletion happened, by whom and when, with none
    of the deleted data (the earlier events of the business, which hold values, go too).
    """
    business_id = business.id
    uploads = _upload_names(business)
    rendered = rendered_paths(business)  # the kit's files, found while the record exists
    db.session.expunge_all()  # the ORM must not flush stale objects over the deletion
    table = Business.__table__
    db.session.execute(delete(AuditEvent).where(AuditEvent.business_id == business_id))
    _delete_where(table, table.c.id == business_id)
    audit.record(business_id, "deleted")
    db.session.flush()
    upload_dir = Path(current_app.config["UPLOAD_DIR"])
    paths = [upload_dir / name for name in uploads] + list(rendered)
    after_commit(lambda: _unlink(paths))


def _unlink(paths: list[Path]) -> None:
    """Delete files once the rows naming them are gone for good."""
    for path in paths:
        path.unlink(missing_ok=True)
