"""Import a program's business list from CSV, Unicode Text or XLSX: bad rows reported, good rows
saved in batches.

Reading: the encoding is detected (BOM, strict UTF-8, else charset-normalizer), the separator
from a sample (the header's known column names, else csv.Sniffer), quotes the standard way
(doubled quotes). XLSX is read with openpyxl's read-only mode; its XML goes through
defusedxml, and a DTD anywhere is refused before parsing. A first pass checks the whole file
(size, rows, encoding, CSV structure, header) before anything is written.

Writing: rows are validated one by one, then written a batch at a time with set-based
statements: one lookup of existing keys, one INSERT … ON CONFLICT DO NOTHING (the unique key
team + match_key decides, so two imports at once give one row per business), one UPDATE
executemany, products and audit events in bulk. These functions only flush: the CLI command
commits after every batch and rolls back on error.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import uuid
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.audit import HIDDEN, PRIVATE_FIELDS
from app.extensions import db
from app.mentor.services import BusinessInput, ProductInput, unique_slug
from app.models import AuditEvent, Business, Product, Team, utcnow
from app.validators import (
    InvalidValue,
    match_key,
    normalise_link,
    normalise_nik,
    normalise_whatsapp,
    parse_rupiah,
    slugify,
)
from app.words import NO_WORDS, YES_WORDS

COLUMNS = (
    "business_name", "owner_name", "trade", "village", "district", "regency", "whatsapp",
    "tagline", "products", "capital_idr", "annual_sales_idr", "shopee_url", "facebook_url",
    "instagram_url", "maps_url", "nik", "address", "publish_consent",
)  # fmt: skip
REQUIRED = ("business_name", "owner_name", "village")
MAX_LENGTHS = {"business_name": 120, "owner_name": 120, "village": 80, "district": 80,
               "regency": 80, "tagline": 160, "address": 500, "shopee_url": 300,
               "facebook_url": 300, "instagram_url": 300, "maps_url": 300}  # fmt: skip
YES, NO = YES_WORDS, NO_WORDS
LINK_COLUMNS = {"shopee_url": "shopee", "facebook_url": "facebook",
                "instagram_url": "instagram", "maps_url": "maps"}  # fmt: skip
OTHER_TRADE = "lainnya"
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t")
SAMPLE_CHARS = 64 * 1024  # enough text to see the header and some rows
ENCODING_SAMPLE = 256 * 1024
# Tried, in this order, for a file that is neither UTF-8 nor has a BOM: Windows-1252 is
# what Excel on an Indonesian Windows writes.
LEGACY_ENCODINGS = ["cp1252", "utf_16_le", "utf_16_be", "latin_1"]
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "utf-16": "UTF-16 (BOM)",
                  "cp1252": "Windows-1252", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE",
                  "latin_1": "ISO-8859-1"}  # fmt: skip
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BATCH_SIZE = 500
SQLITE_BUSY_MS = 120_000
SLUG_TRIES = 8  # slug candidates looked up per new business in the batch's one query


class FileProblem(Exception):
    """The file as a whole cannot be imported; str() is one line saying why."""


@dataclass(frozen=True)
class Limits:
    """What an import accepts; beyond it, a clear message instead of a long wait or a crash."""

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 20_000
    max_cell: int = 2_000
    max_xlsx_unpacked: int = 200 * 1024 * 1024

    @classmethod
    def from_config(cls, config) -> Limits:
        """Return the limits set in the app's config (IMPORT_MAX_MB, …)."""
        return cls(
            max_bytes=int(config.get("IMPORT_MAX_MB", 20)) * 1024 * 1024,
            max_rows=int(config.get("IMPORT_MAX_ROWS", 20_000)),
            max_cell=int(config.get("IMPORT_MAX_CELL", 2_000)),
        )


@dataclass
class RowProblem:
    """Why one row (numbered as in the spreadsheet, header = 1) was refused or warned about."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("baris %(row)s, kolom %(column)s: %(reason)s", row=self.row,
                 column=self.column, reason=self.reason)  # fmt: skip


@dataclass
class ImportReport:
    """What an import did."""

    created: int = 0
    updated: int = 0
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    source: str = ""  # e.g. "CSV, Windows-1252, pemisah ;"

    @property
    def failed_rows(self) -> int:
        """Return how many rows were refused."""
        return len({problem.row for problem in self.errors})


# --- reading --------------------------------------------------------------------------------


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
            declared = _xlsx_declared_rows(self.path) if self.kind == "XLSX" else None
            if declared is not None:
                # Excel writes the sheet's size; reading a big XLSX twice costs seconds.
                raw.close()
                raw = iter([[]] * max(declared - 1, 0))
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


def _xlsx_declared_rows(path: Path) -> int | None:
    """Return the row count the sheet declares (its dimension), or None when it has none."""
    from openpyxl import load_workbook
    from openpyxl.utils import range_boundaries

    workbook = load_workbook(path, read_only=True)
    try:
        return range_boundaries(workbook.active.calculate_dimension())[3]
    except (ValueError, TypeError):
        return None
    finally:
        workbook.close()


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


# --- validating -----------------------------------------------------------------------------


def trade_names() -> dict[str, str]:
    """Return {key or display name in lower case: trade key} for every trade."""
    names = {}
    for key, trade in current_app.extensions["toolkits"].trades.items():
        for name in (key.replace("_", " "), trade.name_id.lower(), trade.name_en.lower()):
            names[" ".join(name.split())] = key
    return names


def resolve_trade(value: str, names: dict[str, str] | None = None) -> str | None:
    """Return the trade key for a key or display name in any case, or None if unknown."""
    wanted = " ".join(value.lower().replace("_", " ").split())
    return (names if names is not None else trade_names()).get(wanted)


@lru_cache(maxsize=4096)
def _rupiah(text: str) -> int | None:
    """Return parse_rupiah(text); a list repeats the same prices and amounts many times."""
    return parse_rupiah(text)


def parse_products(text: str) -> list[ProductInput]:
    """Parse 'name=price; name=price' into product rows (price optional)."""
    products = []
    for item in filter(None, (part.strip() for part in (text or "").split(";"))):
        name, sep, price = item.partition("=")
        name = name.strip()
        if not name:
            raise InvalidValue(_("produk tanpa nama: %(item)s", item=item))
        if len(name) > 120:
            raise InvalidValue(_("nama produk terlalu panjang: %(item)s", item=name[:40]))
        try:
            price_idr = _rupiah(price) if sep else None
        except InvalidValue as exc:
            raise InvalidValue(f"{name}: {exc}") from None
        products.append(ProductInput(name=name, price_idr=price_idr))
    return products


def _tidy(row: dict[str, str], number: int, limits: Limits, problems: list[RowProblem]) -> dict:
    """Return the row's cells trimmed, spaces collapsed; refuse control bytes and huge cells."""
    tidy = {}
    for column, value in row.items():
        if column is None:  # more cells than header names
            continue
        if len(value) > limits.max_cell:
            problems.append(
                RowProblem(
                    number,
                    column or "?",
                    _("sel terlalu panjang (maks. %(n)s karakter)", n=limits.max_cell),
                )
            )
            continue
        if CONTROL.search(value):
            problems.append(RowProblem(number, column or "?", _("berisi karakter kontrol")))
            continue
        tidy[column] = " ".join(value.split())
    return tidy


def _validate(
    number: int, raw: dict[str, str], report: ImportReport, limits: Limits, trades: dict[str, str]
) -> BusinessInput | None:
    problems: list[RowProblem] = []
    row = _tidy(raw, number, limits, problems)

    def check(column: str, func):
        try:
            return func(row.get(column, ""))
        except InvalidValue as exc:
            problems.append(RowProblem(number, column, str(exc)))
            return None

    for column in REQUIRED:
        if not row.get(column, "") and not any(p.column == column for p in problems):
            problems.append(RowProblem(number, column, _("wajib diisi")))
    for column, limit in MAX_LENGTHS.items():
        if len(row.get(column, "")) > limit:
            problems.append(RowProblem(number, column, _("terlalu panjang (maks. %(n)s)", n=limit)))
    trade_text = row.get("trade", "")
    trade = resolve_trade(trade_text, trades) if trade_text else OTHER_TRADE
    if trade is None:
        trade = OTHER_TRADE
        report.warnings.append(
            RowProblem(
                number,
                "trade",
                _(
                    'jenis usaha "%(value)s" tidak dikenal; dicatat sebagai Lainnya',
                    value=trade_text[:80],
                ),
            )
        )
    whatsapp = check("whatsapp", lambda v: normalise_whatsapp(v) if v else None)
    nik = check("nik", normalise_nik)
    capital = check("capital_idr", _rupiah)
    sales = check("annual_sales_idr", _rupiah)
    links = {
        col: check(col, lambda v, p=plat: normalise_link(p, v))
        for col, plat in LINK_COLUMNS.items()
    }
    products = check("products", parse_products) or []
    consent_text = row.get("publish_consent", "").lower()
    if consent_text not in YES | NO:
        problems.append(RowProblem(number, "publish_consent", _("isi yes/no atau ya/tidak")))
    if problems:
        report.errors.extend(problems)
        return None
    values = {
        "name": row["business_name"],
        "owner_name": row["owner_name"],
        "trade": trade,
        "village": row["village"],
        "district": row.get("district", ""),
        "regency": row.get("regency", ""),
        "tagline": row.get("tagline", ""),
        "whatsapp": whatsapp,
        "nik": nik,
        "home_address": row.get("address", ""),
        "capital_idr": capital,
        "annual_sales_idr": sales,
        **links,
    }
    return BusinessInput(values, products, publish_consent=consent_text in YES)


# --- writing --------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    key: str
    data: BusinessInput


def insert_or_ignore(table):
    """Return an INSERT … ON CONFLICT DO NOTHING for the session's database."""
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()


def db_reason(exc: DBAPIError) -> str:
    """Return which constraint refused a write, never the values (they may be private)."""
    orig = getattr(exc, "orig", None)
    diag = getattr(orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return _("ditolak database (%(name)s)", name=name)
    match = re.search(r"constraint failed: ([\w., ]+)", str(orig or ""))
    if match:
        return _("ditolak database (%(name)s)", name=match.group(1).strip())
    return _("ditolak database")


class _Writer:
    """Write validated rows of one team a batch at a time; flushes, never commits."""

    def __init__(self, team_id: uuid.UUID, report: ImportReport) -> None:
        self.team_id = team_id
        self.report = report
        self.table = Business.__table__
        self.products = Product.__table__
        self.sqlite = db.engine.dialect.name == "sqlite"

    def write(self, rows: list[_Row]) -> None:
        """Write the batch in a savepoint; on a database refusal, row by row to name the bad."""
        try:
            with db.session.begin_nested():
                self._write(rows)
        except DBAPIError:
            if len(rows) == 1:
                raise
            for row in rows:
                try:
                    with db.session.begin_nested():
                        self._write([row])
                except DBAPIError as exc:
                    self.report.errors.append(RowProblem(row.number, "-", db_reason(exc)))

    def _write(self, rows: list[_Row]) -> None:
        if self.sqlite:
            # Take SQLite's write lock before reading, so a concurrent import waits here
            # (busy timeout) instead of failing when it upgrades a read lock later.
            teams = Team.__table__
            db.session.execute(
                update(teams).where(teams.c.id == self.team_id).values(name=teams.c.name)
            )
        now = utcnow()
        existing = self._existing([row.key for row in rows])
        new = [row for row in rows if row.key not in existing]
        created_ids: dict[str, uuid.UUID] = {}
        for _attempt in range(3):
            if not new:
                break
            inserted = self._insert_new(new, now)
            created_ids.update(inserted)
            missed = [row for row in new if row.key not in inserted]
            if missed:  # another import inserted these keys meanwhile: update them instead
                existing.update(self._existing([row.key for row in missed]))
            new = [row for row in missed if row.key not in existing]
        if new:
            raise IntegrityError("slug", {}, Exception("uq_businesses_slug"))
        to_update = [row for row in rows if row.key not in created_ids]
        self._update(to_update, existing, now)
        self._write_products(rows, created_ids, existing)
        self._audit(rows, created_ids, existing, now)
        self.report.created += len(created_ids)
        self.report.updated += len(to_update)

    def _existing(self, keys: list[str]) -> dict[str, dict]:
        if not keys:
            return {}
        columns = [
            self.table.c[name]
            for name in (
                "id",
                "version",
                "publish_consent",
                "published",
                "published_at",
                "consent_recorded_at",
                *UPDATED_FIELDS,
            )
        ]
        stmt = select(self.table.c.match_key, *columns).where(
            self.table.c.team_id == self.team_id, self.table.c.match_key.in_(keys)
        )
        return {row.match_key: row._asdict() for row in db.session.execute(stmt)}

    def _taken(self, candidates: set[str]) -> set[str]:
        column = self.table.c.slug
        return set(db.session.scalars(select(column).where(column.in_(candidates))))

    def _slugs(self, rows: list[_Row]) -> dict[str, str]:
        """Return a free slug per new row: one lookup of the bases, one of their variants."""
        bases = {row.key: slugify(row.data.values["name"]) for row in rows}
        taken = self._taken(set(bases.values()))
        counts = Counter(bases.values())
        crowded = {base for base, count in counts.items() if count > 1 or base in taken}
        if crowded:
            taken |= self._taken(
                {f"{base}-{n}" for base in crowded for n in range(2, SLUG_TRIES + 1)}
            )
        slugs = {}
        for row in rows:
            base = bases[row.key]
            for n in range(1, SLUG_TRIES + 1):
                slug = f"{base}-{n}" if n > 1 else base
                if slug not in taken:
                    break
            else:
                slug = unique_slug(row.data.values["name"])
            taken.add(slug)
            slugs[row.key] = slug
        return slugs

    def _consent(self, row: _Row, old: dict | None, now: datetime) -> dict:
        """Return the consent and publication columns after this row (as set_consent/publish)."""
        old = old or {
            "publish_consent": False,
            "published": False,
            "published_at": None,
            "consent_recorded_at": None,
        }
        consent = bool(row.data.publish_consent)
        values = {
            key: old[key]
            for key in ("publish_consent", "published", "published_at", "consent_recorded_at")
        }
        if consent != bool(old["publish_consent"]):
            values["publish_consent"] = consent
            values["consent_recorded_at"] = now
        if consent and not old["published"]:
            values["published"], values["published_at"] = True, now
        if not consent:
            values["published"] = False
        return values

    def _insert_new(self, rows: list[_Row], now: datetime) -> dict[str, uuid.UUID]:
        slugs = self._slugs(rows)
        params = [
            {
                **row.data.values,
                **self._consent(row, None, now),
                "id": uuid.uuid4(),
                "slug": slugs[row.key],
                "team_id": self.team_id,
                "match_key": row.key,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for row in rows
        ]
        stmt = insert_or_ignore(self.table).returning(self.table.c.match_key, self.table.c.id)
        result = db.session.execute(stmt, params)
        return {match: business_id for match, business_id in result}

    def _update(self, rows: list[_Row], existing: dict[str, dict], now: datetime) -> None:
        if not rows:
            return
        params = [
            {
                **{f"v_{k}": v for k, v in row.data.values.items()},
                **{f"v_{k}": v for k, v in self._consent(row, existing[row.key], now).items()},
                "b_id": existing[row.key]["id"],
                "v_updated_at": now,
            }
            for row in rows
        ]
        names = [name[2:] for name in params[0] if name.startswith("v_")]
        stmt = (
            update(self.table)
            .where(self.table.c.id == bindparam("b_id"))
            .values(
                {
                    **{name: bindparam(f"v_{name}") for name in names},
                    "version": self.table.c.version + 1,
                }
            )
        )
        db.session.execute(stmt, params, execution_options={"synchronize_session": False})

    def _write_products(self, rows, created_ids, existing) -> None:
        ids = {row.key: created_ids.get(row.key) or existing[row.key]["id"] for row in rows}
        old_ids = [ids[row.key] for row in rows if row.key not in created_ids]
        current: dict[uuid.UUID, list] = {}
        if old_ids:
            stmt = (
                select(
                    self.products.c.id,
                    self.products.c.business_id,
                    self.products.c.name,
                    self.products.c.price_idr,
                    self.products.c.position,
                )
                .where(self.products.c.business_id.in_(old_ids))
                .order_by(self.products.c.position)
            )
            for product in db.session.execute(stmt):
                current.setdefault(product.business_id, []).append(product)
        inserts, price_updates = [], []
        for row in rows:
            business_id = ids[row.key]
            have = current.get(business_id, [])
            by_name = {product.name.lower(): product for product in have}
            position = len(have)
            for incoming in row.data.products:
                match = by_name.get(incoming.name.lower())
                if match is not None:
                    if match.price_idr != incoming.price_idr:
                        price_updates.append({"p_id": match.id, "p_price": incoming.price_idr})
                    continue
                inserts.append(
                    {
                        "id": uuid.uuid4(),
                        "business_id": business_id,
                        "position": position,
                        "name": incoming.name,
                        "price_idr": incoming.price_idr,
                        "unit": "",
                        "composition": "",
                        "net_weight": "",
                        "photo": None,
                    }
                )
                by_name[incoming.name.lower()] = incoming
                position += 1
        if inserts:
            db.session.execute(insert(self.products), inserts)
        if price_updates:
            stmt = (
                update(self.products)
                .where(self.products.c.id == bindparam("p_id"))
                .values(price_idr=bindparam("p_price"))
            )
            db.session.execute(
                stmt, price_updates, execution_options={"synchronize_session": False}
            )

    def _audit(self, rows, created_ids, existing, now) -> None:
        events = []
        for row in rows:
            if row.key in created_ids:
                before, action, business_id = {}, "created", created_ids[row.key]
            else:
                before, action = existing[row.key], "updated"
                business_id = before["id"]
            changes = {}
            for name, new in row.data.values.items():
                old = before.get(name)
                if old == new or (not before and new in (None, "")):
                    continue
                if name in PRIVATE_FIELDS:
                    changes[name] = [
                        HIDDEN if old not in (None, "") else None,
                        HIDDEN if new not in (None, "") else None,
                    ]
                else:
                    changes[name] = [old, new]
            if action == "updated" and not changes and not row.data.products:
                continue
            events.append(
                {
                    "id": uuid.uuid4(),
                    "at": now,
                    "user_id": None,
                    "business_id": business_id,
                    "action": action,
                    "changes": changes,
                }
            )
        if events:
            db.session.execute(insert(AuditEvent.__table__), events)


UPDATED_FIELDS = (
    "name",
    "owner_name",
    "trade",
    "village",
    "district",
    "regency",
    "tagline",
    "whatsapp",
    "nik",
    "home_address",
    "capital_idr",
    "annual_sales_idr",
    "shopee_url",
    "facebook_url",
    "instagram_url",
    "maps_url",
)


def import_batches(
    path: Path,
    team_id: uuid.UUID,
    report: ImportReport,
    limits: Limits | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[int]:
    """Validate and write the file a batch at a time; yield after each flushed batch.

    The caller commits after each yield (one transaction per batch) and rolls back on an
    exception. FileProblem is raised before anything is written.
    """
    limits = limits or Limits.from_config(current_app.config)
    source = open_source(path, limits)
    report.source = source.describe()
    trades = trade_names()
    writer = _Writer(team_id, report)
    if writer.sqlite:
        # Another import may hold SQLite's write lock for a whole batch: wait, don't fail.
        db.session.execute(text(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}"))
    batch: list[_Row] = []
    keys: set[str] = set()
    for number, raw in source.rows():
        data = _validate(number, raw, report, limits, trades)
        if data is None:
            continue
        key = match_key(data.values["name"], data.values["owner_name"], data.values["village"])
        if key in keys or len(batch) >= batch_size:
            # The same business twice in one batch: write the first before the second.
            writer.write(batch)
            yield len(batch)
            batch, keys = [], set()
        batch.append(_Row(number, key, data))
        keys.add(key)
    if batch:
        writer.write(batch)
        yield len(batch)


def import_file(path: Path, team_id: uuid.UUID, limits: Limits | None = None) -> ImportReport:
    """Import every good row of the file, committing each batch; report the bad ones."""
    from app import transaction

    report = ImportReport()
    try:
        for _count in import_batches(path, team_id, report, limits):
            transaction.commit()
    except BaseException:
        transaction.rollback()
        raise
    return report
