"""The program report in CSV, XLSX and PDF: content, formula guard, privacy, the CLI."""

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.program import services
from app.program.report import safe_cell

MM_PER_PT = 25.4 / 72
PRIVATE = ("3322054107820001", "Dusun Krajan", "Sri Wahyuni")  # NIK, home address, owner


@pytest.fixture
def program_data(make_business, log_visit, world):
    """Two businesses with visits, one named like a formula, one stopped."""
    today = services.today()
    sri = make_business()
    log_visit(
        sri,
        today - timedelta(days=30),
        capital_idr=2_500_000,
        monthly_turnover_idr=3_000_000,
        aspects=["kemasan", "pemasaran"],
        activities="Membuat logo dan label kemasan",
        problems="-Pembeli hanya tetangga",
    )
    log_visit(
        sri,
        today - timedelta(days=2),
        capital_idr=4_000_000,
        monthly_turnover_idr=4_500_000,
        activities="Membuka toko di Shopee",
    )
    evil = make_business(
        name='=HYPERLINK("http://x";"klik")',
        village="Koripan",
        team=world["team_b"],
        status="berhenti",
        status_reason="@Keluarga sakit",
        nik="3322054107820002",
    )
    log_visit(
        evil,
        today - timedelta(days=1),
        user=world["mentor_b"],
        activities="+62 memberi semangat",
        problems="=1+2 pakan naik",
    )
    return {"sri": sri, "evil": evil}


@pytest.mark.parametrize("text", ["=1+1", "+62812", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell("Keripik " + text) == "Keripik " + text
    assert safe_cell(-5) == -5 and safe_cell(None) is None


def test_csv_is_streamed_guarded_and_private(client, auth, program_data):
    auth.login("koordinator")
    response = client.get("/program/laporan.csv")
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[:8] == [
        "No",
        "Usaha",
        "Jenis usaha",
        "Desa",
        "Tim",
        "Keadaan usaha",
        "Kendala",
        "Pelaksanaan pendampingan",
    ]
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    sri = by_name["Keripik Bu Sri"]
    assert sri["Kendala"] == "'-Pembeli hanya tetangga"
    assert "Membuat logo dan label kemasan" in sri["Pelaksanaan pendampingan"]
    assert sri["Aspek"] == "Kemasan, Pemasaran" and sri["Jumlah kunjungan"] == "2"
    assert (sri["Modal awal (Rp)"], sri["Modal terakhir (Rp)"]) == ("2500000", "4000000")
    evil = by_name['\'=HYPERLINK("http://x";"klik")']
    assert evil["Keadaan usaha"] == "Berhenti — @Keluarga sakit"
    assert evil["Kendala"] == "'=1+2 pakan naik"
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    for value in PRIVATE + ("3322054107820002",):
        assert value not in text


def test_xlsx_opens_with_the_right_cells(client, auth, program_data):
    auth.login("koordinator")
    response = client.get("/program/laporan.xlsx?desa=Tawang")
    assert response.status_code == 200 and response.is_streamed
    workbook = load_workbook(io.BytesIO(response.get_data()))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert "Laporan pendampingan usaha" in rows[0][0]
    assert rows[1][:3] == ("No", "Usaha", "Jenis usaha")
    assert len(rows) == 3  # title, headings, the one business of desa Tawang
    row = dict(zip(rows[1], rows[2], strict=True))
    assert row["Usaha"] == "Keripik Bu Sri" and row["Desa"] == "Tawang"
    assert row["Keadaan usaha"] == "Aktif" and row["Kendala"] == "'-Pembeli hanya tetangga"
    assert row["Omzet sebulan awal (Rp)"] == 3_000_000
    assert row["Omzet sebulan terakhir (Rp)"] == 4_500_000
    assert row["Kunjungan terakhir"].date() == services.today() - timedelta(days=2)
    for sheet_row in rows:
        for cell in sheet_row:
            assert not (isinstance(cell, str) and cell.startswith("=")), cell
    response = client.get("/program/laporan.xlsx")
    everything = str(list(load_workbook(io.BytesIO(response.get_data())).active.values))
    assert "'=HYPERLINK" in everything
    for value in PRIVATE:
        assert value not in everything


def test_pdf_is_a4_landscape_with_the_businesses_and_no_private_data(
    client, auth, program_data, tmp_path
):
    auth.login("koordinator")
    response = client.get("/program/laporan.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.get_data()))
    width, height = (float(v) * MM_PER_PT for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (297, 210)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Keripik Bu Sri" in text and "Membuka toko di Shopee" in text
    assert "Pelaksanaan pendampingan" in text
    for value in PRIVATE:
        assert value not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_cli_export_contract(runner, program_data, tmp_path, fmt):
    out = tmp_path / f"laporan.{fmt}"
    result = runner.invoke(args=["report", "export", "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    data = out.read_bytes()
    if fmt == "csv":
        text = data.decode("utf-8-sig")
        assert "Keripik Bu Sri" in text and "Program" not in text.splitlines()[0]
    elif fmt == "xlsx":
        values = str(list(load_workbook(io.BytesIO(data)).active.values))
        assert "Keripik Bu Sri" in values
        text = values
    else:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "Keripik Bu Sri" in text
    for value in PRIVATE:
        assert value not in text
    assert not (tmp_path / f"laporan.{fmt}.part").exists()


def test_cli_export_refuses_unknown_format_and_program(runner, tmp_path):
    out = tmp_path / "laporan.doc"
    result = runner.invoke(args=["report", "export", "--format", "doc", "--out", str(out)])
    assert result.exit_code == 2 and not out.exists()
    result = runner.invoke(
        args=["report", "export", "--format", "csv", "--out", str(out), "--program", "Tidak Ada"]
    )
    assert result.exit_code == 1 and "Program tidak ditemukan" in result.output


def test_cli_export_of_one_program(runner, program_data, world, tmp_path):
    out = tmp_path / "satu.csv"
    result = runner.invoke(
        args=[
            "report",
            "export",
            "--format",
            "csv",
            "--out",
            str(out),
            "--program",
            world["program"].name,
        ]
    )
    assert result.exit_code == 0, result.output
    assert len(list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))) == 3
