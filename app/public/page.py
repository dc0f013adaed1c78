"""Everything the public page template needs, the same for the live page and the export."""

from __future__ import annotations

from datetime import time
from urllib.parse import quote

from babel.dates import format_date, format_time
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from app.clock import today
from app.filters import public_url
from app.pageviews import SOURCE_LETTERS
from app.public.basket import Basket, field_name
from app.public.structured import desa_slug, json_ld, next_opening
from app.qris import read_qris
from app.whatsapp import order_links


def _json_script(data: dict) -> Markup:
    """Return JSON safe inside <script>: <, > and & escaped as in Flask's tojson."""
    from flask.json import dumps

    text = dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - every < > & is escaped above


def reopens_text(business) -> str:
    """Return when a stall closed today opens again, read from its opening hours."""
    found = next_opening(business.opening_hours, today())
    if found is None:
        return ""
    day, opens = found
    hour, minute = (int(part) for part in opens.split(":"))
    at = format_time(time(hour, minute), "short", locale=get_locale())  # 07.00 (id), 7:00 AM (en)
    if (day - today()).days == 1:
        return _("Buka lagi besok pukul %(time)s", time=at)
    weekday = format_date(day, "EEEE", locale=get_locale())  # Senin (id), Monday (en)
    return _("Buka lagi %(day)s pukul %(time)s", day=weekday, time=at)


def share_url(business) -> str:
    """Return the "share with a friend" link: wa.me with the page's name and link."""
    text = f"{business.name} {public_url(business.slug, 'whatsapp')}"
    return f"https://wa.me/?text={quote(text, safe='')}"


def page_context(
    business, source: str = "direct", basket: Basket | None = None, assets=None
) -> dict:
    """Return the template context of a business's public page."""
    state = business.day_state(today())
    url = public_url(business.slug)
    qris_url, qris = None, None
    if business.qris_payload:
        qris = read_qris(business.qris_payload)
        qris_url = (
            assets.qris if assets else f"/b/{business.slug}/qris.png?v={business.qris_payload[-4:]}"
        )
    og = f"{current_app.config['PUBLIC_BASE_URL']}/b/{business.slug}/og.jpg"
    return {
        "business": business,
        "order_links": order_links(business),
        "assets": assets,
        "source_letter": SOURCE_LETTERS.get(source, "d"),
        "source_code": {"label": "l", "pamphlet": "p", "sign": "s", "whatsapp": "w"}.get(source),
        "state": state,
        "reopens": reopens_text(business) if state == "closed" else "",
        "basket": basket,
        "field_name": field_name,
        "share_url": share_url(business),
        "desa_slug": desa_slug(business.village, business.district),
        "qris_url": qris_url,
        "qris": qris,
        "json_ld": _json_script(json_ld(business, url, og, lambda p: not p.sold_out)),
    }
