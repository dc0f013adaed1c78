"""full-text index for searches of several words (PostgreSQL, 'simple' configuration)

Revision ID: 000a
Revises: 0009
Create Date: 2026-12-01 19:58:00

A search of two or more words ("bakso pak") finds businesses whose name or desa has every
word, each as a word prefix, in any order. Trigram indexes (0005) made PostgreSQL check
many candidate rows for such searches; a GIN index over the 'simple' text search vector
(no stemming, no stop words: names are not prose) answers them directly. SQLite has no
such index: the app matches each word as a substring there.
"""

from alembic import op

revision = "000a"
down_revision = "0009"
branch_labels = None
depends_on = None

# Must match app.mentor.search.NAME_VECTOR exactly, or the planner will not use the index.
VECTOR = "to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(village, ''))"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_businesses_name_fts ON businesses USING gin (({VECTOR}))")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_businesses_name_fts")
