"""Nothing lost: backup and restore, concurrent edits, migrations both ways on both databases."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import create_engine, inspect, select, text

from app import create_app
from app.crypto import PREFIX
from app.extensions import db
from app.models import Business
from tests.conftest import PG_URL, Auth, csrf_from

NIK = "3322054107820001"

# --- backup and restore -----------------------------------------------------------------------


def _sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite backup/restore")


def test_backup_then_restore_round_trip(app, runner, make_business, tmp_path):
    _sqlite_only(app)
    kept_id = make_business(name="Usaha Dicadangkan").id
    backup = tmp_path / "cadangan" / "kit.sqlite"
    result = runner.invoke(args=["backup", str(backup)])
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("SELECT count(*) FROM businesses").fetchone()[0] == 1
    # Work after the backup is lost by a restore… but kept aside, never destroyed.
    make_business(name="Usaha Sesudah Cadangan")
    db.session.remove()
    result = runner.invoke(args=["restore", str(backup)], input="y\n")
    assert result.exit_code == 0, result.output
    assert "Database lama disimpan di" in result.output
    db.session.remove()
    names = set(db.session.scalars(select(Business.name)))
    assert names == {"Usaha Dicadangkan"}
    assert db.session.get(Business, kept_id).nik == NIK  # encrypted NIKs survive the trip
    aside = next(tmp_path.glob("test.sebelum-pulih-*.sqlite"))
    with closing(sqlite3.connect(aside)) as old:
        assert old.execute("SELECT count(*) FROM businesses").fetchone()[0] == 2


def test_restore_refuses_a_file_that_is_not_a_backup(app, runner, make_business, tmp_path):
    _sqlite_only(app)
    make_business()
    bogus = tmp_path / "bukan.sqlite"
    bogus.write_text("bukan database")
    result = runner.invoke(args=["restore", "--yes", str(bogus)])
    assert result.exit_code != 0
    assert db.session.scalar(select(Business.name)) == "Keripik Bu Sri"


def test_restore_refuses_when_the_database_is_not_sqlite(app, tmp_path):
    elsewhere = "postgresql+psycopg://x@127.0.0.1:1/none"
    other = create_app({**app.config, "SQLALCHEMY_DATABASE_URI": elsewhere})
    backup = tmp_path / "kit.sqlite"
    with closing(sqlite3.connect(backup)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with other.app_context():  # the fixture's context would otherwise be the current app
        result = other.test_cli_runner().invoke(args=["restore", "--yes", str(backup)])
    assert result.exit_code != 0 and "hanya untuk SQLite" in result.output


def test_postgresql_backup_uses_pg_dump_or_says_how(app, runner, make_business, tmp_path):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL backup")
    make_business()
    target = tmp_path / "kit.dump"
    result = runner.invoke(args=["backup", str(target)])
    if result.exit_code == 2:
        assert "pg_dump" in result.output
    else:
        assert result.exit_code == 0, result.output
        assert target.read_bytes().startswith(b"PGDMP")


# --- two people editing the same business -----------------------------------------------------


def _edit_form(client, business_id):
    page = client.get(f"/usaha/{business_id}/ubah").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    return csrf_from(page), version


def test_two_sessions_editing_at_once_never_lose_the_first_save(app, make_business, world):
    business = make_business()
    alice, bob = app.test_client(), app.test_client()
    Auth(alice).login("mentor_a")
    Auth(bob).login("koordinator")
    token_a, version_a = _edit_form(alice, business.id)
    token_b, version_b = _edit_form(bob, business.id)
    assert version_a == version_b
    base = {
        "name": business.name,
        "owner_name": business.owner_name,
        "trade": business.trade,
        "village": business.village,
        "status": "aktif",
    }
    first = alice.post(
        f"/usaha/{business.id}/ubah",
        data={**base, "csrf_token": token_a, "version": version_a, "tagline": "Tulisan Alice"},
    )
    assert first.status_code == 302
    second = bob.post(
        f"/usaha/{business.id}/ubah",
        data={**base, "csrf_token": token_b, "version": version_b, "tagline": "Tulisan Bob"},
    )
    html = second.get_data(as_text=True)
    assert second.status_code == 200 and "baru saja diubah orang lain" in html
    assert 'value="Tulisan Bob"' in html  # Bob's typing is kept on screen, not lost
    db.session.expire_all()
    assert db.session.get(Business, business.id).tagline == "Tulisan Alice"


# --- migrations -------------------------------------------------------------------------------


def _migration_app(url: str, tmp_path):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "UPLOAD_DIR": str(tmp_path / "u"),
        "GENERATED_DIR": str(tmp_path / "g"),
        "RATELIMIT_ENABLED": False,
    }
    return create_app(config)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    """Return the URL of an empty database (PostgreSQL only when TEST_DATABASE_URL is set)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    from app.config import normalise_database_url

    url = normalise_database_url(PG_URL)
    schema = f"migrations_{os.getpid()}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
        # Alembic must find its (empty) version table here, not the shared one in public.
        conn.execute(
            text(
                f"CREATE TABLE {schema}.alembic_version (version_num VARCHAR(32) "
                "NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
    engine.dispose()
    # A schema of its own, so the shared test schema is never downgraded under other tests;
    # public stays on the path for extensions (pg_trgm) installed there.
    yield url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema},public"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def _tables() -> set[str]:
    """Return the tables of the schema the migrations write to (the first on the path)."""
    schema = None
    if db.engine.dialect.name == "postgresql":
        schema = db.session.execute(text("SELECT current_schema()")).scalar_one()
        db.session.remove()
    return set(inspect(db.engine).get_table_names(schema=schema))


def test_migrations_go_down_to_base_and_up_again(empty_database, tmp_path):
    from flask_migrate import downgrade, upgrade

    app = _migration_app(empty_database, tmp_path)
    with app.app_context():
        upgrade()
        head = _tables()
        assert {"businesses", "audit_events", "alembic_version"} <= head
        downgrade(revision="base")
        assert _tables() <= {"alembic_version"}
        upgrade()
        assert _tables() == head
        db.engine.dispose()


def test_migration_0004_encrypts_existing_niks_and_0003_gets_them_back(empty_database, tmp_path):
    from flask_migrate import downgrade, upgrade

    app = _migration_app(empty_database, tmp_path)
    with app.app_context():
        upgrade(revision="0003")
        with db.engine.begin() as conn:
            program, team, business = (os.urandom(16).hex() for _ in range(3))
            uuid_ = (lambda h: h) if db.engine.dialect.name == "sqlite" else str
            conn.execute(
                text(
                    "INSERT INTO programs (id, name, created_at) VALUES (:id, 'P', "
                    "CURRENT_TIMESTAMP)"
                ),
                {"id": uuid_(program)},
            )
            conn.execute(
                text("INSERT INTO teams (id, program_id, name) VALUES (:id, :p, 'T')"),
                {"id": uuid_(team), "p": uuid_(program)},
            )
            conn.execute(
                text(
                    "INSERT INTO businesses (id, slug, team_id, name, trade, tagline, description,"
                    " opening_hours, village, district, regency, theme, business_address,"
                    " owner_name, nik, home_address, status, status_reason, publish_consent,"
                    " published, created_at, updated_at, version) VALUES (:id, 's', :t, 'U',"
                    " 'lainnya', '', '', '', 'D', '', '', '', '', 'O', :nik, '', 'aktif', '',"
                    " false, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
                ),
                {"id": uuid_(business), "t": uuid_(team), "nik": NIK},
            )
        upgrade()
        raw = db.session.execute(text("SELECT nik FROM businesses")).scalar_one()
        assert raw.startswith(PREFIX) and NIK not in raw
        assert db.session.scalar(select(Business.nik)) == NIK
        db.session.remove()
        downgrade(revision="0003")
        assert db.session.execute(text("SELECT nik FROM businesses")).scalar_one() == NIK
        db.session.remove()
        db.engine.dispose()
