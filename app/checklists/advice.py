"""Notices and reasons for one business's plan: why a checklist is skipped or done, warnings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from app.checklists.facts import BusinessFacts, hide_nik
from app.checklists.model import CONDITION_FACTS, HALAL_CHECKLIST, NIB_CHECKLIST, Checklist, Trade
from app.checklists.sizes import (
    HALAL_MANDATORY_FROM,
    SizeClass,
    capital_class,
    sales_class,
)
from app.render.formatting import rupiah

_scrub = hide_nik
# What a notice is about: callers decide by topic, never by the words of a key or text.
TOPIC_SIZE = "size"  # the business may be too large for the micro route (NIB)
TOPIC_HALAL = "halal"
TOPIC_STALE = "stale"  # a checklist not checked against its sources for long


@dataclass(frozen=True)
class Notice:
    """A message for the mentor, placed before a step of a checklist (or at the top)."""

    key: str
    level: str  # "warning" or "info"
    text_id: str
    text_en: str
    checklist_id: str | None = None
    before_step: str | None = None
    topic: str = ""  # TOPIC_SIZE, TOPIC_HALAL or TOPIC_STALE: what the notice is about


def _fact_list(facts: Iterable[str], lang: str) -> str:
    i = 0 if lang == "id" else 1
    return ", ".join(CONDITION_FACTS[f][i] for f in facts)


def why_not(checklist: Checklist, facts: frozenset[str]) -> tuple[str, str]:
    """Return why a checklist does not apply (Indonesian, English)."""
    missing = checklist.condition.missing(facts)
    blocking = checklist.condition.blocking(facts)
    if missing:
        return (
            f"Tidak perlu: hanya untuk {_fact_list(missing, 'id')}.",
            f"Not needed: only for {_fact_list(missing, 'en')}.",
        )
    return (
        f"Tidak berlaku karena {_fact_list(blocking, 'id')}.",
        f"Does not apply because of: {_fact_list(blocking, 'en')}.",
    )


def already_reason(checklist: Checklist, facts: frozenset[str], business: BusinessFacts) -> tuple:
    """Return why a checklist is already done (Indonesian, English)."""
    hit = sorted(checklist.done_when & facts)
    text_id = "Sudah selesai: " + _fact_list(hit, "id")
    text_en = "Already done: " + _fact_list(hit, "en")
    if "has_nib" in hit and business.nib_number:
        text_id += f" ({_scrub(business.nib_number)})"
        text_en += f" ({_scrub(business.nib_number)})"
    return text_id + ".", text_en + "."


def size_notices(business: BusinessFacts, checklists: Mapping[str, Checklist]) -> list[Notice]:
    """Return the notices about the size class (before the NIB steps)."""
    nib = checklists.get(NIB_CHECKLIST)
    first = nib.steps[0].id if nib and nib.steps else None
    size = business.size
    if size is SizeClass.MIKRO:
        return []
    if not size.known:
        return [
            Notice(
                key="size-unknown",
                topic=TOPIC_SIZE,
                level="info",
                text_id=(
                    "Modal usaha dan omzet setahun belum diisi. Isi dulu supaya kelas usaha "
                    "bisa dicek sebelum daftar NIB."
                ),
                text_en=(
                    "Business capital and yearly sales are not filled in. Enter them first so "
                    "the size class can be checked before registering an NIB."
                ),
                checklist_id=NIB_CHECKLIST,
                before_step=first,
            )
        ]
    figures_id, figures_en = [], []
    if capital_class(business.capital_idr).rank > SizeClass.MIKRO.rank:
        figures_id.append(f"modal {rupiah(business.capital_idr)} (batas mikro Rp1 miliar)")
        figures_en.append(f"capital {rupiah(business.capital_idr)} (micro limit Rp1bn)")
    if sales_class(business.annual_sales_idr).rank > SizeClass.MIKRO.rank:
        sales = rupiah(business.annual_sales_idr)
        figures_id.append(f"omzet setahun {sales} (batas mikro Rp2 miliar)")
        figures_en.append(f"yearly sales {sales} (micro limit Rp2bn)")
    return [
        Notice(
            key="size-not-micro",
            topic=TOPIC_SIZE,
            level="warning",
            text_id=(
                f"Menurut angka yang tercatat, kelas usaha ini {size.label_id}, "
                f"bukan Mikro: {'; '.join(figures_id)}. Di pendampingan Susukan, dua "
                "pendaftaran NIB terhenti karena modal di atas kelas mikro. Sebelum daftar, "
                "hitung ulang modal tanpa tanah dan bangunan tempat usaha. Bila angkanya "
                "memang benar, OSS akan menampilkan skala yang lebih besar dan syaratnya bisa "
                "berbeda: tanyakan dulu ke kantor perizinan (DPMPTSP) kabupaten."
            ),
            text_en=(
                f"By the recorded figures this business is {size.label_en}, not "
                f"Micro: {'; '.join(figures_en)}. In the Susukan mentoring two NIB "
                "registrations stopped because capital was above the micro class. Before "
                "registering, recount capital without land and the business building. If the "
                "figures are right, OSS will show a larger scale and the requirements may "
                "differ: ask the regency licensing office (DPMPTSP) first."
            ),
            checklist_id=NIB_CHECKLIST,
            before_step=first,
        )
    ]


def halal_notices(
    facts: frozenset[str], today: date, checklists: Mapping[str, Checklist]
) -> list[Notice]:
    """Return the notices about the halal obligation for food businesses."""
    if "food" not in facts or "has_halal" in facts:
        return []
    day = "17 Oktober 2026"
    if today >= HALAL_MANDATORY_FROM:
        when_id, when_en = f"sudah wajib sejak {day}", "mandatory since 17 October 2026"
    else:
        when_id, when_en = f"wajib mulai {day}", "mandatory from 17 October 2026"
    notices = [
        Notice(
            key="halal-mandatory",
            topic=TOPIC_HALAL,
            level="warning",
            text_id=(
                f"Sertifikat halal untuk usaha mikro dan kecil makanan dan minuman {when_id} "
                "(PP 42/2024 pasal 160 ayat 2)."
            ),
            text_en=(
                f"A halal certificate for micro and small food and drink businesses is "
                f"{when_en} (PP 42/2024 art. 160(2))."
            ),
            checklist_id=HALAL_CHECKLIST if HALAL_CHECKLIST in checklists else None,
        )
    ]
    if "sales_gt_500jt" in facts:
        notices.append(
            Notice(
                key="halal-regular-route",
                topic=TOPIC_HALAL,
                level="info",
                text_id=(
                    "Omzet setahun di atas Rp500 juta: jalur self-declare tidak bisa dipakai. "
                    "Tanyakan jalur sertifikasi halal reguler ke BPJPH (ptsp.halal.go.id)."
                ),
                text_en=(
                    "Yearly sales above Rp500 million: the self-declare route cannot be used. "
                    "Ask BPJPH (ptsp.halal.go.id) about the regular halal certification route."
                ),
            )
        )
    return notices


def stale_notice(checklist: Checklist) -> Notice:
    """Return the notice that a checklist was checked long ago."""
    when = checklist.oldest_check.isoformat()
    return Notice(
        key=f"stale-{checklist.id}",
        topic=TOPIC_STALE,
        level="info",
        text_id=(
            f"Langkah-langkah ini terakhir dicek {when}. Aturan atau tampilan aplikasi bisa "
            "sudah berubah: cocokkan dengan sumbernya."
        ),
        text_en=(
            f"These steps were last checked on {when}. Rules or app screens may have changed: "
            "compare with the sources."
        ),
        checklist_id=checklist.id,
    )


def kbli_advice(trade: Trade | None) -> tuple[str, str]:
    """Return the advice shown with the KBLI candidates (Indonesian, English)."""
    base_id = (
        "Kode KBLI ini hanya saran. Pastikan kode dan judulnya di OSS sebelum memilih; "
        "OSS sedang beralih dari KBLI 2020 ke KBLI 2025."
    )
    base_en = (
        "These KBLI codes are suggestions only. Confirm the code and its title in OSS before "
        "choosing; OSS is moving from KBLI 2020 to KBLI 2025."
    )
    if trade is None:
        return base_id, base_en
    note_id = f" {trade.kbli_note_id}" if trade.kbli_note_id else ""
    note_en = f" {trade.kbli_note_en}" if trade.kbli_note_en else ""
    return base_id + note_id, base_en + note_en
