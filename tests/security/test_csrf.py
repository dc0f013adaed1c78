"""Every state-changing route refuses a request without a valid CSRF token."""

from __future__ import annotations

import pytest

from tests.security.access_table import OK, ROUTES
from tests.security.test_authorization import ALL_ROUTES, build_url, resolve

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that take no token, each with the reason. Nothing else may be here.
CSRF_EXEMPT = {
    (
        "POST",
        "/b/<slug>/ketuk/<any(pesan, maps, shopee, instagram, facebook, tiktok):target>",
    ): "a browser's <a ping> carries no token; it adds one to a daily count and nothing else",
}
UNSAFE_ROUTES = [
    route for route in ALL_ROUTES if route[0] in UNSAFE and route[:2] not in CSRF_EXEMPT
]


def test_only_the_tap_counter_is_exempt():
    from app import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    csrf = app.extensions["csrf"]
    exempt = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in rule.methods & UNSAFE
        if f"{app.view_functions[rule.endpoint].__module__}.{rule.endpoint.split('.')[-1]}"
        in csrf._exempt_views
    }
    assert exempt == set(CSRF_EXEMPT)


# The role tried is one the table allows, so only the missing token can explain a refusal.
ROLE_PREFERENCE = ("owner", "coordinator", "anonymous", "other")


def test_there_are_unsafe_routes_to_check():
    assert len(UNSAFE_ROUTES) >= 10


@pytest.mark.parametrize(
    ("method", "rule", "endpoint"), UNSAFE_ROUTES, ids=[f"{m} {r}" for m, r, _ in UNSAFE_ROUTES]
)
@pytest.mark.parametrize("token", ["missing", "forged", "from another session"])
def test_unsafe_route_refuses_a_request_without_a_valid_token(
    app, world, login_as, make_context, method, rule, endpoint, token
):
    entry = ROUTES.get((method, rule))
    assert entry is not None, f"{method} {rule} is missing from access_table.py"
    role = next(role for role in ROLE_PREFERENCE if entry.expected(role) == OK)
    ctx = make_context()
    client = login_as(role)
    url = build_url(app, endpoint, rule, entry, ctx)
    data = resolve(entry.data, ctx)
    if token == "forged":
        data["csrf_token"] = "ImZvcmdlZCI.forged.signature"
    elif token == "from another session":
        from tests.security.conftest import token_for

        data["csrf_token"] = token_for(
            login_as("coordinator" if role != "coordinator" else "owner")
        )
    response = client.open(url, method=method, data=data)
    assert response.status_code == 400, f"{role}: {method} {url} without a valid token"
    assert "Formulir ini sudah tidak berlaku" in response.get_data(as_text=True)
