"""A product photo through the outbox: chosen without a signal, downscaled in the page to at
most 1600 px, kept in IndexedDB, sent once on reconnecting and shown on the edit form."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from PIL import Image

from app.extensions import db
from app.models import Business
from tests.browser.test_field_flow import (
    login,
    offline_phone,
    phone_photo_file,
    wait_for_kept_pages,
)

pytestmark = pytest.mark.browser

FULL_IMAGE = re.compile(r"^[0-9a-f]{32}\.jpg$")
QUEUED_PHOTO = """() => new Promise(ok => {
    const r = indexedDB.open('kit-usaha', 1);
    r.onsuccess = () => {
        const q = r.result.transaction('outbox').objectStore('outbox').getAll();
        q.onsuccess = () => {
            const files = q.result.flatMap(i => i.fields.map(f => f[1]))
                .filter(v => v instanceof Blob);
            Promise.all(files.map(f => createImageBitmap(f).then(b =>
                [f.size, f.type, Math.max(b.width, b.height)]))).then(ok);
        };
    };
})"""


def stored_images(folder: Path) -> set[str]:
    """Return the names of the full-size images the server keeps."""
    if not folder.exists():
        return set()
    return {p.name for p in folder.iterdir() if FULL_IMAGE.match(p.name)}


def test_a_photo_chosen_offline_arrives_once_downscaled(live_server, browser, phone, tmp_path):
    photo = phone_photo_file(tmp_path, "IMG_20261201_101500.jpg", megabytes=5)
    with Image.open(photo) as original:
        print(f"chosen offline: {photo.stat().st_size / 1024 / 1024:.1f} MB, {original.size}")
        assert original.size == (4000, 3000)
    context, page = offline_phone(browser, phone)
    login(page, live_server.url)
    overview = live_server.url + page.locator("[data-warm] a").first.get_attribute("href")
    business_id = uuid.UUID(overview.rsplit("/", 1)[1])
    wait_for_kept_pages(page, overview)
    uploads = Path(live_server.app.config["UPLOAD_DIR"])
    before = stored_images(uploads)
    with live_server.app.app_context():
        product = db.session.get(Business, business_id).products[0]
        product_id, old_photo = product.id, product.photo

    context.set_offline(True)
    page.goto(f"{overview}/ubah")
    page.set_input_files("#products-0-photo", str(photo))
    page.wait_for_function(
        "() => document.querySelector('form.business-form').dataset.busy === '0'"
    )
    page.click("button[name=save]")
    page.wait_for_url(overview)
    queued = page.evaluate(QUEUED_PHOTO)
    print(f"kept in the outbox (bytes, type, longest edge): {queued}")
    assert len(queued) == 1
    size, kind, edge = queued[0]
    assert kind == "image/jpeg" and edge <= 1600 and size < photo.stat().st_size / 2
    assert stored_images(uploads) == before  # nothing reached the server yet

    context.set_offline(False)
    page.locator("#outbox", has_text="1 perubahan terkirim.").wait_for(timeout=30000)
    page.reload()
    page.wait_for_timeout(1000)  # a second look sends nothing more
    arrived = stored_images(uploads) - before
    assert len(arrived) == 1, arrived
    with live_server.app.app_context():
        business = db.session.get(Business, business_id)
        product = next(p for p in business.products if p.id == product_id)
        assert product.photo in arrived and product.photo != old_photo
        name = product.photo
        photos = sum(bool(p.photo) for p in business.products)
    with Image.open(uploads / name) as kept:
        print(f"arrived on the server: {kept.size}")
        assert max(kept.size) <= 1600
    page.goto(f"{overview}/ubah")
    figure = page.locator("figure.photo", has_text="Foto sekarang")
    assert figure.count() == photos
    assert figure.first.locator("img").evaluate("i => i.complete && i.naturalWidth > 0")
    assert name.removesuffix(".jpg") in figure.first.locator("img").get_attribute("src")
    phone.shot("photo-arrived-edit-form", of=page)
    context.close()
