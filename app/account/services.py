"""Write operations on mentor accounts, done by a coordinator."""

from __future__ import annotations

import secrets
import uuid

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from app import audit
from app.extensions import db
from app.models import ROLE_MENTOR, Team, User, team_members
from app.passwords import password_problem

# Short, easy to read aloud or type on a phone; 3 words + 4 digits ≈ 2^38 possibilities,
# enough for a password that dies at the first login and sits behind the login rate limit.
_TEMP_WORD_LIST = (
    "padi kopi sawah gunung sungai jagung pisang kelapa mangga nangka durian salak jeruk "
    "tomat cabai bawang tempe tahu sambal gula garam beras kebun pasar warung sepeda perahu "
    "kerbau kambing bebek ayam ikan bambu jati melati mawar anggrek pelangi bintang bulan "
    "matahari awan hujan angin batik wayang gamelan angklung kancil merpati kenari rambutan "
    "jambu sirsak manggis alpukat kedelai singkong ubi talas lontong ketupat serabi klepon"
)
TEMP_WORDS = tuple(_TEMP_WORD_LIST.split())


class AccountError(Exception):
    """The account action is refused; str() says why, in the user's language."""


def temporary_password() -> str:
    """Return a fresh random temporary password like 'kopi-bambu-awan-4821'."""
    words = [secrets.choice(TEMP_WORDS) for _ in range(3)]
    return "-".join([*words, f"{secrets.randbelow(10_000):04d}"])


def program_teams(coordinator: User) -> list[Team]:
    """Return the teams of the coordinator's program (every team without a program)."""
    stmt = select(Team).order_by(Team.name)
    if coordinator.program_id is not None:
        stmt = stmt.where(Team.program_id == coordinator.program_id)
    return list(db.session.scalars(stmt))


def managed_users(coordinator: User) -> list[User]:
    """Return the mentors a coordinator manages: their program's, by program or by team."""
    stmt = select(User).where(User.role == ROLE_MENTOR).order_by(User.active.desc(), User.username)
    if coordinator.program_id is not None:
        in_program_team = (
            select(team_members.c.user_id)
            .join(Team, Team.id == team_members.c.team_id)
            .where(Team.program_id == coordinator.program_id)
        )
        stmt = stmt.where(
            or_(User.program_id == coordinator.program_id, User.id.in_(in_program_team))
        )
    return list(db.session.scalars(stmt))


def managed_user_or_none(coordinator: User, user_id: uuid.UUID) -> User | None:
    """Return the mentor with this id if the coordinator manages them."""
    return next((user for user in managed_users(coordinator) if user.id == user_id), None)


def create_mentor(
    coordinator: User, username: str, full_name: str, team: Team, password: str | None = None
) -> tuple[User, str]:
    """Create a mentor who must change the temporary password at first login."""
    return create_account(username, full_name, ROLE_MENTOR, team, password)


def create_account(
    username: str, full_name: str, role: str, team: Team | None, password: str | None = None
) -> tuple[User, str]:
    """Create an account (screen or CLI) that must change its password at first login."""
    username = username.strip().lower()
    taken = db.session.scalar(select(User.id).where(func.lower(User.username) == username))
    if taken is not None:
        raise AccountError(_("Nama pengguna ini sudah dipakai."))
    if password:
        problem = password_problem(password)
        if problem:
            raise AccountError(problem)
    temporary = password or temporary_password()
    program_id = team.program_id if team else None
    user = User(
        username=username,
        full_name=full_name.strip(),
        role=role,
        program_id=program_id,
        must_change_password=True,
    )
    user.set_password(temporary)
    if team is not None:
        user.teams.append(team)
    db.session.add(user)
    db.session.flush()
    details = {"username": username, "team": team.name if team else None}
    audit.record(None, "account_created", details)
    db.session.flush()
    return user, temporary


def set_active(coordinator: User, user: User, active: bool) -> None:
    """Disable (ending every session at once) or re-enable a mentor's account."""
    if user.id == coordinator.id:
        raise AccountError(_("Anda tidak bisa menonaktifkan akun sendiri."))
    user.active = active
    user.session_version += 1
    audit.record(
        None, "account_enabled" if active else "account_disabled", {"username": user.username}
    )
    db.session.flush()


def reset_password(coordinator: User, user: User) -> str:
    """Give a mentor a new temporary password; their open sessions end."""
    if user.id == coordinator.id:
        raise AccountError(_("Ganti kata sandi Anda sendiri lewat menu kata sandi."))
    temporary = temporary_password()
    user.set_password(temporary)
    user.must_change_password = True
    user.session_version += 1
    audit.record(None, "password_reset", {"username": user.username})
    db.session.flush()
    return temporary
