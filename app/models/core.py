"""SQLAlchemy 2 typed models: programs, teams, users, businesses and their products."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    event,
    inspect,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from app.crypto import EncryptedString
from app.extensions import db
from app.validators import match_key

ROLE_COORDINATOR = "coordinator"
ROLE_MENTOR = "mentor"
ROLES = (ROLE_COORDINATOR, ROLE_MENTOR)

STATUS_ACTIVE = "aktif"
STATUS_PAUSED = "berhenti_sementara"
STATUS_STOPPED = "berhenti"
STATUSES = (STATUS_ACTIVE, STATUS_PAUSED, STATUS_STOPPED)

# What a product is decides its label: food gets the BPOM food label, fresh produce and
# animal products and goods a product label with the producer line, a service none.
KIND_FOOD = "food"
KIND_FRESH = "fresh"
KIND_GOODS = "goods"
KIND_SERVICE = "service"
PRODUCT_KINDS = (KIND_FOOD, KIND_FRESH, KIND_GOODS, KIND_SERVICE)

REGENCY_KABUPATEN = "kabupaten"
REGENCY_KOTA = "kota"
REGENCY_TYPES = (REGENCY_KABUPATEN, REGENCY_KOTA)
# "Kabupaten Semarang", "Kab. Semarang", "Kota Semarang": the type is stored apart.
_REGENCY_PREFIX = re.compile(r"^\s*(kabupaten|kab\.?|kota|kot\.?)\s+(.+)$", re.IGNORECASE)


def regency_full(regency_type: str, name: str) -> str:
    """Return a regency's full name from its type and name ("Kabupaten Semarang")."""
    prefix = {REGENCY_KABUPATEN: "Kabupaten ", REGENCY_KOTA: "Kota "}.get(regency_type, "")
    return f"{prefix}{name}" if name else ""


def split_regency(text: str | None) -> tuple[str, str]:
    """Split "Kabupaten Semarang" into ("kabupaten", "Semarang"); no prefix gives ("", text)."""
    match = _REGENCY_PREFIX.match(text or "")
    if not match:
        return "", (text or "").strip()
    kind = REGENCY_KOTA if match.group(1).lower().startswith("kot") else REGENCY_KABUPATEN
    return kind, match.group(2).strip()


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


team_members = Table(
    "team_members",
    db.metadata,
    Column("team_id", Uuid, ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Program(db.Model):
    """A mentoring program, e.g. a regency's program for one year."""

    __tablename__ = "programs"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    teams: Mapped[list[Team]] = relationship(back_populates="program", order_by="Team.name")


class Team(db.Model):
    """A small team of mentors that follows a handful of businesses."""

    __tablename__ = "teams"
    # Two imports at once must not create two teams of one name in a program.
    __table_args__ = (UniqueConstraint("program_id", "name", name="uq_teams_program_name"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # The team's printer, measured on the calibration page: added to every sheet PDF.
    printer_offset_x_mm: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    printer_offset_y_mm: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    printer_scale_pct: Mapped[float] = mapped_column(Float, default=100.0, server_default="100")

    program: Mapped[Program] = relationship(back_populates="teams")
    members: Mapped[list[User]] = relationship(secondary=team_members, back_populates="teams")
    businesses: Mapped[list[Business]] = relationship(back_populates="team")


class User(UserMixin, db.Model):
    """A coordinator or mentor account."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=ROLE_MENTOR)
    program_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("programs.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped at logout, password change and disabling, so every older session dies.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    teams: Mapped[list[Team]] = relationship(secondary=team_members, back_populates="members")
    program: Mapped[Program | None] = relationship()

    @property
    def is_active(self) -> bool:
        """Whether the account may sign in (Flask-Login refuses inactive users)."""
        return bool(self.active)

    @property
    def is_coordinator(self) -> bool:
        """Whether the user coordinates a whole program."""
        return self.role == ROLE_COORDINATOR

    def get_id(self) -> str:
        """Return the session identity: the user id and its session version."""
        return f"{self.id}:{self.session_version}"

    def set_password(self, password: str) -> None:
        """Hash and store a new password."""
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        """Return whether the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def visible_team_ids(self) -> list[uuid.UUID] | None:
        """Return the team ids whose businesses the user may see; None means all of a program."""
        if self.is_coordinator:
            return None
        return [team.id for team in self.teams]


class Business(db.Model):
    """A family business: public fields, private fields, consent and status."""

    __tablename__ = "businesses"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"), index=True)

    # Public fields.
    name: Mapped[str] = mapped_column(String(120), index=True)
    # sha256 of the normalised (name, owner, desa): one business per key in a team, so
    # concurrent imports upsert instead of duplicating. Kept current by the events below.
    match_key: Mapped[str] = mapped_column(String(64))
    trade: Mapped[str] = mapped_column(String(40), default="lainnya")
    tagline: Mapped[str] = mapped_column(String(160), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    opening_hours: Mapped[str] = mapped_column(String(200), default="")
    village: Mapped[str] = mapped_column(String(80), default="", index=True)
    district: Mapped[str] = mapped_column(String(80), default="")
    regency: Mapped[str] = mapped_column(String(80), default="")
    regency_type: Mapped[str] = mapped_column(String(12), default="", server_default="")
    whatsapp: Mapped[str | None] = mapped_column(String(20))
    shopee_url: Mapped[str | None] = mapped_column(String(300))
    facebook_url: Mapped[str | None] = mapped_column(String(300))
    instagram_url: Mapped[str | None] = mapped_column(String(300))
    maps_url: Mapped[str | None] = mapped_column(String(300))
    tiktok_url: Mapped[str | None] = mapped_column(String(300))
    theme: Mapped[str] = mapped_column(String(40), default="")
    # Logo design (app/render/logos.py STYLES); empty = the trade's default.
    logo_style: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # Pamphlet design per format {"square": id, …} (app/render/pamphlet TEMPLATES);
    # a missing format = the trade's default.
    pamphlet_templates: Mapped[dict | None] = mapped_column(JSON, default=dict)
    # Shown on food labels; the mentor decides what address is printed.
    business_address: Mapped[str] = mapped_column(String(300), default="")
    nib_number: Mapped[str | None] = mapped_column(String(20))
    pirt_number: Mapped[str | None] = mapped_column(String(30))
    halal_cert_number: Mapped[str | None] = mapped_column(String(60))

    # Private fields: never on a public page, export, image, QR or URL.
    owner_name: Mapped[str] = mapped_column(String(120), default="")
    nik: Mapped[str | None] = mapped_column(EncryptedString)  # AES-GCM at rest, see app/crypto.py
    home_address: Mapped[str] = mapped_column(Text, default="")
    capital_idr: Mapped[int | None] = mapped_column(BigInteger)
    annual_sales_idr: Mapped[int | None] = mapped_column(BigInteger)

    # Set by the family through its private link: "open" or "closed" on day_status_on only.
    day_status: Mapped[str] = mapped_column(String(8), default="")
    day_status_on: Mapped[date | None] = mapped_column(Date)

    def day_state(self, day: date) -> str:
        """Return "open" or "closed" when the family said so for `day`, else ""."""
        return self.day_status if self.day_status_on == day else ""

    # QRIS: the static merchant payload shown on the page (only after a coordinator
    # confirmed it) and a newly submitted one waiting for that confirmation.
    qris_payload: Mapped[str | None] = mapped_column(Text)
    qris_confirmed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    qris_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    qris_pending_payload: Mapped[str | None] = mapped_column(Text)
    qris_pending_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    qris_pending_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    status: Mapped[str] = mapped_column(String(24), default=STATUS_ACTIVE)
    status_reason: Mapped[str] = mapped_column(String(300), default="")

    publish_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    consent_recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    # Optimistic lock: an edit made on a stale form is refused, not silently overwritten.
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("team_id", "match_key", name="uq_businesses_team_match_key"),
    )

    team: Mapped[Team] = relationship(back_populates="businesses")
    consent_recorded_by: Mapped[User | None] = relationship(foreign_keys=[consent_recorded_by_id])
    products: Mapped[list[Product]] = relationship(
        back_populates="business",
        order_by="Product.position",
        cascade="all, delete-orphan",
    )

    @validates("regency")
    def _split_regency(self, _key: str, value: str | None) -> str:
        """Store "Kota Semarang" as type kota and name Semarang, whoever writes it."""
        kind, name = split_regency(value)
        if kind:
            self.regency_type = kind
        return name

    @property
    def regency_name(self) -> str:
        """Return the regency in full: "Kabupaten Semarang", "Kota Semarang" or the bare name."""
        return regency_full(self.regency_type, self.regency)

    @property
    def regency_label(self) -> str:
        """Return the regency as printed: "Kab. Semarang", "Kota Semarang" or the bare name."""
        if not self.regency:
            return ""
        prefix = {REGENCY_KABUPATEN: "Kab. ", REGENCY_KOTA: "Kota "}.get(self.regency_type, "")
        return f"{prefix}{self.regency}"

    @classmethod
    def visible_to(cls, user: User):
        """Return a select() of the businesses the user may see."""
        stmt = select(cls)
        team_ids = user.visible_team_ids()
        if team_ids is None:
            if user.program_id is not None:
                stmt = stmt.join(Team).where(Team.program_id == user.program_id)
            return stmt
        return stmt.where(cls.team_id.in_(team_ids))


KEY_FIELDS = ("name", "owner_name", "village")


@event.listens_for(Business, "before_insert")
def _key_on_insert(_mapper, _connection, business: Business) -> None:
    business.match_key = match_key(business.name, business.owner_name, business.village)


@event.listens_for(Business, "before_update")
def _key_on_update(_mapper, _connection, business: Business) -> None:
    # Only when a part of the key changed: a migrated duplicate keeps its own marked key.
    state = inspect(business)
    if any(state.attrs[name].history.has_changes() for name in KEY_FIELDS):
        business.match_key = match_key(business.name, business.owner_name, business.village)


class Product(db.Model):
    """Something a business sells, with its food-label fields."""

    __tablename__ = "products"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    business_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(120))
    price_idr: Mapped[int | None] = mapped_column(BigInteger)
    unit: Mapped[str] = mapped_column(String(60), default="")
    # Food label fields (PerBPOM 31/2018): ingredients and net weight/volume.
    composition: Mapped[str] = mapped_column(Text, default="")
    net_weight: Mapped[str] = mapped_column(String(40), default="")
    # One of PRODUCT_KINDS; empty means the trade's default kind.
    kind: Mapped[str | None] = mapped_column(String(16))
    photo: Mapped[str | None] = mapped_column(String(80))
    # Set by the family through its private link; a sold-out product cannot be ordered.
    sold_out: Mapped[bool] = mapped_column(Boolean, default=False)

    business: Mapped[Business] = relationship(back_populates="products")


class FamilyLink(db.Model):
    """A family's private link to set open/closed and sold-out: one per business.

    The token is kept encrypted (the mentor prints it again as a QR) and looked up by its
    SHA-256; renewing replaces both, so an old link stops working at once.
    """

    __tablename__ = "family_links"

    business_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token: Mapped[str] = mapped_column(EncryptedString)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    business: Mapped[Business] = relationship()
