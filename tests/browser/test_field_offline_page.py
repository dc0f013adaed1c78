"""The service worker's page for a screen never kept: what can be done without a signal,
links to the kept screens, in the mentor's language; a plain bilingual page as last resort."""

from __future__ import annotations

import time

import pytest

from tests.browser.a11y import small_targets, violations
from tests.browser.conftest import PHONE_VIEWPORT
from tests.browser.test_field_flow import login, wait_for_kept_pages

pytestmark = pytest.mark.browser

KEPT_OFFLINE = "() => caches.match('/offline').then(r => r ? r.text() : '')"


def wait_for_offline_page(page, wanted: str, timeout_s: float = 30) -> None:
    """Wait until the phone keeps the offline page with this text."""
    deadline = time.monotonic() + timeout_s
    while wanted not in page.evaluate(KEPT_OFFLINE):
        assert time.monotonic() < deadline, "offline page not kept"
        time.sleep(0.3)


def test_a_page_never_kept_shows_what_works_offline(live_server, browser, phone):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", bypass_csp=True)
    page = context.new_page()
    login(page, live_server.url)
    links = page.locator("[data-warm] a")
    names = sorted(
        links.nth(i).locator("h2, h3, strong").first.inner_text().strip()
        for i in range(links.count())
    )
    hrefs = [live_server.url + links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        wait_for_kept_pages(page, href)
    overview = hrefs[0]
    wait_for_offline_page(page, "Yang tetap bisa dikerjakan")

    context.set_offline(True)
    response = page.goto(f"{overview}/kunjungan")  # the visit history: never kept
    assert response.status == 503
    assert page.locator("h1").inner_text() == "Tanpa sinyal"
    assert page.locator("h2", has_text="Yang tetap bisa dikerjakan tanpa sinyal").count() == 1
    assert page.locator("li", has_text="Mencatat kunjungan.").count() == 1
    page.locator("[data-kept-pages] .kept-business").first.wait_for()
    kept = page.locator("[data-kept-pages] .kept-business > a:first-child").all_inner_texts()
    assert sorted(kept) == names, (kept, names)
    assert page.locator("[data-kept-pages] a[href='/']").count() == 1
    assert violations(page) == [] and small_targets(page) == []
    phone.shot("offline-page", of=page)
    first = page.locator("[data-kept-pages] .kept-business").first
    first.locator("a", has_text="Langkah usaha").click()  # a kept screen opens, offline
    page.locator("h1", has_text="Langkah usaha").wait_for()
    assert page.url.endswith("/langkah")

    context.set_offline(False)  # in English: the page is kept again in the new language
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.click("footer button:has-text('English')")
    wait_for_offline_page(page, "What still works without a signal")
    context.set_offline(True)
    page.goto(f"{overview}/kunjungan")
    assert page.locator("h1").inner_text() == "No signal"
    phone.shot("offline-page-en", of=page)

    page.evaluate(
        "caches.keys().then(n => Promise.all(n.map(c => caches.open(c)"
        ".then(x => x.delete('/offline')))))"
    )
    page.goto(f"{overview}/kunjungan")  # the last resort: plain, Indonesian first
    assert page.locator("h1").inner_text() == "Tanpa sinyal"
    assert page.locator("a[href='/']", has_text="Daftar usaha").count() == 1
    assert page.locator("[lang=en]", has_text="No signal").count() == 1
    phone.shot("offline-last-resort", of=page)
    context.close()
