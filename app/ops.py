"""Operations: the health check and structured request logs (no IP addresses, no cookies)."""

from __future__ import annotations

import json
import logging
import time

from flask import Flask, g, jsonify, request
from sqlalchemy import text

from app.extensions import db

log = logging.getLogger("kit_usaha.request")


def init_app(app: Flask) -> None:
    """Register /healthz and the request log."""

    @app.route("/healthz")
    def healthz():
        """Answer 200 when the database answers at the code's schema revision, else 503."""
        from app.backup import head_revision

        try:
            revisions = list(db.session.scalars(text("SELECT version_num FROM alembic_version")))
        except Exception as exc:  # any database failure means: take me out of the pool
            db.session.rollback()
            app.logger.error("health check failed: %s", exc)
            return jsonify(status="error", database="unreachable"), 503
        expected = head_revision()
        if revisions != [expected]:
            app.logger.error("schema at %s, code expects %s", revisions, expected)
            return jsonify(
                status="error", database="ok", schema=revisions, expected_schema=expected
            ), 503
        return jsonify(status="ok", database="ok", schema=expected)

    if not app.config.get("REQUEST_LOG", True):
        return

    @app.before_request
    def start_timer() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        started = g.get("request_started")
        if started is not None and request.endpoint != "static":
            # One JSON object per line. The visitor's IP, user agent and cookies are not
            # logged: public pages are read by families' customers (UU 27/2022 PDP).
            log.info(
                json.dumps(
                    {
                        "method": request.method,
                        "path": request.path,
                        "endpoint": request.endpoint,
                        "status": response.status_code,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "bytes": response.calculate_content_length(),
                    },
                    separators=(",", ":"),
                )
            )
        return response
