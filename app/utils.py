"""Small helpers shared by the blueprints."""

from __future__ import annotations

from flask import Response


def pdf_response(data: bytes, filename: str, inline: bool = True) -> Response:
    """Return PDF bytes as a response that opens in the browser (or downloads)."""
    disposition = "inline" if inline else "attachment"
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )
