"""Write a business's kit into a folder: every kit file, the checklists, the cash book."""

from __future__ import annotations

from pathlib import Path


def write_templates(business, out: Path) -> list[str]:
    """Write the business's pamphlet in every template: pamphlet-<format>-<id>.png (+ A5 PDF)."""
    from app.kitweb import template_files

    files = template_files(business)
    for name, kit_file in files.items():
        (out / name).write_bytes(kit_file.read())
    return list(files)


def prepare_kit_rendering() -> None:
    """Load what every kit needs (renderer modules, data files, PDF fonts) in this process.

    `kit build --all` calls it before forking its workers: they inherit it all instead of
    each loading it again.
    """
    from app import kitfiles, printitems, render  # noqa: F401  (imported for the workers)
    from app.render import bukukas_pdf, checklist_pdf  # noqa: F401
    from app.render.banner import load_banners
    from app.render.caption import load_caption_data
    from app.render.fonts import preload_pdf_fonts
    from app.render.print_items import load_print_items
    from app.toolkits import printable  # noqa: F401

    preload_pdf_fonts()
    render.load_themes()
    render.load_sheets()
    load_banners()
    load_caption_data()
    load_print_items()
    kitfiles.data_fingerprint()


def write_kit(business, out: Path, threads: bool = True, all_templates: bool = False) -> list[str]:
    """Write every kit file, the checklists and the cash book of one business into out."""
    from app.clock import local_date, today
    from app.kitfiles import KIT_FILE_NAMES, build_kit
    from app.plans import business_plan, toolkits
    from app.printitems import item_names
    from app.render.bukukas_pdf import buku_kas_pdf
    from app.render.checklist_pdf import checklists_pdf
    from app.toolkits.printable import cash_book_spec, checklists_spec

    out.mkdir(parents=True, exist_ok=True)
    names = [*KIT_FILE_NAMES, *item_names(business)]
    files = build_kit(business, threads=threads, only=set(names))
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
    extra = write_templates(business, out) if all_templates else []
    return [*names, "checklists.pdf", "buku-kas.pdf", *extra]
