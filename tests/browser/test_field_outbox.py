"""The outbox loses nothing: a refused or conflicting change stays on the phone, with its
values, until the mentor saves it (sent once) or discards it after a confirmation."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Business
from tests.browser.a11y import violations
from tests.browser.test_field_flow import (
    count,
    fill_first_save,
    login,
    offline_phone,
    wait_for_kept_pages,
)

pytestmark = pytest.mark.browser

OUTBOX = "() => new Promise(ok => { const r = indexedDB.open('kit-usaha', 1); r.onsuccess = () => {"
OUTBOX += " const q = r.result.transaction('outbox').objectStore('outbox').getAll();"
OUTBOX += " q.onsuccess = () => ok(q.result.map(i => ({status: i.status,"
OUTBOX += " fields: Object.fromEntries(i.fields.filter(f => typeof f[1] === 'string'))}))); }; })"


def updates(app, business_id: str) -> int:
    """Count the 'updated' audit events of a business: one per save that reached the server."""
    with app.app_context():
        stmt = select(func.count()).select_from(AuditEvent)
        stmt = stmt.where(AuditEvent.business_id == uuid.UUID(business_id))
        return db.session.scalar(stmt.where(AuditEvent.action == "updated"))


def make_conflict(page, context, app, overview: str, mine: str, theirs: str) -> None:
    """Edit the tagline offline, let someone change it on the server, reconnect."""
    context.set_offline(True)
    page.goto(f"{overview}/ubah")
    page.click("summary:has-text('Cerita usaha dan jam buka')")
    page.fill("#tagline", mine)
    page.click("button[name=save]")
    page.wait_for_url(overview)
    with app.app_context():
        business = db.session.get(Business, uuid.UUID(overview.rsplit("/", 1)[1]))
        business.tagline = theirs
        db.session.commit()
    context.set_offline(False)
    page.locator("#outbox li[data-status=conflict]").wait_for(timeout=20000)


def test_a_conflict_stays_until_saved_or_discarded(live_server, browser, phone):
    context, page = offline_phone(browser, phone)
    login(page, live_server.url)
    overview = live_server.url + page.locator("[data-warm] a").first.get_attribute("href")
    business_id = overview.rsplit("/", 1)[1]
    wait_for_kept_pages(page, overview)

    make_conflict(page, context, live_server.app, overview, "Versi ponsel satu", "Kantor satu")
    item = page.locator("#outbox li[data-status=conflict]")
    assert "perlu dicek" in item.inner_text() and "Diubah orang lain" in item.inner_text()
    page.click("#outbox button:has-text('Pilih nilai')")
    page.locator("h1", has_text="Pilih nilai yang benar").wait_for()
    assert page.locator("#outbox-item", has_text="belum terkirim").count() == 1
    page.shot("conflict-opened-kept")

    context.set_offline(True)  # the mentor leaves without saving, still without a signal
    page.goto(f"{live_server.url}/")
    page.locator("#outbox li[data-status=conflict]").wait_for()
    page.locator("#outbox summary", has_text="1 perubahan belum terkirim").wait_for()
    page.shot("outbox-conflict-kept-after-leaving")
    kept = page.evaluate(OUTBOX)
    assert [(i["status"], i["fields"]["tagline"]) for i in kept] == [
        ("conflict", "Versi ponsel satu")
    ]
    context.set_offline(False)

    page.click("#outbox button:has-text('Pilih nilai')")  # opened again: the values are there
    assert page.locator("text=Versi ponsel satu").count() == 1
    assert page.locator("text=Kantor satu").count() == 1
    page.click("button:has-text('Buang perubahan ini')")
    page.locator("text=Isian yang belum terkirim hilang dari ponsel").wait_for()
    page.click("button:has-text('Jangan buang')")  # changed its mind: nothing lost
    assert len(page.evaluate(OUTBOX)) == 1
    page.click("button:has-text('Buang perubahan ini')")
    with page.expect_navigation():
        page.click("button:has-text('Ya, buang')")
    page.locator("text=Perubahan dibuang.").wait_for()
    assert page.evaluate(OUTBOX) == []
    assert page.locator("#outbox li").count() == 0
    with live_server.app.app_context():
        assert db.session.get(Business, uuid.UUID(business_id)).tagline == "Kantor satu"

    make_conflict(page, context, live_server.app, overview, "Versi ponsel dua", "Kantor dua")
    before = updates(live_server.app, business_id)
    page.click("#outbox button:has-text('Pilih nilai')")
    page.check("input[name=tagline][value='Versi ponsel dua']")
    with page.expect_navigation(url=overview):
        page.locator("button:has-text('Simpan pilihan')").dblclick()  # a double tap
    page.reload()
    page.wait_for_timeout(1000)
    assert page.evaluate(OUTBOX) == []
    assert updates(live_server.app, business_id) == before + 1
    with live_server.app.app_context():
        assert db.session.get(Business, uuid.UUID(business_id)).tagline == "Versi ponsel dua"
    context.close()


def test_the_opened_conflict_passes_axe(live_server, browser, phone):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", bypass_csp=True
    )
    page = context.new_page()
    page.shot = lambda name, of=None: phone.shot(name, of=of or page)
    login(page, live_server.url)
    overview = live_server.url + page.locator("[data-warm] a").first.get_attribute("href")
    wait_for_kept_pages(page, overview)
    make_conflict(page, context, live_server.app, overview, "Dari ponsel", "Dari kantor")
    assert violations(page) == []
    page.click("#outbox button:has-text('Pilih nilai')")
    page.click("button:has-text('Buang perubahan ini')")
    page.shot("conflict-discard-confirm")
    assert violations(page) == []
    context.close()


def test_a_refused_new_business_is_fixed_from_the_outbox_and_saved_once(
    live_server, browser, phone
):
    context, page = offline_phone(browser, phone)
    login(page, live_server.url)
    overview = live_server.url + page.locator("[data-warm] a").first.get_attribute("href")
    wait_for_kept_pages(page, overview)
    before = count(live_server.app, Business)
    context.set_offline(True)
    page.goto(f"{live_server.url}/usaha/baru")
    fill_first_save(page, "Jamu Gendong Bu Sum")
    page.fill("#whatsapp", "024 7654321")  # a landline: the server will refuse it
    page.click("button[name=save]")
    page.wait_for_url(f"{live_server.url}/")
    context.set_offline(False)
    item = page.locator("#outbox li[data-status=invalid]")
    item.wait_for(timeout=20000)
    assert "Ada isian yang ditolak" in item.inner_text()
    page.goto(f"{live_server.url}/")  # leaving and coming back: still there
    page.click("#outbox button:has-text('Perbaiki')")
    assert page.locator(".error", has_text="Ini bukan nomor HP Indonesia").count() == 1
    assert page.input_value("#name") == "Jamu Gendong Bu Sum"
    page.shot("refused-new-business-opened")
    page.fill("#whatsapp", "0812-3456-7890")
    with page.expect_navigation(url="**/usaha/*-*"):
        page.click("button[name=save]")
    page.locator("#outbox", has_text="Usaha Jamu Gendong Bu Sum tersimpan.").wait_for()
    assert page.evaluate(OUTBOX) == []
    assert count(live_server.app, Business) == before + 1
    assert count(live_server.app, Business, name="Jamu Gendong Bu Sum") == 1
    context.close()
