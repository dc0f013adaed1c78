"""pamphlet templates: the mentor's choice of pamphlet design per format and business

Revision ID: 000c
Revises: 000b
Create Date: 2026-12-01 22:50:00

A JSON object {"square": id, "story": id, "a5": id}; a missing format (or NULL) means
the trade's default (toolkits/print-items.toml [pamphlets]).
"""

import sqlalchemy as sa
from alembic import op

revision = "000c"
down_revision = "000b"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("businesses") as batch:
        batch.add_column(sa.Column("pamphlet_templates", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("businesses") as batch:
        batch.drop_column("pamphlet_templates")
