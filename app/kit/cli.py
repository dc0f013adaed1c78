"""`flask kit …`: build a business's kit into a folder, list the designs, prune the cache."""

from __future__ import annotations

import json
import os
import sys
from contextlib import nullcontext
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.kitwrite import write_kit
from app.models import Business

kit_cli = AppGroup("kit", help="Build a business's kit files.")
# What a kit reads of a business, loaded with it rather than one lazy query at a time.
_KIT_LOADS = (selectinload(Business.products), joinedload(Business.team))


@kit_cli.command("prune")
@click.option(
    "--min-age",
    "min_age",
    type=float,
    default=600,
    show_default=True,
    help="Keep files written in the last SECONDS.",
)
def kit_prune(min_age: float) -> None:
    """Remove cached files and uploads that no current record references."""
    from app.filecache import cache_size, prune
    from app.kitweb import rendered_paths
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


def _kit_worker(business_id, out: str, all_templates: bool = False) -> str:
    """Write one business's kit in a worker process; return its slug."""
    assert _WORKER_APP is not None
    with _WORKER_APP.app_context():
        business = db.session.get(Business, business_id, options=_KIT_LOADS)
        write_kit(business, Path(out) / business.slug, threads=False, all_templates=all_templates)
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


def _kit_weight(business: Business) -> int:
    """Return how much a kit costs beyond the fixed files: products, twice with a photo."""
    return sum(2 if product.photo else 1 for product in business.products)


def _build_all(businesses: list, out: Path, jobs: int, all_templates: bool = False) -> None:
    """Write every business's kit with a pool of worker processes, one per core."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from app.kitwrite import prepare_kit_rendering

    global _WORKER_APP
    # Biggest kits first: the last ones to start are small, so no core idles at the end.
    ordered = sorted(businesses, key=lambda b: (-_kit_weight(b), b.slug))
    targets = [(b.id, b.slug) for b in ordered]
    prepare_kit_rendering()  # loaded once here, inherited by every forked worker
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
        with ProcessPoolExecutor(
            jobs,
            mp_context=context,
            initializer=_kit_worker_init,
            initargs=(_picklable_config(),),
        ) as pool:
            futures = {
                pool.submit(_kit_worker, bid, str(out), all_templates): slug
                for bid, slug in targets
            }
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
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for --all (default: one per core).",
)
@click.option(
    "--all-templates",
    "all_templates",
    is_flag=True,
    help="Also write the pamphlet in every template: pamphlet-<format>-<id>.png (A5: + .pdf).",
)
def kit_build(
    slug: str | None,
    build_all: bool,
    include_unpublished: bool,
    out: Path,
    jobs: int | None,
    all_templates: bool,
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
        names = write_kit(business, out, all_templates=all_templates)
        click.echo(f"{len(names)} berkas ditulis ke {out}")
        return
    query = select(Business).options(*_KIT_LOADS).order_by(Business.slug)
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
        _build_all(businesses, out, jobs, all_templates)
    else:
        for business in businesses:
            write_kit(business, out / business.slug, all_templates=all_templates)
    click.echo(f"Kit untuk {len(businesses)} usaha ditulis ke {out}")


@kit_cli.command("templates")
@click.option("--json", "as_json", is_flag=True, help="JSON, one object per design.")
def kit_templates(as_json: bool) -> None:
    """List the kit's designs: every pamphlet template and logo style (format, id, name)."""
    from app.render.logos import STYLES
    from app.render.pamphlet import TEMPLATES

    rows = [
        {"format": fmt, "id": t.id, "name": t.name_id}
        for fmt, templates in TEMPLATES.items()
        for t in templates.values()
    ]
    rows += [{"format": "logo", "id": s.id, "name": s.name_id} for s in STYLES.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['format']:8} {row['id']:10} {row['name']}")
