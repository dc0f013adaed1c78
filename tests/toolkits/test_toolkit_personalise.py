"""Size classes, which checklists apply, warnings, next actions, and no NIK anywhere."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.checklists import (
    BusinessFacts,
    SizeClass,
    bring_for,
    facts_for,
    next_actions,
    plan_for,
    size_class,
)
from tests.toolkits.conftest import JUTA, NIK, TODAY, bakso

MILIAR = 1_000_000_000


make = bakso


# ----------------------------------------------------------------- size class


@pytest.mark.parametrize(
    ("capital", "sales", "expected"),
    [
        (MILIAR, None, SizeClass.MIKRO),  # exactly Rp1.000.000.000 is still micro
        (MILIAR + 1, None, SizeClass.KECIL),  # one rupiah more is small
        (5 * MILIAR, None, SizeClass.KECIL),
        (5 * MILIAR + 1, None, SizeClass.MENENGAH),
        (10 * MILIAR, None, SizeClass.MENENGAH),
        (10 * MILIAR + 1, None, SizeClass.BESAR),
        (None, 2 * MILIAR, SizeClass.MIKRO),  # sales boundary
        (None, 2 * MILIAR + 1, SizeClass.KECIL),
        (None, 15 * MILIAR, SizeClass.KECIL),
        (None, 15 * MILIAR + 1, SizeClass.MENENGAH),
        (None, 50 * MILIAR, SizeClass.MENENGAH),
        (None, 50 * MILIAR + 1, SizeClass.BESAR),
        (0, 0, SizeClass.MIKRO),
        (None, None, SizeClass.UNKNOWN),
        (MILIAR, 2 * MILIAR + 1, SizeClass.KECIL),  # the higher of the two criteria
        (6 * MILIAR, 1 * JUTA, SizeClass.MENENGAH),
    ],
)
def test_size_class_boundaries(capital, sales, expected):
    assert size_class(capital, sales) is expected


def test_size_class_labels_and_bad_input():
    assert (SizeClass.MIKRO.label_id, SizeClass.MIKRO.label_en) == ("Mikro", "Micro")
    assert SizeClass.KECIL.label_id == "Kecil"
    assert not SizeClass.UNKNOWN.known
    with pytest.raises(ValueError):
        size_class(-1, None)
    with pytest.raises(TypeError):
        size_class(True, None)


# ----------------------------------------------------------------- facts and plans


def test_facts_follow_the_record(toolkits):
    facts = facts_for(make(nib_number="1234567890123"), toolkits.trades["warung_makan"])
    assert {"food", "has_nib", "has_whatsapp", "micro", "sales_le_500jt"} <= facts
    assert "has_shopee" not in facts
    tailor = facts_for(make(trade="penjahit", capital_idr=None, annual_sales_idr=None), None)
    assert "size_unknown" in tailor and "food" not in tailor


def test_warung_above_one_miliar_gets_the_warning_before_nib_steps(toolkits):
    plan = plan_for(make(capital_idr=MILIAR + 1), toolkits, TODAY)
    assert plan.size is SizeClass.KECIL
    warning = next(n for n in plan.notices if n.key == "size-not-micro")
    assert warning.level == "warning"
    assert "Rp1.000.000.001" in warning.text_id and "Susukan" in warning.text_id
    nib = plan.checklist("nib-oss")
    assert nib.status == "todo"
    assert [n.key for n in nib.notices_before(nib.steps[0].id)] == ["size-not-micro"]
    assert nib.steps[0].id == "cek-kelas-usaha"


def test_micro_warung_gets_no_size_warning(toolkits):
    plan = plan_for(make(capital_idr=MILIAR), toolkits, TODAY)
    assert plan.size is SizeClass.MIKRO
    assert not [n for n in plan.notices if n.key.startswith("size-")]


def test_unknown_size_asks_for_the_figures_first(toolkits):
    plan = plan_for(make(capital_idr=None, annual_sales_idr=None), toolkits, TODAY)
    assert plan.size is SizeClass.UNKNOWN
    assert [n.key for n in plan.checklist("nib-oss").notices] == ["size-unknown"]


def test_tailor_gets_no_spp_irt_and_no_halal(toolkits):
    plan = plan_for(make(trade="penjahit", business_name="Yahya Penjahit"), toolkits, TODAY)
    ids = [pc.id for pc in plan.checklists]
    assert "spp-irt" not in ids and "halal-self-declare" not in ids
    assert "nib-oss" in ids and "bookkeeping" in ids
    assert not [n for n in plan.notices if n.key.startswith("halal")]
    assert [k.code for k in plan.kbli2020] == ["14120"]


def test_food_trade_gets_spp_irt_halal_and_the_halal_deadline(toolkits):
    plan = plan_for(make(trade="makanan_ringan"), toolkits, TODAY)
    ids = [pc.id for pc in plan.checklists]
    assert "spp-irt" in ids and "halal-self-declare" in ids
    halal = next(n for n in plan.notices if n.key == "halal-mandatory")
    assert "sudah wajib sejak 17 Oktober 2026" in halal.text_id
    assert "PP 42/2024 pasal 160 ayat 2" in halal.text_id
    before = plan_for(make(trade="makanan_ringan"), toolkits, date(2026, 10, 16))
    early = next(n for n in before.notices if n.key == "halal-mandatory")
    assert "wajib mulai 17 Oktober 2026" in early.text_id


def test_sales_above_500_juta_skip_self_declare(toolkits):
    plan = plan_for(make(trade="kue", annual_sales_idr=500 * JUTA + 1), toolkits, TODAY)
    assert plan.checklist("halal-self-declare") is None
    skipped = {s.checklist_id: s for s in plan.skipped}
    assert "omzet setahun di atas Rp500 juta" in skipped["halal-self-declare"].reason_id
    assert any(n.key == "halal-regular-route" for n in plan.notices)
    at_limit = plan_for(make(trade="kue", annual_sales_idr=500 * JUTA), toolkits, TODAY)
    assert at_limit.checklist("halal-self-declare") is not None


def test_business_with_nib_gets_no_nib_steps_to_do(toolkits):
    business = make(nib_number="1234567890123", capital_idr=2 * MILIAR)
    plan = plan_for(business, toolkits, TODAY)
    nib = plan.checklist("nib-oss")
    assert nib.status == "already" and nib.todo_steps == ()
    assert "1234567890123" in nib.reason_id
    assert not nib.notices  # no class warning once the NIB exists
    actions = next_actions(plan, set(), limit=50)
    assert all(a.checklist_id != "nib-oss" for a in actions)
    assert not [b for b in plan.bring if "nib-oss" in b.checklist_ids]


def test_existing_channel_is_shown_as_done_even_outside_the_trade_list(toolkits):
    plan = plan_for(make(shopee_url="https://shopee.co.id/baksopakkumis"), toolkits, TODAY)
    shopee = plan.checklist("shopee")
    assert shopee is not None and shopee.status == "already"
    assert shopee.todo_steps == ()


def test_unknown_trade_falls_back_to_lainnya(toolkits):
    plan = plan_for(make(trade="tukang_cukur"), toolkits, TODAY)
    assert plan.trade is None
    assert [pc.id for pc in plan.checklists][0] == "nib-oss"
    assert plan.kbli2020 == ()


def test_next_actions_take_one_step_per_checklist_by_priority(toolkits):
    plan = plan_for(make(trade="makanan_ringan"), toolkits, TODAY)
    actions = next_actions(plan, set())
    assert [a.key for a in actions] == [
        ("nib-oss", "cek-kelas-usaha"),
        ("whatsapp-business", "pasang-aplikasi"),
        ("bookkeeping", "pisahkan-uang"),
        ("shopee", "siapkan-nomor-email"),
        ("facebook-marketplace", "akun-facebook"),
    ]  # halal and SPP-IRT wait for the NIB
    done = {("nib-oss", s.id) for s in toolkits.checklists["nib-oss"].steps}
    done.add(("whatsapp-business", "pasang-aplikasi"))
    after = [a.key for a in next_actions(plan, done, limit=3)]
    assert after == [
        ("halal-self-declare", "cek-syarat"),
        ("whatsapp-business", "isi-profil"),
        ("bookkeeping", "pisahkan-uang"),
    ]


def test_prepared_items_are_filled_from_the_record(toolkits):
    plan = plan_for(make(), toolkits, TODAY)
    texts = [b.text_id for b in plan.bring]
    assert "KTP asli (NIK dicocokkan di OSS)" in texts
    assert "Nama usaha: Bakso Pak Kumis" in texts
    assert "Lokasi usaha: Tawang, Susukan, Kabupaten Semarang" in texts
    assert "Perkiraan modal usaha (tanpa tanah dan bangunan): Rp20.000.000" in texts
    assert any(t.startswith("Kode KBLI yang disarankan") and "56102" in t for t in texts)
    assert "NIB: …… (belum diisi)" in texts
    left = bring_for(plan, make(), {("nib-oss", "isi-data-ktp")})
    assert "KTP asli (NIK dicocokkan di OSS)" not in [b.text_id for b in left]


def test_nik_given_in_a_record_never_reaches_the_prepared_text(toolkits):
    record = {
        "trade": "warung_makan",
        "business_name": f"Warung {NIK}",
        "owner_name": "Siti 3322 1144 0580 0001",
        "village": NIK,
        "nik": NIK,
        "home_address": "Dusun Krajan RT 01",
        "capital_idr": 5 * JUTA,
    }
    business = BusinessFacts.from_mapping(record)
    assert not hasattr(business, "nik")
    plan = plan_for(business, toolkits, TODAY)
    text = " ".join(t for b in plan.bring for t in (b.text_id, b.text_en))
    text += " ".join(n.text_id for n in plan.notices)
    digits = "".join(ch for ch in text if ch.isdigit() or ch == " ")
    assert NIK not in text and NIK not in digits.replace(" ", "")
    assert "Dusun Krajan" not in text
    assert "KTP asli (NIK dicocokkan di OSS)" in text


@settings(max_examples=60, deadline=None)
@given(
    nik=st.from_regex(r"\A[1-9]\d{15}\Z", fullmatch=True),
    field=st.sampled_from(["business_name", "owner_name", "village", "district", "regency"]),
    prefix=st.text(max_size=10).filter(lambda s: not s[-1:].isdigit()),
)
def test_no_nik_shaped_number_survives_in_any_free_text_field(toolkits, nik, field, prefix):
    plan = plan_for(make(**{field: prefix + nik}), toolkits, TODAY)
    for item in plan.bring:
        assert nik not in item.text_id and nik not in item.text_en


def test_checklists_become_stale_after_180_days(toolkits):
    fresh = plan_for(make(), toolkits, TODAY)
    assert not any(pc.stale for pc in fresh.checklists)
    later = plan_for(make(), toolkits, date(2027, 6, 1))
    assert all(pc.stale for pc in later.checklists)
    nib = later.checklist("nib-oss")
    assert [n.key for n in nib.notices_before(None)] == ["stale-nib-oss"]
    assert "terakhir dicek 2026-11-27" in nib.notices[0].text_id
