"""Services flush and never commit: one that fails half-way leaves nothing of its own behind."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.mentor import services
from app.mentor.services import BusinessInput, ProductInput
from app.models import Business, Product, StatusChange
from app.transaction import commit
from app.validators import InvalidValue
from tests.security.conftest import jpeg_bytes


def _counts() -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Business, Product, StatusChange)
    )


def _rows(*photos: bytes) -> list[ProductInput]:
    return [ProductInput(name=f"Produk {i}", photo=io.BytesIO(p)) for i, p in enumerate(photos)]


def test_a_business_refused_half_way_is_not_written(app, world, make_business):
    make_business()
    before = _counts()
    values = {"name": "Tempe Bu Sri", "owner_name": "Sri", "village": "Tawang", "status": "aktif"}
    with pytest.raises(InvalidValue):  # the second photo is no image: after the first is stored
        services.create_business(
            world["team_a"].id, BusinessInput(values, _rows(jpeg_bytes(), b"no image")), None
        )
    commit()  # what the request does after an answer below 400 (the form shown again)
    db.session.expunge_all()
    assert _counts() == before
    assert db.session.scalar(select(Business).where(Business.name == "Tempe Bu Sri")) is None


def test_an_update_refused_half_way_changes_nothing(app, world, make_business):
    business = make_business()
    business_id, before = business.id, _counts()
    values = {"name": "Nama Baru", "status": "berhenti", "status_reason": "Modal habis"}
    with pytest.raises(InvalidValue):
        services.update_business(business, BusinessInput(values, _rows(b"no image")), None)
    commit()
    db.session.expunge_all()
    assert _counts() == before
    stored = db.session.get(Business, business_id)
    assert stored.name == "Keripik Bu Sri" and [p.name for p in stored.products] == [
        "Keripik singkong"
    ]


def test_a_duplicate_business_is_refused_and_the_first_kept(app, world, make_business):
    first = make_business()
    before = _counts()
    values = {"name": first.name, "owner_name": first.owner_name, "village": first.village}
    with pytest.raises(InvalidValue, match="sudah ada"):
        services.create_business(world["team_a"].id, BusinessInput(values), None)
    commit()
    assert _counts() == before
