"""The basket: one itemised WhatsApp order, parsed back from the redirect's Location."""

from urllib.parse import parse_qs, urlsplit

import pytest

from app.extensions import db
from app.whatsapp import MAX_BASKET_URL


def _message(response) -> str:
    assert response.status_code == 303
    parts = urlsplit(response.headers["Location"])
    assert parts.netloc == "wa.me" and parts.path == "/6281234567890"
    (text,) = parse_qs(parts.query)["text"]
    return text


def _field(product) -> str:
    return "p" + product.id.hex[:8]


PRODUCTS = (("Keripik singkong", 8000), ("Keripik pisang 🍌", 9500), ("Rempeyek", None))


@pytest.mark.parametrize(
    ("quantities", "extra", "expected"),
    [
        (
            (2, 0, 0),
            {},
            "Halo Keripik Bu Sri, saya mau pesan:\n"
            "- 2 × Keripik singkong (Rp8.000) = Rp16.000\nTotal: Rp16.000\nDiambil sendiri",
        ),
        (
            (1, 3, 0),
            {"kirim": "antar", "nama": "Budi", "catatan": "Pedas  ya\n terima kasih"},
            "Halo Keripik Bu Sri, saya mau pesan:\n"
            "- 1 × Keripik singkong (Rp8.000) = Rp8.000\n"
            "- 3 × Keripik pisang 🍌 (Rp9.500) = Rp28.500\n"
            "Total: Rp36.500\nMinta diantar\nNama: Budi\nCatatan: Pedas ya terima kasih",
        ),
        (
            (0, 0, 4),
            {},
            "Halo Keripik Bu Sri, saya mau pesan:\n- 4 × Rempeyek\n"
            "Total: Rp0 + produk tanpa harga\nDiambil sendiri",
        ),
        (
            (99, 0, 1),
            {"kirim": "lain"},
            "Halo Keripik Bu Sri, saya mau pesan:\n"
            "- 99 × Keripik singkong (Rp8.000) = Rp792.000\n- 1 × Rempeyek\n"
            "Total: Rp792.000 + produk tanpa harga\nDiambil sendiri",
        ),
    ],
)
def test_basket_becomes_one_itemised_message(client, make_business, quantities, extra, expected):
    business = make_business(publish=True, products=PRODUCTS)
    args = {_field(p): str(q) for p, q in zip(business.products, quantities, strict=True)}
    response = client.get(f"/b/{business.slug}/pesan", query_string={**args, **extra})
    assert _message(response) == expected
    assert response.headers["Cache-Control"] == "no-store"


def test_long_note_is_trimmed_never_the_items(client, make_business):
    products = tuple(
        (f"Produk {i} 🍪 dengan nama yang cukup panjang", 1000 * i) for i in range(1, 13)
    )
    business = make_business(publish=True, products=products)
    args = {_field(p): "5" for p in business.products}
    note = "Tolong dibungkus rapi 🎁 " * 40
    response = client.get(f"/b/{business.slug}/pesan", query_string={**args, "catatan": note})
    assert len(response.headers["Location"]) <= MAX_BASKET_URL
    text = _message(response)
    for product in business.products:
        assert f"- 5 × {product.name} " in text
    assert "Total: Rp390.000" in text
    assert "Catatan: Tolong dibungkus rapi" in text and text.endswith("…")


def test_empty_basket_returns_to_the_page_with_a_message(client, make_business):
    business = make_business(publish=True, products=PRODUCTS)
    response = client.get(
        f"/b/{business.slug}/pesan",
        query_string={_field(business.products[0]): "0", "nama": "Budi"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Isi jumlah minimal satu produk" in html
    assert 'value="Budi"' in html  # what was typed stays


def test_sold_out_and_bad_quantities_are_refused(client, make_business):
    business = make_business(publish=True, products=PRODUCTS)
    business.products[0].sold_out = True
    db.session.commit()
    sold = client.get(f"/b/{business.slug}/pesan", query_string={_field(business.products[0]): "2"})
    assert sold.status_code == 200 and "Keripik singkong sedang habis." in sold.get_data(True)
    bad = client.get(f"/b/{business.slug}/pesan", query_string={_field(business.products[1]): "-3"})
    assert "harus angka 0 sampai 99" in bad.get_data(as_text=True)
    page = client.get(f"/b/{business.slug}").get_data(as_text=True)
    assert f'name="{_field(business.products[0])}"' not in page  # no field for a sold-out one
    assert "Habis" in page


def test_order_taps_are_counted_by_source(client, make_business):
    from app.pageviews import flush_views, taps_by_source

    business = make_business(publish=True, products=PRODUCTS)
    client.get(
        f"/b/{business.slug}/pesan", query_string={_field(business.products[0]): "1", "dari": "l"}
    )
    for _ in range(2):
        assert (
            client.post(
                f"/b/{business.slug}/ketuk/pesan?dari=s", data="PING", content_type="text/ping"
            ).status_code
            == 204
        )
    client.post(f"/b/{business.slug}/ketuk/maps")
    flush_views()
    taps = taps_by_source(business.id)
    assert taps["pesan"]["label"] == 1 and taps["pesan"]["sign"] == 2
    assert taps["maps"]["direct"] == 1
    assert sum(taps["pesan"].values()) == 3
    html = client.get(f"/b/{business.slug}/l").get_data(as_text=True)
    assert f'ping="/b/{business.slug}/ketuk/pesan?dari=l"' in html
    assert 'name="dari" value="l"' in html
