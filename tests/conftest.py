"""Fixtures: an app on a migrated database (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import contextvars
import io
import os
import re
import shutil
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, select, text

from app import create_app
from app.extensions import db
from app.mentor import services
from app.mentor.services import BusinessInput, ProductInput
from app.models import Business, PageViewDaily, Program, Team, User
from app.transaction import commit

# Under pytest-xdist each worker (gw0, gw1, …) gets a PostgreSQL database of its own,
# <db>_gw0, <db>_gw1, created when missing (pytest_configure); tmp_path is per worker already
# and servers bind port 0, so nothing else is shared.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def worker_database_url(url: str | None, worker: str = WORKER) -> str | None:
    """Return the URL of this xdist worker's own database (the URL itself outside xdist)."""
    if not url or not worker:
        return url
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


def _create_database(url: str) -> None:
    """Create the PostgreSQL database of url when it does not exist yet."""
    from sqlalchemy.engine import make_url

    from app.config import normalise_database_url

    target = make_url(normalise_database_url(url))
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        found = conn.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        )
        if not found:
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    engine.dispose()


PG_URL = worker_database_url(os.environ.get("TEST_DATABASE_URL"))
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
PUBLIC_BASE = "https://kit.example.id"
PASSWORD = "kata-sandi-uji-123"
CSRF_PATTERN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'name="csrf_token" value="([^"]+)"'
)


def pytest_configure(config) -> None:
    """Create this worker's PostgreSQL database before any test uses it."""
    if PG_URL and WORKER:
        _create_database(PG_URL)


class IsolatedClient(FlaskClient):
    """A client whose every request gets its own app context, as in production.

    The fixture keeps an app context open for the test's own database work; without this,
    requests would share its `g` (cached user, CSRF token) and its database session.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(FlaskClient.open, self, *args, **kwargs)


def _config(url: str, tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "GENERATED_DIR": str(tmp_path / "generated"),
        "PAGE_GENERATIONS_DIR": str(tmp_path / "page-generations"),
        "PUBLIC_BASE_URL": PUBLIC_BASE,
        "RATELIMIT_ENABLED": False,
        "VIEW_FLUSH_SECONDS": 0,
    }


def _upgrade(url: str, tmp_path) -> None:
    from flask_migrate import upgrade

    app = create_app(_config(url, tmp_path))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """Return the path of a SQLite file migrated to head, copied for every test."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite"
    _upgrade(f"sqlite:///{path}", folder)
    return path


@pytest.fixture(scope="session")
def pg_database(tmp_path_factory):
    """Migrate the PostgreSQL test database from empty to head once per run."""
    from app.config import normalise_database_url

    url = normalise_database_url(PG_URL)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    _upgrade(url, tmp_path_factory.mktemp("pg"))
    return url


def _truncate_pg(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(t.name for t in db.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def app(request, tmp_path):
    """Return an app on a fresh, migrated database."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("pg_database")
        _truncate_pg(url)
    app = create_app(_config(url, tmp_path))
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """Return a test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Return a CLI runner."""
    return app.test_cli_runner()


def csrf_from(html: str) -> str:
    """Return the CSRF token embedded in a page."""
    match = CSRF_PATTERN.search(html)
    assert match, "no csrf_token in page"
    return match.group(1) or match.group(2)


def page_views_of(business: Business) -> int:
    """Return the business's page views counted in the database, read afresh."""
    db.session.expire_all()
    rows = db.session.scalars(select(PageViewDaily).where(PageViewDaily.business_id == business.id))
    return sum(row.count for row in rows)


def selects_from_now() -> list[str]:
    """Collect the SELECT statements the app's engine runs from now on."""
    seen = []

    def note(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    return seen


def edit_form(business: Business, page: str, **fields) -> dict:
    """Return the business form as the edit page sends it back unchanged, plus ``fields``."""
    return {
        "csrf_token": csrf_from(page),
        "version": str(business.version),
        "name": business.name,
        "owner_name": business.owner_name,
        "trade": business.trade,
        "village": business.village,
        "status": "aktif",
        **fields,
    }


def set_photo(business: Business, photo: bytes, **changes) -> None:
    """Give a business's first product a new photo (and ``changes``) through the service; commit."""
    product = business.products[0]
    fields = {"name": product.name, "price_idr": product.price_idr, **changes}
    row = ProductInput(id=product.id, photo=io.BytesIO(photo), **fields)
    services.update_business(business, BusinessInput({}, [row]), None)
    commit()


@dataclass
class Auth:
    """Log a test client in and out through the real login form."""

    client: object

    def login(self, username: str, password: str = PASSWORD):
        page = self.client.get("/masuk")
        token = csrf_from(page.get_data(as_text=True))
        return self.client.post(
            "/masuk", data={"username": username, "password": password, "csrf_token": token}
        )

    def token(self, url: str = "/") -> str:
        return csrf_from(self.client.get(url).get_data(as_text=True))


@pytest.fixture
def auth(client):
    """Return the login helper."""
    return Auth(client)


@pytest.fixture
def world(app):
    """Create a program with two teams, a mentor in each and a coordinator."""
    program = Program(name="Program Uji")
    team_a = Team(program=program, name="Tim A")
    team_b = Team(program=program, name="Tim B")
    users = {}
    for username, role, teams in (
        ("mentor_a", "mentor", [team_a]),
        ("mentor_b", "mentor", [team_b]),
        ("koordinator", "coordinator", []),
    ):
        user = User(username=username, full_name=username.title(), role=role, teams=teams)
        user.program = program
        user.set_password(PASSWORD)
        users[username] = user
        db.session.add(user)
    db.session.commit()
    return {"program": program, "team_a": team_a, "team_b": team_b, **users}


@pytest.fixture
def make_business(world):
    """Return a factory creating a business (team A by default) with overrides."""

    def make(
        team=None, products=(("Keripik singkong", 8000),), consent=False, publish=False, **overrides
    ) -> Business:
        values = {
            "name": "Keripik Bu Sri",
            "owner_name": "Sri Wahyuni",
            "trade": "makanan_ringan",
            "village": "Tawang",
            "district": "Susukan",
            "regency": "Kabupaten Semarang",
            "whatsapp": "6281234567890",
            "tagline": "Renyah, gurih, tanpa pengawet",
            "opening_hours": "Setiap hari 08.00–17.00",
            "nik": "3322054107820001",
            "home_address": "Dusun Krajan RT 02 RW 03 No. 17",
            "capital_idr": 2500000,
            "annual_sales_idr": 36000000,
        }
        values.update(overrides)
        rows = [ProductInput(name=name, price_idr=price) for name, price in products]
        team = team or world["team_a"]
        business = services.create_business(
            team.id, BusinessInput(values, rows, publish_consent=consent or publish), None
        )
        if publish:
            services.publish(business)
        commit()  # a fixture is its own command: services flush, the caller commits
        return business

    return make
