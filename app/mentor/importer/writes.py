"""Writing validated rows a batch at a time with set-based statements (flush, never commit)."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.audit import HIDDEN, PRIVATE_FIELDS
from app.extensions import db
from app.mentor.importer.base import ImportReport, RowProblem
from app.mentor.services import BusinessInput, unique_slug
from app.models import AuditEvent, Business, Product, Team, utcnow
from app.validators import (
    slugify,
)

SLUG_TRIES = 8  # slug candidates looked up per new business in the batch's one query
# PostgreSQL plans the batch lookups by its table statistics. A table never analysed (a new
# installation's first import) is taken for a few rows: "team_id = … AND match_key IN (500
# keys)" then filters the whole team for every key, 0.2 s a batch at 5,000 businesses.
# Once an import has written this many businesses, stale statistics are refreshed.
ANALYZE_AFTER = 500


@dataclass
class ImportRow:
    """A validated row: its number in the file, its match key and its values."""

    number: int
    key: str
    data: BusinessInput


def insert_or_ignore(table):
    """Return an INSERT … ON CONFLICT DO NOTHING for the session's database."""
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()


def db_reason(exc: DBAPIError) -> str:
    """Return which constraint refused a write, never the values (they may be private)."""
    orig = getattr(exc, "orig", None)
    diag = getattr(orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return _("ditolak database (%(name)s)", name=name)
    match = re.search(r"constraint failed: ([\w., ]+)", str(orig or ""))
    if match:
        return _("ditolak database (%(name)s)", name=match.group(1).strip())
    return _("ditolak database")


class Writer:
    """Write validated rows of one team a batch at a time; flushes, never commits."""

    def __init__(self, team_id: uuid.UUID, report: ImportReport) -> None:
        self.team_id = team_id
        self.report = report
        self.table = Business.__table__
        self.products = Product.__table__
        self.sqlite = db.engine.dialect.name == "sqlite"
        self.analysed = self.sqlite  # SQLite's planner picks the unique index by itself

    def write(self, rows: list[ImportRow]) -> None:
        """Write the batch in a savepoint; on a database refusal, row by row to name the bad."""
        try:
            with db.session.begin_nested():
                self._write(rows)
        except DBAPIError:
            if len(rows) == 1:
                raise
            for row in rows:
                try:
                    with db.session.begin_nested():
                        self._write([row])
                except DBAPIError as exc:
                    self.report.errors.append(RowProblem(row.number, "-", db_reason(exc)))
        self._refresh_statistics()

    def _refresh_statistics(self) -> None:
        """Analyse businesses and products once, when they hold more rows than PG believes."""
        if self.analysed or self.report.created < ANALYZE_AFTER:
            return
        self.analysed = True
        believed = db.session.execute(
            text("SELECT reltuples FROM pg_class WHERE oid = 'businesses'::regclass")
        ).scalar()
        if believed is None or believed < self.report.created:
            # In the batch's transaction: committed with it. Without the owner's right,
            # PostgreSQL skips it with a warning; any other failure must not cost the batch.
            try:
                with db.session.begin_nested():
                    db.session.execute(text("ANALYZE businesses, products"))
            except DBAPIError:
                pass

    def _write(self, rows: list[ImportRow]) -> None:
        if self.sqlite:
            # Take SQLite's write lock before reading, so a concurrent import waits here
            # (busy timeout) instead of failing when it upgrades a read lock later.
            teams = Team.__table__
            db.session.execute(
                update(teams).where(teams.c.id == self.team_id).values(name=teams.c.name)
            )
        now = utcnow()
        existing = self._existing([row.key for row in rows])
        new = [row for row in rows if row.key not in existing]
        created_ids: dict[str, uuid.UUID] = {}
        for _attempt in range(3):
            if not new:
                break
            inserted = self._insert_new(new, now)
            created_ids.update(inserted)
            missed = [row for row in new if row.key not in inserted]
            if missed:  # another import inserted these keys meanwhile: update them instead
                existing.update(self._existing([row.key for row in missed]))
            new = [row for row in missed if row.key not in existing]
        if new:
            raise IntegrityError("slug", {}, Exception("uq_businesses_slug"))
        to_update = [row for row in rows if row.key not in created_ids]
        self._update(to_update, existing, now)
        self._write_products(rows, created_ids, existing)
        self._audit(rows, created_ids, existing, now)
        self.report.created += len(created_ids)
        self.report.updated += len(to_update)

    def _existing(self, keys: list[str]) -> dict[str, dict]:
        if not keys:
            return {}
        columns = [
            self.table.c[name]
            for name in (
                "id",
                "version",
                "publish_consent",
                "published",
                "published_at",
                "consent_recorded_at",
                *UPDATED_FIELDS,
            )
        ]
        stmt = select(self.table.c.match_key, *columns).where(
            self.table.c.team_id == self.team_id, self.table.c.match_key.in_(keys)
        )
        return {row.match_key: row._asdict() for row in db.session.execute(stmt)}

    def _taken(self, candidates: set[str]) -> set[str]:
        column = self.table.c.slug
        return set(db.session.scalars(select(column).where(column.in_(candidates))))

    def _slugs(self, rows: list[ImportRow]) -> dict[str, str]:
        """Return a free slug per new row: one lookup of the bases, one of their variants."""
        bases = {row.key: slugify(row.data.values["name"]) for row in rows}
        taken = self._taken(set(bases.values()))
        counts = Counter(bases.values())
        crowded = {base for base, count in counts.items() if count > 1 or base in taken}
        if crowded:
            taken |= self._taken(
                {f"{base}-{n}" for base in crowded for n in range(2, SLUG_TRIES + 1)}
            )
        slugs = {}
        for row in rows:
            base = bases[row.key]
            for n in range(1, SLUG_TRIES + 1):
                slug = f"{base}-{n}" if n > 1 else base
                if slug not in taken:
                    break
            else:
                slug = unique_slug(row.data.values["name"])
            taken.add(slug)
            slugs[row.key] = slug
        return slugs

    def _consent(self, row: ImportRow, old: dict | None, now: datetime) -> dict:
        """Return the consent and publication columns after this row (as set_consent/publish)."""
        old = old or {
            "publish_consent": False,
            "published": False,
            "published_at": None,
            "consent_recorded_at": None,
        }
        consent = bool(row.data.publish_consent)
        values = {
            key: old[key]
            for key in ("publish_consent", "published", "published_at", "consent_recorded_at")
        }
        if consent != bool(old["publish_consent"]):
            values["publish_consent"] = consent
            values["consent_recorded_at"] = now
        if consent and not old["published"]:
            values["published"], values["published_at"] = True, now
        if not consent:
            values["published"] = False
        return values

    def _insert_new(self, rows: list[ImportRow], now: datetime) -> dict[str, uuid.UUID]:
        slugs = self._slugs(rows)
        params = [
            {
                **row.data.values,
                **self._consent(row, None, now),
                "id": uuid.uuid4(),
                "slug": slugs[row.key],
                "team_id": self.team_id,
                "match_key": row.key,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for row in rows
        ]
        # No RETURNING: a plain executemany is pipelined by psycopg, while RETURNING makes one
        # huge statement per batch whose parameters psycopg re-parses (5x slower on PG).
        # Which rows went in is read back: those whose id is the one generated here.
        db.session.execute(insert_or_ignore(self.table), params)
        mine = {param["match_key"]: param["id"] for param in params}
        column = self.table.c
        stmt = select(column.match_key, column.id).where(
            column.team_id == self.team_id, column.match_key.in_(list(mine))
        )
        return {key: found for key, found in db.session.execute(stmt) if mine[key] == found}

    def _update(self, rows: list[ImportRow], existing: dict[str, dict], now: datetime) -> None:
        if not rows:
            return
        params = [
            {
                **{f"v_{k}": v for k, v in row.data.values.items()},
                **{f"v_{k}": v for k, v in self._consent(row, existing[row.key], now).items()},
                "b_id": existing[row.key]["id"],
                "v_updated_at": now,
            }
            for row in rows
        ]
        names = [name[2:] for name in params[0] if name.startswith("v_")]
        stmt = (
            update(self.table)
            .where(self.table.c.id == bindparam("b_id"))
            .values(
                {
                    **{name: bindparam(f"v_{name}") for name in names},
                    "version": self.table.c.version + 1,
                }
            )
        )
        db.session.execute(stmt, params, execution_options={"synchronize_session": False})

    def _write_products(self, rows, created_ids, existing) -> None:
        ids = {row.key: created_ids.get(row.key) or existing[row.key]["id"] for row in rows}
        old_ids = [ids[row.key] for row in rows if row.key not in created_ids]
        current: dict[uuid.UUID, list] = {}
        if old_ids:
            stmt = (
                select(
                    self.products.c.id,
                    self.products.c.business_id,
                    self.products.c.name,
                    self.products.c.price_idr,
                    self.products.c.position,
                )
                .where(self.products.c.business_id.in_(old_ids))
                .order_by(self.products.c.position)
            )
            for product in db.session.execute(stmt):
                current.setdefault(product.business_id, []).append(product)
        inserts, price_updates = [], []
        for row in rows:
            business_id = ids[row.key]
            have = current.get(business_id, [])
            by_name = {product.name.lower(): product for product in have}
            position = len(have)
            for incoming in row.data.products:
                match = by_name.get(incoming.name.lower())
                if match is not None:
                    if match.price_idr != incoming.price_idr:
                        price_updates.append({"p_id": match.id, "p_price": incoming.price_idr})
                    continue
                inserts.append(
                    {
                        "id": uuid.uuid4(),
                        "business_id": business_id,
                        "position": position,
                        "name": incoming.name,
                        "price_idr": incoming.price_idr,
                        "unit": "",
                        "composition": "",
                        "net_weight": "",
                        "photo": None,
                    }
                )
                by_name[incoming.name.lower()] = incoming
                position += 1
        if inserts:
            db.session.execute(insert(self.products), inserts)
        if price_updates:
            stmt = (
                update(self.products)
                .where(self.products.c.id == bindparam("p_id"))
                .values(price_idr=bindparam("p_price"))
            )
            db.session.execute(
                stmt, price_updates, execution_options={"synchronize_session": False}
            )

    def _audit(self, rows, created_ids, existing, now) -> None:
        events = []
        for row in rows:
            if row.key in created_ids:
                before, action, business_id = {}, "created", created_ids[row.key]
            else:
                before, action = existing[row.key], "updated"
                business_id = before["id"]
            changes = {}
            for name, new in row.data.values.items():
                old = before.get(name)
                if old == new or (not before and new in (None, "")):
                    continue
                if name in PRIVATE_FIELDS:
                    changes[name] = [
                        HIDDEN if old not in (None, "") else None,
                        HIDDEN if new not in (None, "") else None,
                    ]
                else:
                    changes[name] = [old, new]
            if action == "updated" and not changes and not row.data.products:
                continue
            events.append(
                {
                    "id": uuid.uuid4(),
                    "at": now,
                    "user_id": None,
                    "business_id": business_id,
                    "action": action,
                    "changes": changes,
                }
            )
        if events:
            db.session.execute(insert(AuditEvent.__table__), events)


UPDATED_FIELDS = (
    "name",
    "owner_name",
    "trade",
    "village",
    "district",
    "regency",
    "tagline",
    "whatsapp",
    "nik",
    "home_address",
    "capital_idr",
    "annual_sales_idr",
    "shopee_url",
    "facebook_url",
    "instagram_url",
    "maps_url",
)
