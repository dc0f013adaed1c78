"""Load the demo program from app/demo.toml; running it again changes nothing.

The file is read into a typed, frozen pydantic model first (unknown keys refused), so a
typo in the demo data is named before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, StrictBool, StrictInt, StrictStr
from sqlalchemy import select

from app.extensions import db
from app.mentor import services
from app.mentor.services import BusinessInput, ProductInput
from app.models import Business, Program, Team, User, Visit
from app.render.tomldata import MODEL_CONFIG, NonEmpty, read_toml
from app.transaction import commit
from app.validators import normalise_whatsapp


class _Data(BaseModel):
    model_config = MODEL_CONFIG


class DemoAccount(_Data):
    """A demo login: a coordinator, or a mentor in some teams."""

    username: NonEmpty
    password: NonEmpty
    full_name: NonEmpty
    role: Literal["coordinator", "mentor"]
    teams: tuple[NonEmpty, ...] = ()


class DemoBusiness(_Data):
    """A demo family business; products are (name, price or none, unit)."""

    team: NonEmpty
    name: NonEmpty
    owner: NonEmpty
    trade: NonEmpty
    village: NonEmpty
    whatsapp: StrictStr = ""
    tagline: StrictStr = ""
    hours: StrictStr = ""
    capital: StrictInt | None = None
    sales: StrictInt | None = None
    nik: StrictStr | None = None
    status: StrictStr = "aktif"
    status_reason: StrictStr = ""
    products: tuple[tuple[NonEmpty, StrictInt | None, StrictStr], ...] = ()
    published: StrictBool = False


class DemoVisit(_Data):
    """A demo visit, dated this many days before today."""

    business: NonEmpty
    days_ago: StrictInt
    activities: NonEmpty
    aspects: tuple[NonEmpty, ...] = ()
    problems: StrictStr = ""
    next_actions: StrictStr = ""
    capital: StrictInt | None = None
    assets: StrictInt | None = None
    turnover: StrictInt | None = None


class DemoData(_Data):
    """Everything in demo.toml."""

    program: NonEmpty
    district: NonEmpty
    regency: NonEmpty
    accounts: tuple[DemoAccount, ...]
    businesses: tuple[DemoBusiness, ...]
    visits: tuple[DemoVisit, ...] = ()


@dataclass
class DemoResult:
    """What the demo loader made: counts and the accounts to log in with."""

    program: str
    teams: int = 0
    businesses: int = 0
    accounts: list[tuple[str, str, str]] = field(default_factory=list)


def _team(program: Program, name: str) -> Team:
    team = db.session.scalar(select(Team).where(Team.program == program, Team.name == name))
    if team is None:
        team = Team(program=program, name=name)
        db.session.add(team)
        db.session.flush()
    return team


def load_demo(path: Path) -> DemoResult:
    """Create the demo program, its teams, accounts and businesses if they are missing."""
    data = DemoData.model_validate(read_toml(path))
    program = db.session.scalar(select(Program).where(Program.name == data.program))
    if program is None:
        program = Program(name=data.program)
        db.session.add(program)
        db.session.flush()
    result = DemoResult(program.name)
    for account in data.accounts:
        user = db.session.scalar(select(User).where(User.username == account.username))
        if user is None:
            user = User(
                username=account.username,
                full_name=account.full_name,
                role=account.role,
                program_id=program.id,
            )
            user.set_password(account.password)
            db.session.add(user)
        for team_name in account.teams:
            team = _team(program, team_name)
            if team not in user.teams:
                user.teams.append(team)
        result.accounts.append((account.username, account.password, account.role))
    db.session.flush()
    for item in data.businesses:
        team = _team(program, item.team)
        exists = db.session.scalar(
            select(Business.id).where(Business.team_id == team.id, Business.name == item.name)
        )
        if exists is None:
            business = services.create_business(team.id, _business_input(item, data), None)
            if item.published:
                services.publish(business)
        result.businesses += 1
    result.teams = len(program.teams)
    _load_visits(program, data.visits)
    commit()  # a whole command of its own (CLI, browser tests, benches): it commits once
    return result


def _load_visits(program: Program, items: tuple[DemoVisit, ...]) -> None:
    """Log each demo visit once, dated relative to today (a second load adds nothing)."""
    from app.clock import today
    from app.program.services import VisitInput, create_visit

    for item in items:
        business = db.session.scalar(
            select(Business)
            .join(Team)
            .where(Team.program_id == program.id, Business.name == item.business)
        )
        if (
            business is None
            or db.session.scalar(
                select(Visit.id)
                .where(Visit.business_id == business.id, Visit.created_by_id.is_(None))
                .where(Visit.activities == item.activities)
            )
            is not None
        ):
            continue
        mentor = next(iter(business.team.members), None)
        create_visit(
            business,
            VisitInput(
                visited_on=today() - timedelta(days=item.days_ago),
                activities=item.activities,
                mentor_ids=[mentor.id] if mentor else [],
                aspects=list(item.aspects),
                problems=item.problems,
                next_actions=item.next_actions,
                capital_idr=item.capital,
                assets_idr=item.assets,
                monthly_turnover_idr=item.turnover,
            ),
            None,
        )


def _business_input(item: DemoBusiness, data: DemoData) -> BusinessInput:
    values = {
        "name": item.name,
        "owner_name": item.owner,
        "trade": item.trade,
        "village": item.village,
        "district": data.district,
        "regency": data.regency,
        "tagline": item.tagline,
        "opening_hours": item.hours,
        "whatsapp": normalise_whatsapp(item.whatsapp) if item.whatsapp else None,
        "capital_idr": item.capital,
        "annual_sales_idr": item.sales,
        "nik": item.nik,
        "status": item.status,
        "status_reason": item.status_reason,
    }
    products = [
        ProductInput(name=name, price_idr=price, unit=unit) for name, price, unit in item.products
    ]
    return BusinessInput(values, products, publish_consent=item.published)
