"""The coordinator's dashboard: who may see it, filters, attention list, progress."""

import io
import re
from datetime import timedelta

import pytest
from PIL import Image

from app.extensions import db
from app.models import utcnow
from app.plans import business_plan, tick_step
from app.program import dashboard, services

COORDINATOR_URLS = [
    "/program",
    "/program/hasil.png",
    "/program/laporan.csv",
    "/program/laporan.xlsx",
    "/program/laporan.pdf",
]


def _names(html: str, section: str) -> list[str]:
    part = html.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<strong>([^<]+)</strong>", part)


@pytest.mark.parametrize("url", COORDINATOR_URLS)
def test_mentors_get_403_and_strangers_the_login(client, auth, world, url):
    assert client.get(url).status_code == 302  # to the login page
    auth.login("mentor_a")
    assert client.get(url).status_code == 403


def test_dashboard_filters_by_desa_team_trade_and_status(client, auth, make_business, world):
    make_business(name="Keripik Tawang", village="Tawang")
    make_business(
        name="Bakso Koripan", village="Koripan", trade="warung_makan", team=world["team_b"]
    )
    make_business(
        name="Tampir Koripan",
        village="Koripan",
        trade="anyaman_bambu",
        status="berhenti",
        status_reason="Kambing mati",
    )
    auth.login("koordinator")
    html = client.get("/program").get_data(as_text=True)
    assert _names(html, "semua-usaha") == ["Bakso Koripan", "Tampir Koripan", "Keripik Tawang"]
    assert "3 usaha" in html
    html = client.get("/program?desa=Koripan").get_data(as_text=True)
    assert _names(html, "semua-usaha") == ["Bakso Koripan", "Tampir Koripan"]
    html = client.get(f"/program?tim={world['team_b'].id}").get_data(as_text=True)
    assert _names(html, "semua-usaha") == ["Bakso Koripan"]
    html = client.get("/program?usaha=anyaman_bambu&desa=Koripan").get_data(as_text=True)
    assert _names(html, "semua-usaha") == ["Tampir Koripan"]
    html = client.get("/program?keadaan=aktif").get_data(as_text=True)
    assert _names(html, "semua-usaha") == ["Bakso Koripan", "Keripik Tawang"]
    assert 'href="/program/laporan.xlsx?keadaan=aktif"' in html  # downloads keep the filter
    html = client.get("/program?tim=rubbish&hari=x").get_data(as_text=True)
    assert len(_names(html, "semua-usaha")) == 3


def test_attention_list_no_visit_stopped_and_falling_turnover(
    client, auth, make_business, log_visit
):
    today = services.today()
    fine = make_business(name="Usaha Lancar")
    log_visit(fine, today - timedelta(days=3))
    never = make_business(name="Belum Pernah")
    never.created_at = utcnow() - timedelta(days=40)
    make_business(name="Baru Didaftar")  # created minutes ago: not "no visit for 14 days"
    stopped = make_business(name="Usaha Berhenti", status="berhenti", status_reason="Modal habis")
    log_visit(stopped, today)
    falling = make_business(name="Omzet Turun")
    log_visit(falling, today - timedelta(days=10), monthly_turnover_idr=3_000_000)
    log_visit(falling, today - timedelta(days=2), monthly_turnover_idr=1_000_000)
    late = make_business(name="Lama Tak Dikunjungi")
    log_visit(late, today - timedelta(days=20))
    db.session.commit()
    assert never and fine
    auth.login("koordinator")
    html = client.get("/program").get_data(as_text=True)
    attention = _names(html, "perhatian")
    assert sorted(attention) == [
        "Belum Pernah",
        "Lama Tak Dikunjungi",
        "Omzet Turun",
        "Usaha Berhenti",
    ]
    assert attention[0] == "Belum Pernah"  # never visited comes first
    assert "Omzet turun" in html and "Belum dikunjungi 14 hari" in html
    html = client.get("/program?hari=30").get_data(as_text=True)
    assert sorted(_names(html, "perhatian")) == ["Belum Pernah", "Omzet Turun", "Usaha Berhenti"]


def test_dashboard_rows_show_aspects_progress_outcome_and_last_visit(
    client, auth, make_business, log_visit, world
):
    business = make_business(name="Keripik Bu Sri")
    today = services.today()
    log_visit(
        business, today - timedelta(days=40), monthly_turnover_idr=2_000_000, aspects=["kemasan"]
    )
    log_visit(
        business, today - timedelta(days=5), monthly_turnover_idr=3_000_000, aspects=["legalitas"]
    )
    tick_step(business, "bookkeeping", "pisahkan-uang", world["mentor_a"])
    db.session.commit()
    done, total = business_plan(business).totals()
    auth.login("koordinator")
    html = client.get("/program").get_data(as_text=True)
    row = html.split('id="semua-usaha"', 1)[1]
    assert f"Langkah {done}/{total}" in " ".join(row.split())
    assert "Kemasan" in row and "Legalitas" in row
    assert "Rp2 jt → Rp3 jt +50%" in " ".join(row.split())
    assert (today - timedelta(days=5)).strftime("%d/%m/%Y") in row
    assert "Per desa" in html and "Per tim" in html


def test_batch_progress_matches_the_plan_of_each_business(make_business, world):
    first = make_business(name="Satu")
    second = make_business(name="Dua", trade="penjahit", nib_number="1234567890123")
    third = make_business(name="Tiga", trade="warung_makan", capital_idr=1_250_000_000)
    tick_step(first, "bookkeeping", "pisahkan-uang", world["mentor_a"])
    tick_step(third, "bookkeeping", "saldo-awal", world["mentor_a"])
    db.session.commit()
    rows = [
        (b.id, dashboard.facts_from_row({n: getattr(b, n) for n in dashboard.PROGRESS_FIELDS}))
        for b in (first, second, third)
    ]
    batch = dashboard.checklist_progress(rows)
    for business in (first, second, third):
        assert batch[business.id] == business_plan(business).totals()


def test_program_chart_is_a_phone_sized_png(client, auth, make_business, log_visit):
    business = make_business()
    today = services.today()
    log_visit(business, today - timedelta(days=30), capital_idr=1_000_000)
    log_visit(business, today, capital_idr=1_500_000)
    auth.login("koordinator")
    assert "Rp1.000.000 → Rp1.500.000 +50%" in client.get("/program").get_data(as_text=True)
    response = client.get("/program/hasil.png")
    assert response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    image.load()
    assert image.size[0] == 720


def test_coordinator_sees_only_their_program(client, auth, make_business, world, app):
    from app.extensions import db
    from app.models import Program, Team

    other = Team(program=Program(name="Program Lain"), name="Tim Lain")
    db.session.add(other)
    db.session.commit()
    make_business(name="Usaha Kita")
    make_business(name="Usaha Program Lain", team=other)
    auth.login("koordinator")
    html = client.get("/program").get_data(as_text=True)
    assert _names(html, "semua-usaha") == ["Usaha Kita"]
