"""Audit events: who did what to which business, without keeping private values."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.core import User, utcnow


class AuditEvent(db.Model):
    """One change or sensitive read of a business's data.

    business_id is deliberately not a foreign key: the event that a family's data was
    deleted outlives the business it names.
    """

    __tablename__ = "audit_events"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    business_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    # created, updated, deleted, nik_revealed, exported, account_* …
    action: Mapped[str] = mapped_column(String(40))
    # {field: [old, new]} with "[diubah]" in place of private values; {} when nothing to say.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()
