"""Backups: what this project's schema is, and whether a SQLite file is one of our backups."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from functools import cache
from pathlib import Path

from alembic.script import ScriptDirectory

from app.config import ROOT

MIGRATIONS = ROOT / "migrations"


@cache
def known_revisions() -> frozenset[str]:
    """Return every Alembic revision id of this project's migrations."""
    return frozenset(rev.revision for rev in ScriptDirectory(str(MIGRATIONS)).walk_revisions())


@cache
def head_revision() -> str:
    """Return the revision the code expects the database to be at."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    tables = [row[0] for row in conn.execute(query)]
    # Table names come from sqlite_master itself, quoted: nothing from outside reaches SQL.
    return {
        table: {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}  # noqa: S608
        for table in tables
    }


@cache
def expected_columns(revision: str) -> dict[str, set[str]]:
    """Return {table: columns} of a fresh SQLite database migrated to the revision."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.sqlite"
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                "SECRET_KEY": "schema",
                "TESTING": True,
                "REQUEST_LOG": False,
            }
        )
        with app.app_context():
            upgrade(revision=revision)
            db.engine.dispose()
        with closing(sqlite3.connect(path)) as conn:
            return _columns(conn)


def backup_problem(path: Path) -> str | None:
    """Return why a file is not an intact backup of this project, or None when it is."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as backup:
            check = [row[0] for row in backup.execute("PRAGMA integrity_check")]
            if check != ["ok"]:
                return f"berkas rusak (integrity_check: {check[0][:120]})"
            columns = _columns(backup)
            if "alembic_version" not in columns:
                return "bukan cadangan Kit Usaha (tidak ada alembic_version)"
            revisions = [
                row[0] for row in backup.execute("SELECT version_num FROM alembic_version")
            ]
    except sqlite3.DatabaseError as exc:
        return f"berkas rusak atau bukan database SQLite ({exc})"
    except UnicodeDecodeError:  # sqlite quotes a broken page's bytes in its message
        return "berkas rusak (skema tidak terbaca)"
    if len(revisions) != 1 or revisions[0] not in known_revisions():
        shown = ", ".join(revisions) or "kosong"
        return f"revisi skema {shown} bukan milik Kit Usaha"
    missing = []
    for table, wanted in expected_columns(revisions[0]).items():
        if table not in columns:
            missing.append(table)
        elif wanted - columns[table]:
            missing.extend(f"{table}.{name}" for name in sorted(wanted - columns[table]))
    if missing:
        return "tabel/kolom yang diharapkan tidak ada: " + ", ".join(missing[:8])
    return None
