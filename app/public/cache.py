"""Rendered public pages, cached per version of everything they show.

A page view first looks in this process for the page last served under the same slug and
variant (`page_variant`: source and language) and serves it, without asking the database,
while its business's page generation (app/generations.py, bumped after every commit
that touches the business or its products) is the one it was rendered under. Otherwise it
asks the database one small question (the business's version, status and the product rows
the page shows), builds the key from the answer (`page_key`, the one place to extend when
the page shows something new) and serves the rendered bytes kept under that key: in this
process, and in Redis when `PAGE_CACHE_REDIS_URL`, `REDIS_URL` or the rate-limit storage
points at one, so every worker and server shares a page rendered once. The key also names
the page to browsers (ETag), which then get a 304.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from flask import Flask, current_app
from flask_babel import get_babel, get_locale
from sqlalchemy import select

from app.clock import today
from app.extensions import db
from app.generations import FileGenerations, RedisGenerations, generations
from app.models import Business, Product

log = logging.getLogger(__name__)

LOCAL_PAGES = 1024  # rendered pages kept per process (~5 KB each)
REDIS_TTL_SECONDS = 7 * 24 * 3600  # unused keys of old versions leave Redis by themselves
REDIS_PREFIX = "kit-usaha:page:"
TEMPLATES = ("public/business.html",)


@dataclass(frozen=True)
class PageState:
    """What decides a public page's content, read in one query."""

    business_id: uuid.UUID
    version: int
    status: str
    day_state: str  # the family's "open"/"closed" for today, or ""
    products: tuple[tuple, ...]
    locale: str = "id"  # the language the page is shown in (?lang= or the session's)


def page_state(slug: str) -> PageState | None:
    """Return the state of a published business's page, or None (no such page)."""
    rows = db.session.execute(
        select(
            Business.id,
            Business.version,
            Business.status,
            Business.day_status,
            Business.day_status_on,
            Product.id,
            Product.position,
            Product.name,
            Product.price_idr,
            Product.unit,
            Product.photo,
        )
        .outerjoin(Product, Product.business_id == Business.id)
        .where(Business.slug == slug, Business.published.is_(True))
    ).all()
    if not rows:
        return None
    first = rows[0]
    products = tuple(sorted(tuple(map(str, row[5:])) for row in rows if row[5] is not None))
    day_state = first[3] if first[4] == today() else ""
    return PageState(first[0], first[1], first[2], day_state, products, str(get_locale()))


@dataclass(frozen=True)
class Page:
    """A rendered page as served: whose it is, its key (ETag), its bytes and their validity."""

    business_id: uuid.UUID
    key: str
    body: bytes
    token: tuple  # the business's page generation it was rendered under
    day: date  # the date it was rendered on (its open/closed line holds for that day)


def page_variant(source: str) -> tuple:
    """Return what of the request (not the data) selects a page: its source and language."""
    return (source, _language())


def _language() -> str:
    """Return the request's language as get_locale() would, without parsing a Locale (50 µs)."""
    babel = get_babel()
    chosen = babel.locale_selector() if babel.locale_selector else None
    return str(chosen or babel.instance.default_locale)


def cached_page(slug: str, source: str) -> Page | None:
    """Return the page of slug from this process without asking the database, if still valid."""
    page = page_cache().recent(slug, page_variant(source))
    if page is None or page.day != today():
        return None
    if generations().current(page.business_id) != page.token:
        return None
    return page


def fresh_page(slug: str, source: str, render) -> Page | None:
    """Return the page of slug, rendered by render(state) unless its key is cached; None: 404.

    The generation token is read before the state the page is rendered from: a write
    committed after that changes the token, so this page is not served again.
    """
    state = page_state(slug)
    if state is None:
        return None
    token = generations().current(state.business_id)
    state = page_state(slug)  # read again after the token (see above)
    if state is None:
        return None
    key = page_key(state, source)
    cache = page_cache()
    body = cache.get(key)
    if body is None:
        body = render(state).encode()
        cache.put(key, body)
    page = Page(state.business_id, key, body, token, today())
    if token is not None:
        cache.remember(slug, page_variant(source), page)
    return page


def page_key(state: PageState, source: str) -> str:
    """Return the cache key and ETag of a page: every input that can change what it shows.

    Extend here when the page shows something new: add it to PageState and page_state's
    query, or bump the business's version when it changes (sold-out flags and QRIS do). The
    source is part of the page (the order form and ping links carry it); the family's
    open/closed flag holds for its day only, so that day is part of the key while it is set.
    """
    parts = (
        str(state.business_id),
        str(state.version),
        state.status,
        source,
        state.day_state,
        state.locale,
        today().isoformat() if state.day_state else "",
        repr(state.products),
        app_version(),
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def app_version() -> str:
    """Return what besides the data shapes the page: templates, renderer, toolkits, base URL."""
    app = current_app
    return _app_version(
        str(Path(app.template_folder)),
        app.config["PUBLIC_BASE_URL"],
        app.extensions["toolkits"].fingerprint,
    )


@cache
def _app_version(template_folder: str, base_url: str, toolkits: str) -> str:
    from app import render

    digest = hashlib.sha256(f"{base_url}\x1f{toolkits}\x1f{render.RENDERER_VERSION}".encode())
    for name in TEMPLATES:
        digest.update((Path(template_folder) / name).read_bytes())
    return digest.hexdigest()[:16]


class PageCache:
    """Rendered pages by key: a small LRU in this process in front of optional Redis."""

    def __init__(self, redis_url: str | None = None, size: int = LOCAL_PAGES) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.local: OrderedDict[str, bytes] = OrderedDict()
        self.pages: OrderedDict[tuple, Page] = OrderedDict()  # by (slug, variant)
        self.redis = None
        if redis_url:
            import redis

            self.redis = redis.Redis.from_url(redis_url, socket_timeout=0.2)

    def recent(self, slug: str, variant: tuple) -> Page | None:
        """Return the page last served for slug and variant in this process, or None."""
        return self.pages.get((slug, variant))

    def remember(self, slug: str, variant: tuple, page: Page) -> None:
        """Keep the page served for slug and variant, for cached_page."""
        with self.lock:
            self.pages[(slug, variant)] = page
            self.pages.move_to_end((slug, variant))
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def get(self, key: str) -> bytes | None:
        """Return the page stored under key, or None."""
        with self.lock:
            body = self.local.get(key)
            if body is not None:
                self.local.move_to_end(key)
                return body
        if self.redis is None:
            return None
        try:
            body = self.redis.get(REDIS_PREFIX + key)
        except Exception:  # noqa: BLE001 - a cache that is down must never cost the page
            log.warning("page cache: Redis unreachable", exc_info=True)
            return None
        if body is not None:
            self._keep(key, body)
        return body

    def put(self, key: str, body: bytes) -> None:
        """Store a rendered page under key."""
        self._keep(key, body)
        if self.redis is not None:
            try:
                self.redis.set(REDIS_PREFIX + key, body, ex=REDIS_TTL_SECONDS)
            except Exception:  # noqa: BLE001 - see get()
                log.warning("page cache: Redis unreachable", exc_info=True)

    def _keep(self, key: str, body: bytes) -> None:
        with self.lock:
            self.local[key] = body
            self.local.move_to_end(key)
            while len(self.local) > self.size:
                self.local.popitem(last=False)


def redis_url(config) -> str | None:
    """Return the Redis URL the page cache should share, if the app has one."""
    for name in ("PAGE_CACHE_REDIS_URL", "RATELIMIT_STORAGE_URI"):
        url = config.get(name) or ""
        if url.startswith(("redis://", "rediss://")):
            return url
    return None


def page_cache() -> PageCache:
    """Return the app's page cache."""
    return current_app.extensions["page_cache"]


def init_app(app: Flask) -> None:
    """Give the app its page cache and the page generations that keep it fresh."""
    cache = PageCache(redis_url(app.config))
    app.extensions["page_cache"] = cache
    if cache.redis is not None:
        app.extensions["page_generations"] = RedisGenerations(cache.redis)
    else:
        folder = app.config.get("PAGE_GENERATIONS_DIR") or Path(
            app.instance_path, "page-generations"
        )
        app.extensions["page_generations"] = FileGenerations(folder)
