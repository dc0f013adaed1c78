"""Indonesian display formats, one place for all: Rupiah, numbers, dates, phone numbers.

Money, numbers and dates go through Babel (CLDR data, ``id`` by default, ``en`` on
request); phone numbers through ``phonenumbers`` (Google's libphonenumber data), so
every screen, PDF, image and export groups digits the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache

import phonenumbers
from babel import dates as babel_dates
from babel import numbers as babel_numbers

DEFAULT_LOCALE = "id"
RUPIAH_SYMBOL = "Rp"
_WHOLE = "#,##0"
_PLAIN_GROUPING = ("id", "en")  # groups of three, checked against Babel in the tests
COUNTRY_CODE = 62
REGION = "ID"


def number(value: int | float, locale: str = DEFAULT_LOCALE) -> str:
    """Format a number with the locale's grouping: 15000 -> "15.000" (id), "15,000" (en)."""
    if type(value) is int and value >= 0 and locale in _PLAIN_GROUPING:
        # What Babel writes for "#,##0" and a whole number in the app's languages, without
        # re-reading the pattern and the locale on every call (most of a caption's cost).
        return f"{value:,}".replace(",", _group_symbol(locale))
    return babel_numbers.format_decimal(value, _WHOLE, locale=locale)


@lru_cache(maxsize=16)
def _group_symbol(locale: str) -> str:
    """Return the locale's digit-group separator (CLDR, through Babel)."""
    return babel_numbers.get_group_symbol(locale=locale)


def rupiah(amount: int | None, locale: str = DEFAULT_LOCALE) -> str:
    """Format whole rupiah, e.g. 15000 -> "Rp15.000"; None -> ""."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{RUPIAH_SYMBOL}{number(abs(int(amount)), locale)}"


def compact_rupiah(amount: int, locale: str = DEFAULT_LOCALE) -> str:
    """Format rupiah short for a chart or a table: Rp750 rb, Rp1,5 jt, Rp1,2 M."""
    short = babel_numbers.format_compact_decimal(abs(amount), locale=locale, fraction_digits=1)
    sign = "-" if amount < 0 else ""
    return f"{sign}{RUPIAH_SYMBOL}{short}"


def long_date(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """Format a date for people: "1 Desember 2026" (id), "December 1, 2026" (en)."""
    return babel_dates.format_date(day, "long", locale=locale)


def in_language(obj, field: str = "", lang: str = DEFAULT_LOCALE) -> str:
    """Return one language of a bilingual field: ``<field>_en`` for "en", else ``<field>_id``.

    The one place where content written in both languages (the toolkit TOML, the checklist
    advice) is chosen from; screens call it through ``app.filters.localized``. Works on
    objects and mappings; a bare pair (``text.id``/``text.en``) is field "". An empty
    English text falls back to the Indonesian one.
    """
    prefix = f"{field}_" if field else ""

    def value(lang_code: str) -> str:
        name = prefix + lang_code
        return obj.get(name, "") if isinstance(obj, Mapping) else getattr(obj, name, "")

    return (value("en") if lang == "en" else "") or value("id")


def price_label(amount: int | None, unit: str = "") -> str:
    """Return a price with its unit: "Rp15.000 per mangkok", "Rp12.000 / 250 g"."""
    price = rupiah(amount)
    unit = (unit or "").strip()
    if not price or not unit:
        return price
    # "per …" reads on its own; other units get a slash. Spaces let the unit wrap whole.
    joiner = " " if unit.lower().startswith("per ") else " / "
    return f"{price}{joiner}{unit}"


def parse_phone(text: str) -> phonenumbers.PhoneNumber:
    """Parse a number as typed in Indonesia ("0812…", "+62 812…", "62812…", "812…")."""
    digits = "".join(ch for ch in text if ch.isdigit())
    stripped = text.strip()
    if digits.startswith("00") and not stripped.startswith("+"):
        digits = digits[2:]
        return phonenumbers.parse("+" + digits, None)
    if stripped.startswith("+"):
        return phonenumbers.parse("+" + digits, None)
    if digits.startswith(str(COUNTRY_CODE)):
        return phonenumbers.parse("+" + digits, None)
    if not digits.startswith("0"):
        digits = "0" + digits
    return phonenumbers.parse(digits, REGION)


def phone_local(digits: str | None) -> str:
    """Format a stored number (62…) for people to read, e.g. "0812-3456-7890"."""
    if not digits:
        return ""
    return _phone_local(digits)


@lru_cache(maxsize=256)
def _phone_local(digits: str) -> str:
    """Format one stored number (every item of a kit shows the same one)."""
    try:
        parsed = parse_phone(digits)
    except phonenumbers.NumberParseException:
        return digits
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
