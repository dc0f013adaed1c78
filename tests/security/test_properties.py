"""Property tests where the validators guard private data and money: NIK, rupiah, encryption."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.crypto import NikKeyError, decrypt, encrypt
from app.render.formatting import rupiah as format_rupiah
from app.validators import (
    MAX_RUPIAH,
    PROVINCE_CODES,
    InvalidValue,
    mask_nik,
    normalise_nik,
    parse_rupiah,
)

birth_dates = st.dates(min_value=date(1930, 1, 1), max_value=date(2029, 12, 31))


@st.composite
def valid_niks(draw) -> str:
    """Return a NIK that follows the e-KTP layout: province, regency, district, birth, serial."""
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    area = draw(st.integers(0, 9999))
    born = draw(birth_dates)
    day = born.day + (40 if draw(st.booleans()) else 0)
    serial = draw(st.integers(1, 9999))
    return f"{province:02d}{area:04d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


@given(valid_niks(), st.sampled_from(["", " ", "-", "."]))
def test_every_well_formed_nik_is_accepted_with_any_separator(nik, sep):
    written = sep.join([nik[:6], nik[6:12], nik[12:]])
    assert normalise_nik(written) == nik


@given(valid_niks())
def test_the_mask_shows_only_the_first_and_last_four_digits(nik):
    masked = mask_nik(nik)
    assert masked == nik[:4] + "*" * 8 + nik[-4:]
    assert nik[4:12] not in masked


@given(st.text(max_size=40))
def test_nik_validator_never_crashes_and_only_returns_16_digits(raw):
    try:
        value = normalise_nik(raw)
    except InvalidValue:
        return
    assert value is None or (len(value) == 16 and value.isdigit() and value[12:] != "0000")


@given(valid_niks(), st.integers(0, 15))
def test_a_nik_with_one_digit_dropped_is_refused(nik, position):
    with pytest.raises(InvalidValue):
        normalise_nik(nik[:position] + nik[position + 1 :])


@given(st.integers(0, MAX_RUPIAH))
def test_rupiah_survives_formatting_and_every_common_way_of_writing_it(amount):
    dotted = f"{amount:,}".replace(",", ".")
    for written in (
        format_rupiah(amount),
        dotted,
        f"Rp {dotted}",
        f"Rp{dotted},-",
        f"Rp. {dotted},00",
        str(amount),
        f" {amount} ",
    ):
        assert parse_rupiah(written) == amount, written


@given(
    st.integers(0, 999_999),
    st.sampled_from([("rb", 1_000), ("ribu", 1_000), ("jt", 1_000_000), ("juta", 1_000_000)]),
)
def test_rupiah_words_multiply(number, word):
    name, factor = word
    assert parse_rupiah(f"{number} {name}") == number * factor


@given(st.integers(MAX_RUPIAH + 1, 10**18))
def test_absurd_amounts_are_refused(amount):
    with pytest.raises(InvalidValue):
        parse_rupiah(str(amount))


@given(st.text(max_size=30))
def test_rupiah_parser_never_crashes_and_never_returns_negative(raw):
    try:
        value = parse_rupiah(raw)
    except InvalidValue:
        return
    assert value is None or 0 <= value <= MAX_RUPIAH


@given(st.text(min_size=1, max_size=50), st.text(min_size=1, max_size=40))
def test_encryption_round_trips_and_never_shows_the_plain_text(plain, key):
    sealed = encrypt(plain, key)
    assert decrypt(sealed, key) == plain
    if len(plain) >= 4:
        assert plain not in sealed


@given(valid_niks())
def test_a_different_key_cannot_read_a_nik(nik):
    with pytest.raises(NikKeyError):
        decrypt(encrypt(nik, "kunci-satu"), "kunci-dua")
