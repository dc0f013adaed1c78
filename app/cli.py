"""Flask commands: demo load, users, backup and restore; and the groups of the packages.

`flask businesses …` lives in app/mentor/cli.py, `flask toolkits …` in app/toolkits/cli.py,
`flask site …` in app/public/cli.py, `flask kit …` in app/kit/cli.py,
`flask report …` in app/program/cli.py.
"""

from __future__ import annotations

import os
import sys
from contextlib import closing
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.extensions import db
from app.mentor.cli import businesses_cli, get_or_create_team
from app.models import utcnow
from app.public.cli import site_cli
from app.toolkits.cli import toolkits_cli
from app.transaction import transaction

demo_cli = AppGroup("demo", help="Demo program for trying the app.")
users_cli = AppGroup("users", help="Manage accounts.")


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
    from app.kit.cli import kit_cli

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    for group in (businesses_cli, demo_cli, users_cli, toolkits_cli, kit_cli, site_cli):
        app.cli.add_command(group)
