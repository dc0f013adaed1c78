"""Flask commands: demo load, users, backup and restore, kit; and the groups of the packages.

`flask businesses …` lives in app/mentor/cli.py, `flask toolkits …` in app/toolkits/cli.py,
`flask site …` in app/public/cli.py, `flask report …` in app/program/cli.py.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import closing, nullcontext
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.extensions import db
from app.mentor.cli import businesses_cli, get_or_create_team
from app.models import Business, utcnow
from app.public.cli import site_cli
from app.toolkits.cli import toolkits_cli
from app.transaction import transaction

demo_cli = AppGroup("demo", help="Demo program for trying the app.")
users_cli = AppGroup("users", help="Manage accounts.")
kit_cli = AppGroup("kit", help="Build a business's kit files.")


def _write_kit(business, out: Path, threads: bool = True) -> list[str]:
    """Write every kit file, the checklists and the cash book of one business into out."""
    from app.clock import local_date, today
    from app.kitfiles import KIT_FILE_NAMES, build_kit
    from app.plans import business_plan, toolkits
    from app.printitems import item_names
    from app.render.bukukas_pdf import buku_kas_pdf
    from app.render.checklist_pdf import checklists_pdf
    from app.toolkits.printable import cash_book_spec, checklists_spec

    out.mkdir(parents=True, exist_ok=True)
    files = build_kit(business, threads=threads)
    names = [*KIT_FILE_NAMES, *item_names(business)]
    for name in names:
        (out / name).write_bytes(files[name].read())
    day = today()
    data = business_plan(business)
    done = {key: local_date(row.done_at) for key, row in data.progress.items()}
    spec = checklists_spec(data.plan, data.facts, done, day)
    (out / "checklists.pdf").write_bytes(checklists_pdf(spec))
    trade = toolkits().trades.get(business.trade)
    cash_book = cash_book_spec(business.name, trade, day.replace(day=1))
    (out / "buku-kas.pdf").write_bytes(buku_kas_pdf(cash_book))
    return [*names, "checklists.pdf", "buku-kas.pdf"]


@kit_cli.command("prune")
@click.option("--min-age", "min_age", type=float, default=600, show_default=True,
              help="Keep files written in the last SECONDS.")  # fmt: skip
def kit_prune(min_age: float) -> None:
    """Remove cached files and uploads that no current record references."""
    from app.filecache import cache_size, prune
    from app.kitfiles import rendered_paths
    from app.models import Product
    from app.uploads import prune_uploads

    keep = set()
    for business in db.session.scalars(select(Business).execution_options(yield_per=200)):
        keep.update(rendered_paths(business))
    root = current_app.config["GENERATED_DIR"]
    sweep = prune(root, keep, min_age_s=min_age)
    photos = set(db.session.scalars(select(Product.photo).where(Product.photo.is_not(None))))
    uploads = prune_uploads(current_app.config["UPLOAD_DIR"], photos, min_age)
    left_mb = cache_size(root) / 2**20
    freed_mb = sweep.bytes / 2**20
    click.echo(
        f"{sweep.files} berkas cache dihapus ({freed_mb:.1f} MB), {uploads} foto tak "
        f"terpakai dihapus; cache sekarang {left_mb:.1f} MB."
    )


def _warn_base_url() -> None:
    """Say on stderr when no customer can open the QR codes this build prints."""
    from app.reach import is_public_base_url

    base = current_app.config["PUBLIC_BASE_URL"]
    if not is_public_base_url(base):
        click.echo(
            f"PERINGATAN: PUBLIC_BASE_URL={base} tidak bisa dibuka dari HP pelanggan "
            "(perlu https dan nama domain publik). Semua QR dicap CONTOH; "
            "jangan dicetak untuk dipakai.",
            err=True,
        )


# The app a forked kit worker inherits from the command (None in a spawned worker).
_WORKER_APP: Flask | None = None


def _kit_worker_init(config: dict) -> None:
    """Prepare a kit worker: the inherited app (fork) or a new one; no shared connections."""
    global _WORKER_APP
    if _WORKER_APP is None:
        from app import create_app

        _WORKER_APP = create_app(config)
    with _WORKER_APP.app_context():
        db.engine.dispose(close=False)  # the parent's pooled connections stay the parent's


def _kit_worker(business_id, out: str) -> str:
    """Write one business's kit in a worker process; return its slug."""
    assert _WORKER_APP is not None
    with _WORKER_APP.app_context():
        business = db.session.get(Business, business_id)
        _write_kit(business, Path(out) / business.slug, threads=False)
        db.session.remove()
        return business.slug


def _picklable(value) -> bool:
    import pickle

    try:
        pickle.dumps(value)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def _picklable_config() -> dict:
    """Return the app's configuration values that can be sent to a spawned worker."""
    return {key: value for key, value in current_app.config.items() if _picklable(value)}


def _build_all(businesses: list, out: Path, jobs: int) -> None:
    """Write every business's kit with a pool of worker processes, one per core."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from app.render.fonts import preload_pdf_fonts

    global _WORKER_APP
    targets = [(b.id, b.slug) for b in businesses]
    preload_pdf_fonts()  # parsed once here, inherited by every forked worker
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    _WORKER_APP = current_app._get_current_object() if "fork" in methods else None
    db.session.remove()  # no open transaction or connection crosses the fork
    # A progress bar on a terminal; nothing while the output goes to a file or a pipe.
    progress = (
        click.progressbar(length=len(targets), label="Membuat kit")
        if sys.stdout.isatty()
        else nullcontext(None)
    )
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_kit_worker_init,
                                 initargs=(_picklable_config(),)) as pool:  # fmt: skip
            futures = {pool.submit(_kit_worker, bid, str(out)): slug for bid, slug in targets}
            with progress as bar:
                for future in as_completed(futures):
                    try:
                        future.result()
                    except Exception as exc:
                        raise click.ClickException(
                            f"Kit {futures[future]} gagal dibuat: {exc}"
                        ) from exc
                    if bar is not None:
                        bar.update(1, futures[future])
    finally:
        _WORKER_APP = None


@kit_cli.command("build")
@click.argument("slug", required=False)
@click.option("--all", "build_all", is_flag=True, help="Every business, each in DIR/<slug>/.")
@click.option(
    "--include-unpublished",
    is_flag=True,
    help="With --all: also businesses whose page is not published (their QRs say CONTOH).",
)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes for --all (default: one per core).")  # fmt: skip
def kit_build(
    slug: str | None, build_all: bool, include_unpublished: bool, out: Path, jobs: int | None
) -> None:
    """Write a business's kit (logo, labels, pamphlets, QR, sign, checklists) into a folder."""
    if build_all == bool(slug):
        raise click.UsageError("Sebutkan SLUG atau --all (salah satu).")
    _warn_base_url()
    if slug:
        business = db.session.scalar(select(Business).where(Business.slug == slug))
        if business is None:
            raise click.ClickException(f"Usaha dengan slug {slug!r} tidak ada.")
        if not business.published:
            click.echo(f"PERINGATAN: halaman {slug} belum terbit: QR-nya dicap CONTOH.", err=True)
        names = _write_kit(business, out)
        click.echo(f"{len(names)} berkas ditulis ke {out}")
        return
    query = select(Business).order_by(Business.slug)
    if not include_unpublished:
        query = query.where(Business.published.is_(True))
    businesses = list(db.session.scalars(query))
    skipped = 0
    if not include_unpublished:
        skipped = db.session.scalar(
            select(func.count()).select_from(Business).where(Business.published.is_(False))
        )
    if skipped:
        click.echo(
            f"{skipped} usaha belum terbit dilewati (pakai --include-unpublished untuk "
            "membuat kit CONTOH-nya).",
            err=True,
        )
    jobs = min(jobs or os.cpu_count() or 1, max(len(businesses), 1))
    if jobs > 1:
        _build_all(businesses, out, jobs)
    else:
        for business in businesses:
            _write_kit(business, out / business.slug)
    click.echo(f"Kit untuk {len(businesses)} usaha ditulis ke {out}")


@kit_cli.command("templates")
@click.option("--json", "as_json", is_flag=True, help="JSON, one object per design.")
def kit_templates(as_json: bool) -> None:
    """List the kit's designs: every logo style (format, id, name)."""
    from app.render.logos import STYLES

    rows = [{"format": "logo", "id": s.id, "name": s.name_id} for s in STYLES.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['format']:8} {row['id']:10} {row['name']}")


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
    for group in (businesses_cli, demo_cli, users_cli, toolkits_cli, kit_cli, site_cli):
        app.cli.add_command(group)
