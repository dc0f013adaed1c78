"""Response headers: CSP without inline script, hashed inline style, HSTS, caching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import create_app
from app.config import ROOT
from app.security import csp_hash, template_style_hashes


def _csp(response) -> dict[str, list[str]]:
    policy = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def test_csp_forbids_inline_script_plugins_base_and_framing(client, make_business):
    business = make_business(publish=True)
    for url in ("/masuk", f"/b/{business.slug}"):
        policy = _csp(client.get(url))
        assert policy["script-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in " ".join(sum(policy.values(), []))
        assert "'unsafe-eval'" not in " ".join(sum(policy.values(), []))


def test_public_page_inline_style_is_allowed_by_its_hash_only(client, make_business):
    business = make_business(publish=True)
    response = client.get(f"/b/{business.slug}")
    html = response.get_data(as_text=True)
    blocks = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert blocks, "the public page inlines its CSS"
    allowed = _csp(response)["style-src"]
    for block in blocks:
        assert csp_hash(block) in allowed
    assert csp_hash(blocks[0] + "body{background:red}") not in allowed


def test_every_inline_style_in_the_templates_is_static_and_hashed(app):
    hashes, dynamic = template_style_hashes(ROOT / "templates")
    assert not dynamic, f"<style> with template code cannot be hashed: {dynamic}"
    for value in hashes:
        assert value in app.extensions["csp"]


def test_no_template_has_inline_script_or_style_attributes():
    offenders = []
    for path in sorted(Path(ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",
            r"\son[a-z]+\s*=",
            r"\sstyle\s*=",
            r"javascript:",
        ):
            if re.search(pattern, text, re.IGNORECASE):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert not offenders, "CSP would block these (move to app.css or a static .js):\n" + "\n".join(
        offenders
    )


def test_browser_hardening_headers(client):
    response = client.get("/masuk")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/masuk").headers
    response = client.get("/masuk", base_url="https://kit.example.id")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize(("hops", "hsts"), [(0, False), (1, True)])
def test_hsts_behind_a_proxy_only_when_the_proxy_is_trusted(app, hops, hsts):
    proxied = create_app({**app.config, "PROXY_FIX_HOPS": hops})
    response = proxied.test_client().get(
        "/masuk", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"}
    )
    assert ("Strict-Transport-Security" in response.headers) is hsts


def test_public_pages_are_cacheable_and_mentor_pages_are_not(client, auth, make_business):
    business = make_business(publish=True)
    public = client.get(f"/b/{business.slug}")
    assert public.headers["Cache-Control"].startswith("public, max-age=")
    auth.login("mentor_a")
    for url in ("/", f"/usaha/{business.id}", f"/usaha/{business.id}/ubah", "/kata-sandi"):
        assert "no-store" in client.get(url).headers["Cache-Control"], url


def test_a_public_answer_that_sets_a_cookie_is_never_shared(app):
    from flask import session

    def probe():
        session["seen"] = True
        response = app.make_response("hello")
        response.headers["Cache-Control"] = "public, max-age=300"
        return response

    app.add_url_rule("/cookie-probe", endpoint="public.cookie_probe", view_func=probe)
    response = app.test_client().get("/cookie-probe")
    assert "Set-Cookie" in response.headers
    assert response.headers["Cache-Control"] == "private, no-store"


def test_withdrawn_public_page_is_not_cached(client, make_business):
    business = make_business()
    response = client.get(f"/b/{business.slug}")
    assert response.status_code == 404
    assert "public" not in response.headers.get("Cache-Control", "")
