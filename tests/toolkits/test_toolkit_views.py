"""Checklists on a business's page: personalised, ticked, undone, printed, summed up."""

import io
import shutil
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import StepProgress

MM_PER_PT = 25.4 / 72
ROOT = Path(__file__).resolve().parents[2]


def _plan_url(business):
    return f"/usaha/{business.id}/langkah"


def test_food_stall_above_micro_gets_the_warning_before_nib_steps(client, auth, make_business):
    business = make_business(trade="warung_makan", capital_idr=1_250_000_000)
    auth.login("mentor_a")
    html = client.get(_plan_url(business)).get_data(as_text=True)
    assert "Skala usaha: Kecil" in html
    assert html.index("bukan Mikro") < html.index('id="nib-oss"')  # in the summary, and…
    nib = html.index('id="nib-oss"')
    warning = html.index("bukan Mikro", nib)  # …again inside the NIB checklist,
    assert warning < html.index('id="nib-oss--pasang-aplikasi-oss"')  # before registering
    assert "56102" in html and "Pastikan" in html


def test_micro_business_has_no_size_warning(client, auth, make_business):
    business = make_business(trade="warung_makan", capital_idr=1_000_000_000)
    auth.login("mentor_a")
    html = client.get(_plan_url(business)).get_data(as_text=True)
    assert "Skala usaha: Mikro" in html
    assert 'class="notice warning"' not in html.split('id="nib-oss"')[1].split("</details>")[0]
    assert "kelas usaha ini Kecil" not in html


def test_tailor_gets_no_spp_irt(client, auth, make_business):
    business = make_business(trade="penjahit", name="Penjahit Mas Yoyok")
    auth.login("mentor_a")
    html = client.get(_plan_url(business)).get_data(as_text=True)
    assert 'id="spp-irt"' not in html and 'id="halal-self-declare"' not in html
    assert 'id="nib-oss"' in html and "14120" in html


def test_business_with_nib_shows_nib_as_already_done(client, auth, make_business):
    business = make_business(nib_number="1234567890123")
    auth.login("mentor_a")
    html = client.get(_plan_url(business)).get_data(as_text=True)
    section = html[
        html.index('id="nib-oss"') : html.index("</details>", html.index('id="nib-oss"'))
    ]
    assert "Centang selesai" not in section


def test_tick_and_undo_a_step_records_who_when_and_note(app, client, auth, make_business, world):
    business = make_business()
    auth.login("mentor_a")
    page = client.get(_plan_url(business)).get_data(as_text=True)
    token = auth.token(_plan_url(business))
    assert 'id="bookkeeping--' in page
    step_url = f"{_plan_url(business)}/bookkeeping/pisahkan-uang"
    response = client.post(
        step_url, data={"csrf_token": token, "action": "tick", "note": "Dompet usaha sudah dipisah"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#bookkeeping--pisahkan-uang")
    row = db.session.scalar(select(StepProgress))
    assert (row.checklist_id, row.step_id, row.note) == (
        "bookkeeping",
        "pisahkan-uang",
        "Dompet usaha sudah dipisah",
    )
    assert row.done_by_id == world["mentor_a"].id and row.done_at is not None
    html = client.get(_plan_url(business)).get_data(as_text=True)
    assert "Dompet usaha sudah dipisah" in html and "Batalkan centang" in html
    client.post(step_url, data={"csrf_token": token, "action": "undo"})
    db.session.expire_all()
    assert db.session.scalar(select(StepProgress)) is None


def test_unknown_or_inapplicable_step_is_404(client, auth, make_business):
    business = make_business(trade="penjahit")
    auth.login("mentor_a")
    token = auth.token(_plan_url(business))
    for path in ("nib-oss/tidak-ada", "spp-irt/cek-produk", "tidak-ada/x"):
        response = client.post(
            f"{_plan_url(business)}/{path}", data={"csrf_token": token, "action": "tick"}
        )
        assert response.status_code == 404, path
    assert db.session.scalar(select(StepProgress)) is None


def test_other_team_cannot_see_or_tick(client, auth, make_business, world):
    business = make_business(team=world["team_b"])
    auth.login("mentor_a")
    assert client.get(_plan_url(business)).status_code == 404
    assert client.get(f"{_plan_url(business)}.pdf").status_code == 404
    token = auth.token("/")
    response = client.post(
        f"{_plan_url(business)}/bookkeeping/pisahkan-uang",
        data={"csrf_token": token, "action": "tick"},
    )
    assert response.status_code == 404
    assert db.session.scalar(select(StepProgress)) is None


def test_progress_survives_a_restart(app, client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    token = auth.token(_plan_url(business))
    client.post(
        f"{_plan_url(business)}/bookkeeping/pisahkan-uang",
        data={"csrf_token": token, "action": "tick"},
    )
    fresh = create_app({**app.config, "SQLALCHEMY_ENGINE_OPTIONS": {}})
    with fresh.app_context():
        keys = {(r.checklist_id, r.step_id) for r in db.session.scalars(select(StepProgress))}
        assert keys == {("bookkeeping", "pisahkan-uang")}


def test_large_print_pdf_has_the_business_and_never_the_nik(client, auth, make_business):
    business = make_business(trade="warung_makan")
    auth.login("mentor_a")
    response = client.get(f"{_plan_url(business)}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    width, height = (float(v) * MM_PER_PT for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Keripik Bu Sri" in text
    assert "3322054107820001" not in text and "Dusun Krajan" not in text


def test_buku_kas_pdf_for_a_month(client, auth, make_business):
    business = make_business()
    auth.login("mentor_a")
    response = client.get(f"/usaha/{business.id}/buku-kas.pdf?bulan=2026-12")
    assert response.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Keripik Bu Sri" in text and "Desember 2026" in text


def test_coordinator_sees_completion_across_businesses(client, auth, make_business, world):
    first = make_business(name="Usaha Satu")
    make_business(name="Usaha Dua", team=world["team_b"])
    auth.login("mentor_a")
    token = auth.token(_plan_url(first))
    client.post(
        f"{_plan_url(first)}/bookkeeping/pisahkan-uang",
        data={"csrf_token": token, "action": "tick"},
    )
    assert client.get("/program/langkah").status_code == 403
    client.post("/keluar", data={"csrf_token": token})
    auth.login("koordinator")
    html = client.get("/program/langkah").get_data(as_text=True)
    row = html[html.index("Pisahkan uang usaha") :]
    assert "1/2" in row[: row.index("</tr>")]


def test_toolkits_check_cli_passes_on_shipped_data(runner):
    result = runner.invoke(args=["toolkits", "check"])
    assert result.exit_code == 0, result.output


def test_toolkits_check_cli_names_file_step_and_reason(runner, tmp_path):
    broken = tmp_path / "toolkits"
    shutil.copytree(ROOT / "toolkits", broken)
    path = broken / "bookkeeping.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "cetak-buku-kas"', 'id = "pisahkan-uang"', 1))
    result = runner.invoke(args=["toolkits", "check", "--dir", str(broken)])
    assert result.exit_code == 1
    assert "bookkeeping.toml" in result.output and "pisahkan-uang" in result.output
