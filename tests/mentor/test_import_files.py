"""The importer reads files as real programs save them and refuses the rest in one line."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.mentor.importer import db_reason
from app.models import Business, Product

HEADER = [
    "business_name",
    "owner_name",
    "trade",
    "village",
    "whatsapp",
    "products",
    "capital_idr",
    "nik",
    "address",
    "publish_consent",
]
QUOTED = [
    'Keripik "Renyah", asli',
    "Mbok Yem",
    "kue",
    "Tawang",
    "",
    "Keripik=8000",
    "",
    "",
    "",
    "ya",
]
ACCENTED = [
    "Kopi Café Éndah",
    "Bu Ené",
    "",
    "Gentan",
    "",
    "Kopi tubruk=Rp 5.000",
    "",
    "",
    "",
    "tidak",
]


def _csv_text(rows, delimiter=",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def _import(runner, path, *extra):
    return runner.invoke(args=["businesses", "import", str(path), *extra])


def _names():
    return sorted(db.session.scalars(select(Business.name)))


def test_doubled_quotes_keep_every_column_in_place(runner, tmp_path):
    path = tmp_path / "daftar.csv"
    path.write_text(_csv_text([QUOTED]), encoding="utf-8")
    assert '"Keripik ""Renyah"", asli"' in path.read_text()
    result = _import(runner, path)
    assert result.exit_code == 0, result.output
    business = db.session.scalar(select(Business))
    assert (business.name, business.owner_name, business.village) == (
        'Keripik "Renyah", asli',
        "Mbok Yem",
        "Tawang",
    )
    assert business.published


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "shown"),
    [
        ("utf8.csv", "utf-8", ",", "UTF-8, pemisah ,"),
        ("bom.csv", "utf-8-sig", ",", "UTF-8 (BOM), pemisah ,"),
        # Excel "Unicode Text": UTF-16 with BOM, tab-separated, .txt
        ("unicode.txt", "utf-16", "\t", "UTF-16 (BOM), pemisah tab"),
        # Excel "CSV" on an Indonesian-locale Windows: ';' and Windows-1252
        ("windows.csv", "cp1252", ";", "Windows-1252, pemisah ;"),
    ],
)
def test_encodings_and_separators_that_excel_writes(
    runner, tmp_path, name, encoding, delimiter, shown
):
    path = tmp_path / name
    path.write_bytes(_csv_text([QUOTED, ACCENTED], delimiter).encode(encoding))
    result = _import(runner, path)
    assert result.exit_code == 0, result.output
    assert shown in result.output
    assert _names() == ['Keripik "Renyah", asli', "Kopi Café Éndah"]
    owners = set(db.session.scalars(select(Business.owner_name)))
    assert owners == {"Mbok Yem", "Bu Ené"}


def test_a_huge_cell_refuses_its_row_only(runner, tmp_path):
    huge = ["Usaha Besar", "Sri", "", "Tawang", "", "", "", "", "x" * 200_000, "tidak"]
    path = tmp_path / "besar.csv"
    path.write_text(_csv_text([QUOTED, huge]), encoding="utf-8")
    result = _import(runner, path)
    assert result.exit_code == 1
    assert "baris 3, kolom address: sel terlalu panjang" in result.output
    assert "Traceback" not in result.output
    assert _names() == ['Keripik "Renyah", asli']


def test_control_bytes_in_a_cell_refuse_the_row(runner, tmp_path):
    path = tmp_path / "nul.csv"
    bad = ["Warung\x00Nul", "Sri", "", "Tawang", "", "", "", "", "", "tidak"]
    path.write_text(_csv_text([bad, QUOTED]), encoding="utf-8")
    result = _import(runner, path)
    assert result.exit_code == 1
    assert "baris 2, kolom business_name: berisi karakter kontrol" in result.output
    assert _names() == ['Keripik "Renyah", asli']


def _xlsx_with_bomb(path):
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(QUOTED)
    workbook.save(path)
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>'
    )
    source = zipfile.ZipFile(path)
    members = {info.filename: source.read(info) for info in source.infolist()}
    source.close()
    members["xl/sharedStrings.xml"] = bomb.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_xlsx_with_bomb, "DTD/entitas XML"),
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "XLSX rusak"),
    ],
)
def test_hostile_or_broken_xlsx_is_one_line(runner, tmp_path, make, message):
    path = tmp_path / "daftar.xlsx"
    make(path)
    result = _import(runner, path)
    assert result.exit_code == 1
    assert "GAGAL daftar.xlsx: " in result.output and message in result.output
    assert "Traceback" not in result.output
    assert _names() == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kosong.csv", b"", "berkas kosong"),
        ("lama.xls", b"\xd0\xcf\x11\xe0", "format .xls lama"),
        ("judul.csv", b"nama,desa\nA,B\n", "kolom wajib tidak ada di baris judul"),
        ("gambar.png", b"\x89PNG", "jenis berkas .png tidak didukung"),
    ],
)
def test_files_that_cannot_be_imported_say_why(runner, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = _import(runner, path)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_row_and_size_limits_refuse_before_writing(app, runner, tmp_path):
    app.config["IMPORT_MAX_ROWS"] = 3
    rows = [[f"Usaha {i}", "Sri", "", "Tawang", "", "", "", "", "", "tidak"] for i in range(4)]
    path = tmp_path / "banyak.csv"
    path.write_text(_csv_text(rows), encoding="utf-8")
    result = _import(runner, path)
    assert result.exit_code == 1 and "lebih dari 3 baris" in result.output
    assert _names() == []  # the check reads the whole file before anything is written
    app.config["IMPORT_MAX_ROWS"] = 20_000
    app.config["IMPORT_MAX_MB"] = 0
    result = _import(runner, path)
    assert result.exit_code == 1 and "berkas lebih dari 0 MB" in result.output


def test_same_business_twice_in_a_file_is_one_business(runner, tmp_path):
    again = [
        '  keripik "RENYAH",  asli ',
        "mbok yem",
        "",
        "tawang",
        "",
        "Keripik=9000; Stik=5000",
        "",
        "",
        "",
        "ya",
    ]
    path = tmp_path / "dobel.csv"
    path.write_text(_csv_text([QUOTED, again]), encoding="utf-8")
    result = _import(runner, path)
    assert result.exit_code == 0, result.output
    assert "1 usaha baru, 1 diperbarui" in result.output
    business = db.session.scalar(select(Business))
    assert [(p.name, p.price_idr) for p in business.products] == [("Keripik", 9000), ("Stik", 5000)]


def test_a_database_refusal_names_the_constraint_never_the_values(app, world):
    secret = "Dusun Rahasia RT 09"
    row = {
        "team_id": world["team_a"].id,
        "slug": "kembar",
        "name": "A",
        "owner_name": "Sri",
        "village": "Tawang",
        "home_address": secret,
        "match_key": "k1",
    }
    db.session.execute(insert(Business.__table__), [{**row, "id": uuid.uuid4()}])
    with pytest.raises(IntegrityError) as caught:
        db.session.execute(
            insert(Business.__table__), [{**row, "id": uuid.uuid4(), "match_key": "k2"}]
        )
    db.session.rollback()
    assert secret in str(caught.value) or "slug" in str(caught.value)
    reason = db_reason(caught.value)
    assert "slug" in reason and secret not in reason and "Sri" not in reason


def test_batches_commit_and_counts_stay_exact(app, runner, tmp_path):
    rows = [
        [f"Usaha {i}", f"Pemilik {i}", "", "Tawang", "", "A=1000; B=2000", "", "", "", "ya"]
        for i in range(1_203)
    ]
    path = tmp_path / "besar.csv"
    path.write_text(_csv_text(rows), encoding="utf-8")
    assert _import(runner, path).exit_code == 0
    second = _import(runner, path)
    assert "0 usaha baru, 1203 diperbarui, 0 baris gagal." in second.output
    assert db.session.scalar(select(func.count()).select_from(Business)) == 1_203
    assert db.session.scalar(select(func.count()).select_from(Product)) == 2_406
    slugs = set(db.session.scalars(select(Business.slug)))
    assert len(slugs) == 1_203
