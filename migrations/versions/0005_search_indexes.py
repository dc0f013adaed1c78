"""search indexes: the business list's order, trigram search on PostgreSQL

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 00:50:00

The mentor list is ordered by desa then name; searches match a substring of the name or
desa. On PostgreSQL, trigram GIN indexes (pg_trgm) serve those substring searches; when
the extension cannot be created (no privilege), the migration goes on without them.
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
TRIGRAM_INDEXES = {
    "ix_businesses_name_trgm": "lower(name)",
    "ix_businesses_village_trgm": "lower(village)",
}


def upgrade():
    op.create_index("ix_businesses_village_name", "businesses", ["village", "name"])
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as exc:
        log.warning("pg_trgm not available (%s): search works without its indexes", exc.orig)
        return
    for name, expression in TRIGRAM_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON businesses USING gin ({expression} gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_businesses_village_name", table_name="businesses")
