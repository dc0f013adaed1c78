"""trust: audit events, NIK encrypted at rest

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 01:00:00

Upgrade widens businesses.nik and encrypts every stored NIK with the app's NIK key
(NIK_KEY, or derived from SECRET_KEY); downgrade decrypts them back to plain digits. Run
both with the same key configured as the app, or the downgrade stops before changing data.
"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

from app.crypto import PREFIX, decrypt, encrypt, key_material


# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

businesses = sa.table(
    "businesses", sa.column("id", sa.Uuid()), sa.column("nik", sa.String())
)


def _rewrite_niks(transform) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(businesses.c.id, businesses.c.nik).where(
        businesses.c.nik.is_not(None), businesses.c.nik != "")).all()
    for business_id, nik in rows:
        new = transform(nik)
        if new != nik:
            conn.execute(businesses.update().where(businesses.c.id == business_id)
                         .values(nik=new))


def upgrade():
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("business_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_audit_events_user_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_business_id"), ["business_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("businesses", schema=None) as batch_op:
        batch_op.alter_column("nik", existing_type=sa.String(length=16),
                              type_=sa.String(length=120), existing_nullable=True)
    material = key_material(current_app.config)[0]
    _rewrite_niks(lambda nik: nik if nik.startswith(PREFIX) else encrypt(nik, material))


def downgrade():
    material = key_material(current_app.config)[0]
    _rewrite_niks(lambda nik: decrypt(nik, material))  # raises on a wrong key: nothing lost
    with op.batch_alter_table("businesses", schema=None) as batch_op:
        batch_op.alter_column("nik", existing_type=sa.String(length=120),
                              type_=sa.String(length=16), existing_nullable=True)

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_user_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_business_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))
    op.drop_table("audit_events")
