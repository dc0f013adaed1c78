"""A live server on a migrated SQLite file and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE_VIEWPORT = {"width": 360, "height": 740}
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "browser"


@pytest.fixture(scope="session")
def browser():
    """Launch headless Chromium once per run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_server(tmp_path, sqlite_template):
    """Serve the app on a free loopback port with the demo program loaded."""
    path = tmp_path / "live.sqlite"
    shutil.copy(sqlite_template, path)
    app = create_app(
        {
            "SECRET_KEY": "browser-test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "GENERATED_DIR": str(tmp_path / "generated"),
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        from app.demo import load_demo

        load_demo(Path(app.root_path) / "demo.toml")
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = base
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=base, app=app)
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def phone(browser, request):
    """Return a new page in a 360 px wide Indonesian phone context, and a screenshot helper."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", device_scale_factor=1)
    page = context.new_page()
    folder = OUTPUT / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    counter = iter(range(1, 100))

    def shot(name: str, of=None) -> Path:
        target = folder / f"{next(counter):02d}-{name}.png"
        (of or page).screenshot(path=str(target), full_page=True)
        return target

    page.shot = shot
    yield page
    context.close()
