"""customer side: family link, open/closed today, sold out, QRIS

Revision ID: 0007
Revises: 0008
Create Date: 2026-12-01 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("businesses") as batch:
        batch.add_column(sa.Column("day_status", sa.String(8), nullable=False, server_default=""))
        batch.add_column(sa.Column("day_status_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("qris_payload", sa.Text(), nullable=True))
        batch.add_column(sa.Column("qris_confirmed_by_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("qris_confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("qris_pending_payload", sa.Text(), nullable=True))
        batch.add_column(sa.Column("qris_pending_by_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("qris_pending_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            "fk_businesses_qris_confirmed_by_id_users", "users", ["qris_confirmed_by_id"], ["id"]
        )
        batch.create_foreign_key(
            "fk_businesses_qris_pending_by_id_users", "users", ["qris_pending_by_id"], ["id"]
        )
    with op.batch_alter_table("products") as batch:
        batch.add_column(
            sa.Column("sold_out", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "family_links",
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("token", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"],
            name="fk_family_links_business_id_businesses", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name="fk_family_links_created_by_id_users"
        ),
        sa.PrimaryKeyConstraint("business_id", name="pk_family_links"),
        sa.UniqueConstraint("token_hash", name="uq_family_links_token_hash"),
    )


def downgrade():
    op.drop_table("family_links")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("sold_out")
    with op.batch_alter_table("businesses") as batch:
        batch.drop_constraint("fk_businesses_qris_pending_by_id_users", type_="foreignkey")
        batch.drop_constraint("fk_businesses_qris_confirmed_by_id_users", type_="foreignkey")
        for column in ("qris_pending_at", "qris_pending_by_id", "qris_pending_payload",
                       "qris_confirmed_at", "qris_confirmed_by_id", "qris_payload",
                       "day_status_on", "day_status"):
            batch.drop_column(column)
