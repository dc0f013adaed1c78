"""program follow-up: visits, outcomes, status history, page views

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 00:20:00

"""

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    pass  # filled in by the program follow-up work


def downgrade():
    pass
