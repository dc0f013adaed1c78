"""Import a program's business list from CSV or XLSX: each bad row reported, good rows saved."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.mentor import services
from app.mentor.services import BusinessInput, ProductInput
from app.models import Business
from app.validators import (
    InvalidValue,
    normalise_link,
    normalise_nik,
    normalise_whatsapp,
    parse_rupiah,
)

COLUMNS = (
    "business_name", "owner_name", "trade", "village", "district", "regency", "whatsapp",
    "tagline", "products", "capital_idr", "annual_sales_idr", "shopee_url", "facebook_url",
    "instagram_url", "maps_url", "nik", "address", "publish_consent",
)  # fmt: skip
REQUIRED = ("business_name", "owner_name", "village")
MAX_LENGTHS = {"business_name": 120, "owner_name": 120, "village": 80, "district": 80,
               "regency": 80, "tagline": 160, "address": 500}  # fmt: skip
YES = {"yes", "ya", "y", "1", "true", "setuju"}
NO = {"no", "tidak", "n", "0", "false", "", "tidak setuju"}
LINK_COLUMNS = {"shopee_url": "shopee", "facebook_url": "facebook",
                "instagram_url": "instagram", "maps_url": "maps"}  # fmt: skip
OTHER_TRADE = "lainnya"


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

    @property
    def failed_rows(self) -> int:
        """Return how many rows were refused."""
        return len({problem.row for problem in self.errors})


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, {column: text}) from a CSV or XLSX file."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _read_xlsx(path)
    else:
        yield from _read_csv(path)


def _clean_header(cells) -> list[str]:
    return [str(cell or "").strip().lower().lstrip("\ufeff") for cell in cells]


def _read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = _clean_header(next(reader, []))
    for number, cells in enumerate(reader, start=2):
        if any(cell.strip() for cell in cells):
            yield number, dict(zip(header, (cell.strip() for cell in cells), strict=False))


def _read_xlsx(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.active.iter_rows(values_only=True)
        header = _clean_header(next(rows, []))
        for number, cells in enumerate(rows, start=2):
            values = ["" if cell is None else _cell_text(cell) for cell in cells]
            if any(values):
                yield number, dict(zip(header, values, strict=False))
    finally:
        workbook.close()


def _cell_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def resolve_trade(value: str) -> str | None:
    """Return the trade key for a key or display name in any case, or None if unknown."""
    wanted = " ".join(value.lower().replace("_", " ").split())
    for key, trade in current_app.extensions["toolkits"].trades.items():
        names = {key.replace("_", " "), trade.name_id.lower(), trade.name_en.lower()}
        if wanted in names:
            return key
    return None


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
            price_idr = parse_rupiah(price) if sep else None
        except InvalidValue as exc:
            raise InvalidValue(f"{name}: {exc}") from None
        products.append(ProductInput(name=name, price_idr=price_idr))
    return products


def _validate(number: int, row: dict[str, str], report: ImportReport) -> BusinessInput | None:
    problems: list[RowProblem] = []

    def check(column: str, func):
        try:
            return func(row.get(column, ""))
        except InvalidValue as exc:
            problems.append(RowProblem(number, column, str(exc)))
            return None

    for column in REQUIRED:
        if not row.get(column, "").strip():
            problems.append(RowProblem(number, column, _("wajib diisi")))
    for column, limit in MAX_LENGTHS.items():
        if len(row.get(column, "")) > limit:
            problems.append(RowProblem(number, column, _("terlalu panjang (maks. %(n)s)", n=limit)))
    trade_text = row.get("trade", "").strip()
    trade = resolve_trade(trade_text) if trade_text else OTHER_TRADE
    if trade is None:
        trade = OTHER_TRADE
        report.warnings.append(
            RowProblem(
                number,
                "trade",
                _(
                    'jenis usaha "%(value)s" tidak dikenal; dicatat sebagai Lainnya',
                    value=trade_text,
                ),
            )
        )
    whatsapp = check("whatsapp", lambda v: normalise_whatsapp(v) if v.strip() else None)
    nik = check("nik", normalise_nik)
    capital = check("capital_idr", parse_rupiah)
    sales = check("annual_sales_idr", parse_rupiah)
    links = {col: check(col, lambda v, p=plat: normalise_link(p, v))
             for col, plat in LINK_COLUMNS.items()}  # fmt: skip
    products = check("products", parse_products) or []
    consent_text = row.get("publish_consent", "").strip().lower()
    if consent_text not in YES | NO:
        problems.append(RowProblem(number, "publish_consent", _("isi yes/no atau ya/tidak")))
    if problems:
        report.errors.extend(problems)
        return None
    values = {
        "name": row["business_name"].strip(),
        "owner_name": row["owner_name"].strip(),
        "trade": trade,
        "village": row["village"].strip(),
        "district": row.get("district", "").strip(),
        "regency": row.get("regency", "").strip(),
        "tagline": row.get("tagline", "").strip(),
        "whatsapp": whatsapp,
        "nik": nik,
        "home_address": row.get("address", "").strip(),
        "capital_idr": capital,
        "annual_sales_idr": sales,
        **links,
    }
    return BusinessInput(values, products, publish_consent=consent_text in YES)


def _find_existing(team_id: uuid.UUID, values: dict) -> Business | None:
    """Match a row to a business already imported: same team, name, owner and desa."""
    return db.session.scalar(
        select(Business).where(
            Business.team_id == team_id,
            func.lower(Business.name) == values["name"].lower(),
            func.lower(Business.owner_name) == values["owner_name"].lower(),
            func.lower(Business.village) == values["village"].lower(),
        )
    )


def _merge_products(business: Business, incoming: list[ProductInput]) -> list[ProductInput]:
    """Keep existing products, updating those with the same name, adding the new ones."""
    by_name = {product.name.lower(): product for product in business.products}
    merged = [ProductInput(name=p.name, price_idr=p.price_idr, unit=p.unit, id=p.id,
                           net_weight=p.net_weight, composition=p.composition)
              for p in business.products]  # fmt: skip
    positions = {row.id: index for index, row in enumerate(merged)}
    for row in incoming:
        existing = by_name.get(row.name.lower())
        if existing is None:
            merged.append(row)
        else:
            merged[positions[existing.id]].price_idr = row.price_idr
    return merged


def import_file(path: Path, team_id: uuid.UUID) -> ImportReport:
    """Import every good row of the file into the team; report the bad ones."""
    report = ImportReport()
    for number, row in read_rows(path):
        data = _validate(number, row, report)
        if data is None:
            continue
        existing = _find_existing(team_id, data.values)
        try:
            if existing is None:
                business = services.create_business(team_id, data, None)
                report.created += 1
            else:
                data.products = _merge_products(existing, data.products)
                business = services.update_business(existing, data, None)
                report.updated += 1
            if data.publish_consent:
                services.publish(business)
        except Exception as exc:  # a database refusal of one row must not stop the others
            db.session.rollback()
            report.errors.append(RowProblem(number, "-", str(exc)))
    return report
