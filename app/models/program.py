"""Program follow-up: visits, status history, daily page-view counts and per-business roll-ups."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.core import STATUS_ACTIVE, Business, User, utcnow

# The four aspects of the mentoring (seed paper): production, packaging, marketing, legality.
ASPECTS = ("produksi", "kemasan", "pemasaran", "legalitas")

# Where a page view came from: the letter in /b/<slug>/<l|p|s|w>, or a plain /b/<slug>.
VIEW_SOURCES = ("label", "pamphlet", "sign", "whatsapp", "direct")

visit_mentors = Table(
    "visit_mentors",
    db.metadata,
    Column("visit_id", Uuid, ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Visit(db.Model):
    """One mentoring visit: who came, which aspects, what was done, problems, outcome figures."""

    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_business_id_visited_on", "business_id", "visited_on"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    visited_on: Mapped[date] = mapped_column(Date)
    aspect_produksi: Mapped[bool] = mapped_column(Boolean, default=False)
    aspect_kemasan: Mapped[bool] = mapped_column(Boolean, default=False)
    aspect_pemasaran: Mapped[bool] = mapped_column(Boolean, default=False)
    aspect_legalitas: Mapped[bool] = mapped_column(Boolean, default=False)
    activities: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_actions: Mapped[str] = mapped_column(Text, default="")
    # Outcome figures (private, like the business's capital): None when not asked this time.
    capital_idr: Mapped[int | None] = mapped_column(BigInteger)
    assets_idr: Mapped[int | None] = mapped_column(BigInteger)
    monthly_turnover_idr: Mapped[int | None] = mapped_column(BigInteger)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    business: Mapped[Business] = relationship()
    mentors: Mapped[list[User]] = relationship(secondary=visit_mentors, order_by="User.full_name")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def aspects(self) -> list[str]:
        """Return the aspects worked on, in the program's order."""
        return [name for name in ASPECTS if getattr(self, f"aspect_{name}")]

    @aspects.setter
    def aspects(self, names) -> None:
        chosen = set(names or ())
        for name in ASPECTS:
            setattr(self, f"aspect_{name}", name in chosen)

    @property
    def has_outcomes(self) -> bool:
        """Return whether any outcome figure was recorded at this visit."""
        return any(
            value is not None
            for value in (self.capital_idr, self.assets_idr, self.monthly_turnover_idr)
        )


class StatusChange(db.Model):
    """One change of a business's status, with its reason: the status history."""

    __tablename__ = "status_changes"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    business_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), index=True
    )
    old_status: Mapped[str | None] = mapped_column(String(24))
    new_status: Mapped[str] = mapped_column(String(24))
    reason_code: Mapped[str | None] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(300), default="")
    visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    business: Mapped[Business] = relationship()
    changed_by: Mapped[User | None] = relationship()

    @classmethod
    def between(
        cls,
        business: Business,
        old_status: str | None,
        user: User | None,
        reason_code: str | None = None,
    ) -> StatusChange | None:
        """Return a history row when the business's status differs from old_status, else None."""
        # A new business starts out active: only a different first status is history.
        old = old_status or STATUS_ACTIVE
        new = business.status or STATUS_ACTIVE
        if old == new:
            return None
        return cls(
            business=business,
            old_status=old_status,
            new_status=new,
            reason=(business.status_reason or "")[:300],
            reason_code=reason_code,
            changed_by=user,
        )


class PageViewDaily(db.Model):
    """Views of a public page per day and source: counts only, nothing about the visitor."""

    __tablename__ = "page_views_daily"

    business_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    source: Mapped[str] = mapped_column(String(12), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class FollowUp(db.Model):
    """A business's follow-up roll-up, derived from its visits; rebuilt on every visit write.

    Never edited by hand: app.program.followup.refresh_follow_up() recomputes it from the
    visits, so the program dashboard reads one row per business instead of every visit.
    """

    __tablename__ = "follow_ups"

    business_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    visits: Mapped[int] = mapped_column(Integer, default=0)
    first_visit_on: Mapped[date | None] = mapped_column(Date)
    last_visit_on: Mapped[date | None] = mapped_column(Date, index=True)
    aspect_produksi: Mapped[bool] = mapped_column(Boolean, default=False)
    aspect_kemasan: Mapped[bool] = mapped_column(Boolean, default=False)
    aspect_pemasaran: Mapped[bool] = mapped_column(Boolean, default=False)
    aspect_legalitas: Mapped[bool] = mapped_column(Boolean, default=False)
    baseline_on: Mapped[date | None] = mapped_column(Date)
    latest_on: Mapped[date | None] = mapped_column(Date)
    baseline_capital_idr: Mapped[int | None] = mapped_column(BigInteger)
    latest_capital_idr: Mapped[int | None] = mapped_column(BigInteger)
    baseline_assets_idr: Mapped[int | None] = mapped_column(BigInteger)
    latest_assets_idr: Mapped[int | None] = mapped_column(BigInteger)
    baseline_turnover_idr: Mapped[int | None] = mapped_column(BigInteger)
    latest_turnover_idr: Mapped[int | None] = mapped_column(BigInteger)
    previous_turnover_idr: Mapped[int | None] = mapped_column(BigInteger)
    last_problems: Mapped[str] = mapped_column(Text, default="")

    @property
    def aspects(self) -> list[str]:
        """Return the aspects worked on at any visit, in the program's order."""
        return [name for name in ASPECTS if getattr(self, f"aspect_{name}")]

    @property
    def turnover_falling(self) -> bool:
        """Return whether the latest monthly turnover is below the one recorded before it."""
        latest, previous = self.latest_turnover_idr, self.previous_turnover_idr
        return latest is not None and previous is not None and latest < previous
