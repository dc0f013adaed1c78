"""The mentor's business form: create, edit, bad input kept, conflicts refused."""

import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import Business
from tests.conftest import csrf_from


def _form_data(token, **overrides):
    data = {
        "csrf_token": token,
        "name": "Kue Basah Bu Ani",
        "owner_name": "Ani Rahayu",
        "trade": "kue",
        "village": "Gentan",
        "district": "Susukan",
        "regency": "Kabupaten Semarang",
        "whatsapp": "0812-2222-3333",
        "tagline": "Kue basah segar tiap pagi",
        "capital_idr": "Rp 1.500.000",
        "annual_sales_idr": "Rp 24.000.000",
        "nik": "3322054107820001",
        "status": "aktif",
        "products-0-name": "Nagasari",
        "products-0-price": "Rp 2.000",
        "products-0-unit": "per buah",
        "products-1-name": "Lemper",
        "products-1-price": "2500",
        "products-2-name": "",
        "products-2-price": "",
    }
    data.update(overrides)
    return data


def test_mentor_creates_a_business_with_products(client, auth, world):
    auth.login("mentor_a")
    token = auth.token("/usaha/baru")
    response = client.post("/usaha/baru", data=_form_data(token))
    assert response.status_code == 302
    business = db.session.scalar(select(Business).where(Business.name == "Kue Basah Bu Ani"))
    assert business.team_id == world["team_a"].id
    assert business.whatsapp == "6281222223333"
    assert business.capital_idr == 1_500_000
    assert business.slug == "kue-basah-bu-ani"
    assert [(p.name, p.price_idr, p.unit) for p in business.products] == [
        ("Nagasari", 2000, "per buah"),
        ("Lemper", 2500, ""),
    ]
    assert response.headers["Location"].endswith(f"/usaha/{business.id}")


def test_wrong_phone_shows_indonesian_error_and_keeps_what_was_typed(client, auth, world):
    auth.login("mentor_a")
    token = auth.token("/usaha/baru")
    response = client.post("/usaha/baru", data=_form_data(token, whatsapp="024 7654321"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ini bukan nomor HP Indonesia" in html
    assert 'value="Kue Basah Bu Ani"' in html
    assert 'value="024 7654321"' in html
    assert 'value="Nagasari"' in html and 'value="Rp 2.000"' in html
    assert db.session.scalar(select(Business)) is None


def test_several_bad_fields_each_get_their_message(client, auth, world):
    auth.login("mentor_a")
    token = auth.token("/usaha/baru")
    data = _form_data(
        token,
        nik="1234",
        shopee_url="javascript:alert(1)",
        capital_idr="banyak",
        status="berhenti",
        status_reason="",
    )
    html = client.post("/usaha/baru", data=data).get_data(as_text=True)
    assert "NIK harus 16 angka." in html
    assert "Tautan ini tidak aman dan ditolak." in html
    assert "Tulis jumlah rupiah dengan angka" in html
    assert "Tulis alasan usaha berhenti." in html
    assert db.session.scalar(select(Business)) is None


def test_edit_updates_products_and_removes_one(client, auth, make_business):
    business = make_business(products=(("Keripik singkong", 8000), ("Keripik pisang", 9000)))
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    first, second = business.products
    data = _form_data(
        csrf_from(page),
        version=str(business.version),
        name="Keripik Bu Sri",
        **{
            "products-0-id": str(first.id),
            "products-0-name": "Keripik singkong balado",
            "products-0-price": "10.000",
            "products-1-id": str(second.id),
            "products-1-name": "Keripik pisang",
            "products-1-price": "9000",
            "products-1-remove": "y",
        },
    )
    response = client.post(f"/usaha/{business.id}/ubah", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert [(p.name, p.price_idr) for p in business.products] == [
        ("Keripik singkong balado", 10000)
    ]
    assert business.slug == "keripik-bu-sri"  # the slug is stable across edits


def test_stale_form_is_refused_and_the_other_change_kept(client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    stale_version = business.version
    business.tagline = "Diubah oleh pendamping lain"
    db.session.commit()
    data = _form_data(csrf_from(page), version=str(stale_version), tagline="Versi saya")
    response = client.post(f"/usaha/{business.id}/ubah", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "baru saja diubah orang lain" in html
    assert 'value="Versi saya"' in html and 'value="Diubah oleh pendamping lain"' in html
    db.session.expire_all()
    assert business.tagline == "Diubah oleh pendamping lain"


def test_publish_requires_recorded_consent(client, auth, make_business, world):
    business = make_business(consent=False)
    auth.login("mentor_a")
    token = auth.token(f"/usaha/{business.id}")
    response = client.post(
        f"/usaha/{business.id}/terbitkan", data={"csrf_token": token}, follow_redirects=True
    )
    assert "Belum ada persetujuan keluarga" in response.get_data(as_text=True)
    db.session.expire_all()
    assert business.published is False
    assert client.get(f"/b/{business.slug}").status_code == 404


def test_consent_is_recorded_with_who_and_when_then_publish_and_withdraw(
    client, auth, make_business, world
):
    business = make_business()
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    data = _form_data(
        csrf_from(page), version=str(business.version), name=business.name, publish_consent="y"
    )
    assert client.post(f"/usaha/{business.id}/ubah", data=data).status_code == 302
    db.session.expire_all()
    assert business.publish_consent is True
    assert business.consent_recorded_by_id == world["mentor_a"].id
    assert business.consent_recorded_at is not None
    token = auth.token(f"/usaha/{business.id}")
    client.post(f"/usaha/{business.id}/terbitkan", data={"csrf_token": token})
    assert client.get(f"/b/{business.slug}").status_code == 200
    # Withdrawing consent unpublishes at once.
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    db.session.expire_all()
    data = _form_data(csrf_from(page), version=str(business.version), name=business.name)
    assert client.post(f"/usaha/{business.id}/ubah", data=data).status_code == 302
    db.session.expire_all()
    assert business.publish_consent is False and business.published is False
    assert client.get(f"/b/{business.slug}").status_code == 404


def test_list_searches_by_name_and_desa(client, auth, make_business):
    make_business(name="Bakso Mas Bejo", village="Koripan")
    make_business(name="Tampir Bu Painah", village="Gentan")
    auth.login("mentor_a")
    by_village = client.get("/?q=koripan").get_data(as_text=True)
    assert "Bakso Mas Bejo" in by_village and "Tampir Bu Painah" not in by_village
    by_name = client.get("/?q=TAMPIR").get_data(as_text=True)
    assert "Tampir Bu Painah" in by_name and "Bakso Mas Bejo" not in by_name


def test_search_of_several_words_finds_each_word_in_any_order(client, auth, make_business):
    make_business(name="Bakso Mas Bejo", village="Koripan")
    make_business(name="Bakso Pak Kumis", village="Tawang")
    make_business(name="Mie Ayam Mas Bejo", village="Gentan")
    auth.login("mentor_a")
    both = client.get("/?q=bejo+bakso").get_data(as_text=True)
    assert "Bakso Mas Bejo" in both
    assert "Bakso Pak Kumis" not in both and "Mie Ayam Mas Bejo" not in both
    with_desa = client.get("/?q=Bakso+tawang").get_data(as_text=True)
    assert "Bakso Pak Kumis" in with_desa and "Bakso Mas Bejo" not in with_desa
    prefixes = client.get("/?q=bak+kum").get_data(as_text=True)
    assert "Bakso Pak Kumis" in prefixes and "Bakso Mas Bejo" not in prefixes
    # Punctuation and search syntax typed in the box are only separators.
    odd = client.get("/?q=bakso+%26+!kumis:*+|").get_data(as_text=True)
    assert "Bakso Pak Kumis" in odd and "Bakso Mas Bejo" not in odd


def test_slugs_stay_unique_for_the_same_name(make_business, world):
    first = make_business(name="Warung Bu Sri")
    second = make_business(name="Warung Bu Sri", team=world["team_b"])
    third = make_business(name="Warung  Bu  Sri!")
    assert [first.slug, second.slug, third.slug] == [
        "warung-bu-sri",
        "warung-bu-sri-2",
        "warung-bu-sri-3",
    ]


def test_empty_optional_fields_are_stored_as_none(client, auth, world):
    auth.login("mentor_a")
    token = auth.token("/usaha/baru")
    data = _form_data(
        token,
        capital_idr="",
        annual_sales_idr="",
        nik="",
        shopee_url="",
        **{"products-0-price": ""},
    )
    assert client.post("/usaha/baru", data=data).status_code == 302
    business = db.session.scalar(select(Business))
    edit = {
        **data,
        "whatsapp": "",
        "version": str(business.version),
        "products-0-id": str(business.products[0].id),
    }
    assert client.post(f"/usaha/{business.id}/ubah", data=edit).status_code == 302
    db.session.expire_all()
    assert (business.whatsapp, business.capital_idr, business.annual_sales_idr) == (None,) * 3
    assert (business.nik, business.shopee_url) == (None, None)
    assert business.products[0].price_idr is None


def test_search_treats_percent_and_underscore_literally(client, auth, make_business):
    make_business(name="Diskon 50% Bu Ani")
    make_business(name="Bakso Mas Bejo")
    auth.login("mentor_a")
    html = client.get("/?q=%25").get_data(as_text=True)
    assert "Diskon 50% Bu Ani" in html and "Bakso Mas Bejo" not in html
    assert "Bakso Mas Bejo" not in client.get("/?q=_").get_data(as_text=True)


def test_first_save_needs_whatsapp_and_one_product(client, auth, world):
    auth.login("mentor_a")
    token = auth.token("/usaha/baru")
    data = _form_data(
        token,
        whatsapp="",
        **{
            "products-0-name": "",
            "products-0-price": "",
            "products-0-unit": "",
            "products-1-name": "",
            "products-1-price": "",
        },
    )
    html = client.post("/usaha/baru", data=data).get_data(as_text=True)
    assert "Isi nomor WhatsApp usaha untuk pesanan." in html
    assert "Isi minimal satu produk." in html
    assert 'href="#whatsapp"' in html  # the summary links to the field
    assert 'aria-describedby="None"' not in html
    assert db.session.scalar(select(Business)) is None


def test_new_form_prefills_the_teams_area(client, auth, make_business):
    make_business(district="Susukan", regency="Kabupaten Semarang")
    auth.login("mentor_a")
    html = client.get("/usaha/baru").get_data(as_text=True)
    assert re.search(r"<input[^>]*id=\"district\"[^>]*value=\"Susukan\"", html)
    # "Kabupaten Semarang" is stored as its type and its name (printed "Kab. Semarang")
    assert re.search(
        r'<option selected value="kabupaten">|<option value="kabupaten" selected', html
    )
    assert re.search(r"<input[^>]*id=\"regency\"[^>]*value=\"Semarang\"", html)


def test_save_and_publish_in_one_tap(client, auth, world):
    auth.login("mentor_a")
    token = auth.token("/usaha/baru")
    data = _form_data(token, publish_consent="y", and_publish="1")
    assert client.post("/usaha/baru", data=data).status_code == 302
    business = db.session.scalar(select(Business))
    assert business.publish_consent and business.published


def test_name_search_compiles_for_postgresql_in_a_process_that_imported_nothing_else():
    """Import the search first in a fresh process: its full-text expression compiles on PG."""
    code = (
        "from app.mentor.search import NAME_VECTOR\n"
        "from sqlalchemy.dialects import postgresql\n"
        "print(NAME_VECTOR.compile(dialect=postgresql.dialect()))"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr[-400:]
    assert done.stdout.startswith("to_tsvector('simple'::regconfig, coalesce(businesses.name")
