"""Import a program's business list from CSV, Unicode Text or XLSX: bad rows reported, good rows
saved in batches.

Reading: the encoding is detected (BOM, strict UTF-8, else charset-normalizer), the separator
from a sample (the header's known column names, else csv.Sniffer), quotes the standard way
(doubled quotes). XLSX is read with openpyxl's read-only mode; its XML goes through
defusedxml, and a DTD anywhere is refused before parsing. A first pass checks the whole file
(size, rows, encoding, CSV structure, header) before anything is written.

The package: base.py (columns, limits, the report), reading.py (files), rows.py (validation),
writes.py (batched upserts); this module runs them a batch at a time.

Writing: rows are validated one by one, then written a batch at a time with set-based
statements: one lookup of existing keys, one INSERT … ON CONFLICT DO NOTHING (the unique key
team + match_key decides, so two imports at once give one row per business), one UPDATE
executemany, products and audit events in bulk. These functions only flush: the CLI command
commits after every batch and rolls back on error.
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import Iterator
from pathlib import Path

from flask import current_app
from sqlalchemy import text

from app.extensions import db
from app.mentor.importer.base import (
    COLUMNS,
    REQUIRED,
    FileProblem,
    ImportReport,
    Limits,
    RowProblem,
)
from app.mentor.importer.reading import detect_delimiter, detect_encoding, open_source, read_rows
from app.mentor.importer.rows import (
    NO,
    YES,
    parse_products,
    resolve_trade,
    trade_names,
    validate_row,
)
from app.mentor.importer.writes import ImportRow, Writer, db_reason, insert_or_ignore
from app.validators import match_key

__all__ = [
    "COLUMNS",
    "NO",
    "REQUIRED",
    "YES",
    "FileProblem",
    "ImportReport",
    "Limits",
    "RowProblem",
    "db_reason",
    "detect_delimiter",
    "detect_encoding",
    "import_batches",
    "import_file",
    "insert_or_ignore",
    "open_source",
    "parse_products",
    "read_rows",
    "resolve_trade",
    "trade_names",
]

BATCH_SIZE = 500
SQLITE_BUSY_MS = 120_000


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
    # The app's objects live as long as the process; the cyclic collector need not walk them
    # again for every few thousand cells read (a seventh of an import's time otherwise).
    # Usually the app factory froze them already (app/__init__.py); thawing here would
    # thaw its objects too, so only an import that froze them thaws them.
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        source = open_source(path, limits)
        report.source = source.describe()
        yield from _batches(source, team_id, report, limits, batch_size)
    finally:
        if freeze:
            gc.unfreeze()


def _batches(source, team_id, report, limits, batch_size) -> Iterator[int]:
    """Validate and write the rows of a checked source; yield after each flushed batch."""
    trades = trade_names()
    writer = Writer(team_id, report)
    if writer.sqlite:
        # Another import may hold SQLite's write lock for a whole batch: wait, don't fail.
        db.session.execute(text(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}"))
    batch: list[ImportRow] = []
    keys: set[str] = set()
    for number, raw in source.rows():
        data = validate_row(number, raw, report, limits, trades)
        if data is None:
            continue
        key = match_key(data.values["name"], data.values["owner_name"], data.values["village"])
        if key in keys or len(batch) >= batch_size:
            # The same business twice in one batch: write the first before the second.
            writer.write(batch)
            yield len(batch)
            batch, keys = [], set()
        batch.append(ImportRow(number, key, data))
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
