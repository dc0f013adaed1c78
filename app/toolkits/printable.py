"""Specs for the large-print PDFs (checklists, buku kas), built from a family's plan and trade."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from app.checklists import (
    BusinessFacts,
    Notice,
    Plan,
    PlannedChecklist,
    Trade,
    bring_for,
    fill_placeholders,
    hide_nik,
    placeholder_values,
)
from app.checklists.advice import TOPIC_HALAL, TOPIC_SIZE
from app.filters import host
from app.render.bukukas_pdf import CashBookSpec
from app.render.checklist_pdf import (
    ChecklistsSpec,
    NoticeSpec,
    SectionSpec,
    SourceSpec,
    StepSpec,
)
from app.render.formatting import rupiah as format_rupiah

Done = Mapping[tuple[str, str], date | None]

SHORT_LABELS = ("Sekarang", "Berikutnya")


def source_title(url: str) -> str:
    """Return a short title for a source: its host name without "www." or "amp."."""
    return host(url).removeprefix("amp.")


def _notice(notice: Notice) -> NoticeSpec:
    return NoticeSpec(notice.text_id, warning=notice.level == "warning")


def _top_notice(notice: Notice) -> bool:
    """Return whether a notice goes first, before any step (size and halal warnings)."""
    return notice.topic in (TOPIC_SIZE, TOPIC_HALAL)


def _open(pc: PlannedChecklist, done: Done) -> bool:
    return pc.status == "todo" and any((pc.id, s.id) not in done for s in pc.steps)


def current_and_next(plan: Plan, done: Done) -> list[PlannedChecklist]:
    """Return the checklist the family works on now and the next one (by priority, ready first)."""
    open_lists = [pc for pc in plan.checklists if _open(pc, done)]
    open_ids = {pc.id for pc in open_lists}
    ready = [pc for pc in open_lists if not open_ids & set(pc.checklist.requires)]
    waiting = [pc for pc in open_lists if pc not in ready]
    return (ready + waiting)[:2]


def _section(pc: PlannedChecklist, plan: Plan, done: Done, values, label: str) -> SectionSpec:
    c = pc.checklist
    printed_first = {n.key for n in plan.notices if _top_notice(n)}

    def notices(step_id: str | None) -> tuple[NoticeSpec, ...]:
        # A warning already printed at the top of the first page is not printed again.
        return tuple(_notice(n) for n in pc.notices_before(step_id) if n.key not in printed_first)

    urls: list[str] = []

    def numbers(sources) -> tuple[int, ...]:
        for url in sources:
            if url not in urls:
                urls.append(url)
        return tuple(urls.index(url) + 1 for url in sources)

    steps = []
    if pc.status == "todo":
        for number, step in enumerate(pc.steps, 1):
            ticked = (c.id, step.id) in done
            steps.append(
                StepSpec(
                    number=number,
                    title=step.title_id,
                    detail=step.detail_id,
                    prepare=tuple(fill_placeholders(t.id, values) for t in step.prepare),
                    pitfalls=tuple(t.id for t in step.pitfalls),
                    unverified=step.unverified,
                    done=ticked,
                    done_on=done.get((c.id, step.id)) if ticked else None,
                    sources=() if ticked else numbers(step.sources),
                    notices=notices(step.id),
                )
            )
    numbers(c.sources)
    return SectionSpec(
        title=c.title_id,
        summary=c.summary_id,
        checked=c.oldest_check,
        steps=tuple(steps),
        sources=tuple(SourceSpec(source_title(url), url) for url in urls),
        notices=notices(None),
        done_reason=pc.reason_id if pc.status == "already" else "",
        label=label,
    )


def checklists_spec(
    plan: Plan, business: BusinessFacts, done: Done, today: date, full: bool = False
) -> ChecklistsSpec:
    """Return the checklists PDF spec: the current and next checklists, or every one."""
    chosen = list(plan.checklists) if full else current_and_next(plan, done)
    values = placeholder_values(business, plan.trade, "id")
    labels = ("",) * len(chosen) if full else SHORT_LABELS
    sections = tuple(
        _section(pc, plan, done, values, label) for pc, label in zip(chosen, labels, strict=False)
    )
    open_keys = [(pc.id, s.id) for pc in chosen for s in pc.todo_steps]
    bring = bring_for(plan, business, done.keys(), only=open_keys)
    kbli = _kbli(plan, chosen)
    others, note = ((), "") if full else _the_rest(plan, chosen, done)
    return ChecklistsSpec(
        business_name=hide_nik(business.business_name or ""),
        printed=today,
        facts=_facts(plan, business),
        size_line=_size_line(plan, business),
        notices=tuple(_notice(n) for n in plan.notices if _top_notice(n)),
        sections=sections,
        bring=tuple(item.text_id for item in bring),
        kbli=kbli,
        kbli_advice=plan.kbli_advice_id if kbli else "",
        skipped=tuple(f"{s.title_id}: {s.reason_id}" for s in plan.skipped) if full else (),
        others=others,
        full_set_note=note,
        max_pages=None if full else ChecklistsSpec.max_pages,
    )


def _facts(plan: Plan, business: BusinessFacts) -> tuple[str, ...]:
    """Return the sheet's fact lines: trade, owner and place (any NIK hidden)."""
    facts = []
    if plan.trade:
        facts.append(f"Jenis usaha: {plan.trade.name_id}")
    if business.owner_name:
        facts.append(f"Pemilik: {hide_nik(business.owner_name)}")
    if business.location:
        facts.append(f"Lokasi: {hide_nik(business.location)}")
    return tuple(facts)


def _size_line(plan: Plan, business: BusinessFacts) -> str:
    """Return the business-size line, with the capital and sales it rests on when known."""
    figures = []
    if business.capital_idr is not None:
        figures.append(f"modal {format_rupiah(business.capital_idr)}")
    if business.annual_sales_idr is not None:
        figures.append(f"omzet setahun {format_rupiah(business.annual_sales_idr)}")
    detail = f" ({', '.join(figures)})" if figures else ""
    return f"Kelas usaha: {plan.size.label_id}{detail}"


def _kbli(plan: Plan, chosen: list[PlannedChecklist]) -> tuple[str, ...]:
    """Return the KBLI code lines when the NIB checklist is printed and still to do."""
    if not any(pc.id == "nib-oss" and pc.status == "todo" for pc in chosen):
        return ()
    return tuple(
        f"{k.code}: {k.title_id}{' (belum pasti)' if k.unverified else ''}"
        for k in (*plan.kbli2020, *plan.kbli2025)
    )


def _the_rest(
    plan: Plan, chosen: list[PlannedChecklist], done: Done
) -> tuple[tuple[str, ...], str]:
    """Return the open checklists a short sheet leaves out, and the note saying so."""
    chosen_ids = {pc.id for pc in chosen}
    others = tuple(
        pc.checklist.title_id
        for pc in plan.checklists
        if pc.id not in chosen_ids and _open(pc, done)
    )
    note = (
        f"Lembar ini memuat daftar yang dikerjakan sekarang dan berikutnya. Semua "
        f"{len(plan.checklists)} daftar bisa dicetak dari halaman Langkah di aplikasi "
        "(tombol “Cetak semua daftar”)."
    )
    if not chosen:
        note = "Semua langkah sudah selesai. " + note
    return others, note


def cash_book_spec(business_name: str, trade: Trade | None, month: date) -> CashBookSpec:
    """Return the buku kas spec for a month, its rows set by the trade (daily stalls by day)."""
    from babel import dates as babel_dates

    label = babel_dates.format_date(month, "MMMM yyyy", locale="id")  # the sheet is Indonesian
    per_day = trade.bukukas_rows_per_day if trade else 0
    per_week = trade.bukukas_rows_per_week if trade else 0
    return CashBookSpec(
        business_name=hide_nik(business_name),
        month_label=label,
        year=month.year,
        month=month.month,
        rows_per_day=per_day,
        rows_per_week=per_week or CashBookSpec.rows_per_week,
    )
