"""Flask commands: businesses import/list, demo load, users."""

from __future__ import annotations

import json
import os
import sys
import uuid
from contextlib import closing
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.extensions import db
from app.filters import public_url
from app.models import Business, Program, Team, utcnow
from app.transaction import commit, rollback, transaction

businesses_cli = AppGroup("businesses", help="Import and list businesses.")
demo_cli = AppGroup("demo", help="Demo program for trying the app.")
users_cli = AppGroup("users", help="Manage accounts.")
toolkits_cli = AppGroup("toolkits", help="Checklists, trades, themes and sheet presets.")
site_cli = AppGroup("site", help="Static export of the public pages.")


@site_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def site_export(directory: Path) -> None:
    """Write DIR/b/<slug>/index.html and its images for every published business."""
    from app.public.export import export_site

    report = export_site(directory)
    click.echo(
        f"{report.pages} halaman usaha, {report.files} berkas ({report.bytes // 1024} KB) "
        f"ditulis ke {directory}/b/"
    )


@toolkits_cli.command("check")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to check (default: TOOLKITS_DIR).",
)
def toolkits_check(directory: Path | None) -> None:
    """Validate the toolkits/ data; exit 1 naming file, step and reason of each problem."""
    from app.checklists import check_toolkits

    folder = directory or Path(current_app.config["TOOLKITS_DIR"])
    problems = check_toolkits(folder)
    for problem in problems:
        where = f"{problem.file}" + (f" [{problem.step}]" if problem.step else "")
        click.echo(f"{where}: {problem.reason}", err=True)
    if problems:
        click.echo(f"{len(problems)} masalah ditemukan.", err=True)
        sys.exit(1)
    click.echo(f"Toolkits OK: {folder}")


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


@demo_cli.command("load")
def demo_load() -> None:
    """Load the demo program (Kecamatan Susukan) with its accounts; safe to run twice."""
    from app.demo import load_demo

    result = load_demo(Path(current_app.root_path) / "demo.toml")
    click.echo(f"Program demo: {result.program} — {result.businesses} usaha, {result.teams} tim.")
    click.echo("Masuk dengan salah satu akun berikut:")
    for username, password, role in result.accounts:
        click.echo(f"  {role:<12} nama pengguna: {username:<14} kata sandi: {password}")


@users_cli.command("create")
@click.argument("username")
@click.option("--name", "full_name", required=True)
@click.option("--role", type=click.Choice(["coordinator", "mentor"]), default="mentor")
@click.option("--team", "team_name", default=None, help="Team for a mentor.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user(
    username: str, full_name: str, role: str, team_name: str | None, password: str
) -> None:
    """Create an account (the password must be changed at first login)."""
    from app.account.services import AccountError, create_account

    try:
        with transaction():
            team = get_or_create_team(None, team_name) if team_name else None
            create_account(username, full_name, role, team, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Akun {username} dibuat.")


def _sqlite_path(url) -> Path | None:
    """Return the file of a SQLite database URL, or None for another database."""
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise click.ClickException("Database SQLite di memori tidak bisa dicadangkan.")
    return Path(url.database)


def _pg_environment(url) -> dict[str, str]:
    """Return libpq variables for pg_dump: the password never shows on a command line."""
    pairs = {
        "PGHOST": url.host,
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    return {**os.environ, **{key: str(value) for key, value in pairs.items() if value}}


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Copy the database into FILE while the app keeps running (SQLite online backup)."""
    import shutil
    import sqlite3
    import subprocess

    url = db.engine.url
    source = _sqlite_path(url)
    if source is None:
        if url.get_backend_name() != "postgresql":
            backend = url.get_backend_name()
            raise click.ClickException(f"Tidak bisa mencadangkan database {backend}.")
        if shutil.which("pg_dump") is None:
            click.echo(
                f"pg_dump tidak ada. Jalankan: pg_dump --format=custom --file {file} "
                '"$DATABASE_URL"',
                err=True,
            )
            sys.exit(2)
        result = subprocess.run(
            ["pg_dump", "--format=custom", "--file", str(file)],
            env=_pg_environment(url),
            check=False,
        )
        if result.returncode != 0:
            raise click.ClickException("pg_dump gagal; cadangan tidak dibuat.")
        click.echo(f"Cadangan PostgreSQL ditulis ke {file} (pulihkan dengan pg_restore).")
        return
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(file.name + ".partial")
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(partial)) as copy:
        live.backup(copy)
        intact = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if not intact:
        partial.unlink()
        raise click.ClickException("Salinan rusak; cadangan tidak dibuat.")
    partial.replace(file)  # a half-written file never carries the final name
    uploads = current_app.config["UPLOAD_DIR"]
    click.echo(f"Cadangan ditulis ke {file}. Salin juga folder unggahan: {uploads}")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: Path, yes: bool) -> None:
    """Replace the app's SQLite database with a backup; the current one is kept aside first."""
    import sqlite3

    url = db.engine.url
    target = _sqlite_path(url)
    if target is None:
        raise click.ClickException(
            "Pemulihan hanya untuk SQLite. Untuk PostgreSQL pakai: "
            'pg_restore --clean --if-exists --dbname "$DATABASE_URL" FILE'
        )
    from app.backup import backup_problem

    problem = backup_problem(file)
    if problem:  # checked before anything is touched: the current database stays as it is
        click.echo(f"Pemulihan ditolak: {file}: {problem}", err=True)
        sys.exit(1)
    if not yes:
        click.confirm(f"Ganti database {target} dengan {file}?", abort=True)
    db.session.remove()
    db.engine.dispose()
    if target.exists():
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        aside = target.with_name(f"{target.stem}.sebelum-pulih-{stamp}{target.suffix}")
        with closing(sqlite3.connect(target)) as live, closing(sqlite3.connect(aside)) as copy:
            live.backup(copy)
        click.echo(f"Database lama disimpan di {aside}")
    with closing(sqlite3.connect(file)) as backup, closing(sqlite3.connect(target)) as live:
        backup.backup(live)
    click.echo(f"Database dipulihkan dari {file}. Lalu jalankan: flask --app app db upgrade")


def init_app(app: Flask) -> None:
    """Register the command groups."""
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    from app.kit.cli import kit_cli

    for group in (businesses_cli, demo_cli, users_cli, toolkits_cli, kit_cli, site_cli):
        app.cli.add_command(group)
