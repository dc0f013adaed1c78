"""Bytes no record can hold: a friendly 400/404, never a 500; a dangerous next goes to /."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, csrf_from

PATHS = [
    "/b/x%00y",
    "/b/x%00y/og.jpg",
    "/b/x%00y/logo.png",
    "/b/x%00y/l",
    "/media/a%00.jpg",
    "/b/x%01y",
    "/usaha/%00",
]


@pytest.mark.parametrize("path", PATHS)
def test_control_bytes_in_a_path_are_a_friendly_404(client, world, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["q=%00", "q=a%07b", "q%00=x", "sheet=%1b"])
def test_control_bytes_in_a_query_are_a_friendly_400(client, auth, world, query):
    auth.login("mentor_a")
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert "Permintaan tidak bisa dibaca" in response.get_data(as_text=True)


def test_a_nul_in_a_form_value_is_a_friendly_400_even_anonymously(client, world):
    token = csrf_from(client.get("/masuk").get_data(as_text=True))
    response = client.post(
        "/masuk", data={"username": "mentor_a\x00", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 400
    assert "Permintaan tidak bisa dibaca" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target",
    [
        "/%0d%0aSet-Cookie:x=1",
        "/\r\nLocation: https://evil.example",
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/ok\tpath",
    ],
)
def test_login_next_with_cr_lf_or_not_same_site_goes_to_the_list(client, world, target):
    from urllib.parse import quote

    token = csrf_from(client.get("/masuk").get_data(as_text=True))
    response = client.post(
        f"/masuk?next={quote(target, safe='%/:')}",
        data={"username": "mentor_a", "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert response.headers["Location"] == "/"
        assert client.get("/").status_code == 200  # signed in, no error page


def test_language_switch_with_cr_lf_in_next_goes_to_the_list(client):
    token = csrf_from(client.get("/masuk").get_data(as_text=True))
    response = client.post("/bahasa/en", data={"next": "/\r\nX-Evil: 1", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    response = client.post("/bahasa/en", data={"next": "/usaha?x=1", "csrf_token": token})
    assert response.headers["Location"] == "/usaha?x=1"
