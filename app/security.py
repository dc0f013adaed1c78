"""Response headers: content security policy, caching rules and browser hardening."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from pathlib import Path

from flask import Flask, request, session
from flask.sessions import SecureCookieSessionInterface
from flask.wrappers import Response
from itsdangerous import BadSignature

from app.responses import ONE_YEAR_S

# The basket's form answers with a redirect to WhatsApp; browsers check form-action along the
# redirect chain (wa.me sends on to api.whatsapp.com), so both are allowed as form targets.
# Inline script never runs. Inline <style> runs only when its exact text was found in a
# template at start-up (the public page inlines its CSS to fit the first round trip).
CSP_TEMPLATE = (
    "default-src 'self'; script-src 'self'; style-src 'self'{style_hashes}; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self' https://wa.me https://api.whatsapp.com; "
    "frame-ancestors 'none'"
)
HSTS = f"max-age={ONE_YEAR_S}; includeSubDomains"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Endpoints whose responses are the same for everyone and may be cached by browsers and CDNs.
PUBLIC_ENDPOINT_PREFIXES = ("public.", "kit_public.", "static")
STYLE_BLOCK = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.DOTALL | re.IGNORECASE)
JINJA_MARKERS = ("{{", "{%", "{#")


def csp_hash(text: str) -> str:
    """Return the CSP source expression allowing an inline block with exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def template_style_hashes(template_dir: str | Path) -> tuple[list[str], list[str]]:
    """Return the hashes of every static <style> block in the templates, and the dynamic ones.

    A block holding Jinja syntax cannot be hashed ahead of time: it is reported, not allowed.
    """
    hashes, dynamic = [], []
    for path in sorted(Path(template_dir).rglob("*.html")):
        for match in STYLE_BLOCK.finditer(path.read_text(encoding="utf-8")):
            body = match.group(1)
            if any(marker in body for marker in JINJA_MARKERS):
                dynamic.append(str(path))
            elif csp_hash(body) not in hashes:
                hashes.append(csp_hash(body))
    return hashes, dynamic


def build_csp(style_hashes: list[str]) -> str:
    """Return the Content-Security-Policy value allowing these inline style blocks."""
    return CSP_TEMPLATE.format(style_hashes="".join(" " + h for h in style_hashes))


SESSIONS_KEPT = 4096  # verified session cookies remembered per process (~1 KB each)
PLAIN_VALUES = (str, int, float, bool, type(None))


class SignedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the serializer built and each cookie verified once.

    Flask builds the serializer (key derivation included) on every request, even one without
    a cookie, and verifies and decodes the cookie (HMAC, zlib, tagged JSON) on every request
    although a browser sends the same one again and again. Both are kept per process, for the
    current secret keys: a cookie string whose signature verified once under these keys maps to
    its contents and its signing time, and the age is checked against the session lifetime on
    every request, as itsdangerous does. Only the exact string that verified is trusted: any
    other (a changed byte, a new signature) is verified in full. Sessions holding mutable
    values (flashed messages) are decoded every time: each request gets its own copy.
    """

    _cached: tuple | None = None

    def get_signing_serializer(self, app: Flask):
        """Return the serializer for the app's current secret key (and fallbacks)."""
        return self._current(app)[1]

    def _current(self, app: Flask) -> tuple:
        """Return (keys, serializer, verified cookies) for the app's current secret keys."""
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        cached = self._cached
        if cached is None or cached[0] != key:
            cached = self._cached = (key, super().get_signing_serializer(app), {})
        return cached

    def open_session(self, app: Flask, request):
        """Return the request's session: from a cookie verified before, else verified now."""
        value = request.cookies.get(self.get_cookie_name(app))
        if not value or not app.secret_key:
            return super().open_session(app, request)
        _, serializer, verified = self._current(app)
        max_age = int(app.permanent_session_lifetime.total_seconds())
        found = verified.get(value)
        if found is not None:
            age = int(time.time()) - found[0]
            if 0 <= age <= max_age:
                return self.session_class(found[1])
            verified.pop(value, None)  # expired: itsdangerous refuses it below, as before
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if isinstance(data, dict) and all(type(v) in PLAIN_VALUES for v in data.values()):
            if len(verified) >= SESSIONS_KEPT:
                verified.clear()
            verified[value] = (int(signed_at.timestamp()), tuple(data.items()))
        return self.session_class(data)


def init_app(app: Flask) -> None:
    """Hash the inline styles once and attach the header policy to every response."""
    app.session_interface = SignedCookieSessions()
    hashes, dynamic = template_style_hashes(app.template_folder)
    for path in dynamic:
        app.logger.warning("inline <style> with template code in %s is blocked by the CSP", path)
    csp = build_csp(hashes)
    app.extensions["csp"] = csp

    defaults = (
        ("Content-Security-Policy", csp),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    )

    @app.after_request
    def set_headers(response: Response) -> Response:
        present = {name.lower() for name in response.headers.keys()}  # noqa: SIM118 - Headers
        response.headers.extend([(k, v) for k, v in defaults if k.lower() not in present])
        if request.is_secure:  # behind a proxy: set PROXY_FIX_HOPS so X-Forwarded-Proto counts
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        endpoint = request.endpoint or ""
        if "Cache-Control" not in response.headers:
            if not endpoint.startswith(PUBLIC_ENDPOINT_PREFIXES):
                # Signed-in pages carry private data: never kept by a browser or a proxy.
                response.headers["Cache-Control"] = "no-store"
            elif response.status_code >= 400:
                response.headers["Cache-Control"] = "no-cache"  # a withdrawn page stays gone
        if session.modified or session.permanent:
            # A session cookie is about to be set: a shared cache must never keep this answer.
            response.headers["Cache-Control"] = "private, no-store"
        return response
