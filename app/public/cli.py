"""`flask site export DIR`: the public pages as static files."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

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
