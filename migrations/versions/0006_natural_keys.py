"""natural keys: one team name per program, one business per (name, owner, desa) in a team

Revision ID: 0006
Revises: 0007
Create Date: 2026-12-01 19:30:00

Adds businesses.match_key (sha256 of the normalised name, owner and desa, see
app.validators.match_key) with a unique key on (team_id, match_key), and a unique key on
(program_id, name) of teams, so two imports at once upsert instead of duplicating.

Existing duplicates (e.g. made by two imports racing before this revision) are kept, not
merged: merging two families' records (visits, checklists, photos on either) is a human
decision, and deleting either would lose data. Deterministically, the oldest business of a
key (created_at, then id) keeps the plain key; each later one gets the key with a
"-dupN" mark, so the constraint holds and the next import updates the oldest. A renamed
team keeps its id and members: later teams of one name get " (2)", " (3)" … appended.
Every such row is named in the migration's log so a coordinator can merge or delete it.
"""

import hashlib
import logging
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0007"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

businesses = sa.table(
    "businesses",
    sa.column("id", sa.Uuid()),
    sa.column("team_id", sa.Uuid()),
    sa.column("name", sa.String()),
    sa.column("owner_name", sa.String()),
    sa.column("village", sa.String()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("match_key", sa.String()),
)
teams = sa.table(
    "teams",
    sa.column("id", sa.Uuid()),
    sa.column("program_id", sa.Uuid()),
    sa.column("name", sa.String()),
)


def _natural(value):
    # A copy of app.validators.natural_text as of this revision: a migration must not
    # change meaning when the app's code moves on.
    return " ".join(unicodedata.normalize("NFKC", value or "").casefold().split())


def _key(name, owner, village):
    parts = "\x1f".join(_natural(part) for part in (name, owner, village))
    return hashlib.sha256(parts.encode("utf-8")).hexdigest()


def _dedupe_teams(conn):
    rows = conn.execute(sa.select(teams.c.id, teams.c.program_id, teams.c.name)
                        .order_by(teams.c.program_id, teams.c.name, teams.c.id)).all()
    taken = {(row.program_id, row.name) for row in rows}
    seen = set()
    for row in rows:
        if (row.program_id, row.name) not in seen:
            seen.add((row.program_id, row.name))
            continue
        counter = 2
        while (row.program_id, f"{row.name} ({counter})") in taken:
            counter += 1
        new_name = f"{row.name} ({counter})"[:120]
        taken.add((row.program_id, new_name))
        conn.execute(teams.update().where(teams.c.id == row.id).values(name=new_name))
        log.warning("team %s renamed to %r: its program had another team %r",
                    row.id, new_name, row.name)


def _fill_keys(conn):
    rows = conn.execute(
        sa.select(businesses.c.id, businesses.c.team_id, businesses.c.name,
                  businesses.c.owner_name, businesses.c.village)
        .order_by(businesses.c.created_at, businesses.c.id)
    ).all()
    counts = {}
    for row in rows:
        key = _key(row.name, row.owner_name, row.village)
        seen = counts.get((row.team_id, key), 0)
        counts[(row.team_id, key)] = seen + 1
        if seen:
            mark = f"-dup{seen + 1}"
            key = key[: 64 - len(mark)] + mark
            log.warning("business %s is a duplicate of an older one in its team; kept as is "
                        "(merge or delete it in the app)", row.id)
        conn.execute(businesses.update().where(businesses.c.id == row.id).values(match_key=key))


def upgrade():
    conn = op.get_bind()
    _dedupe_teams(conn)
    with op.batch_alter_table("teams") as batch:
        batch.create_unique_constraint("uq_teams_program_name", ["program_id", "name"])
    with op.batch_alter_table("businesses") as batch:
        batch.add_column(sa.Column("match_key", sa.String(64), nullable=True))
    _fill_keys(conn)
    with op.batch_alter_table("businesses") as batch:
        batch.alter_column("match_key", existing_type=sa.String(64), nullable=False)
        batch.create_unique_constraint("uq_businesses_team_match_key", ["team_id", "match_key"])


def downgrade():
    with op.batch_alter_table("businesses") as batch:
        batch.drop_constraint("uq_businesses_team_match_key", type_="unique")
        batch.drop_column("match_key")
    with op.batch_alter_table("teams") as batch:
        batch.drop_constraint("uq_teams_program_name", type_="unique")
