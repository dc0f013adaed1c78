"""A customer's cheap phone on slow 3G: the public page and its static export, in Chromium."""

from __future__ import annotations

import threading

import pytest

from tests.browser.network import (
    BUDGET_BYTES,
    measure,
    noise_jpeg,
    static_server,
    typical_business,
    within_budget,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def static_site(live_server, tmp_path):
    """Export the site and serve it with a plain static file server."""
    slug = typical_business(live_server.app)
    with live_server.app.app_context():
        from app.public.export import export_site

        export_site(tmp_path / "site")
    server = static_server(tmp_path / "site")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", slug, tmp_path / "site"
    server.shutdown()


def test_public_page_meets_the_slow_3g_budget(live_server, browser):
    slug = typical_business(live_server.app)
    result = measure(browser, f"{live_server.url}/b/{slug}")
    print(f"live page on slow 3G: {result}")
    assert result["images_ok"] and result["requests"] >= 3  # page, logo, photos
    assert within_budget(result), result


def test_static_export_opens_and_meets_the_budget(static_site, browser, phone):
    base, slug, _ = static_site
    for path in (f"/b/{slug}/", f"/b/{slug}/l/"):
        result = measure(browser, base + path)
        print(f"static page {path} on slow 3G: {result}")
        assert result["images_ok"] and within_budget(result), result
    phone.goto(f"{base}/b/{slug}/")
    assert phone.locator("h1").inner_text() == "Keripik Tempe Bu Narti"
    assert phone.locator("a.o").count() == 4
    assert phone.locator("a.wa").get_attribute("href").startswith("https://wa.me/6281234567890")
    phone.shot("static-export")


def test_budget_check_fails_a_page_20_percent_over(static_site, browser):
    base, slug, folder = static_site
    page = folder / "b" / slug / "index.html"
    weight = measure(browser, f"{base}/b/{slug}/")["bytes"]
    # Pad the page with a noisy (incompressible) photo so that it weighs 20 % over budget.
    padding = int(BUDGET_BYTES * 1.2 - weight)
    side = 64
    while len(data := noise_jpeg(side)) < padding:
        side += 8
    (folder / "b" / slug / "berat.jpg").write_bytes(data)
    img = '<img src="berat.jpg" alt="" width="64" height="64">'
    page.write_text(page.read_text().replace("</main>", img + "</main>"))
    heavy = measure(browser, f"{base}/b/{slug}/")
    assert heavy["bytes"] >= BUDGET_BYTES * 1.2 * 0.98
    assert not within_budget(heavy)
