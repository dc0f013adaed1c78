"""Authentication: password policy, rate limits, sessions, cookies and mentor accounts."""

from __future__ import annotations

import os
import socket
import uuid

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db, limiter
from app.models import AuditEvent, User
from app.passwords import common_passwords, password_problem
from tests.conftest import PASSWORD, Auth, csrf_from

# A database of its own (reset() empties it), one per xdist worker (gw0 → 7, gw1 → 8, …).
REDIS_DB = 6 + (int(os.environ.get("PYTEST_XDIST_WORKER", "gw-1").removeprefix("gw")) + 1) % 10
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"

# --- passwords ---------------------------------------------------------------------------------


def test_common_password_list_is_real_and_small():
    refused = common_passwords()
    assert len(refused) >= 3000
    for word in (
        "password",
        "12345678",
        "qwertyuiop",
        "bismillah",
        "indonesia",
        "sayangku",
        "cintaku123",
        "merdeka45",
        "persib123",
        "katasandi",
        "rahasia123",
    ):
        if len(word) >= 8:
            assert word in refused, word


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("pendek", True),  # too short
        ("1234567", True),
        ("Password", True),  # common, any case
        ("BISMILLAH", True),
        ("Sayangku123", True),
        ("kata-sandi", True),  # common once the punctuation is ignored
        ("aaaaaaaaaa", True),
        ("mentor_a", True),  # the user's own name
        ("sawah hijau di lereng merbabu", False),  # a passphrase: no composition rules
        ("kopi susu tiga", False),
        ("alllowercaseletters", False),
    ],
)
def test_password_policy_is_length_and_a_blocklist(password, refused):
    assert (password_problem(password, "mentor_a") is not None) is refused


def test_change_password_form_refuses_a_common_password(client, auth, world):
    auth.login("mentor_a")
    token = auth.token("/kata-sandi")
    response = client.post(
        "/kata-sandi",
        data={
            "csrf_token": token,
            "current": PASSWORD,
            "new": "bismillah123",
            "confirm": "bismillah123",
        },
    )
    assert response.status_code == 200
    assert "terlalu umum" in response.get_data(as_text=True)
    db.session.expire_all()
    assert world["mentor_a"].check_password(PASSWORD)


def test_passwords_are_hashed_with_scrypt(world):
    assert world["mentor_a"].password_hash.startswith("scrypt:")
    assert PASSWORD not in world["mentor_a"].password_hash


# --- rate limit ----------------------------------------------------------------------------


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=["memory", "redis"])
def limited_app(request, app):
    """An app on the same database with the login rate limit switched on."""
    if request.param == "redis" and not _redis_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    config = dict(app.config)
    config.update(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://" if request.param == "memory" else REDIS_URL,
        RATELIMIT_KEY_PREFIX=f"test-{uuid.uuid4().hex}",  # a fresh budget for every test
    )
    limited = create_app(config)
    # The limiter is one object per process: start every test from an empty budget.
    limiter.reset()
    return limited


def _try_login(client, username, password, address="198.51.100.7"):
    env = {"REMOTE_ADDR": address}
    token = csrf_from(client.get("/masuk", environ_base=env).get_data(as_text=True))
    return client.post(
        "/masuk",
        data={"username": username, "password": password, "csrf_token": token},
        environ_base=env,
    )


def test_login_is_rate_limited_per_address(limited_app, world):
    client = limited_app.test_client()
    codes = [_try_login(client, "mentor_a", f"salah-{n}-xyz").status_code for n in range(12)]
    assert codes[:10] == [200] * 10
    assert codes[10:] == [429, 429]
    # Even the right password waits: a guesser cannot tell when it has found it.
    response = _try_login(client, "mentor_a", PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.get_data(as_text=True)
    # Another address is not punished for this one.
    assert _try_login(client, "mentor_b", PASSWORD, address="203.0.113.9").status_code == 302


def test_login_is_rate_limited_per_account_across_addresses(limited_app, world):
    client = limited_app.test_client()
    codes = [
        _try_login(client, "Mentor_A", "salah-sekali-1", address=f"10.0.{n}.1").status_code
        for n in range(21)
    ]
    assert codes[:20] == [200] * 20 and codes[20] == 429


# --- sessions and cookies ----------------------------------------------------------------------


def test_login_rotates_the_session(client, world):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    Auth(client).login("mentor_a")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].endswith(":1")


def test_disabling_an_account_ends_its_sessions(app, client, auth, world):
    victim = app.test_client()
    Auth(victim).login("mentor_a")
    assert victim.get("/").status_code == 200
    auth.login("koordinator")
    token = auth.token("/akun")
    response = client.post(f"/akun/{world['mentor_a'].id}/nonaktifkan", data={"csrf_token": token})
    assert response.status_code == 302
    assert victim.get("/").status_code == 302  # the open session is over
    assert Auth(app.test_client()).login("mentor_a").status_code == 200  # and no new one
    db.session.expire_all()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account_disabled"))
    assert event.user_id == world["koordinator"].id


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, auth, world):
    other = app.test_client()
    Auth(other).login("mentor_a")
    auth.login("mentor_a")
    token = auth.token("/kata-sandi")
    new = "sawah hijau di lereng merbabu"
    client.post(
        "/kata-sandi", data={"csrf_token": token, "current": PASSWORD, "new": new, "confirm": new}
    )
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_session_cookie_flags(app, world):
    secure = create_app({**app.config, "SESSION_COOKIE_SECURE": True})
    client = secure.test_client()
    response = Auth(client).login("mentor_a")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_secure_cookies_by_default_when_the_public_url_is_https(monkeypatch, tmp_path):
    from app.config import from_environment

    monkeypatch.setenv("PUBLIC_BASE_URL", "https://kit.example.id")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    config = from_environment(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] is True and config["REMEMBER_COOKIE_SECURE"] is True
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    assert from_environment(str(tmp_path))["SESSION_COOKIE_SECURE"] is False


# --- accounts managed by a coordinator ---------------------------------------------------------


def _create_mentor(client, auth, world, **overrides):
    auth.login("koordinator")
    token = auth.token("/akun/baru")
    data = {
        "csrf_token": token,
        "username": "Pendamping5",
        "full_name": "Dewi Lestari",
        "team_id": str(world["team_a"].id),
        **overrides,
    }
    return client.post("/akun/baru", data=data)


def test_coordinator_creates_a_mentor_who_must_change_the_password(app, client, auth, world):
    response = _create_mentor(client, auth, world)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    user = db.session.scalar(select(User).where(User.username == "pendamping5"))
    assert user.must_change_password and user.teams == [world["team_a"]]
    temporary = html.split('<code class="secret">')[1].split("</code>")[0]
    assert user.check_password(temporary) and password_problem(temporary) is None
    # First login: every mentor page sends the new mentor to change the password.
    mentor = app.test_client()
    assert Auth(mentor).login("pendamping5", temporary).headers["Location"] == "/kata-sandi"
    assert mentor.get("/").headers["Location"] == "/kata-sandi"
    token = csrf_from(mentor.get("/kata-sandi").get_data(as_text=True))
    new = "kebun kopi di temanggung"
    response = mentor.post(
        "/kata-sandi", data={"csrf_token": token, "current": temporary, "new": new, "confirm": new}
    )
    assert response.status_code == 302
    assert mentor.get("/").status_code == 200


def test_coordinator_cannot_set_a_common_temporary_password(client, auth, world):
    response = _create_mentor(client, auth, world, password="password123")
    assert "terlalu umum" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "pendamping5")) is None


def test_duplicate_username_is_refused(client, auth, world):
    response = _create_mentor(client, auth, world, username="MENTOR_A")
    assert "sudah dipakai" in response.get_data(as_text=True)


def test_reset_password_gives_a_new_temporary_one_and_ends_sessions(app, client, auth, world):
    victim = app.test_client()
    Auth(victim).login("mentor_b")
    auth.login("koordinator")
    token = auth.token("/akun")
    response = client.post(f"/akun/{world['mentor_b'].id}/kata-sandi", data={"csrf_token": token})
    html = response.get_data(as_text=True)
    temporary = html.split('<code class="secret">')[1].split("</code>")[0]
    db.session.expire_all()
    user = world["mentor_b"]
    assert user.must_change_password and user.check_password(temporary)
    assert not user.check_password(PASSWORD)
    assert victim.get("/").status_code == 302
    assert temporary not in str(db.session.scalars(select(AuditEvent.changes)).all())


def test_a_mentor_cannot_manage_accounts(client, auth, world):
    auth.login("mentor_a")
    token = auth.token("/")
    assert client.get("/akun").status_code == 403
    response = client.post(f"/akun/{world['mentor_b'].id}/nonaktifkan", data={"csrf_token": token})
    assert response.status_code == 403
    db.session.expire_all()
    assert world["mentor_b"].active


def test_a_coordinator_only_manages_their_own_program(client, auth, world):
    from app.models import Program, Team

    elsewhere = Program(name="Program Lain")
    stranger = User(
        username="orang_lain",
        full_name="Orang Lain",
        role="mentor",
        teams=[Team(program=elsewhere, name="Tim Lain")],
        program=elsewhere,
    )
    stranger.password_hash = world["mentor_a"].password_hash
    db.session.add(stranger)
    db.session.commit()
    auth.login("koordinator")
    assert "orang_lain" not in client.get("/akun").get_data(as_text=True)
    token = auth.token("/akun")
    response = client.post(f"/akun/{stranger.id}/nonaktifkan", data={"csrf_token": token})
    assert response.status_code == 404
    db.session.expire_all()
    assert stranger.active
