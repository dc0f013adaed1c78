"""logo style: the mentor's choice of logo design per business

Revision ID: 000b
Revises: 000a
Create Date: 2026-12-01 19:20:00

Empty means "the trade's default style" (toolkits/trades.toml `logo_style`).
"""

import sqlalchemy as sa
from alembic import op

revision = "000b"
down_revision = "000a"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("businesses") as batch:
        batch.add_column(sa.Column("logo_style", sa.String(20), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("businesses") as batch:
        batch.drop_column("logo_style")
