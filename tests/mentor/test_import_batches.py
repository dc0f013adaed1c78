"""Batched import: refusals scattered over batches, re-import, a refused batch, big XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import AuditEvent, Business, Product

HEADER = ["business_name", "owner_name", "village", "whatsapp", "products", "publish_consent"]
ROWS = 2_500  # five batches of 500


def _row(i: int) -> list[str]:
    return [f"Usaha {i}", f"Pemilik {i}", "Tawang", f"0812{i:08d}", "A=1000; B=2000", "ya"]


def _refusal(i: int) -> tuple[str, str, str] | None:
    """Return (column, cell, reason) of the rows this file spoils, scattered over batches."""
    if i % 97 == 5:
        return "whatsapp", "0812", "Jumlah angka nomor HP tidak pas"
    if i % 211 == 7:
        return "village", "", "wajib diisi"
    if i % 503 == 11:
        return "publish_consent", "mungkin", "isi yes/no atau ya/tidak"
    return None


def _file(tmp_path, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path = tmp_path / "daftar.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return str(path)


def _spoiled_rows() -> tuple[list[list[str]], dict[int, tuple[str, str]]]:
    rows, refused = [], {}
    for i in range(ROWS):
        row = _row(i)
        spoil = _refusal(i)
        if spoil:
            column, cell, reason = spoil
            row[HEADER.index(column)] = cell
            refused[i + 2] = (column, reason)  # row 1 is the header
        rows.append(row)
    return rows, refused


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_refusals_across_batches_keep_every_valid_row_and_name_each_refused_one(runner, tmp_path):
    rows, refused = _spoiled_rows()
    assert len(refused) > 30 and len({(n - 2) // 500 for n in refused}) == 5
    path = _file(tmp_path, rows)
    valid = ROWS - len(refused)
    result = runner.invoke(args=["businesses", "import", path])
    assert result.exit_code == 1  # some rows failed
    failed = [line for line in result.output.splitlines() if line.startswith("GAGAL baris")]
    assert len(failed) == len(refused)
    for number, (column, reason) in refused.items():
        assert any(
            line.startswith(f"GAGAL baris {number}, kolom {column}: ") and reason in line
            for line in failed
        ), number
    assert f"{valid} usaha baru, 0 diperbarui, {len(refused)} baris gagal." in result.output
    spoiled_names = {f"Usaha {number - 2}" for number in refused}
    names = set(db.session.scalars(select(Business.name)))
    assert len(names) == valid and not names & spoiled_names
    assert _count(Product) == 2 * valid and _count(AuditEvent) == valid
    if db.engine.dialect.name == "postgresql":  # statistics refreshed: lookups use the key
        believed = db.session.scalar(
            text("SELECT reltuples FROM pg_class WHERE oid = 'businesses'::regclass")
        )
        assert believed >= 500

    again = runner.invoke(args=["businesses", "import", path])
    assert f"0 usaha baru, {valid} diperbarui, {len(refused)} baris gagal." in again.output
    assert _count(Business) == valid and _count(Product) == 2 * valid
    # The refused rows, mended, are added; the others update in place.
    mended = _file(tmp_path, [_row(i) for i in range(ROWS)])
    third = runner.invoke(args=["businesses", "import", mended])
    assert third.exit_code == 0, third.output
    assert f"{len(refused)} usaha baru, {valid} diperbarui, 0 baris gagal." in third.output
    assert _count(Business) == ROWS and _count(Product) == 2 * ROWS


def _refuse_poison_products(app) -> tuple[str, ...]:
    """Make the database refuse a product named Racun; return the statements that undo it."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(
            text(
                "CREATE TRIGGER refuse_racun BEFORE INSERT ON products "
                "WHEN NEW.name = 'Racun' BEGIN "
                "SELECT RAISE(ABORT, 'CHECK constraint failed: ck_test_racun'); END"
            )
        )
        db.session.commit()
        return ("DROP TRIGGER refuse_racun",)
    db.session.execute(
        text(
            "CREATE FUNCTION refuse_racun() RETURNS trigger AS $$ BEGIN "
            "IF NEW.name = 'Racun' THEN RAISE EXCEPTION USING ERRCODE = 'check_violation', "
            "CONSTRAINT = 'ck_test_racun', MESSAGE = 'refused'; END IF; RETURN NEW; END "
            "$$ LANGUAGE plpgsql"
        )
    )
    db.session.execute(
        text(
            "CREATE TRIGGER refuse_racun BEFORE INSERT ON products "
            "FOR EACH ROW EXECUTE FUNCTION refuse_racun()"
        )
    )
    db.session.commit()
    return ("DROP TRIGGER refuse_racun ON products", "DROP FUNCTION refuse_racun()")


def test_a_batch_the_database_refuses_loses_only_the_refused_row(app, runner, tmp_path):
    rows = [_row(i) for i in range(1_200)]
    poisoned = 1_111  # in the third batch
    rows[poisoned][HEADER.index("products")] = "A=1000; Racun=5"
    path = _file(tmp_path, rows)
    undo = _refuse_poison_products(app)
    try:
        result = runner.invoke(args=["businesses", "import", path])
    finally:
        db.session.rollback()
        for statement in undo:
            db.session.execute(text(statement))
        db.session.commit()
    assert result.exit_code == 1
    assert f"GAGAL baris {poisoned + 2}, kolom -: ditolak database (" in result.output
    assert "ck_test_racun" in result.output and "Racun=5" not in result.output
    assert "1199 usaha baru, 0 diperbarui, 1 baris gagal." in result.output
    names = set(db.session.scalars(select(Business.name)))
    assert len(names) == 1_199 and f"Usaha {poisoned}" not in names
    # Nothing half-written: no product, no audit event of the refused business.
    assert _count(Product) == 2 * 1_199 and _count(AuditEvent) == 1_199


def _sheet(book, rows, title):
    sheet = book.create_sheet(title)
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)


def test_xlsx_row_limit_is_checked_on_the_active_sheet_before_writing(app, runner, tmp_path):
    app.config["IMPORT_MAX_ROWS"] = 30
    # Written in write-only mode, as scripts write: no declared size, every row counted.
    book = Workbook(write_only=True)
    _sheet(book, [_row(i) for i in range(31)], "Daftar")
    too_many = tmp_path / "banyak.xlsx"
    book.save(too_many)
    result = runner.invoke(args=["businesses", "import", str(too_many)])
    assert result.exit_code == 1 and "lebih dari 30 baris" in result.output
    assert _count(Business) == 0

    book = Workbook()
    book.remove(book.active)
    _sheet(book, [_row(i) for i in range(40)], "Arsip")  # not the one read
    _sheet(book, [_row(i) for i in range(100, 130)], "Daftar")
    book.active = 1
    fits = tmp_path / "pas.xlsx"
    book.save(fits)
    result = runner.invoke(args=["businesses", "import", str(fits)])
    assert result.exit_code == 0, result.output
    assert "30 usaha baru" in result.output
    assert set(db.session.scalars(select(Business.name))) == {f"Usaha {i}" for i in range(100, 130)}
