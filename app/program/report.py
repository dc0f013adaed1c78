"""The program report, one row per business like the seed paper's Table 1: CSV, XLSX, PDF.

The rows, CSV and XLSX are here; the PDF table is report_pdf.py.

Rows are read in chunks from a server-side cursor and written as they come, so memory
stays flat however many businesses a program has. Never a NIK, home address or owner.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import IO

from flask_babel import gettext as _
from sqlalchemy import select

from app.clock import today
from app.extensions import db
from app.filters import trade_name
from app.models import ASPECTS, STATUS_ACTIVE, Business, FollowUp, Team, User, Visit
from app.program.dashboard import (
    PROGRESS_FIELDS,
    Filters,
    base_query,
    checklist_progress,
    facts_from_row,
    scoped,
)

CHUNK = 500  # businesses per round trip; also the server-side cursor's batch size
CELL_MAX = 2000  # characters per text cell: readable, and far below Excel's 32,767
PDF_CELL_MAX = 700  # a PDF table row must fit on one page
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


# A formula start after a separator or line break: opened with another list separator
# (';' on an Indonesian-locale Windows) or split into lines, that piece becomes a cell.
# A lone "-" ending the text ("Rp 8.000,-") starts nothing and stays as written.
INNER_FORMULA = re.compile(r"([,;\t\r\n|])(?=[=+@]|-(?!$))")


def safe_cell(value):
    """Return a value a spreadsheet will not run: a formula start gets a ' wherever it is."""
    if not isinstance(value, str):
        return value
    value = INNER_FORMULA.sub(r"\1'", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@lru_cache(maxsize=4096)
def short_date(day: date) -> str:
    """Return a date as 28/11/2026, the way forms here are filled in."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _clip(text: str, limit: int = CELL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class ReportRow:
    """One business in the report."""

    number: int
    name: str
    trade: str
    village: str
    team: str
    state: str
    problems: str
    activities: str
    aspects: str
    visits: int
    last_visit: date | None
    steps_done: int
    steps_total: int
    capital: tuple[int | None, int | None]
    assets: tuple[int | None, int | None]
    turnover: tuple[int | None, int | None]

    def cells(self) -> list:
        """Return the row's cells in the order of headers(), guarded for spreadsheets."""
        values = [
            self.number,
            self.name,
            self.trade,
            self.village,
            self.team,
            self.state,
            self.problems,
            self.activities,
            self.aspects,
            self.visits,
            self.last_visit,
            f"{self.steps_done}/{self.steps_total}",
            *self.capital,
            *self.assets,
            *self.turnover,
        ]
        return [safe_cell(value) for value in values]


def headers() -> list[str]:
    """Return the column headings, in Indonesian (or the request's language)."""
    return [
        _("No"),
        _("Usaha"),
        _("Jenis usaha"),
        _("Desa"),
        _("Tim"),
        _("Keadaan usaha"),
        _("Kendala"),
        _("Pelaksanaan pendampingan"),
        _("Aspek"),
        _("Jumlah kunjungan"),
        _("Kunjungan terakhir"),
        _("Langkah selesai"),
        _("Modal awal (Rp)"),
        _("Modal terakhir (Rp)"),
        _("Aset awal (Rp)"),
        _("Aset terakhir (Rp)"),
        _("Omzet sebulan awal (Rp)"),
        _("Omzet sebulan terakhir (Rp)"),
    ]


def _status_names() -> dict[str, str]:
    return {
        "aktif": _("Aktif"),
        "berhenti_sementara": _("Berhenti sementara"),
        "berhenti": _("Berhenti"),
    }


def _status_text(names: dict[str, str], status: str, reason: str) -> str:
    label = names.get(status, status)
    return f"{label} — {reason}" if reason and status != STATUS_ACTIVE else label


def _aspect_names() -> dict[str, str]:
    return {
        "produksi": _("Produksi"),
        "kemasan": _("Kemasan"),
        "pemasaran": _("Pemasaran"),
        "legalitas": _("Legalitas"),
    }


def _visit_texts(ids: list) -> tuple[dict, dict]:
    """Return, per business, its activities (dated bullets) and distinct problems, in order."""
    activities: dict = defaultdict(list)
    problems: dict = defaultdict(dict)  # an ordered set
    # Core, not ORM, execution: plain columns need no ORM row processing (225k rows at scale).
    rows = db.session.connection().execute(
        select(Visit.business_id, Visit.visited_on, Visit.activities, Visit.problems)
        .where(Visit.business_id.in_(ids))
        .order_by(Visit.business_id, Visit.visited_on, Visit.created_at)
    )
    for business_id, day, done, problem in rows:
        if done:
            activities[business_id].append(f"• {short_date(day)}: {' '.join(done.split())}")
        if problem:
            problems[business_id][" ".join(problem.split())] = None
    return activities, problems


ROLLUP = (
    FollowUp.visits,
    FollowUp.last_visit_on,
    FollowUp.aspect_produksi,
    FollowUp.aspect_kemasan,
    FollowUp.aspect_pemasaran,
    FollowUp.aspect_legalitas,
    FollowUp.baseline_capital_idr,
    FollowUp.latest_capital_idr,
    FollowUp.baseline_assets_idr,
    FollowUp.latest_assets_idr,
    FollowUp.baseline_turnover_idr,
    FollowUp.latest_turnover_idr,
)


def report_rows(user: User | None, filters: Filters | None = None) -> Iterator[ReportRow]:
    """Yield the report's rows for the user's scope (all businesses when user is None)."""
    filters = filters or Filters()
    facts = [getattr(Business, name) for name in PROGRESS_FIELDS if name != "trade"]
    stmt = scoped(
        base_query(
            Business.id,
            Business.name,
            Business.trade,
            Business.village,
            Business.status,
            Business.status_reason,
            Team.name.label("team_name"),
            *ROLLUP,
            *facts,
        ),
        user,
        filters,
    ).order_by(Team.name, Business.village, Business.name, Business.id)
    aspect_names, status_names = _aspect_names(), _status_names()  # translated once, not per row
    trades: dict[str, str] = {}
    number = 0
    result = db.session.execute(stmt.execution_options(yield_per=CHUNK))
    for part in result.partitions():
        ids = [row.id for row in part]
        progress = checklist_progress((row.id, facts_from_row(row)) for row in part)
        activities, problems = _visit_texts(ids)
        for row in part:
            number += 1
            if row.trade not in trades:
                trades[row.trade] = trade_name(row.trade)
            done, total = progress[row.id]
            yield ReportRow(
                number=number,
                name=row.name,
                trade=trades[row.trade],
                village=row.village,
                team=row.team_name,
                state=_status_text(status_names, row.status, row.status_reason),
                problems=_clip("\n".join(problems.get(row.id, ()))),
                activities=_clip("\n".join(activities.get(row.id, ()))),
                aspects=", ".join(aspect_names[a] for a in ASPECTS if getattr(row, f"aspect_{a}")),
                visits=row.visits or 0,
                last_visit=row.last_visit_on,
                steps_done=done,
                steps_total=total,
                capital=(row.baseline_capital_idr, row.latest_capital_idr),
                assets=(row.baseline_assets_idr, row.latest_assets_idr),
                turnover=(row.baseline_turnover_idr, row.latest_turnover_idr),
            )


# --- CSV ---------------------------------------------------------------------------------------


def csv_chunks(rows: Iterator[ReportRow]) -> Iterator[str]:
    """Yield the CSV text in pieces (UTF-8 with BOM, so spreadsheet apps read it right)."""
    buffer = io.StringIO()
    # Every cell quoted: a separator inside text never splits it, whatever the reader's locale.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(headers())
    yield "\ufeff" + buffer.getvalue()
    for index, row in enumerate(rows, start=1):
        if index % 200 == 1:
            buffer.seek(0)
            buffer.truncate()
        cells = row.cells()
        cells[10] = cells[10].isoformat() if cells[10] else ""
        writer.writerow(["" if cell is None else cell for cell in cells])
        if index % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    rest = buffer.getvalue()
    if rest:
        yield rest


def write_csv(rows: Iterator[ReportRow], out: IO[bytes]) -> None:
    """Write the CSV to a binary file."""
    for chunk in csv_chunks(rows):
        out.write(chunk.encode("utf-8"))


# --- XLSX --------------------------------------------------------------------------------------

XLSX_WIDTHS = (5, 28, 18, 14, 18, 26, 40, 60, 26, 10, 12, 10, 14, 14, 14, 14, 16, 16)
RUPIAH_FORMAT = '"Rp"#,##0'


def write_xlsx(rows: Iterator[ReportRow], out: IO[bytes], title: str) -> None:
    """Write the XLSX with openpyxl's write-only mode: rows go to disk as they come."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Laporan"))
    for index, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C3"

    def model(**style) -> WriteOnlyCell:
        item = WriteOnlyCell(sheet)
        for name, value in style.items():
            setattr(item, name, value)
        return item

    # Each distinct style is registered once; cells then copy its index array, because
    # assigning style objects cell by cell (hashing them each time) dominated the export.
    wrap = model(alignment=Alignment(wrap_text=True, vertical="top"))
    day = model(number_format="DD/MM/YYYY")
    money = model(number_format=RUPIAH_FORMAT)
    heading = model(font=Font(bold=True), alignment=Alignment(wrap_text=True))
    styles = {5: wrap, 6: wrap, 7: wrap, 10: day, **dict.fromkeys(range(12, 18), money)}

    def cell(value, like: WriteOnlyCell) -> WriteOnlyCell:
        item = WriteOnlyCell(sheet, value=value)
        item._style = copy(like._style)
        return item

    sheet.append([cell(safe_cell(title), model(font=Font(bold=True, size=14)))])
    sheet.append([cell(safe_cell(h), heading) for h in headers()])
    for row in rows:
        values = row.cells()
        sheet.append(
            [
                cell(value, styles[index]) if value is not None and index in styles else value
                for index, value in enumerate(values)
            ]
        )
    workbook.save(out)


# --- PDF ---------------------------------------------------------------------------------------


def export(
    fmt: str, rows: Iterator[ReportRow], out: IO[bytes], title: str, subtitle: str = ""
) -> None:
    """Write the report in a format ("csv", "xlsx" or "pdf") to a binary file."""
    if fmt == "csv":
        write_csv(rows, out)
    elif fmt == "xlsx":
        write_xlsx(rows, out, title)
    elif fmt == "pdf":
        from app.program.report_pdf import write_pdf  # it reads ReportRow from here

        write_pdf(rows, out, title, subtitle)
    else:
        raise ValueError(f"unknown report format {fmt!r}")


def report_title(program_name: str | None) -> str:
    """Return the report's title line."""
    base = _("Laporan pendampingan usaha")
    return f"{base} — {program_name}" if program_name else base


def report_subtitle(count_hint: str = "") -> str:
    """Return the line under the title: the date it was made."""
    made = _("Dibuat %(date)s", date=short_date(today()))
    return f"{made}. {count_hint}".strip()
