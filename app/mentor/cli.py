"""`flask businesses import FILE` and `flask businesses list`: the importer and the register."""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.extensions import db
from app.filters import public_url
from app.models import Business, Program, Team, utcnow
from app.transaction import commit, rollback, transaction

businesses_cli = AppGroup("businesses", help="Import and list businesses.")


def get_or_create_team(program_name: str | None, team_name: str) -> Team:
    """Return the named team, creating it (and its program) when missing; safe in a race."""
    from app.mentor.importer import insert_or_ignore

    if program_name is None:
        programs = list(db.session.scalars(select(Program).limit(2)))
        program = programs[0] if len(programs) == 1 else None
        program_name = program.name if program else "Program Kit Usaha"
    # INSERT … ON CONFLICT DO NOTHING, then read: two imports at once make one of each.
    programs = insert_or_ignore(Program.__table__)
    db.session.execute(programs.values(id=uuid.uuid4(), name=program_name, created_at=utcnow()))
    program = db.session.scalar(select(Program).where(Program.name == program_name))
    teams = insert_or_ignore(Team.__table__)
    db.session.execute(teams.values(id=uuid.uuid4(), program_id=program.id, name=team_name))
    team = db.session.scalar(
        select(Team).where(Team.program_id == program.id, Team.name == team_name)
    )
    db.session.flush()
    return team


@businesses_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--team",
    "team_name",
    default="Tim Impor",
    show_default=True,
    help="Team that receives the businesses (created if missing).",
)
@click.option(
    "--program",
    "program_name",
    default=None,
    help="Program of the team (default: the only program, else a new one).",
)
def import_command(file: Path, team_name: str, program_name: str | None) -> None:
    """Import businesses from a CSV, TXT or XLSX file; exit 1 when any row failed."""
    from sqlalchemy.exc import DBAPIError

    from app.mentor.importer import FileProblem, ImportReport, db_reason, import_batches

    with transaction():  # the team exists before any row is read
        team = get_or_create_team(program_name, team_name)
    report = ImportReport()
    try:
        for _count in import_batches(file, team.id, report):
            commit()  # one transaction per batch
    except FileProblem as exc:
        rollback()
        click.echo(f"GAGAL {file.name}: {exc}", err=True)
        sys.exit(1)
    except DBAPIError as exc:
        # Never the driver's message: it quotes the row's values, private fields included.
        rollback()
        click.echo(f"GAGAL {file.name}: {db_reason(exc)}", err=True)
        sys.exit(1)
    except (OSError, ValueError, LookupError) as exc:  # e.g. the file changed while read
        rollback()
        click.echo(f"GAGAL {file.name}: berkas tidak bisa dibaca ({type(exc).__name__})", err=True)
        sys.exit(1)
    if report.source:
        click.echo(f"Berkas: {report.source}")
    for problem in report.warnings:
        click.echo(f"PERINGATAN {problem}", err=True)
    for problem in report.errors:
        click.echo(f"GAGAL {problem}", err=True)
    click.echo(
        f"{report.created} usaha baru, {report.updated} diperbarui, "
        f"{report.failed_rows} baris gagal."
    )
    if report.errors:
        sys.exit(1)


@businesses_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def list_command(as_json: bool) -> None:
    """List every business with its slug and public URL."""
    rows = [
        {
            "slug": business.slug,
            "business_name": business.name,
            "village": business.village,
            "trade": business.trade,
            "team": business.team.name,
            "published": business.published,
            "public_url": public_url(business.slug),
        }
        for business in db.session.scalars(select(Business).order_by(Business.name))
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        state = "terbit" if row["published"] else "belum terbit"
        click.echo(f"{row['slug']:<34} {row['business_name']} ({state}) {row['public_url']}")
