"""The mentor's flow in the field, in Chromium at 360 px: nothing doubled, photos kept,
offline work sent exactly once, conflicts shown with both values, screens checked by axe."""

from __future__ import annotations

import io
import re
import time

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.extensions import db
from app.models import Business, StepProgress, Visit
from tests.browser.a11y import small_targets, violations
from tests.browser.conftest import PHONE_VIEWPORT

pytestmark = pytest.mark.browser

MENTOR = ("pendamping1", "susukan-tim-satu")
COORDINATOR = ("koordinator", "susukan-koordinator")


def login(page, url, who=MENTOR):
    page.goto(f"{url}/masuk")
    page.fill("#username", who[0])
    page.fill("#password", who[1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def count(app, model, **where):
    with app.app_context():
        stmt = select(func.count()).select_from(model)
        for name, value in where.items():
            stmt = stmt.where(getattr(model, name) == value)
        return db.session.scalar(stmt)


def fill_first_save(page, name="Peyek Kacang Bu Narti"):
    page.fill("#name", name)
    page.fill("#owner_name", "Sunarti")
    page.select_option("#trade", "makanan_ringan")
    page.fill("#village", "Timpik")
    page.fill("#whatsapp", "0812-3456-7890")
    page.fill("#products-0-name", "Peyek kacang 250 g")
    page.fill("#products-0-price", "12.000")


def test_back_and_resubmit_makes_one_business(live_server, phone):
    page = phone
    login(page, live_server.url)
    before = count(live_server.app, Business)
    page.goto(f"{live_server.url}/usaha/baru")
    fill_first_save(page)
    page.click("button[name=save]")
    page.wait_for_url("**/usaha/*-*")
    assert page.locator("text=Usaha Peyek Kacang Bu Narti tersimpan.").count() == 1
    page.go_back()
    page.wait_for_load_state()
    if page.input_value("#name") != "Peyek Kacang Bu Narti":  # the phone gave back an empty form
        fill_first_save(page)  # and the mentor types it again, the same
    page.shot("back-to-filled-form")
    page.click("button[name=save]")
    page.wait_for_url("**/usaha/*-*")
    assert page.locator("text=Sudah tersimpan sebelumnya; tidak disimpan dua kali.").count() == 1
    page.shot("already-saved")
    assert count(live_server.app, Business) == before + 1
    assert count(live_server.app, Business, name="Peyek Kacang Bu Narti") == 1


def phone_photo_file(tmp_path, name, megabytes=3.0):
    """Write a 4000 × 3000 JPEG of at least this many megabytes (a phone camera's photo)."""
    image = Image.effect_noise((4000, 3000), 40).convert("RGB")
    quality = 40
    while True:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        if out.tell() >= megabytes * 1024 * 1024 or quality >= 100:
            break
        quality += 5
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def test_three_phone_photos_save_and_a_refused_form_keeps_its_photo(live_server, phone, tmp_path):
    page = phone
    login(page, live_server.url)
    photos = [phone_photo_file(tmp_path, f"IMG_{i}.jpg") for i in range(3)]
    sizes = [round(p.stat().st_size / 1024 / 1024, 1) for p in photos]
    print(f"phone photos chosen: {sizes} MB")
    assert all(size >= 3 for size in sizes)
    page.goto(f"{live_server.url}/usaha/baru")
    fill_first_save(page, "Sambal Bu Yati")
    page.fill("#whatsapp", "024 7654321")  # a landline: refused
    page.set_input_files("#products-0-photo", str(photos[0]))
    page.click("summary:has-text('Tambah produk lain')")
    for i in (1, 2):
        page.fill(f"#products-{i}-name", f"Sambal {i}")
        page.set_input_files(f"#products-{i}-photo", str(photos[i]))
    page.wait_for_function(
        "() => document.querySelector('form.business-form').dataset.busy === '0'"
    )
    sent = page.evaluate(
        """() => Promise.all([0, 1, 2].map(i => {
            const file = document.getElementById(`products-${i}-photo`).files[0];
            return createImageBitmap(file).then(b => [file.size, Math.max(b.width, b.height)]);
        }))"""
    )
    print(f"sent after downscaling in the browser (bytes, longest edge): {sent}")
    assert all(edge <= 1600 and size < 3 * 1024 * 1024 for size, edge in sent)
    with page.expect_navigation():
        page.click("button[name=save]")
    assert page.locator(".error", has_text="Ini bukan nomor HP Indonesia").count() == 1
    assert page.locator("text=Foto tersimpan. Tidak perlu memilih lagi.").count() == 3
    assert page.evaluate(
        "Array.from(document.querySelectorAll('.photo img')).every(i => i.naturalWidth > 0)"
    )
    assert page.locator(".error-summary a[href='#whatsapp']").count() == 1
    page.shot("photos-kept-after-error")
    page.fill("#whatsapp", "0812-3456-7890")
    page.click("button[name=save]")
    page.wait_for_url("**/usaha/*-*")
    with live_server.app.app_context():
        business = db.session.scalar(select(Business).where(Business.name == "Sambal Bu Yati"))
        assert [bool(p.photo) for p in business.products] == [True, True, True]
        edit_url = f"/usaha/{business.id}/ubah"
    page.goto(live_server.url + edit_url)
    assert page.locator("text=Foto sekarang").count() == 3
    assert page.locator("text=Ganti foto").count() == 3
    page.shot("edit-shows-photos")


def wait_for_kept_pages(page, overview: str, timeout_s: float = 60) -> list[str]:
    """Wait until the phone keeps the business's overview, checklist and forms."""
    wanted = {overview, f"{overview}/langkah", f"{overview}/kunjungan/baru", f"{overview}/ubah"}
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        kept = page.evaluate(
            "() => caches.open('ku-pages-v1').then(c => c.keys()).then(k => k.map(r => r.url))"
        )
        if wanted <= set(kept):
            return kept
        time.sleep(0.5)
    raise AssertionError(f"kept only {kept}")


def offline_phone(browser, phone):
    """Return a fresh phone context (its own service worker and outbox) with phone's shots."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID")
    page = context.new_page()
    page.shot = lambda name, of=None: phone.shot(name, of=of or page)
    return context, page


def test_offline_visit_and_tick_are_sent_once_on_reconnect(live_server, browser, phone):
    context, page = offline_phone(browser, phone)
    login(page, live_server.url)
    link = page.locator("[data-warm] a").first
    overview = live_server.url + link.get_attribute("href")
    business_id = overview.rsplit("/", 1)[1]
    kept = wait_for_kept_pages(page, overview)
    print(f"pages kept on the phone after opening the list: {len(kept)}")
    visits = count(live_server.app, Visit)
    ticks = count(live_server.app, StepProgress)
    steps = []

    context.set_offline(True)
    steps.append("offline: open the business's visit form from the phone's copy")
    page.goto(f"{overview}/kunjungan/baru")
    assert page.locator(".offline-note").count() == 1
    page.check("input[name=aspects][value=pemasaran]")
    page.fill("#activities", "Memotret produk tanpa sinyal")
    page.click("button:has-text('Simpan kunjungan')")
    page.wait_for_url(overview)
    steps.append("offline: Simpan kunjungan -> kept in the outbox, back on the overview")
    page.locator("#outbox summary", has_text="1 perubahan belum terkirim").wait_for()
    page.goto(f"{overview}/langkah")
    first = page.locator("details.checklist[open] li.step > details[open] form.tick").first
    first.locator("input[name=note]").fill("Dicentang di dapur")
    first.locator("button:has-text('Centang selesai')").click()
    page.locator("text=Dicentang di ponsel, menunggu sinyal.").wait_for()
    steps.append("offline: Centang selesai -> kept in the outbox")
    page.locator("#outbox summary", has_text="2 perubahan belum terkirim").wait_for()
    page.locator("#outbox summary").click()
    page.shot("offline-outbox", of=page)
    assert count(live_server.app, Visit) == visits and count(live_server.app, StepProgress) == ticks

    context.set_offline(False)
    steps.append("online again: the outbox sends both, in order, each with its key")
    page.locator("#outbox", has_text="2 perubahan terkirim.").wait_for(timeout=20000)
    page.shot("sent-on-reconnect", of=page)
    assert count(live_server.app, Visit) == visits + 1
    assert count(live_server.app, StepProgress) == ticks + 1
    page.reload()  # a second look sends nothing more
    page.wait_for_timeout(1000)
    assert count(live_server.app, Visit) == visits + 1
    with live_server.app.app_context():
        visit = db.session.scalar(select(Visit).order_by(Visit.created_at.desc()))
        assert str(visit.business_id) == business_id
        assert visit.activities == "Memotret produk tanpa sinyal"
    print("\n".join(steps))
    context.close()


def test_an_offline_edit_meeting_a_newer_change_shows_both_values(live_server, browser, phone):
    context, page = offline_phone(browser, phone)
    login(page, live_server.url)
    overview = live_server.url + page.locator("[data-warm] a").first.get_attribute("href")
    business_id = overview.rsplit("/", 1)[1]
    wait_for_kept_pages(page, overview)
    context.set_offline(True)
    page.goto(f"{overview}/ubah")
    page.click("summary:has-text('Cerita usaha dan jam buka')")
    page.fill("#tagline", "Versi dari ponsel")
    page.click("button[name=save]")
    page.wait_for_url(overview)
    with live_server.app.app_context():  # meanwhile, someone with a signal changes it
        import uuid

        business = db.session.get(Business, uuid.UUID(business_id))
        business.tagline = "Versi dari kantor"
        db.session.commit()
    context.set_offline(False)
    page.locator("#outbox button", has_text="Pilih nilai").wait_for(timeout=20000)
    page.shot("conflict-in-outbox", of=page)
    page.click("#outbox button:has-text('Pilih nilai')")
    page.locator("h1", has_text="Pilih nilai yang benar").wait_for()
    assert page.locator("text=Versi dari ponsel").count() == 1
    assert page.locator("text=Versi dari kantor").count() == 1
    page.shot("conflict-both-values", of=page)
    page.check("input[name=tagline][value='Versi dari ponsel']")
    with page.expect_navigation(url=overview):  # sent through the outbox, then shown
        page.click("button:has-text('Simpan pilihan')")
    with live_server.app.app_context():
        assert db.session.get(Business, uuid.UUID(business_id)).tagline == "Versi dari ponsel"
    context.close()


def test_manifest_and_service_worker_keep_the_csp(live_server, phone):
    page = phone
    manifest = page.request.get(f"{live_server.url}/manifest.webmanifest").json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert sizes == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        data = page.request.get(live_server.url + icon["src"]).body()
        assert Image.open(io.BytesIO(data)).size == tuple(int(v) for v in icon["sizes"].split("x"))
    sw = page.request.get(f"{live_server.url}/sw.js")
    assert sw.headers["content-type"].startswith("text/javascript")
    assert "script-src 'self'" in sw.headers["content-security-policy"]
    login(page, live_server.url)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{live_server.url}/"
    public = page.context.browser.new_context(java_script_enabled=False).new_page()
    with live_server.app.app_context():
        slug = db.session.scalar(select(Business.slug).where(Business.published.is_(True)))
    html = public.request.get(f"{live_server.url}/b/{slug}").text()
    # The only script element a public page has is its JSON-LD data block (never run).
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script type="application/ld+json">']
    assert "serviceWorker" not in html and "manifest" not in html
    public.context.close()


MENTOR_SCREENS = [
    "/",
    "/usaha/baru",
    "{b}",
    "{b}/ubah",
    "{b}/langkah",
    "{b}/kunjungan/baru",
    "{b}/kunjungan",
    "{b}/kit",
    "/kata-sandi",
]
COORDINATOR_SCREENS = ["/program", "/program/langkah", "/akun", "/akun/baru", "{b}", "{b}/hapus"]


@pytest.mark.parametrize("who", ["mentor", "coordinator"])
def test_every_screen_passes_axe_and_has_thumb_sized_targets(live_server, browser, who):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", bypass_csp=True)
    page = context.new_page()
    login(page, live_server.url, MENTOR if who == "mentor" else COORDINATOR)
    business = page.locator("[data-warm] a").first.get_attribute("href")
    screens = MENTOR_SCREENS if who == "mentor" else COORDINATOR_SCREENS
    problems = {}
    for screen in screens:
        page.goto(live_server.url + screen.format(b=business))
        found = violations(page)
        small = small_targets(page)
        if found or small:
            problems[screen] = {"axe": found, "small": small}
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), screen
    if who == "mentor":  # an error state too: the summary and the fields marked
        page.goto(live_server.url + "/usaha/baru")
        page.click("button[name=save]")
        page.wait_for_load_state()
        found = violations(page)
        if found:
            problems["/usaha/baru (errors)"] = {"axe": found}
    print(f"{who}: {len(screens) + (who == 'mentor')} screens checked with axe-core")
    for screen, found in problems.items():
        print(screen, found)
    assert not problems, problems
    context.close()


def test_dashboard_reads_at_360_and_uses_1280(live_server, browser):
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
        page = context.new_page()
        login(page, live_server.url, COORDINATOR)
        page.goto(f"{live_server.url}/program")
        cells = page.evaluate(
            "Array.from(document.querySelectorAll('.groups td:first-child')).map("
            "td => [td.textContent.trim(), td.getBoundingClientRect().width])"
        )
        assert cells and all(w >= 100 for _text, w in cells), cells  # never a letter per line
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        main = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
        if width == 1280:
            assert main > 1000, main
        height = page.evaluate("document.documentElement.scrollHeight")
        print(f"dashboard at {width} px: {height} px tall, main {main:.0f} px wide")
        page.screenshot(path=str(_out(f"dashboard-{width}.png")), full_page=True)
        context.close()


def _out(name):
    from tests.browser.conftest import OUTPUT

    folder = OUTPUT / "dashboard"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
