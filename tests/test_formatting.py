"""One formatting module: Rupiah, numbers and dates by Babel, phone numbers by phonenumbers."""

from datetime import date

import pytest

from app.render.formatting import (
    compact_rupiah,
    long_date,
    number,
    parse_phone,
    phone_local,
    price_label,
    rupiah,
)
from app.validators import normalise_whatsapp


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("6281234567890", "0812-3456-7890"),  # 12 digits: 4-4-4
        ("628123456789", "0812-3456-789"),  # 11 digits
        ("62812345678", "0812-345-678"),  # 10 digits: libphonenumber's 4-3-3
        ("62811234567", "0811-234-567"),
        ("62812345678901", "0812-3456-78901"),  # 13 digits
        ("6285727040404", "0857-2704-0404"),
        ("", ""),
        (None, ""),
    ],
)
def test_every_stored_number_is_shown_one_way(stored, shown):
    assert phone_local(stored) == shown


@pytest.mark.parametrize(
    "typed", ["0812-3456-7890", "+62 812 3456 7890", "62812-3456-7890", "0062 812 3456 7890"]
)
def test_what_is_stored_reads_back_as_typed_nationally(typed):
    assert phone_local(normalise_whatsapp(typed)) == "0812-3456-7890"
    assert parse_phone(typed).country_code == 62


def test_rupiah_numbers_and_dates_follow_the_locale():
    assert rupiah(15000) == "Rp15.000"
    assert rupiah(1_250_000_000) == "Rp1.250.000.000"
    assert rupiah(-1500) == "-Rp1.500"
    assert rupiah(None) == ""
    assert rupiah(15000, "en") == "Rp15,000"
    assert number(1234567) == "1.234.567"
    assert number(1234567, "en") == "1,234,567"
    assert long_date(date(2026, 12, 1)) == "1 Desember 2026"
    assert long_date(date(2026, 12, 1), "en") == "December 1, 2026"


@pytest.mark.parametrize("locale", ["id", "en", "fr", "de_CH", "en_IN"])
def test_whole_numbers_read_as_babel_writes_them(locale):
    from babel.numbers import format_decimal

    for value in (0, 7, 999, 1000, 15_000, 123_456, 1_250_000_000, 10**15 + 1):
        assert number(value, locale) == format_decimal(value, "#,##0", locale=locale)


@pytest.mark.parametrize(
    ("amount", "locale", "shown"),
    [
        (1_500_000, "id", "Rp1,5 jt"),
        (750_000, "id", "Rp750 rb"),
        (1_200_000_000, "id", "Rp1,2 M"),
        (999, "id", "Rp999"),
        (-2_000_000, "id", "-Rp2 jt"),
        (1_500_000, "en", "Rp1.5M"),
    ],
)
def test_compact_rupiah(amount, locale, shown):
    # Babel keeps the number and its unit together with a no-break space.
    assert compact_rupiah(amount, locale).replace("\xa0", " ") == shown


def test_price_label_joins_the_unit():
    assert price_label(15000, "per mangkok") == "Rp15.000 per mangkok"
    assert price_label(12000, "250 g") == "Rp12.000 / 250 g"
    assert price_label(None, "250 g") == ""
