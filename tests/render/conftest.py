"""Fixtures for the pure renderer tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.render.spec import BusinessSpec, LabelSpec, PamphletSpec
from tests.render.render_helpers import (
    EMOJI,
    JAVANESE,
    LONG_NAME,
    PRODUCTS,
    URL,
    photo_bytes,
)


@pytest.fixture
def business() -> BusinessSpec:
    return BusinessSpec(
        name="Keripik Tempe Bu Sri",
        tagline="Renyah, gurih, tanpa pengawet",
        village="Desa Susukan",
        whatsapp="6281234567890",
        products=PRODUCTS,
        theme="kunyit",
        is_food=True,
        producer_name="Sri Rahayu",
        business_address="Dusun Krajan RT 02/RW 03, Desa Susukan, Kab. Semarang",
        pirt_number="2063322010123-25",
        halal_cert_number="ID33110000123450823",
    )


@pytest.fixture
def long_business(business) -> BusinessSpec:
    return replace(
        business,
        name=f"{JAVANESE} {LONG_NAME[:40]} {EMOJI}",
        tagline=f"Jajanan khas {JAVANESE} {EMOJI} “paling enak” se-Kabupaten Semarang",
        theme="malam",
        products=tuple(replace(p, name=f"{p.name} {EMOJI}") for p in PRODUCTS),
    )


@pytest.fixture
def label_spec(business) -> LabelSpec:
    return LabelSpec(
        business=business,
        product=PRODUCTS[0],
        width_mm=70,
        height_mm=50,
        qr_url=URL,
        production_code="A12",
        production_date=dt.date(2026, 11, 1),
        expiry_date=dt.date(2027, 5, 1),
    )


@pytest.fixture
def pamphlet_spec(business) -> PamphletSpec:
    return PamphletSpec(business, URL, photo_bytes())
