"""Personalise the toolkits for one business: size class, applicable checklists, next steps.

Pure Python: takes a ``BusinessFacts`` (copied out of the database by the
caller) and the loaded ``Toolkits``; returns frozen dataclasses. No Flask.

Privacy: ``BusinessFacts`` has no NIK and no home address field, and every
text this module produces for printing goes through ``_scrub`` which hides
any 16-digit number (the shape of a NIK) that was typed into a free-text
field by mistake.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from app.render.formatting import phone_local
from app.toolkits.schema import (
    CONDITION_FACTS,
    Checklist,
    Kbli,
    Step,
    Text,
    Toolkits,
    Trade,
    is_stale,
)

# PP 7/2021 art. 35 thresholds, in rupiah. Capital excludes land and the
# business building (art. 35(3)); each class is "more than the previous
# ceiling, up to this ceiling", so a ceiling value itself belongs to the class.
MICRO_CAPITAL_MAX = 1_000_000_000
SMALL_CAPITAL_MAX = 5_000_000_000
MEDIUM_CAPITAL_MAX = 10_000_000_000
MICRO_SALES_MAX = 2_000_000_000
SMALL_SALES_MAX = 15_000_000_000
MEDIUM_SALES_MAX = 50_000_000_000
# Halal self-declare is for annual sales up to Rp500 juta (Kep. BPJPH 150/2022).
SELF_DECLARE_SALES_MAX = 500_000_000
# PP 42/2024 art. 160(2): halal certificates mandatory for micro/small food & drink.
HALAL_MANDATORY_FROM = date(2026, 10, 17)

NIB_CHECKLIST = "nib-oss"
HALAL_CHECKLIST = "halal-self-declare"
FALLBACK_TRADE = "lainnya"

MISSING_ID = "…… (belum diisi)"
MISSING_EN = "…… (not filled in)"

# A NIK is 16 digits; allow spaces, dots or dashes between digits.
_NIK_LIKE = re.compile(r"(?<!\d)(?:\d[ .\-]?){15}\d(?!\d)")


class SizeClass(enum.Enum):
    """Business size class under PP 7/2021 art. 35, with labels in both languages."""

    MIKRO = ("mikro", 1, "Mikro", "Micro")
    KECIL = ("kecil", 2, "Kecil", "Small")
    MENENGAH = ("menengah", 3, "Menengah", "Medium")
    BESAR = ("besar", 4, "Besar", "Large")
    UNKNOWN = ("unknown", 0, "Belum diketahui", "Unknown")

    def __init__(self, key: str, rank: int, label_id: str, label_en: str):
        self.key = key
        self.rank = rank
        self.label_id = label_id
        self.label_en = label_en

    @property
    def known(self) -> bool:
        """Return True unless the class is UNKNOWN."""
        return self is not SizeClass.UNKNOWN


_BY_RANK = {c.rank: c for c in SizeClass}


def _check_amount(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int number of rupiah or None")
    if value < 0:
        raise ValueError(f"{name} must not be negative")


def capital_class(capital_idr: int | None) -> SizeClass:
    """Return the size class by business capital (excluding land and building)."""
    _check_amount("capital_idr", capital_idr)
    if capital_idr is None:
        return SizeClass.UNKNOWN
    if capital_idr <= MICRO_CAPITAL_MAX:
        return SizeClass.MIKRO
    if capital_idr <= SMALL_CAPITAL_MAX:
        return SizeClass.KECIL
    if capital_idr <= MEDIUM_CAPITAL_MAX:
        return SizeClass.MENENGAH
    return SizeClass.BESAR


def sales_class(annual_sales_idr: int | None) -> SizeClass:
    """Return the size class by annual sales."""
    _check_amount("annual_sales_idr", annual_sales_idr)
    if annual_sales_idr is None:
        return SizeClass.UNKNOWN
    if annual_sales_idr <= MICRO_SALES_MAX:
        return SizeClass.MIKRO
    if annual_sales_idr <= SMALL_SALES_MAX:
        return SizeClass.KECIL
    if annual_sales_idr <= MEDIUM_SALES_MAX:
        return SizeClass.MENENGAH
    return SizeClass.BESAR


def size_class(capital_idr: int | None, annual_sales_idr: int | None) -> SizeClass:
    """Return the PP 7/2021 art. 35 size class: the higher of the capital and sales classes."""
    # Our reading: art. 35(1) groups businesses by capital *or* annual sales, and
    # (2) uses capital for establishing/registering (what OSS asks). For a mentor
    # the safe reading is the higher of the two: if either figure is above Mikro
    # the family is warned before registering. A missing figure is ignored; both
    # missing gives UNKNOWN.
    by_capital = capital_class(capital_idr)
    by_sales = sales_class(annual_sales_idr)
    return _BY_RANK[max(by_capital.rank, by_sales.rank)]


@dataclass(frozen=True)
class BusinessFacts:
    """What the toolkits need to know about a business; never a NIK or home address."""

    trade: str | None = None
    business_name: str | None = None
    owner_name: str | None = None
    village: str | None = None
    district: str | None = None
    regency: str | None = None
    whatsapp: str | None = None
    nib_number: str | None = None
    pirt_number: str | None = None
    halal_cert_number: str | None = None
    shopee_url: str | None = None
    facebook_url: str | None = None
    instagram_url: str | None = None
    maps_url: str | None = None
    tiktok_url: str | None = None
    capital_idr: int | None = None
    annual_sales_idr: int | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> BusinessFacts:
        """Build from a dict or row, keeping only known fields (a "nik" key is dropped)."""
        names = {f.name for f in fields(cls)}
        kept = {k: v for k, v in data.items() if k in names}
        for k, v in list(kept.items()):
            if isinstance(v, str) and not v.strip():
                kept[k] = None
        return cls(**kept)

    @property
    def size(self) -> SizeClass:
        """Return the size class from capital and annual sales."""
        return size_class(self.capital_idr, self.annual_sales_idr)

    @property
    def location(self) -> str:
        """Return "village, district, regency" with the parts that are known."""
        return ", ".join(p.strip() for p in (self.village, self.district, self.regency) if p)


def facts_for(business: BusinessFacts, trade: Trade | None) -> frozenset[str]:
    """Return the condition facts (see schema.CONDITION_FACTS) that hold for a business."""
    facts: set[str] = set()
    if trade is not None and trade.food:
        facts.add("food")
    present = {
        "has_nib": business.nib_number,
        "has_pirt": business.pirt_number,
        "has_halal": business.halal_cert_number,
        "has_shopee": business.shopee_url,
        "has_facebook": business.facebook_url,
        "has_instagram": business.instagram_url,
        "has_maps": business.maps_url,
        "has_tiktok": business.tiktok_url,
        "has_whatsapp": business.whatsapp,
    }
    facts.update(name for name, value in present.items() if value and str(value).strip())
    size = business.size
    if size is SizeClass.MIKRO:
        facts.add("micro")
    elif size.known:
        facts.add("above_micro")
    else:
        facts.add("size_unknown")
    if business.annual_sales_idr is not None:
        within = business.annual_sales_idr <= SELF_DECLARE_SALES_MAX
        facts.add("sales_le_500jt" if within else "sales_gt_500jt")
    assert facts <= set(CONDITION_FACTS)
    return frozenset(facts)


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class Notice:
    """A message for the mentor, placed before a step of a checklist (or at the top)."""

    key: str
    level: str  # "warning" or "info"
    text_id: str
    text_en: str
    checklist_id: str | None = None
    before_step: str | None = None


@dataclass(frozen=True)
class PlannedChecklist:
    """A checklist as it applies to one business."""

    checklist: Checklist
    status: str  # "todo" or "already" (the record shows it is done, e.g. has an NIB)
    steps: tuple[Step, ...]
    stale: bool
    reason_id: str = ""
    reason_en: str = ""
    notices: tuple[Notice, ...] = ()

    @property
    def id(self) -> str:
        """Return the checklist id."""
        return self.checklist.id

    @property
    def todo_steps(self) -> tuple[Step, ...]:
        """Return the steps still to do (none when the checklist is already done)."""
        return self.steps if self.status == "todo" else ()

    def notices_before(self, step_id: str | None) -> tuple[Notice, ...]:
        """Return the notices placed before a step (None: at the top of the checklist)."""
        return tuple(n for n in self.notices if n.before_step == step_id)


@dataclass(frozen=True)
class SkippedChecklist:
    """A checklist of the trade that does not apply, with the reason."""

    checklist_id: str
    title_id: str
    title_en: str
    reason_id: str
    reason_en: str


@dataclass(frozen=True)
class BringItem:
    """One thing the family should have ready, already filled from the record."""

    text_id: str
    text_en: str
    checklist_ids: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Everything the toolkits say about one business on one day."""

    today: date
    trade: Trade | None
    size: SizeClass
    facts: frozenset[str]
    checklists: tuple[PlannedChecklist, ...]
    skipped: tuple[SkippedChecklist, ...]
    kbli2020: tuple[Kbli, ...]
    kbli2025: tuple[Kbli, ...]
    kbli_advice_id: str
    kbli_advice_en: str
    notices: tuple[Notice, ...]
    bring: tuple[BringItem, ...]

    def checklist(self, checklist_id: str) -> PlannedChecklist | None:
        """Return the planned checklist with this id, or None if it does not apply."""
        for pc in self.checklists:
            if pc.id == checklist_id:
                return pc
        return None


@dataclass(frozen=True)
class NextAction:
    """One step to do before the next visit."""

    checklist_id: str
    checklist_title_id: str
    checklist_title_en: str
    step: Step

    @property
    def key(self) -> tuple[str, str]:
        """Return the (checklist id, step id) progress key."""
        return (self.checklist_id, self.step.id)


def format_rupiah(amount: int) -> str:
    """Format rupiah with dot thousands separators, e.g. 1000000000 -> "Rp1.000.000.000"."""
    return f"Rp{amount:,}".replace(",", ".")


def hide_nik(text: str) -> str:
    """Replace any 16-digit number (the shape of a NIK) with "[NIK disembunyikan]"."""
    # Defence in depth: a NIK typed into a name or village field never gets printed.
    return _NIK_LIKE.sub("[NIK disembunyikan]", text)


_scrub = hide_nik


def _kbli_text(trade: Trade | None) -> str:
    if trade is None:
        return ""
    parts = []
    for k in (*trade.kbli2020, *trade.kbli2025):
        flag = " – belum pasti" if k.unverified else ""
        parts.append(f"{k.code} ({k.title_id}{flag})")
    return "; ".join(parts)


def placeholder_values(
    business: BusinessFacts, trade: Trade | None, lang: str = "id"
) -> dict[str, str]:
    """Return the values for ``{placeholder}`` fields; empty strings where unknown."""
    size = business.size
    return {
        "business_name": business.business_name or "",
        "owner_name": business.owner_name or "",
        "location": business.location,
        "whatsapp": phone_local(business.whatsapp),
        "capital": format_rupiah(business.capital_idr) if business.capital_idr is not None else "",
        "annual_sales": (
            format_rupiah(business.annual_sales_idr)
            if business.annual_sales_idr is not None
            else ""
        ),
        "size_class": (size.label_id if lang == "id" else size.label_en) if size.known else "",
        "kbli_candidates": _kbli_text(trade),
        "nib_number": business.nib_number or "",
        "trade_name": (trade.name_id if lang == "id" else trade.name_en) if trade else "",
    }


def fill_placeholders(text: str, values: Mapping[str, str], lang: str = "id") -> str:
    """Fill ``{placeholder}`` fields, marking unknown values as not filled in."""
    missing = MISSING_ID if lang == "id" else MISSING_EN

    def sub(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "")
        return value.strip() or missing

    return _scrub(re.sub(r"\{(\w+)\}", sub, text))


def _fact_list(facts: Iterable[str], lang: str) -> str:
    i = 0 if lang == "id" else 1
    return ", ".join(CONDITION_FACTS[f][i] for f in facts)


def _why_not(checklist: Checklist, facts: frozenset[str]) -> tuple[str, str]:
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


def _already(checklist: Checklist, facts: frozenset[str], business: BusinessFacts) -> tuple:
    hit = sorted(checklist.done_when & facts)
    text_id = "Sudah selesai: " + _fact_list(hit, "id")
    text_en = "Already done: " + _fact_list(hit, "en")
    if "has_nib" in hit and business.nib_number:
        text_id += f" ({_scrub(business.nib_number)})"
        text_en += f" ({_scrub(business.nib_number)})"
    return text_id + ".", text_en + "."


def _size_notices(business: BusinessFacts, checklists: Mapping[str, Checklist]) -> list[Notice]:
    nib = checklists.get(NIB_CHECKLIST)
    first = nib.steps[0].id if nib and nib.steps else None
    size = business.size
    if size is SizeClass.MIKRO:
        return []
    if not size.known:
        return [
            Notice(
                key="size-unknown",
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
        figures_id.append(f"modal {format_rupiah(business.capital_idr)} (batas mikro Rp1 miliar)")
        figures_en.append(f"capital {format_rupiah(business.capital_idr)} (micro limit Rp1bn)")
    if sales_class(business.annual_sales_idr).rank > SizeClass.MIKRO.rank:
        sales = format_rupiah(business.annual_sales_idr)
        figures_id.append(f"omzet setahun {sales} (batas mikro Rp2 miliar)")
        figures_en.append(f"yearly sales {sales} (micro limit Rp2bn)")
    return [
        Notice(
            key="size-not-micro",
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


def _halal_notices(
    facts: frozenset[str], today: date, checklists: Mapping[str, Checklist]
) -> list[Notice]:
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


def _stale_notice(checklist: Checklist) -> Notice:
    when = checklist.oldest_check.isoformat()
    return Notice(
        key=f"stale-{checklist.id}",
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


def _kbli_advice(trade: Trade | None) -> tuple[str, str]:
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


def _bring(
    planned: Iterable[PlannedChecklist],
    business: BusinessFacts,
    trade: Trade | None,
    done: frozenset[tuple[str, str]] = frozenset(),
    only: frozenset[tuple[str, str]] | None = None,
) -> tuple[BringItem, ...]:
    values_id = placeholder_values(business, trade, "id")
    values_en = placeholder_values(business, trade, "en")
    items: dict[str, tuple[str, list[str]]] = {}
    for pc in planned:
        for step in pc.todo_steps:
            key = (pc.id, step.id)
            if key in done or (only is not None and key not in only):
                continue
            for text in step.prepare:
                tid = fill_placeholders(text.id, values_id, "id")
                ten = fill_placeholders(text.en, values_en, "en")
                if tid not in items:
                    items[tid] = (ten, [])
                if pc.id not in items[tid][1]:
                    items[tid][1].append(pc.id)
    return tuple(BringItem(tid, ten, tuple(ids)) for tid, (ten, ids) in items.items())


def bring_for(
    plan: Plan,
    business: BusinessFacts,
    done_step_keys: Iterable[tuple[str, str]],
    only: Iterable[tuple[str, str]] | None = None,
) -> tuple[BringItem, ...]:
    """Return what to have ready for the open steps (optionally only some steps)."""
    return _bring(
        plan.checklists,
        business,
        plan.trade,
        frozenset(done_step_keys),
        None if only is None else frozenset(only),
    )


def plan_for(business: BusinessFacts, toolkits: Toolkits, today: date) -> Plan:
    """Work out which checklists and steps apply to a business, with warnings and a bring list."""
    trade = toolkits.trades.get(business.trade or "")
    listed = trade or toolkits.trades.get(FALLBACK_TRADE)
    facts = facts_for(business, trade)
    candidate_ids = list(listed.checklists if listed else toolkits.checklists)
    # A channel the business already uses is shown as done even if its trade
    # does not usually list it (a warung with a Shopee shop).
    for cid, checklist in toolkits.checklists.items():
        if cid not in candidate_ids and checklist.done_when & facts:
            candidate_ids.append(cid)

    notices = [
        *_size_notices(business, toolkits.checklists),
        *_halal_notices(facts, today, toolkits.checklists),
    ]
    planned: list[PlannedChecklist] = []
    skipped: list[SkippedChecklist] = []
    for cid in candidate_ids:
        checklist = toolkits.checklists[cid]
        already = bool(checklist.done_when & facts)
        if not already and not checklist.condition.holds(facts):
            rid, ren = _why_not(checklist, facts)
            skipped.append(SkippedChecklist(cid, checklist.title_id, checklist.title_en, rid, ren))
            continue
        steps = tuple(s for s in checklist.steps if s.condition.holds(facts))
        stale = is_stale(checklist.oldest_check, today)
        if stale:
            notices.append(_stale_notice(checklist))
        rid, ren = _already(checklist, facts, business) if already else ("", "")
        planned.append(
            PlannedChecklist(
                checklist=checklist,
                status="already" if already else "todo",
                steps=steps,
                stale=stale,
                reason_id=rid,
                reason_en=ren,
            )
        )
    planned.sort(key=lambda pc: (pc.checklist.priority, candidate_ids.index(pc.id)))
    # Attach notices to their checklists; a size warning is pointless once an NIB exists.
    attached = []
    for pc in planned:
        mine = tuple(n for n in notices if n.checklist_id == pc.id)
        if pc.status == "already":
            mine = tuple(n for n in mine if not n.key.startswith("size-"))
        attached.append(_replace_notices(pc, mine))
    advice_id, advice_en = _kbli_advice(trade)
    return Plan(
        today=today,
        trade=trade,
        size=business.size,
        facts=facts,
        checklists=tuple(attached),
        skipped=tuple(skipped),
        kbli2020=trade.kbli2020 if trade else (),
        kbli2025=trade.kbli2025 if trade else (),
        kbli_advice_id=advice_id,
        kbli_advice_en=advice_en,
        notices=tuple(notices),
        bring=_bring(attached, business, trade),
    )


def _replace_notices(pc: PlannedChecklist, notices: tuple[Notice, ...]) -> PlannedChecklist:
    return PlannedChecklist(
        checklist=pc.checklist,
        status=pc.status,
        steps=pc.steps,
        stale=pc.stale,
        reason_id=pc.reason_id,
        reason_en=pc.reason_en,
        notices=notices,
    )


def _open_steps(pc: PlannedChecklist, done: frozenset[tuple[str, str]]) -> list[Step]:
    return [s for s in pc.todo_steps if (pc.id, s.id) not in done]


def next_actions(
    plan: Plan, done_step_keys: Iterable[tuple[str, str]], limit: int = 5
) -> list[NextAction]:
    """Return what to do before the next visit: open steps, one per checklist by priority."""
    # Checklists whose prerequisites (``requires``, e.g. an NIB before SPP-IRT or
    # halal) still have open steps wait. The first round takes the first open
    # step of each checklist by priority, the next round the second, and so on.
    done = frozenset(done_step_keys)
    open_by_id = {pc.id: _open_steps(pc, done) for pc in plan.checklists}
    ready = [
        pc
        for pc in plan.checklists
        if open_by_id[pc.id] and not any(open_by_id.get(r) for r in pc.checklist.requires)
    ]
    actions: list[NextAction] = []
    depth = 0
    while len(actions) < limit and any(len(open_by_id[pc.id]) > depth for pc in ready):
        for pc in ready:
            steps = open_by_id[pc.id]
            if depth < len(steps) and len(actions) < limit:
                c = pc.checklist
                actions.append(NextAction(c.id, c.title_id, c.title_en, steps[depth]))
        depth += 1
    return actions


def open_steps(plan: Plan, done_step_keys: Iterable[tuple[str, str]]) -> list[tuple[str, Step]]:
    """Return every open (checklist id, step) of the plan in display order."""
    done = frozenset(done_step_keys)
    return [(pc.id, s) for pc in plan.checklists for s in _open_steps(pc, done)]


__all__ = [
    "BringItem",
    "BusinessFacts",
    "NextAction",
    "Notice",
    "Plan",
    "PlannedChecklist",
    "SizeClass",
    "SkippedChecklist",
    "Text",
    "bring_for",
    "capital_class",
    "facts_for",
    "fill_placeholders",
    "format_rupiah",
    "hide_nik",
    "next_actions",
    "open_steps",
    "placeholder_values",
    "plan_for",
    "sales_class",
    "size_class",
]
