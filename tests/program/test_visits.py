"""The visit log: validation, aspects and mentors, ticks linked, status history, outcomes."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from PIL import Image
from sqlalchemy import func, select

from app.extensions import db
from app.mentor import services as mentor_services
from app.mentor.services import BusinessInput
from app.models import Business, FollowUp, StatusChange, StepProgress, Visit
from app.program import followup, services
from tests.program.conftest import visit_form

STEP = "bookkeeping/pisahkan-uang"


def _new(business):
    return f"/usaha/{business.id}/kunjungan/baru"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_bad_visit_input_is_refused_in_indonesian_and_keeps_the_typing(client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    token = auth.token(_new(business))
    response = client.post(
        _new(business),
        data=visit_form(
            token,
            visited_on="kemarin sore",
            activities="",
            capital="banyak sekali",
            problems="Pembeli hanya tetangga",
        ),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Tulis tanggal seperti 28/11/2026." in html
    assert "Tulis apa yang dikerjakan bersama keluarga." in html
    assert "Tulis jumlah rupiah dengan angka" in html
    assert 'value="kemarin sore"' in html and 'value="banyak sekali"' in html
    assert "Pembeli hanya tetangga" in html
    assert _count(Visit) == 0 and _count(FollowUp) == 0


def test_future_date_and_stopping_without_reason_are_refused(client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    token = auth.token(_new(business))
    tomorrow = (services.today() + timedelta(days=1)).isoformat()
    html = client.post(_new(business), data=visit_form(token, visited_on=tomorrow)).get_data(
        as_text=True
    )
    assert "Tanggal kunjungan tidak boleh di masa depan." in html
    html = client.post(_new(business), data=visit_form(token, status="berhenti")).get_data(
        as_text=True
    )
    assert "Pilih atau tulis alasan usaha berhenti." in html
    assert _count(Visit) == 0 and _count(StatusChange) == 0


def test_visit_stores_date_aspects_mentors_texts_and_outcomes(client, auth, make_business, world):
    business = make_business()
    auth.login("mentor_a")
    token = auth.token(_new(business))
    day = services.today() - timedelta(days=3)
    form = visit_form(
        token,
        visited_on=day.strftime("%d/%m/%Y"),
        problems="Modal habis untuk kulakan",
        next_actions="Daftar NIB di OSS",
        capital="Rp 1.500.000",
        turnover="3 juta",
    )
    form.update(aspects=["kemasan", "legalitas"], mentors=[str(world["mentor_a"].id)])
    response = client.post(_new(business), data=form)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/usaha/{business.id}")
    visit = db.session.scalar(select(Visit))
    assert visit.visited_on == day
    assert visit.aspects == ["kemasan", "legalitas"]
    assert [m.username for m in visit.mentors] == ["mentor_a"]
    assert (visit.capital_idr, visit.assets_idr, visit.monthly_turnover_idr) == (
        1_500_000,
        None,
        3_000_000,
    )
    assert visit.problems == "Modal habis untuk kulakan"
    html = client.get(f"/usaha/{business.id}").get_data(as_text=True)
    assert "Modal habis untuk kulakan" in html and "Daftar NIB di OSS" in html
    assert "Kemasan" in html and "Legalitas" in html and "Mentor_A" in html


def test_mentor_of_another_team_cannot_log_or_see_visits(
    client, auth, make_business, world, log_visit
):
    business = make_business(team=world["team_a"])
    visit = log_visit(business)
    auth.login("mentor_b")
    token = auth.token("/")
    urls = [_new(business), f"/usaha/{business.id}/kunjungan/{visit.id}/ubah"]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, data=visit_form(token)).status_code == 404
    assert client.get(f"/usaha/{business.id}/kunjungan").status_code == 404
    assert client.get(f"/usaha/{business.id}/hasil.png").status_code == 404
    assert _count(Visit) == 1


def test_mentor_cannot_name_someone_outside_the_team_as_present(client, auth, make_business, world):
    business = make_business()
    auth.login("mentor_a")
    token = auth.token(_new(business))
    response = client.post(
        _new(business), data={**visit_form(token), "mentors": [str(world["mentor_b"].id)]}
    )
    assert response.status_code == 200
    assert _count(Visit) == 0


@pytest.mark.parametrize("wib", ["00:40", "12:00", "23:40"])
def test_ticks_of_the_day_link_to_the_visit_of_the_day(client, auth, make_business, log_visit, wib):
    hour, minute = map(int, wib.split(":"))
    moment = datetime(2026, 12, 2, hour, minute, tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=False):
        assert services.today() == date(2026, 12, 2)
        _ticks_link_to_todays_visit(client, auth, make_business, log_visit)
        # the plan shows the tick's day in the program's zone, not UTC's (the day before)
        business = db.session.scalar(select(Business))
        html = client.get(f"/usaha/{business.id}/langkah").get_data(as_text=True)
        assert "2 Des 2026" in html or "2 Desember 2026" in html


def _ticks_link_to_todays_visit(client, auth, make_business, log_visit):
    business = make_business()
    auth.login("mentor_a")
    plan = f"/usaha/{business.id}/langkah"
    token = auth.token(plan)
    client.post(f"{plan}/{STEP}", data={"csrf_token": token, "action": "tick"})
    old = log_visit(business, visited_on=services.today() - timedelta(days=7))
    tick = db.session.scalar(select(StepProgress))
    assert tick.visit_id is None  # a visit of another day takes no ticks
    client.post(_new(business), data=visit_form(token))  # today's visit links the earlier tick
    today_visit = db.session.scalar(select(Visit).where(Visit.id != old.id))
    db.session.expire_all()
    assert db.session.scalar(select(StepProgress)).visit_id == today_visit.id
    client.post(f"{plan}/bookkeeping/saldo-awal", data={"csrf_token": token, "action": "tick"})
    db.session.expire_all()
    linked = db.session.scalars(select(StepProgress.visit_id)).all()
    assert linked == [today_visit.id, today_visit.id]
    html = client.get(f"/usaha/{business.id}/kunjungan").get_data(as_text=True)
    assert "Langkah yang dicentang hari itu" in html


def test_status_change_at_a_visit_is_history_with_its_reason(client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    token = auth.token(_new(business))
    response = client.post(
        _new(business),
        data=visit_form(
            token,
            status="berhenti",
            reason_code="ternak_mati",
            activities="Memberi semangat untuk memulai usaha baru.",
        ),
    )
    assert response.status_code == 302
    change = db.session.scalar(select(StatusChange))
    visit = db.session.scalar(select(Visit))
    assert (change.old_status, change.new_status) == ("aktif", "berhenti")
    assert (change.reason_code, change.reason) == ("ternak_mati", "Ternak mati")
    assert change.visit_id == visit.id and change.changed_by.username == "mentor_a"
    db.session.expire_all()
    assert business.status == "berhenti" and business.status_reason == "Ternak mati"
    html = client.get(f"/usaha/{business.id}").get_data(as_text=True)
    assert "Riwayat keadaan usaha" in html and "Ternak mati" in html


def test_status_changes_from_the_business_form_are_history_too(make_business, world):
    business = make_business(status="berhenti_sementara", status_reason="Keluarga sakit")
    values = {"status": "aktif", "status_reason": ""}
    mentor_services.update_business(business, BusinessInput(values), world["mentor_a"])
    mentor_services.update_business(business, BusinessInput({"name": "Baru"}), None)  # no change
    values = {"status": "berhenti", "status_reason": "Modal habis"}
    mentor_services.update_business(business, BusinessInput(values), world["mentor_a"])
    rows = db.session.scalars(select(StatusChange).order_by(StatusChange.changed_at)).all()
    assert [(r.old_status, r.new_status, r.reason) for r in rows] == [
        (None, "berhenti_sementara", "Keluarga sakit"),
        ("berhenti_sementara", "aktif", ""),
        ("aktif", "berhenti", "Modal habis"),
    ]


def test_outcomes_go_from_baseline_to_latest_and_are_charted(
    client, auth, make_business, log_visit
):
    business = make_business()
    today = services.today()
    log_visit(
        business,
        today - timedelta(days=60),
        capital_idr=1_000_000,
        monthly_turnover_idr=3_000_000,
        aspects=["produksi"],
    )
    log_visit(
        business,
        today - timedelta(days=30),
        monthly_turnover_idr=2_000_000,
        assets_idr=500_000,
        problems="Pakan mahal",
        aspects=["pemasaran"],
    )
    log_visit(
        business, today - timedelta(days=1), capital_idr=2_000_000, monthly_turnover_idr=4_000_000
    )
    log_visit(business, today)  # no figures: the latest stays the day before
    summary = db.session.get(FollowUp, business.id)
    assert summary.visits == 4 and summary.last_visit_on == today
    assert (summary.baseline_on, summary.latest_on) == (
        today - timedelta(days=60),
        today - timedelta(days=1),
    )
    assert (summary.baseline_capital_idr, summary.latest_capital_idr) == (1_000_000, 2_000_000)
    assert (summary.baseline_assets_idr, summary.latest_assets_idr) == (500_000, 500_000)
    assert (summary.baseline_turnover_idr, summary.latest_turnover_idr) == (3_000_000, 4_000_000)
    assert summary.previous_turnover_idr == 2_000_000 and not summary.turnover_falling
    assert summary.aspects == ["produksi", "pemasaran"]
    assert summary.last_problems == "Pakan mahal"
    auth.login("mentor_a")
    html = client.get(f"/usaha/{business.id}").get_data(as_text=True)
    assert "Rp1.000.000 → Rp2.000.000" in html and "hasil.png" in html
    response = client.get(f"/usaha/{business.id}/hasil.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    image.load()
    assert image.size[0] == 720 and image.size[1] >= 400


def test_editing_a_visit_recomputes_the_outcomes(client, auth, make_business, log_visit):
    business = make_business()
    visit = log_visit(business, monthly_turnover_idr=1_000_000)
    auth.login("mentor_a")
    url = f"/usaha/{business.id}/kunjungan/{visit.id}/ubah"
    html = client.get(url).get_data(as_text=True)
    assert 'value="1000000"' in html
    token = auth.token(url)
    response = client.post(url, data=visit_form(token, turnover="Rp 1.250.000"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(FollowUp, business.id).latest_turnover_idr == 1_250_000


def test_rebuild_gives_the_same_roll_up_as_the_visit_writes(make_business, log_visit):
    business = make_business()
    today = services.today()
    log_visit(business, today - timedelta(days=9), monthly_turnover_idr=5, aspects=["kemasan"])
    log_visit(business, today - timedelta(days=2), monthly_turnover_idr=4, problems="Sepi")
    columns = [c.name for c in FollowUp.__table__.columns]
    before = {c: getattr(db.session.get(FollowUp, business.id), c) for c in columns}
    assert followup.rebuild_follow_ups() == 1
    db.session.expire_all()
    after = {c: getattr(db.session.get(FollowUp, business.id), c) for c in columns}
    assert after == before and after["previous_turnover_idr"] == 5


def test_latest_visit_capital_becomes_the_records_capital(app, make_business, world):
    from app.program.services import VisitInput, create_visit

    business = make_business(capital_idr=2_500_000)
    today = services.today()
    create_visit(
        business,
        VisitInput(visited_on=today, activities="Catat modal", capital_idr=3_000_000),
        world["mentor_a"],
    )
    assert business.capital_idr == 3_000_000
    create_visit(
        business,
        VisitInput(visited_on=today - timedelta(days=30), activities="Lama", capital_idr=1_000_000),
        world["mentor_a"],
    )
    assert business.capital_idr == 3_000_000  # an older visit does not overwrite it
