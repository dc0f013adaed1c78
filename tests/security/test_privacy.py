"""Privacy: NIK encrypted and masked, reveals logged, export, deletion, audit, no public leak."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import select, text

from app.extensions import db
from app.mentor import services
from app.models import AuditEvent, Business, Product, StepProgress
from app.transaction import commit
from tests.conftest import Auth, edit_form, set_photo
from tests.security.conftest import jpeg_bytes

NIK = "3322054107820001"
PRIVATE = {
    "nik": NIK,
    "home_address": "Dusun Rahasiawati RT 07 RW 09",
    "capital_idr": 7_654_321,
    "annual_sales_idr": 98_765_432,
    "owner_name": "Sulastri Wiryaningsih",
}


def _private_strings() -> list[str]:
    """Every way a private value could be written on a page, in a file or a link."""
    found = [
        NIK,
        "3322 0541 0782 0001",
        PRIVATE["home_address"],
        "Rahasiawati",
        PRIVATE["owner_name"],
        "Wiryaningsih",
    ]
    for amount in (PRIVATE["capital_idr"], PRIVATE["annual_sales_idr"]):
        found += [str(amount), f"{amount:,}".replace(",", "."), f"{amount:,}"]
    return found


def _raw_nik(business_id) -> str:
    return db.session.execute(
        text("SELECT nik FROM businesses WHERE id = :id"),
        {"id": business_id.hex if db.engine.dialect.name == "sqlite" else business_id},
    ).scalar_one()


# --- NIK at rest and on screen ----------------------------------------------------------------


def test_nik_is_encrypted_at_rest_and_read_back_plain(make_business):
    business = make_business()
    raw = _raw_nik(business.id)
    assert raw.startswith("v1:") and NIK not in raw
    assert raw != _raw_nik(make_business(name="Lain").id)  # random nonce: equal NIKs differ
    db.session.expire_all()
    assert db.session.get(Business, business.id).nik == NIK


def test_a_wrong_key_reads_as_none_and_never_overwrites(app, make_business):
    business = make_business()
    raw = _raw_nik(business.id)
    app.config["NIK_KEY"] = "kunci-yang-salah"
    db.session.expire_all()
    reloaded = db.session.get(Business, business.id)
    assert reloaded.nik is None
    reloaded.tagline = "Diubah dengan kunci salah"
    db.session.commit()
    assert _raw_nik(business.id) == raw  # the ciphertext survived the edit


def test_nik_is_masked_on_the_overview_and_absent_from_the_edit_form(client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    overview = client.get(f"/usaha/{business.id}").get_data(as_text=True)
    assert "3322********0001" in overview and NIK not in overview
    form = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    assert NIK not in form and 'placeholder="3322********0001"' in form


def test_saving_the_form_with_a_blank_nik_keeps_the_stored_one(client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    data = edit_form(business, page, nik="", tagline="Baru")
    assert client.post(f"/usaha/{business.id}/ubah", data=data).status_code == 302
    db.session.expire_all()
    assert business.tagline == "Baru" and business.nik == NIK


def test_revealing_the_nik_is_a_logged_post(client, auth, make_business, world):
    business = make_business()
    auth.login("mentor_a")
    assert client.get(f"/usaha/{business.id}/nik").status_code == 405
    token = auth.token(f"/usaha/{business.id}")
    response = client.post(
        f"/usaha/{business.id}/nik", data={"csrf_token": token}, follow_redirects=True
    )
    assert NIK in response.get_data(as_text=True)
    assert NIK not in client.get(f"/usaha/{business.id}").get_data(as_text=True)  # once only
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "nik_revealed"))
    assert event.business_id == business.id and event.user_id == world["mentor_a"].id
    with client.session_transaction() as session:
        assert NIK not in json.dumps(dict(session), default=str)


# --- consent ----------------------------------------------------------------------------------


def test_withdrawing_consent_unpublishes(client, make_business):
    business = make_business(publish=True)
    assert client.get(f"/b/{business.slug}").status_code == 200
    services.set_consent(business, False, None)
    commit()  # services flush; the caller (here the test) commits
    assert business.published is False
    assert client.get(f"/b/{business.slug}").status_code == 404
    with pytest.raises(services.NotAllowed):
        services.publish(business)


# --- audit trail ------------------------------------------------------------------------------


def test_every_change_is_audited_with_private_values_hidden(
    app, client, auth, make_business, world
):
    business = make_business()
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    data = {
        **edit_form(business, page),
        "tagline": "Gurih sekali",
        "nik": "3322054107820002",
        "capital_idr": "Rp 3.000.000",
        "products-0-id": str(business.products[0].id),
        "products-0-name": "Keripik pedas",
        "products-0-price": "9000",
    }
    assert client.post(f"/usaha/{business.id}/ubah", data=data).status_code == 302
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.business_id == business.id).order_by(AuditEvent.at)
    ).all()
    assert [e.action for e in events] == ["created", "updated"]
    changes = events[-1].changes
    assert events[-1].user_id == world["mentor_a"].id
    assert changes["tagline"] == ["Renyah, gurih, tanpa pengawet", "Gurih sekali"]
    assert changes["nik"] == ["[diubah]", "[diubah]"]
    assert changes["capital_idr"] == ["[diubah]", "[diubah]"]
    assert changes["produk:Keripik pedas.price_idr"] == [8000, 9000]
    dumped = json.dumps([e.changes for e in events])
    for secret in ("3322054107820002", NIK, "3000000", "2500000", "Dusun Krajan", "Sri Wahyuni"):
        assert secret not in dumped
    # Coordinators see the trail on the overview; mentors do not.
    assert "Riwayat perubahan" not in client.get(f"/usaha/{business.id}").get_data(as_text=True)
    coordinator = app.test_client()
    Auth(coordinator).login("koordinator")
    html = coordinator.get(f"/usaha/{business.id}").get_data(as_text=True)
    assert "Riwayat perubahan" in html and "Gurih sekali" in html and "[diubah]" in html


# --- export and deletion ----------------------------------------------------------------------


def _with_photo_and_progress(make_business, world):
    business = make_business()
    set_photo(business, jpeg_bytes(), name="Keripik", price_idr=8000)
    db.session.add(
        StepProgress(
            business_id=business.id,
            checklist_id="nib",
            step_id="daftar",
            done_by_id=world["mentor_a"].id,
        )
    )
    db.session.commit()
    from app.clock import today
    from app.program.services import VisitInput, create_visit

    create_visit(
        business, VisitInput(today(), "Kunjungan pertama", capital_idr=2_000_000), world["mentor_a"]
    )
    db.session.commit()
    return business


def test_coordinator_exports_a_familys_data_as_json(client, auth, make_business, world):
    business = _with_photo_and_progress(make_business, world)
    auth.login("koordinator")
    token = auth.token(f"/usaha/{business.id}")
    response = client.post(f"/usaha/{business.id}/ekspor", data={"csrf_token": token})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    data = json.loads(response.data)
    assert data["business"]["nik"] == NIK and data["business"]["home_address"]
    assert data["products"][0]["name"] == "Keripik"
    assert data["related"]["step_progress"][0]["step_id"] == "daftar"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "exported"))


def test_coordinator_deletes_a_familys_data_after_confirming(
    app, client, auth, make_business, world
):
    business = _with_photo_and_progress(make_business, world)
    keep = make_business(name="Usaha Lain")
    business_id, slug = business.id, business.slug
    photo = business.products[0].photo
    uploads = Path(app.config["UPLOAD_DIR"])
    assert (uploads / photo).exists()
    auth.login("koordinator")
    token = auth.token(f"/usaha/{business_id}/hapus")
    wrong = client.post(
        f"/usaha/{business_id}/hapus", data={"csrf_token": token, "confirm_name": "Keripik"}
    )
    assert wrong.status_code == 200 and "tidak sama" in wrong.get_data(as_text=True)
    assert db.session.get(Business, business_id) is not None
    response = client.post(
        f"/usaha/{business_id}/hapus", data={"csrf_token": token, "confirm_name": "keripik bu sri"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Business, business_id) is None
    assert db.session.scalars(select(Product).where(Product.business_id == business_id)).all() == []
    assert (
        db.session.scalars(
            select(StepProgress).where(StepProgress.business_id == business_id)
        ).all()
        == []
    )
    assert not (uploads / photo).exists()
    for table in ("visits", "page_views_daily"):
        if table in db.metadata.tables:
            rows = db.session.execute(
                select(db.metadata.tables[table]).where(
                    db.metadata.tables[table].c.business_id == business_id
                )
            ).all()
            assert rows == [], table
    assert client.get(f"/b/{slug}").status_code == 404
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.business_id == business_id)
    ).all()
    assert [(e.action, e.changes) for e in events] == [("deleted", {})]
    assert events[0].user_id == world["koordinator"].id
    assert db.session.get(Business, keep.id) is not None


def test_a_mentor_cannot_export_or_delete(client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    token = auth.token(f"/usaha/{business.id}")
    assert (
        client.post(f"/usaha/{business.id}/ekspor", data={"csrf_token": token}).status_code == 403
    )
    response = client.post(
        f"/usaha/{business.id}/hapus", data={"csrf_token": token, "confirm_name": business.name}
    )
    assert response.status_code == 403
    assert db.session.get(Business, business.id) is not None


# --- nothing private in any public artefact ---------------------------------------------------


@pytest.fixture
def private_business(make_business):
    """A published business full of private data, whose public text mentions none of it."""
    return make_business(
        name="Sambal Mbok Darmi",
        tagline="Pedasnya pas",
        publish=True,
        description="Sambal bawang buatan sendiri, dibuat setiap pagi.",
        products=(("Sambal bawang", 12000), ("Sambal terasi", 15000)),
        **PRIVATE,
    )


def _assert_clean(where: str, content: str) -> None:
    for secret in _private_strings():
        assert secret not in content, f"{secret!r} leaked into {where}"


def test_no_private_value_on_the_public_page_or_its_tags(client, private_business):
    slug = private_business.slug
    for path in (f"/b/{slug}", *(f"/b/{slug}/{code}" for code in "lpsw")):
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        html = unquote(response.get_data(as_text=True))
        _assert_clean(path, html)
        _assert_clean(f"{path} headers", str(response.headers))
        tags = re.findall(r"<meta [^>]+>", html)
        assert any('property="og:title"' in tag for tag in tags)
        _assert_clean(f"{path} OG tags", " ".join(tags))
        for link in re.findall(r'(?:href|src)="([^"]+)"', html):
            _assert_clean(f"link {link}", unquote(link))


def test_no_private_value_in_businesses_list_json(runner, private_business):
    result = runner.invoke(args=["businesses", "list", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows[0]["business_name"] == "Sambal Mbok Darmi"
    _assert_clean("businesses list --json", result.output)


def test_no_private_value_in_the_kit(app, private_business):
    services_kit = pytest.importorskip("app.kitfiles")
    from app.render.spec import BusinessSpec

    files = services_kit.build_kit(private_business)
    for name, kit_file in files.items():
        _assert_clean(f"kit file name {name}", name)
        _assert_clean(f"kit file {name}", kit_file.read().decode("latin-1"))
    # What the images are drawn from: the spec (text inputs and the QR payload).
    options = services_kit.KitOptions()
    spec = services_kit.business_spec(private_business, options)
    assert isinstance(spec, BusinessSpec)
    _assert_clean("business spec (image text and QR payload)", repr(spec))
    label = services_kit.label_spec(private_business, options, spec)
    _assert_clean("label spec", repr(label))
    # What a phone reads from the printed QR codes.
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    for name in ("qr.png", "label.png", "pamphlet-square.png"):
        image = Image.open(io.BytesIO(files[name].read())).convert("RGB")
        payloads = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
        assert payloads, f"no QR decoded in {name}"
        for payload in payloads:
            _assert_clean(f"QR payload in {name}", unquote(payload))
            assert private_business.slug in payload
