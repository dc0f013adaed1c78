"""The signed-in business list, rendered once per version of everything it shows.

A list page depends on: the user (name, role, teams: the account's generation), the
businesses of the user's teams (each team's generation, bumped after every commit that
flushes one of its businesses; a coordinator's list follows every team's), the language,
the query string, and the session's CSRF token (its forms carry a token signed from it).
All of these are in the key, the generation tokens read before the list is, so a write
committed meanwhile changes the key and the stale page is never served again. A request
with flashed messages is rendered afresh (they show once). Pages stay in this process only:
they hold private data and never leave the worker that rendered them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import current_app, request, session
from flask_babel import get_babel
from flask_login import current_user

from app.generations import TEAMS, generations, team_name, user_name
from app.identity import team_ids_of

PAGES_KEPT = 512  # ~10 KB each


class ListCache:
    """Rendered list pages by key, least recently used dropped first."""

    def __init__(self, size: int = PAGES_KEPT) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.pages: OrderedDict[tuple, bytes] = OrderedDict()

    def get(self, key: tuple | None) -> bytes | None:
        """Return the page stored under key, or None."""
        if key is None:
            return None
        with self.lock:
            body = self.pages.get(key)
            if body is not None:
                self.pages.move_to_end(key)
            return body

    def put(self, key: tuple | None, body: bytes) -> None:
        """Store a rendered page under key (nothing when key is None)."""
        if key is None:
            return
        with self.lock:
            self.pages[key] = body
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


def list_key() -> tuple | None:
    """Return the cache key of this request's list page, or None when it must be rendered.

    The key is the tuple itself (no digest of it): it never leaves this process.
    """
    csrf = session.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    if not csrf or "_flashes" in session:
        return None
    user = current_user._get_current_object()  # one proxy lookup, not one per attribute
    if user.is_coordinator:
        names = (user_name(user.id), TEAMS)
    else:
        names = (user_name(user.id), *sorted(team_name(team) for team in team_ids_of(user)))
    tokens = generations().tokens(names)
    if tokens is None:  # the tokens cannot be read: no page may be trusted
        return None
    return (user.id, csrf, names, tokens, _language(), request.full_path)


def list_cache() -> ListCache:
    """Return the app's list cache."""
    return current_app.extensions.setdefault("mentor_list_cache", ListCache())


def _language() -> str:
    """Return the request's language as the locale selector chooses it (no Locale parsing)."""
    babel = get_babel()
    chosen = babel.locale_selector() if babel.locale_selector else None
    return str(chosen or babel.instance.default_locale)
