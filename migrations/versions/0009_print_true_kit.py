"""print-true kit: product kind, regency type, per-team printer correction

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-01 19:30:00

A product's kind (food, fresh produce/animal product, goods, service) decides its label;
empty means the trade's default. The regency's type (kabupaten/kota) is stored apart from
its name, so a label can say "Kab. Semarang" or "Kota Semarang": existing names such as
"Kabupaten Semarang" are split. A team's printer correction (offset in mm, scale in %)
is applied to every sheet PDF its mentors print.
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None

# The same prefixes app/models/core.py splits on save.
BUSINESSES = sa.table(
    "businesses",
    sa.column("id", sa.Uuid),
    sa.column("regency", sa.String),
    sa.column("regency_type", sa.String),
)
_PREFIX = re.compile(r"^\s*(kabupaten|kab\.?|kota|kot\.?)\s+(.+)$", re.IGNORECASE)


def _split(text: str) -> tuple[str, str]:
    match = _PREFIX.match(text or "")
    if not match:
        return "", (text or "").strip()
    kind = "kota" if match.group(1).lower().startswith("kot") else "kabupaten"
    return kind, match.group(2).strip()


def upgrade():
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=True))
    with op.batch_alter_table("businesses") as batch:
        batch.add_column(
            sa.Column("regency_type", sa.String(12), nullable=False, server_default="")
        )
    with op.batch_alter_table("teams") as batch:
        batch.add_column(
            sa.Column("printer_offset_x_mm", sa.Float, nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("printer_offset_y_mm", sa.Float, nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("printer_scale_pct", sa.Float, nullable=False, server_default="100")
        )
    bind = op.get_bind()
    rows = bind.execute(sa.select(BUSINESSES.c.id, BUSINESSES.c.regency)).all()
    for row in rows:
        kind, name = _split(row.regency)
        if kind:
            bind.execute(
                BUSINESSES.update()
                .where(BUSINESSES.c.id == row.id)
                .values(regency=name, regency_type=kind)
            )


def downgrade():
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(BUSINESSES.c.id, BUSINESSES.c.regency, BUSINESSES.c.regency_type)
    ).all()
    for row in rows:
        if row.regency_type:
            prefix = "Kota" if row.regency_type == "kota" else "Kabupaten"
            bind.execute(
                BUSINESSES.update()
                .where(BUSINESSES.c.id == row.id)
                .values(regency=f"{prefix} {row.regency}")
            )
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("printer_scale_pct")
        batch.drop_column("printer_offset_y_mm")
        batch.drop_column("printer_offset_x_mm")
    with op.batch_alter_table("businesses") as batch:
        batch.drop_column("regency_type")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("kind")
