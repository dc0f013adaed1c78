"""Responses shared by the blueprints: cache headers and PDF downloads."""

from __future__ import annotations

import io
from typing import IO

from flask import Response, send_file

ONE_YEAR_S = 31_536_000  # the longest max-age worth sending: for names that change with content
ONE_HOUR_S = 3_600  # for what may change under the same name (a preview, the manifest)


def cache_for(response: Response, max_age: int, public: bool = False) -> Response:
    """Set Cache-Control: public or private, max-age, immutable when kept for a year."""
    scope = "public" if public else "private"
    immutable = ", immutable" if max_age >= ONE_YEAR_S else ""
    response.headers["Cache-Control"] = f"{scope}, max-age={max_age}{immutable}"
    return response


def download(
    data: bytes | IO[bytes], filename: str, mimetype: str, inline: bool = False
) -> Response:
    """Return bytes (or a file, streamed and closed) named for the browser to open or save."""
    body = io.BytesIO(data) if isinstance(data, bytes) else data
    response = send_file(
        body,
        mimetype=mimetype,
        as_attachment=not inline,
        download_name=filename,
        etag=False,
        conditional=False,
    )
    # send_file says "no-cache"; leave the caching to the app-wide policy (security.py),
    # which keeps signed-in answers out of every cache ("no-store").
    del response.headers["Cache-Control"]
    return response


def pdf_response(data: bytes, filename: str, inline: bool = True) -> Response:
    """Return PDF bytes as a response that opens in the browser (or downloads)."""
    return download(data, filename, "application/pdf", inline=inline)
