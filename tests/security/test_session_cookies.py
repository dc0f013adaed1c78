"""Session cookies verified once per process: still signed, still expiring, never shared."""

from __future__ import annotations

import time

from tests.conftest import Auth, csrf_from


def _signed_in_cookie(app) -> str:
    """Sign mentor_a in and return the session cookie a browser would send next."""
    client = app.test_client()
    Auth(client).login("mentor_a")
    client.get("/")  # the welcome message shown and gone: the cookie the browser keeps
    return client.get_cookie("session").value


def _get(app, path: str, cookie: str, **kwargs):
    """Ask for path with exactly this session cookie (no cookie jar)."""
    client = app.test_client(use_cookies=False)
    return client.get(path, headers={"Cookie": f"session={cookie}"}, **kwargs)


def changed_cookie(response) -> str:
    """Return the session cookie value a response sets."""
    return response.headers["Set-Cookie"].split(";", 1)[0].split("=", 1)[1]


def test_a_remembered_cookie_with_a_changed_byte_is_refused(app, world):
    cookie = _signed_in_cookie(app)
    assert _get(app, "/", cookie).status_code == 200  # verified and remembered
    payload, _, signature = cookie.rpartition(".")
    forged = f"{payload}.{signature[:-2]}{'A' if signature[-2] != 'A' else 'B'}{signature[-1]}"
    response = _get(app, "/", forged)
    assert response.status_code == 302 and "/masuk" in response.location
    assert _get(app, "/", cookie).status_code == 200


def test_a_remembered_cookie_still_expires(app, world, monkeypatch):
    cookie = _signed_in_cookie(app)
    assert _get(app, "/", cookie).status_code == 200
    lifetime = app.permanent_session_lifetime.total_seconds()
    later = time.time() + lifetime + 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = _get(app, "/", cookie)
    assert response.status_code == 302 and "/masuk" in response.location


def test_each_request_gets_its_own_copy_of_a_remembered_session(app, world):
    cookie = _signed_in_cookie(app)
    token = csrf_from(_get(app, "/", cookie).get_data(as_text=True))
    client = app.test_client(use_cookies=False)
    changed = client.post(
        "/bahasa/en", data={"csrf_token": token}, headers={"Cookie": f"session={cookie}"}
    )
    assert changed.status_code == 302 and "session=" in changed.headers["Set-Cookie"]
    # The same cookie again: the language chosen in the other request is not in it.
    assert '<html lang="id">' in _get(app, "/", cookie).get_data(as_text=True)
    assert '<html lang="en">' in _get(app, "/", changed_cookie(changed)).get_data(as_text=True)
