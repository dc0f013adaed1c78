"""Restore takes only an intact backup of this project; /healthz checks the schema revision."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import select, text

from app.backup import head_revision
from app.extensions import db
from app.models import Business


def _sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite backup/restore")


def _backup(runner, tmp_path):
    path = tmp_path / "cadangan.sqlite"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    return path


def _flip_pages(path):
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")  # the page size, from the file header
    # The b-tree page header of every page but the first: wherever the rows happen to lie,
    # no page can be read as it was.
    for offset in range(page, len(data), page):
        data[offset : offset + 64] = bytes(b ^ 0xFF for b in data[offset : offset + 64])
    path.write_bytes(bytes(data))


def _alien(path):
    # Tables named like ours, nothing else: what the old check let through.
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        conn.execute("INSERT INTO alembic_version VALUES ('0005')")
        conn.execute("CREATE TABLE businesses (id INTEGER)")
        conn.commit()


def _foreign_revision(path):
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'abc123def'")
        conn.commit()


def _dropped_column(path):
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("ALTER TABLE products DROP COLUMN photo")
        conn.commit()


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (_flip_pages, "rusak"),
        (_alien, "tidak ada"),
        (_foreign_revision, "bukan milik Kit Usaha"),
        (_dropped_column, "products.photo"),
    ],
)
def test_restore_refuses_what_is_not_our_intact_backup(
    app, runner, make_business, tmp_path, spoil, reason
):
    _sqlite_only(app)
    make_business(name="Usaha Tetap")
    path = _backup(runner, tmp_path)
    if spoil is _alien:
        path.unlink()
    spoil(path)
    db.session.remove()
    result = runner.invoke(args=["restore", "--yes", str(path)])
    assert result.exit_code == 1, result.output
    assert "Pemulihan ditolak" in result.output and reason in result.output
    assert "Traceback" not in result.output
    db.session.remove()
    assert list(db.session.scalars(select(Business.name))) == ["Usaha Tetap"]
    assert not list(tmp_path.glob("*sebelum-pulih*"))  # nothing was touched


def test_healthz_reports_the_schema_revision(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "schema": head_revision()}
    db.session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    db.session.commit()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["schema"] == ["0001"]
    db.session.execute(text(f"UPDATE alembic_version SET version_num = '{head_revision()}'"))
    db.session.commit()
