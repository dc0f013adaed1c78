"""Fixtures for the trust tests: a context of things to attack, images, signed-in clients."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

import pytest
from PIL import Image

from app.extensions import db
from app.models import Business, User
from tests.conftest import Auth, csrf_from, set_photo

ROLE_USERS = {"owner": "mentor_a", "other": "mentor_b", "coordinator": "koordinator"}


def jpeg_bytes(size=(64, 48), color=(200, 120, 40), exif=None) -> bytes:
    """Return a small JPEG, optionally carrying EXIF."""
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, "JPEG", **kwargs)
    return out.getvalue()


@dataclass
class Context:
    """The objects a route may be asked about: a published business of team A and friends."""

    business: Business
    photo_name: str
    managed_user: User
    checklist_id: str
    step_id: str
    kit_file_name: str
    sheet_preset: str

    def defaults(self) -> dict:
        """Return URL values filled in by parameter name."""
        return {
            "business_id": self.business.id,
            "slug": self.business.slug,
            "user_id": self.managed_user.id,
            "name": self.photo_name,
            "lang": "id",
        }


def _first_step(app, business):
    from app.plans import business_plan

    with app.test_request_context():
        plan = business_plan(business, "id")
    for checklist in plan.plan.checklists:
        for step in checklist.steps:
            return checklist.id, step.id
    raise AssertionError("no checklist step to tick")


@pytest.fixture
def make_context(app, world, make_business):
    """Return a factory of fresh contexts (one per role, so a deletion spoils nothing)."""
    counter = iter(range(1000))

    def make() -> Context:
        n = next(counter)
        business = make_business(name=f"Keripik Uji {n}", publish=True)
        set_photo(business, jpeg_bytes(), name="Keripik", price_idr=8000)
        user = User(
            username=f"baru{n}-{uuid.uuid4().hex[:6]}",
            full_name="Pendamping Baru",
            role="mentor",
            program_id=world["program"].id,
        )
        user.password_hash = world["mentor_a"].password_hash  # PASSWORD, without a new scrypt
        db.session.add(user)
        user.teams.append(world["team_a"])
        db.session.commit()
        checklist_id, step_id = _first_step(app, business)
        try:
            from app.render import load_sheets

            preset = next(iter(load_sheets()))
        except ImportError:  # pragma: no cover - the kit is not there
            preset = "a4"
        return Context(
            business, business.products[0].photo, user, checklist_id, step_id, "logo.png", preset
        )

    return make


@pytest.fixture
def login_as(app):
    """Return a factory of clients signed in as a role ('anonymous' stays signed out)."""

    def login(role: str):
        client = app.test_client()
        if role != "anonymous":
            response = Auth(client).login(ROLE_USERS[role])
            assert response.status_code == 302, f"{role} could not sign in"
        return client

    return login


def token_for(client) -> str:
    """Return a valid CSRF token for this client's session."""
    for url in ("/", "/masuk"):
        response = client.get(url)
        if response.status_code == 200 and b"csrf_token" in response.data:
            return csrf_from(response.get_data(as_text=True))
    raise AssertionError("no page with a CSRF token")
