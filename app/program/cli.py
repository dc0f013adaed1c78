"""`flask report export --format csv|xlsx|pdf --out FILE`: the program report for coordinators."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select

from app.extensions import db
from app.models import Program
from app.program import bp, report
from app.program.dashboard import Filters


@bp.cli.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx", "pdf"]), required=True, help="File format."
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (replaced if it exists).",
)
@click.option(
    "--program", "program_name", default=None, help="Only this program (default: every business)."
)
def export_command(fmt: str, out: Path, program_name: str | None) -> None:
    """Write the program report, one row per business (never a NIK or home address)."""
    filters = Filters()
    if program_name:
        program = db.session.scalar(select(Program).where(Program.name == program_name))
        if program is None:
            raise click.ClickException(f"Program tidak ditemukan: {program_name}")
        filters.program_id = program.id
    title = report.report_title(program_name)
    partial = out.with_name(out.name + ".part")
    with partial.open("wb") as handle:
        report.export(
            fmt, report.report_rows(None, filters), handle, title, report.report_subtitle()
        )
    partial.replace(out)  # never leave a half-written report under the real name
    click.echo(f"Laporan tersimpan: {out}")
