"""Response headers: content security policy, caching rules and browser hardening."""

from __future__ import annotations

from flask import Flask, request
from flask.wrappers import Response

# Inline <style> is allowed (the public page inlines its CSS to fit the first round trip);
# inline script never is.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
PUBLIC_ENDPOINT_PREFIXES = ("public.", "static")


def init_app(app: Flask) -> None:
    """Attach the header policy to every response."""

    @app.after_request
    def set_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        endpoint = request.endpoint or ""
        if not endpoint.startswith(PUBLIC_ENDPOINT_PREFIXES) and "Cache-Control" not in (
            response.headers
        ):
            response.headers["Cache-Control"] = "no-store"
        return response
