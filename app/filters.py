"""Jinja filters and globals shared by every template."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app
from flask_babel import get_locale
from markupsafe import Markup, escape
from wtforms.fields import SelectChoice

from app.render.formatting import in_language, phone_local, rupiah
from app.render.text import bind
from app.validators import mask_nik


def current_language() -> str:
    """Return the language of this request's screens: "en" or "id" (the default)."""
    return "en" if str(get_locale()) == "en" else "id"


def localized(obj, field: str = "") -> str:
    """Return a bilingual field ("title": title_id/title_en) in this request's language."""
    return in_language(obj, field, current_language())


def trade_name(key: str) -> str:
    """Return the display name of a trade key in the current language."""
    trade = current_app.extensions["toolkits"].trades.get(key)
    if trade is None:
        return key
    return localized(trade, "name")


def trade_choices() -> list[SelectChoice]:
    """Return the choices of a trade select, in file order."""
    return [SelectChoice(key, trade_name(key)) for key in current_app.extensions["toolkits"].trades]


# Where a visitor came from, as one letter in the path: short QR payloads, no cookies.
SOURCES = {"l": "label", "p": "pamphlet", "s": "sign", "w": "whatsapp"}


def public_url(slug: str, source: str | None = None) -> str:
    """Return the absolute URL of a business's public page, optionally tagged by source."""
    base = f"{current_app.config['PUBLIC_BASE_URL']}/b/{slug}"
    if source is None:
        return base
    code = next(code for code, name in SOURCES.items() if name == source)
    return f"{base}/{code}"


def host(url: str) -> str:
    """Return the host name of a URL, for short link texts."""
    return (urlsplit(url).hostname or url).removeprefix("www.")


def millimetres(value: float) -> str:
    """Format a length in mm the Indonesian way: 70, 99,1."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def init_app(app: Flask) -> None:
    """Register the filters and globals."""
    app.add_template_filter(rupiah, "rupiah")
    app.add_template_filter(phone_local, "phone")
    app.add_template_filter(mask_nik, "masked_nik")
    app.add_template_filter(trade_name, "trade_name")
    app.add_template_filter(localized, "localized")
    app.add_template_filter(host, "host")
    app.add_template_filter(millimetres, "mm")
    app.add_template_filter(bind_units, "bind_units")
    app.add_template_global(public_url, "public_url")
    app.add_template_global(lambda: str(get_locale()), "current_locale")


def bind_units(text: str | None) -> Markup:
    """Escape text and join numbers to their units ("250 g", "Rp 5.000") with no-break spaces."""
    # The same rule the printed artwork wraps by (app.render.text.bind): a 360 px screen
    # must not leave "250" at a line's end and "g" at the next one's start.
    return Markup(escape(bind(text or "")))  # noqa: S704 - escaped first
