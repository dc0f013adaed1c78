"""program follow-up: visits, outcomes, status history, page views

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 00:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "visits",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("aspect_produksi", sa.Boolean(), nullable=False),
        sa.Column("aspect_kemasan", sa.Boolean(), nullable=False),
        sa.Column("aspect_pemasaran", sa.Boolean(), nullable=False),
        sa.Column("aspect_legalitas", sa.Boolean(), nullable=False),
        sa.Column("activities", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("next_actions", sa.Text(), nullable=False),
        sa.Column("capital_idr", sa.BigInteger(), nullable=True),
        sa.Column("assets_idr", sa.BigInteger(), nullable=True),
        sa.Column("monthly_turnover_idr", sa.BigInteger(), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"],
                                name=op.f("fk_visits_business_id_businesses"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name=op.f("fk_visits_created_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_business_id_visited_on", ["business_id", "visited_on"],
                              unique=False)

    op.create_table(
        "visit_mentors",
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visits.id"],
                                name=op.f("fk_visit_mentors_visit_id_visits"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_visit_mentors_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("visit_id", "user_id", name=op.f("pk_visit_mentors")),
    )

    op.create_table(
        "status_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("old_status", sa.String(length=24), nullable=True),
        sa.Column("new_status", sa.String(length=24), nullable=False),
        sa.Column("reason_code", sa.String(length=30), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("visit_id", sa.Uuid(), nullable=True),
        sa.Column("changed_by_id", sa.Uuid(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"],
                                name=op.f("fk_status_changes_business_id_businesses"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["visit_id"], ["visits.id"],
                                name=op.f("fk_status_changes_visit_id_visits"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["changed_by_id"], ["users.id"],
                                name=op.f("fk_status_changes_changed_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_changes")),
    )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_changes_business_id"), ["business_id"],
                              unique=False)

    # Counts only: no IP address, cookie, user agent or any other trace of the visitor.
    op.create_table(
        "page_views_daily",
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"],
                                name=op.f("fk_page_views_daily_business_id_businesses"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("business_id", "day", "source", name=op.f("pk_page_views_daily")),
    )

    op.create_table(
        "follow_ups",
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("first_visit_on", sa.Date(), nullable=True),
        sa.Column("last_visit_on", sa.Date(), nullable=True),
        sa.Column("aspect_produksi", sa.Boolean(), nullable=False),
        sa.Column("aspect_kemasan", sa.Boolean(), nullable=False),
        sa.Column("aspect_pemasaran", sa.Boolean(), nullable=False),
        sa.Column("aspect_legalitas", sa.Boolean(), nullable=False),
        sa.Column("baseline_on", sa.Date(), nullable=True),
        sa.Column("latest_on", sa.Date(), nullable=True),
        sa.Column("baseline_capital_idr", sa.BigInteger(), nullable=True),
        sa.Column("latest_capital_idr", sa.BigInteger(), nullable=True),
        sa.Column("baseline_assets_idr", sa.BigInteger(), nullable=True),
        sa.Column("latest_assets_idr", sa.BigInteger(), nullable=True),
        sa.Column("baseline_turnover_idr", sa.BigInteger(), nullable=True),
        sa.Column("latest_turnover_idr", sa.BigInteger(), nullable=True),
        sa.Column("previous_turnover_idr", sa.BigInteger(), nullable=True),
        sa.Column("last_problems", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"],
                                name=op.f("fk_follow_ups_business_id_businesses"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("business_id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_last_visit_on"), ["last_visit_on"],
                              unique=False)

    with op.batch_alter_table("step_progress", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_step_progress_visit_id_visits"), "visits",
                                    ["visit_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_step_progress_visit_id"), ["visit_id"], unique=False)


def downgrade():
    with op.batch_alter_table("step_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_step_progress_visit_id"))
        batch_op.drop_constraint(batch_op.f("fk_step_progress_visit_id_visits"),
                                 type_="foreignkey")
        batch_op.drop_column("visit_id")

    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_ups_last_visit_on"))
    op.drop_table("follow_ups")
    op.drop_table("page_views_daily")
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_changes_business_id"))
    op.drop_table("status_changes")
    op.drop_table("visit_mentors")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_business_id_visited_on")
    op.drop_table("visits")
