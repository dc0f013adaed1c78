"""What an import accepts and reports: columns, limits, row problems, the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

COLUMNS = (
    "business_name",
    "owner_name",
    "trade",
    "village",
    "district",
    "regency",
    "whatsapp",
    "tagline",
    "products",
    "capital_idr",
    "annual_sales_idr",
    "shopee_url",
    "facebook_url",
    "instagram_url",
    "maps_url",
    "nik",
    "address",
    "publish_consent",
)
REQUIRED = ("business_name", "owner_name", "village")


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
        return _(
            "baris %(row)s, kolom %(column)s: %(reason)s",
            row=self.row,
            column=self.column,
            reason=self.reason,
        )


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
