"""A public page served again without the framework, byte for byte as the app last served it.

Most visitors of /b/<slug> send a plain GET: no cookie, no query, no validator. For such a
request Flask still builds a request context, opens the session, runs a dozen hooks and
builds headers: two thirds of the page's cost once the page itself is cached. This WSGI
layer, just outside Flask, keeps for each (slug, source, scheme) the complete answer the
app gave last time to such a request — status, every header (security policy included),
body — with the page version it showed (app/public/cache.py). While that version is
current (the business's page generation and the day it was rendered on: the same test
`cached_page` makes) the answer is given again here, the view is counted in the same
exact counter, and the request is logged like any other. Anything else, or any doubt,
goes to the app: a cookie (a language choice, a signed-in mentor), a query string, If-None-Match
(the app answers 304), a HEAD, another path, an answer that set a cookie or was not 200.
It is off when the rate limiter has default limits (they would be skipped here).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.filters import SOURCES
from app.ops import log as request_log
from app.ops import request_line
from app.pageviews import count_view_outside_context

PATH = re.compile(r"/b/([a-z0-9-]{1,64})(?:/([lpsw]))?\Z")
RECORD = "kit_usaha.replay_key"  # environ: this plain request may be recorded under this key
PAGE = "kit_usaha.page"  # environ: the cached page (app/public/cache.Page) the view served
ENDPOINTS = ("public.business_page", "public.from_source")
REPLAYS_KEPT = 2048
LEFT_TO_THE_APP = ("HTTP_COOKIE", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "QUERY_STRING")


@dataclass(frozen=True)
class Replay:
    """An answer the app gave, with what must still hold for it to be given again."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    business_id: object
    token: tuple
    day: date
    source: str


class FastPublicPages:
    """WSGI middleware: answer plain GETs of public pages from the app's own last answer."""

    def __init__(self, app, wsgi_app) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.replays: dict[tuple, Replay] = {}
        self.lock = threading.Lock()
        self.zone = ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])
        self.logs = app.config.get("REQUEST_LOG", True)

    def __call__(self, environ, start_response):
        """Serve a recorded answer when one holds; else call the app (recording its answer)."""
        if environ.get("REQUEST_METHOD") != "GET" or any(
            environ.get(name) for name in LEFT_TO_THE_APP
        ):
            return self.wsgi_app(environ, start_response)
        match = PATH.match(environ.get("PATH_INFO", ""))
        if match is None:
            return self.wsgi_app(environ, start_response)
        started = time.perf_counter()
        slug, code = match.groups()
        key = (slug, code or "", environ.get("wsgi.url_scheme"))
        replay = self.replays.get(key)
        if replay is not None and self._current(replay):
            return self._serve(replay, environ, start_response, code, started)
        environ[RECORD] = key
        return self._record(environ, start_response, key)

    def _current(self, replay: Replay) -> bool:
        """Return whether the page version of a replay is still the one to show."""
        if datetime.now(self.zone).date() != replay.day:
            return False
        store = self.app.extensions["page_generations"]
        return store.current(replay.business_id) == replay.token

    def _serve(self, replay: Replay, environ, start_response, code, started):
        count_view_outside_context(self.app, replay.business_id, replay.day, replay.source)
        start_response(replay.status, list(replay.headers))
        if self.logs and request_log.isEnabledFor(20):
            endpoint = ENDPOINTS[1] if code else ENDPOINTS[0]
            seconds = time.perf_counter() - started
            path = environ["PATH_INFO"]
            request_log.info(request_line("GET", path, endpoint, 200, seconds, len(replay.body)))
        return [replay.body]

    def _record(self, environ, start_response, key):
        seen = {}

        def capture(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, capture)
        page = environ.get(PAGE)
        headers = seen.get("headers") or ()
        if (
            page is None
            or page.token is None
            or seen.get("status") != "200 OK"
            or any(name.lower() == "set-cookie" for name, _ in headers)
        ):
            return body
        try:
            chunks = list(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        replay = Replay(
            seen["status"],
            tuple(headers),
            b"".join(chunks),
            page.business_id,
            page.token,
            page.day,
            SOURCES[key[1]] if key[1] else "direct",
        )
        with self.lock:
            if len(self.replays) >= REPLAYS_KEPT:
                self.replays.clear()
            self.replays[key] = replay
        return chunks


def install(app) -> None:
    """Put the fast path in front of the app, unless rate limits apply to every route."""
    if app.config.get("RATELIMIT_DEFAULT") or app.config.get("RATELIMIT_APPLICATION"):
        return
    app.wsgi_app = FastPublicPages(app, app.wsgi_app)
