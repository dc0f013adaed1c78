"""Migration 0006 adds the natural keys and keeps every existing duplicate, marked."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import text

from app.extensions import db
from app.validators import match_key
from tests.security.test_reliability import _migration_app, empty_database  # noqa: F401

INSERT = (
    "INSERT INTO businesses (id, slug, team_id, name, trade, tagline, description,"
    " opening_hours, village, district, regency, theme, business_address, owner_name,"
    " home_address, status, status_reason, publish_consent, published, created_at,"
    " updated_at, version) VALUES (:id, :slug, :team, :name, 'lainnya', '', '', '',"
    " :village, '', '', '', '', :owner, '', 'aktif', '', false, false, :at, :at, 1)"
)
TEAM = "INSERT INTO teams (id, program_id, name) VALUES (:id, :p, 'Tim A')"


def test_0006_keeps_duplicates_marks_the_later_ones_and_renames_twin_teams(
    empty_database,  # noqa: F811
    tmp_path,
):
    from flask_migrate import downgrade, upgrade

    app = _migration_app(empty_database, tmp_path)
    with app.app_context():
        upgrade(revision="0005")
        sqlite = db.engine.dialect.name == "sqlite"
        ident = (lambda value: value.hex) if sqlite else str
        program, team, twin = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        rows = [
            ("b1", "Keripik Bu Sri", "Sri", "Tawang", 1),
            ("b2", " keripik  bu SRI", "sri", "TAWANG", 2),
            ("b3", "Bakso Bejo", "Bejo", "Tawang", 3),
        ]
        ids = {slug: uuid.uuid4() for slug, *_rest in rows}
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO programs (id, name, created_at) VALUES (:id, 'P', "
                    "CURRENT_TIMESTAMP)"
                ),
                {"id": ident(program)},
            )
            for team_id in (team, twin):
                conn.execute(text(TEAM), {"id": ident(team_id), "p": ident(program)})
            for slug, name, owner, village, day in rows:
                conn.execute(
                    text(INSERT),
                    {
                        "id": ident(ids[slug]),
                        "slug": slug,
                        "team": ident(team),
                        "name": name,
                        "owner": owner,
                        "village": village,
                        "at": datetime(2026, 11, day, tzinfo=UTC),
                    },
                )
        upgrade()
        keys = dict(db.session.execute(text("SELECT slug, match_key FROM businesses")).all())
        assert len(keys) == 3  # nothing deleted or merged
        assert keys["b1"] == match_key("Keripik Bu Sri", "Sri", "Tawang")  # the oldest
        assert keys["b2"].endswith("-dup2") and keys["b2"][:50] == keys["b1"][:50]
        assert keys["b3"] == match_key("Bakso Bejo", "Bejo", "Tawang")
        names = sorted(db.session.scalars(text("SELECT name FROM teams")))
        assert names == ["Tim A", "Tim A (2)"]
        db.session.remove()
        downgrade(revision="0005")
        upgrade()
        db.session.remove()
        db.engine.dispose()
