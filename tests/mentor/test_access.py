"""Who may see and change what: teams, roles, CSRF."""

import pytest

from app.extensions import db
from app.models import Business


@pytest.mark.parametrize("suffix", ["", "/ubah"])
def test_mentor_of_another_team_gets_404_on_get(client, auth, make_business, world, suffix):
    business = make_business(team=world["team_b"])
    auth.login("mentor_a")
    assert client.get(f"/usaha/{business.id}{suffix}").status_code == 404


@pytest.mark.parametrize("suffix", ["/ubah", "/terbitkan", "/tarik"])
def test_mentor_of_another_team_gets_404_on_post(client, auth, make_business, world, suffix):
    business = make_business(team=world["team_b"], consent=True)
    auth.login("mentor_a")
    token = auth.token("/")
    data = {
        "csrf_token": token,
        "name": "Dibajak",
        "owner_name": "X",
        "trade": "kue",
        "village": "X",
        "status": "aktif",
        "version": str(business.version),
    }
    assert client.post(f"/usaha/{business.id}{suffix}", data=data).status_code == 404
    db.session.expire_all()
    assert business.name == "Keripik Bu Sri" and business.published is False


def test_mentor_list_shows_only_own_team(client, auth, make_business, world):
    make_business(name="Usaha Tim A")
    make_business(name="Usaha Tim B", team=world["team_b"])
    auth.login("mentor_a")
    html = client.get("/").get_data(as_text=True)
    assert "Usaha Tim A" in html and "Usaha Tim B" not in html


def test_coordinator_sees_every_team(client, auth, make_business, world):
    business = make_business(name="Usaha Tim B", team=world["team_b"])
    auth.login("koordinator")
    assert "Usaha Tim B" in client.get("/").get_data(as_text=True)
    assert client.get(f"/usaha/{business.id}").status_code == 200


def test_anonymous_is_sent_to_login(client, make_business):
    business = make_business()
    for url in ("/", "/usaha/baru", f"/usaha/{business.id}", f"/usaha/{business.id}/ubah"):
        response = client.get(url)
        assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_post_without_csrf_token_is_refused(client, auth, make_business):
    business = make_business(consent=True)
    auth.login("mentor_a")
    response = client.post(f"/usaha/{business.id}/terbitkan", data={})
    assert response.status_code == 400
    assert "Formulir ini sudah tidak berlaku" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Business, business.id).published is False


def test_post_with_a_forged_csrf_token_is_refused(client, auth, make_business):
    business = make_business(consent=True)
    auth.login("mentor_a")
    response = client.post(f"/usaha/{business.id}/terbitkan", data={"csrf_token": "forged"})
    assert response.status_code == 400


def test_login_without_csrf_token_is_refused(client, world):
    response = client.post("/masuk", data={"username": "mentor_a", "password": "x" * 10})
    assert response.status_code == 400


def test_wrong_password_is_refused_in_indonesian(client, auth, world):
    response = auth.login("mentor_a", "salah-sekali-123")
    assert "Nama pengguna atau kata sandi salah." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_logout_ends_old_sessions(app, auth, world):
    other = app.test_client()
    from tests.conftest import Auth

    Auth(other).login("mentor_a")
    assert other.get("/").status_code == 200
    auth.login("mentor_a")
    token = auth.token("/")
    auth.client.post("/keluar", data={"csrf_token": token})
    # The other device's session was made with the old session version: it is over too.
    assert other.get("/").status_code == 302
