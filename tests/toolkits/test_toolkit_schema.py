"""The shipped toolkit data passes the check, and the check catches broken copies."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from app.checklists import (
    CONDITION_FACTS,
    STALE_AFTER_DAYS,
    TRADE_KEYS,
    Problem,
    ToolkitError,
    check_toolkits,
    is_stale,
    load_toolkits,
)

TOOLKIT_DIR = Path(__file__).resolve().parents[2] / "toolkits"
TODAY = date(2026, 11, 27)
EXPECTED_CHECKLISTS = {
    "nib-oss",
    "shopee",
    "facebook-marketplace",
    "instagram",
    "google-business-profile",
    "whatsapp-business",
    "spp-irt",
    "halal-self-declare",
    "bookkeeping",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Return a private copy of the toolkit folder to break."""
    target = tmp_path / "toolkits"
    shutil.copytree(TOOLKIT_DIR, target)
    return target


def edit(folder: Path, name: str, old: str, new: str, after: str | None = None) -> None:
    """Replace the first `old` (after the text `after`, if given) in one file."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def test_shipped_data_passes_the_check():
    assert check_toolkits(TOOLKIT_DIR, today=TODAY) == []
    assert check_toolkits(TOOLKIT_DIR) == []  # and today, whatever day the tests run


def test_shipped_data_loads_every_trade_and_checklist():
    toolkits = load_toolkits(TOOLKIT_DIR, today=TODAY)
    assert set(TRADE_KEYS) <= set(toolkits.trades)
    assert set(toolkits.checklists) == EXPECTED_CHECKLISTS
    assert toolkits.fingerprint
    warung = toolkits.trades["warung_makan"]
    assert warung["name_id"] == "Warung makan" and warung["food"] is True
    assert "nib-oss" in warung["checklists"]
    for checklist in toolkits.checklists.values():
        assert checklist.steps
        for step in checklist.steps:
            assert step.sources and all(s.startswith("https://") for s in step.sources)


def test_kbli_codes_are_five_digits_and_uncertain_ones_flagged():
    toolkits = load_toolkits(TOOLKIT_DIR, today=TODAY)
    codes = {k.code: k for t in toolkits.trades.values() for k in t.kbli2020}
    assert codes["56102"].unverified is False
    # FACTS.md: bamboo title UNVERIFIED, 16294 inference, bekam inference, pulsa/LPG uncertain.
    for code in ("16291", "16294", "86902", "61999", "61994", "47772"):
        assert codes[code].unverified is True, code
    assert all(not t.kbli2025 for t in toolkits.trades.values())  # never invented


def test_nib_checklist_carries_the_facts_the_brief_requires():
    nib = load_toolkits(TOOLKIT_DIR, today=TODAY).checklists["nib-oss"]
    text = " ".join(
        [nib.summary_id]
        + [s.detail_id for s in nib.steps]
        + [p.id for s in nib.steps for p in (*s.pitfalls, *s.prepare)]
    )
    for fact in ("13 angka", "gratis", "Dukcapil", "PP 28/2025 pasal 206", "sulit diganti"):
        assert fact in text, fact
    assert "tidak cocok dengan skala usaha" in text
    assert nib.steps[0].id == "cek-kelas-usaha"  # the class is checked before anything else
    assert "KTP asli (NIK dicocokkan di OSS)" in text


def test_missing_source_is_caught(data: Path):
    edit(
        data,
        "nib-oss.toml",
        'sources = ["https://oss.go.id/", "https://satoeasa.com/7-menit-daftar-nib-pakai-aplikasi-oss/"]',
        "sources = []",
        after='id = "data-pelaku-usaha"',
    )
    assert check_toolkits(data, today=TODAY) == [
        Problem("nib-oss.toml", "data-pelaku-usaha", "'sources' must list at least one https URL")
    ]


def test_removed_sources_field_and_plain_http_are_caught(data: Path):
    edit(
        data, "instagram.toml", 'sources = ["https://help.instagram.com/"]\n', "", after="buat-akun"
    )
    edit(
        data,
        "shopee.toml",
        "https://seller.shopee.co.id/",
        "http://seller.shopee.co.id/",
        "catat-tautan",
    )
    assert check_toolkits(data, today=TODAY) == [
        Problem("instagram.toml", "buat-akun", "missing required field 'sources'"),
        Problem(
            "shopee.toml",
            "catat-tautan",
            "source 'http://seller.shopee.co.id/' is not an https URL",
        ),
    ]


def test_duplicate_step_id_is_caught(data: Path):
    edit(data, "nib-oss.toml", 'id = "data-pelaku-usaha"', 'id = "isi-data-ktp"')
    assert check_toolkits(data, today=TODAY) == [
        Problem("nib-oss.toml", "isi-data-ktp", "duplicate step id 'isi-data-ktp'")
    ]


def test_unknown_checklist_in_a_trade_is_caught(data: Path):
    edit(data, "trades.toml", '"shopee"', '"tiktok-shop"', after="[trades.penjahit]")
    assert check_toolkits(data, today=TODAY) == [
        Problem("trades.toml", None, "trade 'penjahit': unknown checklist 'tiktok-shop'")
    ]


def test_unknown_condition_fact_is_caught(data: Path):
    edit(data, "spp-irt.toml", 'when = ["food"]', 'when = ["makanan"]')
    assert check_toolkits(data, today=TODAY) == [
        Problem("spp-irt.toml", None, "unknown condition fact 'makanan' in 'when'")
    ]


def test_future_date_is_caught(data: Path):
    edit(
        data,
        "bookkeeping.toml",
        "last_checked = 2026-11-27",
        "last_checked = 2027-01-01",
        "saldo-awal",
    )
    assert check_toolkits(data, today=TODAY) == [
        Problem("bookkeeping.toml", "saldo-awal", "'last_checked' 2027-01-01 is in the future")
    ]


def test_date_written_as_text_is_caught(data: Path):
    edit(data, "whatsapp-business.toml", "last_checked = 2026-11-27", 'last_checked = "27-11-2026"')
    assert check_toolkits(data, today=TODAY) == [
        Problem("whatsapp-business.toml", None, "'last_checked' must be a date like 2026-11-27")
    ]


def test_unknown_field_missing_trade_and_wrong_id_are_caught(data: Path):
    edit(data, "instagram.toml", "unverified = false", "unverified = false\nverified = true")
    edit(data, "trades.toml", "[trades.lainnya]", "[trades.lain_lain]")
    edit(data, "shopee.toml", 'id = "shopee"', 'id = "shopee-id"')
    problems = check_toolkits(data, today=TODAY)
    assert Problem("instagram.toml", "buat-akun", "unknown field 'verified'") in problems
    assert Problem("trades.toml", None, "missing trade 'lainnya'") in problems
    assert (
        Problem("shopee.toml", None, "checklist id 'shopee-id' must match the file name 'shopee'")
        in problems
    )


def test_unknown_placeholder_and_bad_kbli_code_are_caught(data: Path):
    edit(data, "nib-oss.toml", "{owner_name}", "{nik}")
    edit(data, "trades.toml", 'code = "14120"', 'code = "1412"')
    problems = check_toolkits(data, today=TODAY)
    assert Problem("nib-oss.toml", "isi-data-ktp", "unknown placeholder '{nik}'") in problems
    assert (
        Problem("trades.toml", None, "trade 'penjahit': kbli2020 #1: code '1412' must be 5 digits")
        in problems
    )


def test_invalid_toml_is_reported_not_raised(data: Path):
    (data / "instagram.toml").write_text("id = \n", encoding="utf-8")
    problems = check_toolkits(data, today=TODAY)
    assert len(problems) == 1  # the trades listing it do not cascade errors
    assert problems[0].file == "instagram.toml"
    assert problems[0].reason.startswith("invalid TOML")


def test_other_data_files_are_checked_on_their_own(data: Path):
    (data / "sheets.toml").write_text('[[sheets]]\nname = "Tom & Jerry 103"\n', encoding="utf-8")
    assert check_toolkits(data, today=TODAY) == [
        Problem("sheets.toml", None, "sheets.toml has no [sheets.<key>] tables")
    ]
    load_toolkits(data, today=TODAY)  # the checklists and trades do not depend on it


def test_theme_sheet_and_print_item_problems_are_located(data: Path):
    edit(data, "themes.toml", 'text = "#', 'text = "red" # ', after="[themes.kunyit]")
    edit(data, "sheets.toml", "columns = 3", 'columns = "3"')
    edit(data, "print-items.toml", "title_chars = 120", "title_chars = 0")
    problems = check_toolkits(data, today=TODAY)
    assert Problem("themes.toml", None, "kunyit: not a #RRGGBB colour: 'red'") in problems
    assert Problem("sheets.toml", None, "a4-3x8-70x37: 'columns' must be an integer") in problems
    assert (
        Problem("print-items.toml", None, "limits: shopee: 'title_chars' must be more than 0")
        in problems
    )
    assert Problem("themes.toml", None, "default theme 'kunyit' is not defined") in problems
    assert len(problems) == 4


def test_trade_refuses_unknown_keys_and_takes_a_schema_type(data: Path):
    trades = load_toolkits(data, today=TODAY).trades
    assert trades["kue"].schema_type == "Bakery"
    assert trades["penjahit"].schema_type == "LocalBusiness"  # not given: the general type
    edit(data, "trades.toml", "[trades.kue]\n", "[trades.kue]\nrasa = 1\n")
    edit(data, "trades.toml", "food = true", 'food = "ya"', after="[trades.katering]")
    assert check_toolkits(data, today=TODAY) == [
        Problem("trades.toml", None, "trade 'kue': unknown field 'rasa'"),
        Problem("trades.toml", None, "trade 'katering': 'food' must be true or false"),
    ]


def test_load_raises_with_the_problems(data: Path):
    edit(data, "spp-irt.toml", 'when = ["food"]', 'when = ["makanan"]')
    with pytest.raises(ToolkitError) as err:
        load_toolkits(data, today=TODAY)
    assert err.value.problems == [
        Problem("spp-irt.toml", None, "unknown condition fact 'makanan' in 'when'")
    ]
    assert "spp-irt.toml: unknown condition fact 'makanan'" in str(err.value)


def test_staleness_boundary():
    checked = date(2026, 1, 1)
    assert not is_stale(checked, date.fromordinal(checked.toordinal() + STALE_AFTER_DAYS))
    assert is_stale(checked, date.fromordinal(checked.toordinal() + STALE_AFTER_DAYS + 1))


def test_vocabulary_is_documented():
    import app.checklists.model as schema

    for fact in CONDITION_FACTS:
        assert f"``{fact}``" in schema.__doc__
