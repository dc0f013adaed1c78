"""`flask toolkits check`: every TOML file in the toolkit folder, problems by file, step, reason."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

toolkits_cli = AppGroup("toolkits", help="Checklists, trades, themes, sheet presets, print items.")


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
