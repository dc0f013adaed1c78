"""Validating import rows: cells tidied, values normalised, problems named by row and column."""

from __future__ import annotations

import re
from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _

from app.mentor.importer.base import REQUIRED, ImportReport, Limits, RowProblem
from app.mentor.services import BusinessInput, ProductInput
from app.validators import (
    InvalidValue,
    normalise_link,
    normalise_nik,
    normalise_whatsapp,
    parse_rupiah,
)
from app.words import NO_WORDS, YES_WORDS

MAX_LENGTHS = {
    "business_name": 120,
    "owner_name": 120,
    "village": 80,
    "district": 80,
    "regency": 80,
    "tagline": 160,
    "address": 500,
    "shopee_url": 300,
    "facebook_url": 300,
    "instagram_url": 300,
    "maps_url": 300,
}
YES, NO = YES_WORDS, NO_WORDS
LINK_COLUMNS = {
    "shopee_url": "shopee",
    "facebook_url": "facebook",
    "instagram_url": "instagram",
    "maps_url": "maps",
}
OTHER_TRADE = "lainnya"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


def _trade(text: str, number: int, report: ImportReport, trades: dict[str, str]) -> str:
    """Return the trade key of a cell; an unknown trade is Lainnya, with a warning."""
    trade = resolve_trade(text, trades) if text else OTHER_TRADE
    if trade is not None:
        return trade
    message = _('jenis usaha "%(value)s" tidak dikenal; dicatat sebagai Lainnya', value=text[:80])
    report.warnings.append(RowProblem(number, "trade", message))
    return OTHER_TRADE


def validate_row(
    number: int, raw: dict[str, str], report: ImportReport, limits: Limits, trades: dict[str, str]
) -> BusinessInput | None:
    """Return a row's values and products, or None after adding its problems to the report."""
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
    trade = _trade(row.get("trade", ""), number, report, trades)
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
