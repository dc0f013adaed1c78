"""Operations: the health check and structured request logs (no IP addresses, no cookies)."""

from __future__ import annotations

import json
import logging
import threading
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
        if started is not None and request.endpoint != "static" and log.isEnabledFor(INFO):
            log.info(
                request_line(
                    request.method,
                    request.path,
                    request.endpoint,
                    response.status_code,
                    time.perf_counter() - started,
                    response.calculate_content_length(),
                )
            )
        return response


INFO = logging.INFO


def request_line(
    method: str, path: str, endpoint: str | None, status: int, seconds: float, size: int | None
) -> str:
    """Return the request's JSON log line: what was asked and answered, nothing of who asked.

    The visitor's IP, user agent and cookies are not logged: public pages are read by
    families' customers (UU 27/2022 PDP). Built as text: a dict through json.dumps costs
    three times as much, and only the path (and method) can hold characters to escape.
    """
    return (
        f'{{"method":{_quoted(method)},"path":{json.dumps(path)},'
        f'"endpoint":{_quoted(endpoint) if endpoint else "null"},'
        f'"status":{status},"ms":{round(seconds * 1000, 1)},"bytes":{_number(size)}}}'
    )


_QUOTED: dict[str, str] = {}


def _quoted(text: str) -> str:
    """Return text as a JSON string, remembered (methods and endpoint names repeat)."""
    found = _QUOTED.get(text)
    if found is None:
        found = json.dumps(text)
        if len(_QUOTED) < 1024:
            _QUOTED[text] = found
    return found


def _number(value: int | None) -> str:
    return "null" if value is None else str(value)


class BufferedLineHandler(logging.StreamHandler):
    """Write log lines in batches: at most `lines` lines or `seconds` late, all at exit.

    One write (and flush) per request was a system call per page. Lines wait in memory until
    the batch is full, a second has passed (a timer thread sees to quiet moments), or the
    process ends (logging's exit hook closes, and so flushes, every handler); a line at
    WARNING or above goes out at once with everything before it.
    """

    def __init__(self, stream=None, lines: int = 64, seconds: float = 1.0) -> None:
        super().__init__(stream)
        self.lines, self.seconds = lines, seconds
        self.buffer: list[str] = []
        self.oldest = 0.0
        self.timer: threading.Thread | None = None

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the formatted line; write the batch when it is due."""
        try:
            line = self.format(record)
        except Exception:  # noqa: BLE001 - logging's own contract: report, never raise
            self.handleError(record)
            return
        with self.lock:
            if not self.buffer:
                self.oldest = time.monotonic()
            self.buffer.append(line)
            due = (
                len(self.buffer) >= self.lines
                or record.levelno >= logging.WARNING
                or time.monotonic() - self.oldest >= self.seconds
            )
            if due:
                self._write()
        if not due:
            self._start_timer()

    def flush(self) -> None:
        """Write every waiting line now."""
        with self.lock:
            self._write()

    def close(self) -> None:
        """Write every waiting line, then close (logging closes its handlers at exit)."""
        self.flush()
        super().close()

    def _write(self) -> None:
        if self.buffer:
            lines, self.buffer = self.buffer, []
            self.stream.write(self.terminator.join(lines) + self.terminator)
        if self.stream and hasattr(self.stream, "flush"):
            self.stream.flush()

    def _start_timer(self) -> None:
        # One daemon thread per process (a forked worker starts its own): flushes quiet times.
        if self.timer is not None and self.timer.is_alive():
            return
        self.timer = threading.Thread(target=self._tick, name="log-flush", daemon=True)
        self.timer.start()

    def _tick(self) -> None:
        while True:
            time.sleep(self.seconds / 2)
            if self.buffer and time.monotonic() - self.oldest >= self.seconds:
                self.flush()
