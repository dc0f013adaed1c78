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
from app.render.formatting import in_language, long_date, rupiah
from app.render.translations import LANGUAGES, N_, translate

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


def _pair(message: str, **params) -> tuple[str, str]:
    """Return a catalogue message in (Indonesian, English); a callable param gets the language."""
    return tuple(
        translate(lang, message, **{k: v(lang) if callable(v) else v for k, v in params.items()})
        for lang in LANGUAGES
    )


def _fact_list(facts: Iterable[str], lang: str) -> str:
    return ", ".join(translate(lang, CONDITION_FACTS[f]) for f in facts)


def _notice(key: str, level: str, pair: tuple[str, str], **where) -> Notice:
    return Notice(key=key, level=level, text_id=pair[0], text_en=pair[1], **where)


def why_not(checklist: Checklist, facts: frozenset[str]) -> tuple[str, str]:
    """Return why a checklist does not apply (Indonesian, English)."""
    missing = checklist.condition.missing(facts)
    if missing:
        return _pair(
            N_("Tidak perlu: hanya untuk %(facts)s."),
            facts=lambda lang: _fact_list(missing, lang),
        )
    blocking = checklist.condition.blocking(facts)
    return _pair(
        N_("Tidak berlaku karena %(facts)s."), facts=lambda lang: _fact_list(blocking, lang)
    )


def already_reason(checklist: Checklist, facts: frozenset[str], business: BusinessFacts) -> tuple:
    """Return why a checklist is already done (Indonesian, English)."""
    hit = sorted(checklist.done_when & facts)
    facts_text = lambda lang: _fact_list(hit, lang)  # noqa: E731
    if "has_nib" in hit and business.nib_number:
        return _pair(
            N_("Sudah selesai: %(facts)s (%(nib)s)."),
            facts=facts_text,
            nib=_scrub(business.nib_number),
        )
    return _pair(N_("Sudah selesai: %(facts)s."), facts=facts_text)


def _size_figures(business: BusinessFacts, lang: str) -> str:
    figures = []
    if capital_class(business.capital_idr).rank > SizeClass.MIKRO.rank:
        figures.append(
            translate(
                lang,
                N_("modal %(amount)s (batas mikro Rp1 miliar)"),
                amount=rupiah(business.capital_idr),
            )
        )
    if sales_class(business.annual_sales_idr).rank > SizeClass.MIKRO.rank:
        figures.append(
            translate(
                lang,
                N_("omzet setahun %(amount)s (batas mikro Rp2 miliar)"),
                amount=rupiah(business.annual_sales_idr),
            )
        )
    return "; ".join(figures)


def size_notices(business: BusinessFacts, checklists: Mapping[str, Checklist]) -> list[Notice]:
    """Return the notices about the size class (before the NIB steps)."""
    nib = checklists.get(NIB_CHECKLIST)
    where = {
        "checklist_id": NIB_CHECKLIST,
        "before_step": nib.steps[0].id if nib and nib.steps else None,
    }
    size = business.size
    if size is SizeClass.MIKRO:
        return []
    if not size.known:
        text = _pair(
            N_(
                "Modal usaha dan omzet setahun belum diisi. Isi dulu supaya kelas usaha "
                "bisa dicek sebelum daftar NIB."
            )
        )
        return [_notice("size-unknown", "info", text, topic=TOPIC_SIZE, **where)]
    text = _pair(
        N_(
            "Menurut angka yang tercatat, kelas usaha ini %(size)s, bukan Mikro: "
            "%(figures)s. Di pendampingan Susukan, dua pendaftaran NIB terhenti karena modal "
            "di atas kelas mikro. Sebelum daftar, hitung ulang modal tanpa tanah dan bangunan "
            "tempat usaha. Bila angkanya memang benar, OSS akan menampilkan skala yang lebih "
            "besar dan syaratnya bisa berbeda: tanyakan dulu ke kantor perizinan (DPMPTSP) "
            "kabupaten."
        ),
        size=lambda lang: in_language(size, "label", lang),
        figures=lambda lang: _size_figures(business, lang),
    )
    return [_notice("size-not-micro", "warning", text, topic=TOPIC_SIZE, **where)]


def halal_notices(
    facts: frozenset[str], today: date, checklists: Mapping[str, Checklist]
) -> list[Notice]:
    """Return the notices about the halal obligation for food businesses."""
    if "food" not in facts or "has_halal" in facts:
        return []
    day = lambda lang: long_date(HALAL_MANDATORY_FROM, lang)  # noqa: E731
    if today >= HALAL_MANDATORY_FROM:
        when = lambda lang: translate(lang, N_("sudah wajib sejak %(day)s"), day=day(lang))  # noqa: E731
    else:
        when = lambda lang: translate(lang, N_("wajib mulai %(day)s"), day=day(lang))  # noqa: E731
    text = _pair(
        N_(
            "Sertifikat halal untuk usaha mikro dan kecil makanan dan minuman %(when)s "
            "(PP 42/2024 pasal 160 ayat 2)."
        ),
        when=when,
    )
    halal = HALAL_CHECKLIST if HALAL_CHECKLIST in checklists else None
    notices = [_notice("halal-mandatory", "warning", text, topic=TOPIC_HALAL, checklist_id=halal)]
    if "sales_gt_500jt" in facts:
        text = _pair(
            N_(
                "Omzet setahun di atas Rp500 juta: jalur self-declare tidak bisa dipakai. "
                "Tanyakan jalur sertifikasi halal reguler ke BPJPH (ptsp.halal.go.id)."
            )
        )
        notices.append(_notice("halal-regular-route", "info", text, topic=TOPIC_HALAL))
    return notices


def stale_notice(checklist: Checklist) -> Notice:
    """Return the notice that a checklist was checked long ago."""
    text = _pair(
        N_(
            "Langkah-langkah ini terakhir dicek %(day)s. Aturan atau tampilan aplikasi bisa "
            "sudah berubah: cocokkan dengan sumbernya."
        ),
        day=checklist.oldest_check.isoformat(),
    )
    return _notice(
        f"stale-{checklist.id}", "info", text, topic=TOPIC_STALE, checklist_id=checklist.id
    )


def kbli_advice(trade: Trade | None) -> tuple[str, str]:
    """Return the advice shown with the KBLI candidates (Indonesian, English)."""
    base = _pair(
        N_(
            "Kode KBLI ini hanya saran. Pastikan kode dan judulnya di OSS sebelum memilih; "
            "OSS sedang beralih dari KBLI 2020 ke KBLI 2025."
        )
    )
    if trade is None:
        return base
    # The trade's own note is TOML content, written in both languages there.
    notes = (trade.kbli_note_id, in_language(trade, "kbli_note", "en"))
    return tuple(f"{text} {note}" if note else text for text, note in zip(base, notes, strict=True))
