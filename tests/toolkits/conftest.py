"""What the toolkit tests share: the shipped data frozen on one day, and a food stall's facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.checklists import BusinessFacts, Toolkits, load_toolkits

TOOLKIT_DIR = Path(__file__).resolve().parents[2] / "toolkits"
TODAY = date(2026, 11, 27)
NIK = "3322114405800001"
JUTA = 1_000_000


@pytest.fixture(scope="module")
def toolkits() -> Toolkits:
    """Return the shipped toolkit data as checked on TODAY."""
    return load_toolkits(TOOLKIT_DIR, today=TODAY)


def bakso(**overrides) -> BusinessFacts:
    """Return the facts of a micro food stall (Bakso Pak Kumis, Tawang), with overrides."""
    base = dict(
        trade="warung_makan",
        business_name="Bakso Pak Kumis",
        owner_name="Kumis",
        village="Tawang",
        district="Susukan",
        regency="Kabupaten Semarang",
        whatsapp="081234567890",
        capital_idr=20 * JUTA,
        annual_sales_idr=60 * JUTA,
    )
    return BusinessFacts(**{**base, **overrides})
