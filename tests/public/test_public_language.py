"""The public pages speak Indonesian by default and English on request; orders stay Indonesian."""

import subprocess
from urllib.parse import parse_qs, urlsplit

from app.clock import today
from app.extensions import db
from tests.conftest import csrf_from

INDONESIAN = ("Pesan lewat WhatsApp", "Kirim pesanan lewat WhatsApp", "Tentang kami", "Lokasi")
ENGLISH = ("Order on WhatsApp", "Send the order on WhatsApp", "About us", "Location")


def _wa_texts(html: str) -> list[str]:
    """Return the decoded prefilled texts of every wa.me order link on a page."""
    texts = []
    for chunk in html.split('href="https://wa.me/6281234567890?text=')[1:]:
        query = "text=" + chunk.split('"', 1)[0].replace("&amp;", "&")
        texts.append(parse_qs(query)["text"][0])
    return texts


def _published(make_business):
    return make_business(
        publish=True,
        products=(("Keripik singkong", 15000),),
        description="Dibuat setiap pagi.",
        opening_hours="Setiap hari 08.00–17.00",
    )


def test_public_page_is_indonesian_by_default_and_english_on_request(client, make_business):
    business = _published(make_business)
    first = client.get(f"/b/{business.slug}")
    assert "Set-Cookie" not in first.headers  # choosing the language sets no cookie
    default = first.get_data(as_text=True)
    english = client.get(f"/b/{business.slug}?lang=en").get_data(as_text=True)
    assert '<html lang="id">' in default and '<html lang="en">' in english
    assert all(label in default for label in INDONESIAN)
    assert not any(label in default for label in ENGLISH)
    assert all(label in english for label in ENGLISH)
    assert not any(label in english for label in INDONESIAN)
    assert 'content="en_US"' in english and 'content="id_ID"' in default
    # What the family wrote is theirs and stays as written.
    assert "Renyah, gurih, tanpa pengawet" in english and "Dibuat setiap pagi." in english


def test_a_closed_stall_says_when_it_reopens_in_the_page_language(client, make_business):
    business = _published(make_business)
    business.day_status, business.day_status_on = "closed", today()
    db.session.commit()
    english = client.get(f"/b/{business.slug}?lang=en").get_data(as_text=True)
    assert "Closed today · Open again tomorrow at 8:00\u202fAM" in english or (
        "Closed today · Open again tomorrow at 8:00 AM" in english
    )
    default = client.get(f"/b/{business.slug}").get_data(as_text=True)
    assert "Tutup hari ini · Buka lagi besok pukul 08.00" in default


def test_the_order_message_stays_indonesian_on_an_english_page(client, make_business):
    business = _published(make_business)
    english = client.get(f"/b/{business.slug}?lang=en").get_data(as_text=True)
    texts = _wa_texts(english)
    assert len(texts) == 2  # the business and its product
    assert all(text.startswith("Halo Keripik Bu Sri, saya mau pesan") for text in texts)
    # The basket sent from the English page: the family reads Indonesian.
    field = "p" + business.products[0].id.hex[:8]
    sent = client.get(
        f"/b/{business.slug}/pesan",
        query_string={field: "2", "kirim": "antar", "nama": "Ann", "lang": "en"},
    )
    assert sent.status_code == 303
    (text,) = parse_qs(urlsplit(sent.headers["Location"]).query)["text"]
    assert text.splitlines() == [
        "Halo Keripik Bu Sri, saya mau pesan:",
        "- 2 × Keripik singkong (Rp15.000) = Rp30.000",
        "Total: Rp30.000",
        "Minta diantar",
        "Nama: Ann",
    ]
    # What the customer must correct is said in the customer's language.
    empty = client.get(f"/b/{business.slug}/pesan", query_string={field: "0", "lang": "en"})
    assert empty.status_code == 200
    page = empty.get_data(as_text=True)
    assert "at least one product" in page and 'name="lang" value="en"' in page


def test_the_page_cache_serves_each_language_its_own_page(client, make_business):
    business = _published(make_business)
    url = f"/b/{business.slug}"
    first_id = client.get(url)
    first_en = client.get(url + "?lang=en")
    again_id = client.get(url)
    again_en = client.get(url + "?lang=en")
    assert "Tentang kami" in again_id.get_data(as_text=True)
    assert "About us" in again_en.get_data(as_text=True)
    assert first_id.get_data() == again_id.get_data()
    assert first_en.get_data() == again_en.get_data()
    assert first_id.headers["ETag"] != first_en.headers["ETag"]
    # A browser holding the Indonesian page gets the English one, not a 304.
    cross = client.get(url + "?lang=en", headers={"If-None-Match": first_id.headers["ETag"]})
    assert cross.status_code == 200 and "About us" in cross.get_data(as_text=True)


def test_a_language_chosen_in_the_session_is_its_own_page_too(client, make_business):
    business = _published(make_business)
    url = f"/b/{business.slug}"
    indonesian = client.get(url)
    token = csrf_from(client.get("/masuk").get_data(as_text=True))
    switched = client.post("/bahasa/en", data={"next": url, "csrf_token": token})
    assert switched.status_code == 302  # the app's own language switch
    english = client.get(url)
    assert "About us" in english.get_data(as_text=True)
    assert english.headers["ETag"] != indonesian.headers["ETag"]
    # Shared caches must not hand this English page to a visitor without the cookie.
    assert "Cookie" in english.headers.get("Vary", "")
    client.post("/bahasa/id", data={"next": url, "csrf_token": token})
    assert "Tentang kami" in client.get(url).get_data(as_text=True)


def test_desa_page_in_both_languages(client, make_business):
    business = _published(make_business)
    slug = f"tawang-{business.district.lower()}"
    default = client.get(f"/desa/{slug}")
    assert default.status_code == 200, slug
    assert "Usaha di Desa Tawang" in default.get_data(as_text=True)
    english = client.get(f"/desa/{slug}?lang=en").get_data(as_text=True)
    assert "Businesses in Desa Tawang" in english and "1 business" in english
    assert "Usaha di Desa" not in english


def test_desa_poster_stays_indonesian_whatever_the_screen_language(client, make_business, tmp_path):
    business = _published(make_business)
    pdf = client.get(f"/desa/tawang-{business.district.lower()}/poster.pdf?lang=en")
    assert pdf.status_code == 200
    path = tmp_path / "poster.pdf"
    path.write_bytes(pdf.get_data())
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Makanan ringan & keripik" in text and "Snacks" not in text
