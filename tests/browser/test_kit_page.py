"""The kit page on a 360 px phone: short, the main downloads in view, the rest folded."""

import pytest

pytestmark = pytest.mark.browser

# 8,979 px before the galleries, logo styles, per-product files and captions were folded.
KIT_PAGE_MAX_PX = 4500


def test_kit_page_is_short_and_keeps_the_main_downloads_in_view(live_server, phone):
    page = phone
    page.goto(f"{live_server.url}/masuk")
    page.fill("#username", "pendamping1")
    page.fill("#password", "susukan-tim-satu")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.click("text=Toko Rumah Bu Sri")
    page.wait_for_load_state()
    page.click("text=Kit: logo, label, pamflet, QR")
    page.wait_for_load_state("networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    page.shot("kit-folded")
    print(f"kit page at 360 px: {height} px tall (before: 8,979 px; most {KIT_PAGE_MAX_PX})")
    assert height <= KIT_PAGE_MAX_PX, height
    for text in ("Unduh semua (ZIP)", "Unduh Logo", "Pamflet Instagram", "kartu-nama.pdf"):
        assert page.locator("a", has_text=text).first.is_visible(), text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # A fold opens on a tap and shows its thumbnails in a compact grid (4 across at 360 px).
    page.click("summary:has-text('Pilih desain pamflet')")
    thumbs = page.locator("#pamflet-square label.template")
    thumbs.first.scroll_into_view_if_needed()
    tops = {round(thumbs.nth(n).bounding_box()["y"]) for n in range(thumbs.count())}
    assert thumbs.count() == 4 and len(tops) == 1, tops
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.shot("kit-gallery-open")
