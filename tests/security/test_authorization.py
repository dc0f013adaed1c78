"""Every route of the app, tried by every kind of visitor, against tests/security/access_table.py.

A route without an entry in the table fails here with the exact line to add.
"""

from __future__ import annotations

import re

import pytest
from flask import url_for

from app import create_app
from tests.security.access_table import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    ROLES,
    ROUTES,
    Access,
)
from tests.security.conftest import token_for

IGNORED_METHODS = {"HEAD", "OPTIONS"}
TABLE_FILE = "tests/security/access_table.py"


def app_routes() -> list[tuple[str, str, str]]:
    """Return (method, rule, endpoint) of every route the app serves, sorted."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    found = {
        (method, rule.rule, rule.endpoint)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - IGNORED_METHODS
    }
    return sorted(found, key=lambda item: (item[1], item[0]))


ALL_ROUTES = app_routes()


def _suggestion(method: str, rule: str) -> str:
    if "<uuid:business_id>" in rule:
        guess = "anonymous=LOGIN, owner=OK, other=NOT_FOUND, coordinator=OK"
    elif rule.startswith("/b/"):
        guess = "anonymous=OK, owner=OK, other=OK, coordinator=OK"
    elif rule.startswith(("/program", "/akun")):
        guess = "anonymous=LOGIN, owner=FORBIDDEN, other=FORBIDDEN, coordinator=OK"
    else:
        guess = "anonymous=LOGIN, owner=OK, other=OK, coordinator=OK"
    unknown = [
        name
        for name in re.findall(r"<(?:[^:>]+:)?([a-z_]+)>", rule)
        if name not in ("business_id", "slug", "user_id", "lang")
    ]
    params = f", params={{{', '.join(repr(n) + ': ...' for n in unknown)}}}" if unknown else ""
    return f'    ("{method}", "{rule}"): Access({guess}{params}),'


def missing_entry_message(method: str, rule: str, endpoint: str) -> str:
    """Tell a developer exactly which line to add to the table."""
    return (
        f"\n{method} {rule} (endpoint {endpoint}) has no entry in {TABLE_FILE}.\n"
        f"Decide who may use it and add a line to ROUTES, for example:\n\n"
        f"{_suggestion(method, rule)}\n\n"
        f"Outcomes: OK, LOGIN, NOT_FOUND (not theirs), FORBIDDEN (role may never). "
        f"POST entries may add data={{...}} so an allowed request is valid (not a 400)."
    )


def outcome(response) -> str:
    """Classify a response as one of the table's outcomes."""
    if response.status_code in (301, 302, 303, 307, 308):
        # login_required sends to /masuk?next=…; a plain /masuk is where logging out ends.
        if "/masuk?next=" in response.headers.get("Location", ""):
            return LOGIN
        return OK
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code < 400:
        return OK
    return f"HTTP {response.status_code}"


def resolve(value, ctx):
    """Return an entry's params/data, calling it with the context when it is a function."""
    return dict(value(ctx) if callable(value) else value)


def build_url(app, endpoint: str, rule: str, entry: Access, ctx) -> str:
    """Fill the rule's variables from the context (by name) and the entry's params."""
    names = re.findall(r"<(?:[^:>]+(?:\([^)]*\))?:)?([a-z_]+)>", rule)
    values = {name: ctx.defaults()[name] for name in names if name in ctx.defaults()}
    values.update(resolve(entry.params, ctx))
    with app.test_request_context():
        return url_for(endpoint, **values)


def request_as(app, login_as, make_context, method, rule, endpoint, entry, role, csrf=True):
    """Make the request of one table cell and return (response, url)."""
    ctx = make_context()
    client = login_as(role)
    url = build_url(app, endpoint, rule, entry, ctx)
    if method == "GET":
        return client.get(url), url
    data = resolve(entry.data, ctx)
    if csrf:
        data["csrf_token"] = token_for(client)
    return client.open(url, method=method, data=data), url


def test_every_route_is_in_the_table():
    """Fail once, listing every missing line, so a new route is never silently unprotected."""
    missing = [missing_entry_message(m, r, e) for m, r, e in ALL_ROUTES if (m, r) not in ROUTES]
    assert not missing, "".join(missing)


def test_the_table_has_no_stale_entries():
    served = {(method, rule) for method, rule, _ in ALL_ROUTES}
    stale = [f"{method} {rule}" for method, rule in ROUTES if (method, rule) not in served]
    assert not stale, f"entries in {TABLE_FILE} for routes that no longer exist: {stale}"


@pytest.mark.parametrize(
    ("method", "rule", "endpoint"), ALL_ROUTES, ids=[f"{m} {r}" for m, r, _ in ALL_ROUTES]
)
def test_route_access(app, world, login_as, make_context, method, rule, endpoint):
    entry = ROUTES.get((method, rule))
    assert entry is not None, missing_entry_message(method, rule, endpoint)
    failures = []
    for role in ROLES:
        response, url = request_as(app, login_as, make_context, method, rule, endpoint, entry, role)
        got, expected = outcome(response), entry.expected(role)
        if got != expected:
            failures.append(f"{role}: {method} {url} gave {got}, table says {expected}")
    assert not failures, "\n".join(failures)
