"""Reading import files: encoding, separator and structure checked before any row is read."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from flask_babel import gettext as _

from app.mentor.importer.base import COLUMNS, REQUIRED, FileProblem, Limits

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t")
SAMPLE_CHARS = 64 * 1024  # enough text to see the header and some rows
ENCODING_SAMPLE = 256 * 1024
# A worksheet's row start tag (any namespace prefix) and its row number when it has one.
ROW_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])[^>]*?(?:\sr=["'](\d+)["'][^>]*)?>""")
# Tried, in this order, for a file that is neither UTF-8 nor has a BOM: Windows-1252 is
# what Excel on an Indonesian Windows writes.
LEGACY_ENCODINGS = ["cp1252", "utf_16_le", "utf_16_be", "latin_1"]
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16 (BOM)",
    "cp1252": "Windows-1252",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "latin_1": "ISO-8859-1",
}


def _clean_header(cells) -> list[str]:
    return [str(cell or "").strip().lstrip("\ufeff").strip().lower() for cell in cells]


def detect_encoding(path: Path) -> str:
    """Return the Python codec of a text file: by BOM, strict UTF-8, else charset-normalizer."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                if b"\x00" in chunk:
                    raise UnicodeDecodeError("utf-8", chunk, 0, 1, "NUL: UTF-16 without BOM?")
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
        handle.seek(0)
        sample = handle.read(ENCODING_SAMPLE)
    from charset_normalizer import from_bytes

    # UTF-16 text without BOM has a NUL in every other byte; 8-bit text has none.
    wide = b"\x00" in sample
    candidates = [enc for enc in LEGACY_ENCODINGS if enc.startswith("utf_16") == wide]
    best = from_bytes(sample, cp_isolation=candidates).best()
    if best is None:
        # Too little text for a confident guess (a short list with one "€"): Excel's
        # Windows-1252 when it decodes, else Latin-1, which decodes anything.
        return "cp1252" if _decodes(sample, "cp1252") else "latin_1"
    encoding = best.encoding
    # Identical text in both: name it as the program that wrote it would (Excel: 1252).
    if encoding == "latin_1" and _decodes(sample, "cp1252"):
        encoding = "cp1252"
    return encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(data)
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(sample: str) -> str:
    """Return the separator whose header has most known column names (else csv.Sniffer's)."""
    if sample and len(sample) >= SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]  # no half row at the end of the sample

    def score(delimiter: str) -> tuple[int, int]:
        try:
            rows = list(
                csv.reader(
                    io.StringIO(sample), delimiter=delimiter, quotechar='"', doublequote=True
                )
            )
        except csv.Error:
            return (0, 0)
        if not rows:
            return (0, 0)
        header = _clean_header(rows[0])
        same_width = sum(1 for row in rows[1:] if len(row) == len(header))
        return (sum(1 for name in header if name in COLUMNS), same_width)

    best = max(DELIMITERS, key=score)
    if score(best)[0] > 0:
        return best
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ","


@dataclass
class Source:
    """A spreadsheet file checked as a whole and ready to be read row by row."""

    path: Path
    limits: Limits
    kind: str = "CSV"
    encoding: str = ""
    delimiter: str = ","
    # An XLSX's header and its open row iterator, kept by check() for rows(): openpyxl
    # opening a sheet without a declared size parses the whole sheet once more.
    _opened: tuple[list[str], Iterator[list[str]]] | None = field(default=None, repr=False)

    def describe(self) -> str:
        """Return what was detected, e.g. 'CSV, Windows-1252, pemisah ;'."""
        if self.kind == "XLSX":
            return "XLSX"
        shown = {",": ",", ";": ";", "\t": "tab"}[self.delimiter]
        encoding = ENCODING_NAMES.get(self.encoding, self.encoding)
        return _(
            "%(kind)s, %(encoding)s, pemisah %(sep)s", kind=self.kind, encoding=encoding, sep=shown
        )

    def raw_rows(self) -> Iterator[list[str]]:
        """Yield every row's cells as text, the header first."""
        if self.kind == "XLSX":
            yield from _xlsx_rows(self.path)
            return
        with self.path.open(encoding=self.encoding, newline="") as handle:
            reader = csv.reader(
                handle, delimiter=self.delimiter, quotechar='"', doublequote=True, strict=False
            )
            yield from reader

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield (row number, {column: text}) for every non-empty row after the header."""
        if self._opened is not None:
            (header, raw), self._opened = self._opened, None
        else:
            raw = self.raw_rows()
            header = _clean_header(next(raw, []))
        for number, cells in enumerate(raw, start=2):
            if number - 1 > self.limits.max_rows:  # a sheet that declared a smaller size
                raise FileProblem(
                    _(
                        "lebih dari %(n)s baris; bagi menjadi beberapa berkas",
                        n=self.limits.max_rows,
                    )
                )
            if any(cell.strip() for cell in cells):
                yield number, dict(zip(header, cells, strict=False))

    def check(self) -> None:
        """Read the whole file once, raising FileProblem before anything is written."""
        number = 1
        try:
            raw = self.raw_rows()
            header = _clean_header(next(raw, []))
            missing = [name for name in REQUIRED if name not in header]
            if missing:
                raise FileProblem(
                    _("kolom wajib tidak ada di baris judul: %(names)s", names=", ".join(missing))
                )
            if self.kind == "XLSX":
                # Counting the sheet's <row> tags costs milliseconds; parsing it twice, seconds.
                self._opened = (header, raw)
                raw = iter([[]] * max(_xlsx_last_row(self.path) - 1, 0))
            for number, _cells in enumerate(raw, start=2):
                if number - 1 > self.limits.max_rows:
                    raise FileProblem(
                        _(
                            "lebih dari %(n)s baris; bagi menjadi beberapa berkas",
                            n=self.limits.max_rows,
                        )
                    )
        except UnicodeDecodeError:
            raise FileProblem(
                _(
                    "baris %(row)s: ada huruf yang tidak bisa dibaca sebagai %(encoding)s; "
                    "simpan ulang sebagai CSV UTF-8",
                    row=number + 1,
                    encoding=ENCODING_NAMES.get(self.encoding, self.encoding),
                )
            ) from None
        except csv.Error as exc:
            raise FileProblem(
                _("baris %(row)s: susunan CSV rusak (%(why)s)", row=number + 1, why=exc)
            ) from None


def open_source(path: Path, limits: Limits | None = None) -> Source:
    """Return the checked source for a CSV/TXT/XLSX file, or raise FileProblem."""
    limits = limits or Limits()
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError:
        raise FileProblem(_("berkas tidak bisa dibuka")) from None
    if size > limits.max_bytes:
        raise FileProblem(_("berkas lebih dari %(mb)s MB", mb=limits.max_bytes // (1024 * 1024)))
    if size == 0:
        raise FileProblem(_("berkas kosong"))
    # A cell may be as long as the file: the cell limit is checked per row, with its number.
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_bytes))
    if suffix == ".xls":
        raise FileProblem(_("format .xls lama tidak didukung; simpan sebagai .xlsx atau CSV"))
    if suffix in XLSX_SUFFIXES:
        _check_xlsx_container(path, limits)
        source = Source(path, limits, kind="XLSX")
    elif suffix in CSV_SUFFIXES or not suffix:
        encoding = detect_encoding(path)
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            sample = handle.read(SAMPLE_CHARS)
        kind = "CSV" if suffix != ".txt" else "TXT"
        source = Source(path, limits, kind, encoding, detect_delimiter(sample))
    else:
        raise FileProblem(
            _("jenis berkas %(suffix)s tidak didukung; pakai CSV atau XLSX", suffix=suffix)
        )
    source.check()
    return source


def _check_xlsx_container(path: Path, limits: Limits) -> None:
    """Refuse an XLSX that is no ZIP, unpacks too big, or carries a DTD (entity bombs)."""
    bad = FileProblem(_("berkas XLSX rusak atau bukan buatan Excel/LibreOffice"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > limits.max_xlsx_unpacked:
                raise FileProblem(_("isi berkas XLSX terlalu besar setelah dibuka"))
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as stream:
                        head = stream.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise FileProblem(_("berkas XLSX berisi DTD/entitas XML; ditolak"))
    except (zipfile.BadZipFile, OSError, EOFError):
        raise bad from None


def _xlsx_active_sheet(path: Path) -> str:
    """Return the ZIP member of the sheet openpyxl reads as the active one."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(str(path), read_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()  # workbook.xml and its relations only, no sheet
        targets = [
            rel.target
            for _sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files
        ]
        views = reader.wb.views or []
        active = next((v.activeTab for v in views if v.activeTab is not None), 0)
    finally:
        reader.archive.close()
    if not targets:
        raise FileProblem(_("berkas XLSX tidak berisi lembar kerja"))
    return targets[active] if 0 <= active < len(targets) else targets[0]


def _xlsx_last_row(path: Path) -> int:
    """Return the last row number of the active sheet, from its row tags, without parsing it.

    Numbered as openpyxl numbers them (the r attribute, else one after the row before), so
    the row limit checked here is the one reading would hit. Cell text cannot hold "<row":
    XML escapes "<" in text.
    """
    try:
        member = _xlsx_active_sheet(path)
        last = seen = 0
        with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
            tail = b""
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                data = tail + chunk
                cut = data.rfind(b"<")
                data, tail = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
                for match in ROW_TAG.finditer(data):
                    number = match.group(1)
                    last = int(number) if number else last + 1
                    seen = max(seen, last)
    except FileProblem:
        raise
    except Exception:  # noqa: BLE001 - any parser failure is one line about the file
        raise FileProblem(_("berkas XLSX rusak atau bukan buatan Excel/LibreOffice")) from None
    return seen


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        # openpyxl parses with defusedxml when it is installed (it is a dependency).
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any parser failure is one line about the file
        raise FileProblem(_("berkas XLSX rusak atau bukan buatan Excel/LibreOffice")) from None
    try:
        for cells in workbook.active.iter_rows(values_only=True):
            yield ["" if cell is None else _cell_text(cell) for cell in cells]
    except FileProblem:
        raise
    except Exception:  # noqa: BLE001
        raise FileProblem(_("berkas XLSX rusak atau bukan buatan Excel/LibreOffice")) from None
    finally:
        workbook.close()


def _cell_text(cell) -> str:
    if isinstance(cell, bool):
        return "ya" if cell else "tidak"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    return str(cell)


def read_rows(path: Path, limits: Limits | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, {column: text}) from a CSV, TXT or XLSX file."""
    yield from open_source(path, limits).rows()
