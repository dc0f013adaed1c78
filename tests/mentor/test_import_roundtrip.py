"""Property: whatever valid CSV/XLSX a program writes, the importer reads the same cells back."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.mentor.importer import Limits, open_source

COLUMNS = ("business_name", "owner_name", "village", "tagline")
# Letters, digits, quotes, separators, formula starts and what Indonesian names carry.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + list("\"',;.-=+@()/&!?#:%|")
    + list("éèüöñÉ’“”–€")
)
WORD = st.text(ALPHABET, min_size=1, max_size=8)
CELL = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
ROW = st.fixed_dictionaries({column: CELL for column in COLUMNS})
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252")


def _write_csv(path: Path, rows, encoding, delimiter, quoting, terminator) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=terminator)
    writer.writerow(COLUMNS)
    writer.writerows([[row[column] for column in COLUMNS] for row in rows])
    data = buffer.getvalue().encode(encoding)
    if encoding == "cp1252" and not data.isascii():
        # Bytes that also decode as UTF-8 are read as UTF-8 (the likelier reading).
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            assume(False)
    path.write_bytes(data)


def _write_xlsx(path: Path, rows) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=number, column=index, value=row[column])
            cell.data_type = "s"  # text, even when it starts with "=" as a formula would
    workbook.save(path)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(ROW, min_size=1, max_size=8),
    kind=st.sampled_from(["csv", "txt", "xlsx"]),
    encoding=st.sampled_from(ENCODINGS),
    delimiter=st.sampled_from([",", ";", "\t"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    terminator=st.sampled_from(["\r\n", "\n"]),
)
def test_every_valid_file_reads_back_cell_for_cell(
    rows, kind, encoding, delimiter, quoting, terminator
):
    if encoding == "cp1252":
        for row in rows:
            for value in row.values():
                try:
                    value.encode("cp1252")
                except UnicodeEncodeError:
                    assume(False)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"daftar.{kind}"
        if kind == "xlsx":
            _write_xlsx(path, rows)
        else:
            _write_csv(path, rows, encoding, delimiter, quoting, terminator)
        source = open_source(path, Limits())
        read = [{column: cells.get(column) for column in COLUMNS} for _n, cells in source.rows()]
    assert read == rows
    if kind != "xlsx":
        assert source.delimiter == delimiter
