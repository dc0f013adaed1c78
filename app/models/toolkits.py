"""Checklist progress: which step of which checklist a business has done."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.core import Business, User, utcnow


class StepProgress(db.Model):
    """A ticked checklist step: the stable ids from toolkits/, who ticked it and when."""

    __tablename__ = "step_progress"
    __table_args__ = (UniqueConstraint("business_id", "checklist_id", "step_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    business_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), index=True
    )
    checklist_id: Mapped[str] = mapped_column(String(60))
    step_id: Mapped[str] = mapped_column(String(80))
    done_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    done_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    # The visit during which the step was ticked (program follow-up), if one was logged that day.
    visit_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("visits.id", ondelete="SET NULL"), index=True
    )

    business: Mapped[Business] = relationship()
    done_by: Mapped[User | None] = relationship()

    @property
    def key(self) -> tuple[str, str]:
        """Return the (checklist id, step id) pair."""
        return (self.checklist_id, self.step_id)
