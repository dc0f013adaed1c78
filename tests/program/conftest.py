"""Helpers for the program follow-up tests: log visits straight through the service."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.program import services
from app.program.services import VisitInput


@pytest.fixture
def log_visit(world):
    """Return a function that logs a visit (mentor_a by default) through the service."""

    def log(business, visited_on: date | None = None, user=None, **fields):
        user = user or world["mentor_a"]
        values = {"activities": "Mendampingi keluarga.", "mentor_ids": [user.id], **fields}
        data = VisitInput(visited_on=visited_on or services.today(), **values)
        visit = services.create_visit(business, data, user)
        db.session.commit()  # the test is the caller: it owns the transaction
        return visit

    return log


def visit_form(token: str, **overrides) -> dict:
    """Return a valid visit form post, with overrides."""
    data = {
        "csrf_token": token,
        "visited_on": services.today().isoformat(),
        "activities": "Membuat akun Shopee dan memotret produk.",
        "problems": "",
        "next_actions": "",
        "capital": "",
        "assets": "",
        "turnover": "",
        "status": "aktif",
        "reason_code": "",
        "status_reason": "",
    }
    data.update(overrides)
    return data
