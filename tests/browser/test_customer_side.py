"""The customer's side in Chromium at 360 px: the basket, its script on the export, the family."""

from __future__ import annotations

import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.network import static_server, typical_business

pytestmark = pytest.mark.browser


def _catch_whatsapp(page) -> list[str]:
    """Answer wa.me locally and keep the URLs the page went to."""
    seen: list[str] = []

    def answer(route):
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/plain", body="WhatsApp")

    page.route("https://wa.me/**", answer)
    return seen


def _text(url: str) -> str:
    (text,) = parse_qs(urlsplit(url).query)["text"]
    return text


def _fill_basket(page) -> None:
    boxes = page.locator("input[type=number]")
    boxes.nth(0).fill("2")
    boxes.nth(2).fill("1")
    page.locator("input[value=antar]").check()
    page.locator("input[name=nama]").fill("Budi")
    page.locator("textarea[name=catatan]").fill("Jam 4 sore ya 🙏")


EXPECTED = (
    "Halo Keripik Tempe Bu Narti, saya mau pesan:\n"
    "- 2 × Keripik tempe 250 g (Rp12.000) = Rp24.000\n"
    "- 1 × Rempeyek kacang (Rp15.000) = Rp15.000\n"
    "Total: Rp39.000\nMinta diantar\nNama: Budi\nCatatan: Jam 4 sore ya 🙏"
)


def test_basket_on_the_live_page_at_360px(live_server, phone):
    slug = typical_business(live_server.app)
    seen = _catch_whatsapp(phone)
    phone.goto(f"{live_server.url}/b/{slug}/l")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.locator("script[src]").count() == 0  # the live page runs no script
    # "250 g" stays on one line even when the box ends right after "250" (a narrower phone).
    rects = phone.evaluate("""() => {
        const el = [...document.querySelectorAll('.p div div')]
            .find(d => d.textContent.startsWith('Keripik tempe 250'));
        const node = el.firstChild, at = node.textContent.indexOf('250');
        const range = document.createRange();
        range.setStart(node, 0); range.setEnd(node, at + 3);
        el.style.width = Math.ceil(range.getBoundingClientRect().width) + 2 + 'px';
        range.setStart(node, at); range.setEnd(node, at + 5);
        return range.getClientRects().length;
    }""")
    assert rects == 1
    _fill_basket(phone)
    phone.shot("basket-filled")
    phone.locator("button.wa").click()
    phone.wait_for_url("https://wa.me/**")
    assert _text(seen[-1]) == EXPECTED
    # An empty basket comes back with the message and what was typed.
    phone.goto(f"{live_server.url}/b/{slug}")
    phone.locator("input[name=nama]").fill("Budi")
    phone.locator("button.wa").click()
    assert "Isi jumlah minimal satu produk" in phone.locator(".err").inner_text()
    assert phone.locator("input[name=nama]").input_value() == "Budi"
    phone.shot("basket-empty-message")


def _order_taps(app, slug: str, want: int = 1) -> int:
    """Return the business's order taps once the beacon (sent in the background) has landed."""
    import time

    from sqlalchemy import select

    from app.extensions import db
    from app.models import Business
    from app.pageviews import flush_views, taps_by_source

    for _ in range(50):
        with app.app_context():
            flush_views()
            business = db.session.scalar(select(Business).where(Business.slug == slug))
            found = sum(taps_by_source(business.id)["pesan"].values())
            db.session.remove()
        if found >= want:
            return found
        time.sleep(0.1)
    return found


def test_export_script_writes_the_same_message(live_server, phone, tmp_path):
    slug = typical_business(live_server.app)
    with live_server.app.app_context():
        from app.public.export import export_site

        export_site(tmp_path / "site")
    server = static_server(tmp_path / "site")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        seen = _catch_whatsapp(phone)
        phone.goto(f"http://127.0.0.1:{server.server_port}/b/{slug}/")
        _fill_basket(phone)
        phone.locator("button.wa").click()
        phone.wait_for_url("https://wa.me/**")
        assert _text(seen[-1]) == EXPECTED
        assert seen[-1].startswith("https://wa.me/6281234567890?text=")
        # The basket's beacon reached the app (PUBLIC_BASE_URL) and counted one order tap.
        assert _order_taps(live_server.app, slug) == 1
    finally:
        server.shutdown()


def test_family_screen_at_360px(live_server, phone):
    slug = typical_business(live_server.app)
    with live_server.app.app_context():
        from sqlalchemy import select

        from app.extensions import db
        from app.models import Business
        from app.storefront.services import issue_family_link

        business = db.session.scalar(select(Business).where(Business.slug == slug))
        token = issue_family_link(business, None).token
        db.session.commit()
        db.session.remove()
    phone.goto(f"{live_server.url}/k/{token}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="Tutup hari ini").click()
    phone.locator("li", has_text="Rempeyek kacang").get_by_role("button", name="Habis").click()
    assert "TUTUP" in phone.locator(".state").inner_text()
    phone.shot("family-screen")
    phone.goto(f"{live_server.url}/b/{slug}")
    assert "Tutup hari ini" in phone.locator(".st").inner_text()
    assert phone.locator("input[type=number]").count() == 3  # the sold-out one has none
    phone.shot("public-closed-sold-out")


def test_english_page_at_360px_fits_and_still_orders_in_indonesian(live_server, phone):
    from app.clock import today
    from app.extensions import db
    from app.models import Business

    slug = typical_business(live_server.app)
    with live_server.app.app_context():  # closed today: the longest status line
        business = db.session.query(Business).filter_by(slug=slug).one()
        business.day_status, business.day_status_on = "closed", today()
        db.session.commit()
    seen = _catch_whatsapp(phone)
    for lang in ("id", "en"):
        phone.goto(f"{live_server.url}/b/{slug}/l?lang={lang}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, lang
        assert phone.locator("html").get_attribute("lang") == lang
        phone.shot(f"page-{lang}")
    assert phone.locator("button.wa").inner_text() == "Send the order on WhatsApp"
    assert "Open again tomorrow" in phone.locator(".st").inner_text()
    phone.locator("button.wa").click()  # empty: told in English, on the English page
    assert "at least one product" in phone.locator(".err").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.shot("basket-empty-en")
    _fill_basket(phone)
    phone.locator("button.wa").click()
    phone.wait_for_url("https://wa.me/**")
    assert _text(seen[-1]) == EXPECTED  # the family reads Indonesian
