"""The pure validators: phone numbers, links, NIK, rupiah, slugs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.render.formatting import phone_local
from app.render.formatting import rupiah as format_rupiah
from app.validators import (
    InvalidValue,
    mask_nik,
    normalise_link,
    normalise_nik,
    normalise_whatsapp,
    parse_rupiah,
    slugify,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0812-3456-7890", "6281234567890"),
        ("081234567890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("62812-3456-7890", "6281234567890"),
        ("+62 (812) 3456-7890", "6281234567890"),
        ("0062 812 3456 7890", "6281234567890"),
        ("812 3456 7890", "6281234567890"),
        (" 0857 2704 0404 ", "6285727040404"),
        ("0895-2712-1212", "6289527121212"),
        ("0811234567", "62811234567"),  # 10 digits, older Telkomsel numbers
        ("0878.2708.0808", "6287827080808"),
    ],
)
def test_whatsapp_numbers_normalise_to_62(raw, expected):
    assert normalise_whatsapp(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "kosong"),
        ("024 7654321", "bukan nomor HP"),  # a Semarang landline
        ("0800-123-4567", "bukan nomor HP"),  # toll-free, not a mobile
        ("0812 345", "Jumlah angka"),
        ("0812-3456-7890-1234", "Jumlah angka"),
        ("+65 8123 4567", "Indonesia"),
        ("0812-3456-789O", "hanya boleh"),  # letter O typed for zero
        ("wa.me/6281234567890", "hanya boleh"),
    ],
)
def test_non_mobile_numbers_are_refused_with_a_reason(raw, reason):
    with pytest.raises(InvalidValue) as excinfo:
        normalise_whatsapp(raw)
    assert reason in str(excinfo.value)


def test_whatsapp_display_is_readable():
    display_whatsapp = phone_local
    assert display_whatsapp("6281234567890") == "0812-3456-7890"
    assert display_whatsapp(None) == ""


@pytest.mark.parametrize(
    ("platform", "raw", "expected"),
    [
        ("shopee", "https://shopee.co.id/tokobusri", "https://shopee.co.id/tokobusri"),
        ("shopee", "shopee.co.id/tokobusri", "https://shopee.co.id/tokobusri"),
        ("shopee", "https://id.shp.ee/abc123", "https://id.shp.ee/abc123"),
        (
            "facebook",
            "https://www.facebook.com/busri.kripik",
            "https://www.facebook.com/busri.kripik",
        ),
        (
            "facebook",
            "https://m.facebook.com/marketplace/item/1",
            "https://m.facebook.com/marketplace/item/1",
        ),
        ("instagram", "https://instagram.com/kripik.busri/", "https://instagram.com/kripik.busri/"),
        ("maps", "https://maps.app.goo.gl/AbCd123", "https://maps.app.goo.gl/AbCd123"),
        (
            "maps",
            "https://www.google.com/maps/place/Susukan",
            "https://www.google.com/maps/place/Susukan",
        ),
        ("tiktok", "https://www.tiktok.com/@busri", "https://www.tiktok.com/@busri"),
        ("shopee", "   ", None),
    ],
)
def test_links_are_accepted_and_made_https(platform, raw, expected):
    assert normalise_link(platform, raw) == expected


@pytest.mark.parametrize(
    ("platform", "raw", "reason"),
    [
        ("shopee", "javascript:alert(1)", "tidak aman"),
        ("shopee", "JaVaScRiPt:alert(1)", "tidak aman"),
        ("shopee", " java\tscript:alert(1)", "tidak aman"),
        ("facebook", "data:text/html;base64,PHNjcmlwdD4=", "tidak aman"),
        ("shopee", "http://shopee.co.id/tokobusri", "https://"),
        ("shopee", "ftp://shopee.co.id/x", "https://"),
        ("shopee", "https://shopee.co.id.evil.example/x", "bukan tautan Shopee"),
        ("shopee", "https://evilshopee.co.id/x", "bukan tautan Shopee"),
        ("shopee", "https://shopee.co.id@evil.example/x", "tidak bisa dibaca"),
        ("instagram", "https://facebook.com/busri", "bukan tautan Instagram"),
        ("maps", "https://www.google.com/search?q=x", "bukan tautan Google Maps"),
        ("shopee", "https://shopee.co.id:8080/x", "tidak bisa dibaca"),
        ("shopee", 'https://shopee.co.id/"><script>', "tidak aman"),
    ],
)
def test_bad_links_are_refused_with_a_reason(platform, raw, reason):
    with pytest.raises(InvalidValue) as excinfo:
        normalise_link(platform, raw)
    assert reason in str(excinfo.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3322054107820001", "3322054107820001"),  # woman born 1 July 1982 (day + 40)
        ("3322 0512 0375 0002", "3322051203750002"),
        ("33.22.05.120375.0002", "3322051203750002"),
        ("", None),
    ],
)
def test_nik_accepts_sixteen_plausible_digits(raw, expected):
    assert normalise_nik(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("332205410782000", "16 angka"),
        ("33220541078200011", "16 angka"),
        ("33220541078200O1", "16 angka"),
        ("9922054107820001", "kode provinsi"),
        ("3322053213820001", "Tanggal lahir"),  # month 13
        ("3322057207820001", "Tanggal lahir"),  # day 72 - 40 = 32
        ("3322054107820000", "0000"),
    ],
)
def test_nik_refuses_impossible_numbers(raw, reason):
    with pytest.raises(InvalidValue) as excinfo:
        normalise_nik(raw)
    assert reason in str(excinfo.value)


def test_nik_is_masked_for_display():
    assert mask_nik("3322054107820001") == "3322********0001"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        ("8.000", 8000),
        ("Rp 8.000", 8000),
        ("Rp8.000,-", 8000),
        ("rp. 8.000,00", 8000),
        ("8,000", 8000),
        ("1,5 juta", 1_500_000),
        ("2 jt", 2_000_000),
        ("15rb", 15_000),
        ("1,2 M", 1_200_000_000),
        ("", None),
        (None, None),
    ],
)
def test_rupiah_input_is_parsed_to_whole_rupiah(raw, expected):
    assert parse_rupiah(raw) == expected


@pytest.mark.parametrize("raw", ["lima ribu", "Rp 1.500,50", "-5000", "12.34.5", "1e6", "Rp"])
def test_bad_rupiah_input_is_refused(raw):
    with pytest.raises(InvalidValue):
        parse_rupiah(raw)


def test_rupiah_is_formatted_with_dots():
    assert format_rupiah(15000) == "Rp15.000"
    assert format_rupiah(1_250_000_000) == "Rp1.250.000.000"
    assert format_rupiah(0) == "Rp0"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Bakso Mas Bejo", "bakso-mas-bejo"),
        ("Kue & Roti Bu Ani!!", "kue-roti-bu-ani"),
        ("Café Ñoño", "cafe-nono"),
        ("ꦱꦸꦏꦸꦤ꧀", "usaha"),
        (
            "Warung Makan Sederhana Mbak Yuni Spesial Pedas Level Sepuluh",
            "warung-makan-sederhana-mbak-yuni",
        ),
    ],
)
def test_slugs_are_short_ascii(name, slug):
    assert slugify(name) == slug


@given(st.text(max_size=300))
def test_any_name_gives_a_valid_slug(name):
    slug = slugify(name)
    assert 1 <= len(slug) <= 32
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-")


@given(st.text(max_size=40))
def test_phone_validator_never_crashes_and_returns_62_digits(raw):
    try:
        value = normalise_whatsapp(raw)
    except InvalidValue:
        return
    assert value.startswith("628") and value.isdigit() and 11 <= len(value) <= 14


@given(st.text(max_size=200))
def test_link_validator_only_ever_returns_https(raw):
    try:
        value = normalise_link("shopee", raw)
    except InvalidValue:
        return
    assert value is None or value.startswith("https://")
