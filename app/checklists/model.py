"""Toolkit data (checklists and trades in ``toolkits/*.toml``): load, validate, freeze.

Pure Python: no Flask, no database. ``load_toolkits`` is what the app calls at
start-up; ``check_toolkits`` is what ``flask toolkits check`` and the tests call.

Files in the toolkit folder
---------------------------
* ``trades.toml`` - one ``[trades.<key>]`` table per trade (see ``TRADE_KEYS``).
* ``<checklist-id>.toml`` - one checklist per file; the file name is its id.
* ``OTHER_DATA_FILES`` (themes, sheet presets) belong to other parts of the app
  and are ignored here.

Conditions
----------
A checklist or a step may carry conditions, written as lists of *facts*:

* ``when = [...]``   - applies only if **all** these facts hold;
* ``unless = [...]`` - does not apply if **any** of these facts holds;
* ``done_when = [...]`` (checklists only) - already done if **any** holds,
  e.g. ``done_when = ["has_nib"]`` on the NIB checklist.

Facts are a small closed vocabulary, computed from a business record by
``app.checklists.facts.facts_for``:

==================  ========================================================
fact                holds when
==================  ========================================================
``food``            the trade makes food or drink (``food = true`` in trades)
``has_nib``         the record has an NIB number
``has_pirt``        the record has a P-IRT number (SPP-IRT)
``has_halal``       the record has a halal certificate number
``has_shopee``      the record has a Shopee shop link
``has_facebook``    the record has a Facebook link
``has_instagram``   the record has an Instagram link
``has_maps``        the record has a Google Maps / Business Profile link
``has_tiktok``      the record has a TikTok link
``has_whatsapp``    the record has a WhatsApp order number
``micro``           size class (PP 7/2021 art. 35) is known and is Mikro
``above_micro``     size class is known and is Kecil or larger
``size_unknown``    neither capital nor annual sales is recorded
``sales_le_500jt``  annual sales are recorded and at most Rp500 juta
``sales_gt_500jt``  annual sales are recorded and above Rp500 juta
==================  ========================================================

Placeholders
------------
``prepare`` items may contain ``{placeholder}`` fields filled from the record
(``PLACEHOLDERS``). There is deliberately no placeholder for the NIK or the
home address: those never appear in anything the app prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from types import MappingProxyType
from typing import Any

from app.render.translations import N_

# A step checked longer ago than this is shown as possibly out of date.
STALE_AFTER_DAYS = 180

TRADES_FILE = "trades.toml"
NIB_CHECKLIST = "nib-oss"
HALAL_CHECKLIST = "halal-self-declare"
# The trade used when a business has none (or an unknown one).
FALLBACK_TRADE = "lainnya"
# Data files in the same folder that are not checklists (owned elsewhere).
OTHER_DATA_FILES = frozenset({"themes.toml", "sheets.toml", "print-items.toml"})

TRADE_KEYS: tuple[str, ...] = (
    "warung_makan",
    "makanan_keliling",
    "makanan_ringan",
    "kue",
    "katering",
    "sembako",
    "kelontong",
    "jualan_online",
    "penjahit",
    "anyaman_bambu",
    "ternak_kambing",
    "ternak_ayam",
    "ternak_puyuh",
    "bekam",
    "pulsa_token",
    "gas_galon",
    "jamu_herbal",
    "lainnya",
)

# fact -> its description (Indonesian; English from the catalogue), for "why not" messages.
CONDITION_FACTS: Mapping[str, str] = MappingProxyType(
    {
        "food": N_("usaha makanan atau minuman"),
        "has_nib": N_("sudah punya NIB"),
        "has_pirt": N_("sudah punya nomor P-IRT"),
        "has_halal": N_("sudah punya sertifikat halal"),
        "has_shopee": N_("sudah punya toko Shopee"),
        "has_facebook": N_("sudah punya Facebook usaha"),
        "has_instagram": N_("sudah punya Instagram usaha"),
        "has_maps": N_("sudah ada di Google Maps"),
        "has_tiktok": N_("sudah punya TikTok usaha"),
        "has_whatsapp": N_("sudah punya nomor WhatsApp pesanan"),
        "micro": N_("kelas usaha Mikro"),
        "above_micro": N_("kelas usaha di atas Mikro"),
        "size_unknown": N_("modal dan omzet belum diisi"),
        "sales_le_500jt": N_("omzet setahun paling banyak Rp500 juta"),
        "sales_gt_500jt": N_("omzet setahun di atas Rp500 juta"),
    }
)

# Placeholders allowed in ``prepare`` items; filled by facts.fill_placeholders.
PLACEHOLDERS = frozenset(
    {
        "business_name",
        "owner_name",
        "location",
        "whatsapp",
        "capital",
        "annual_sales",
        "size_class",
        "kbli_candidates",
        "nib_number",
        "trade_name",
    }
)


@dataclass(frozen=True)
class Text:
    """A short text in Indonesian (``id``) and English (``en``)."""

    id: str
    en: str


@dataclass(frozen=True)
class Condition:
    """When a checklist or step applies: all ``when`` facts hold and no ``unless`` fact."""

    when: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()

    def holds(self, facts: Iterable[str]) -> bool:
        """Return True if the condition is met by this set of facts."""
        facts = frozenset(facts)
        return self.when <= facts and not (self.unless & facts)

    def missing(self, facts: Iterable[str]) -> tuple[str, ...]:
        """Return the ``when`` facts that do not hold, sorted."""
        return tuple(sorted(self.when - frozenset(facts)))

    def blocking(self, facts: Iterable[str]) -> tuple[str, ...]:
        """Return the ``unless`` facts that hold, sorted."""
        return tuple(sorted(self.unless & frozenset(facts)))


@dataclass(frozen=True)
class Step:
    """One step of a checklist; ``id`` is stable and never renumbered."""

    id: str
    title_id: str
    title_en: str
    detail_id: str
    detail_en: str
    prepare: tuple[Text, ...]
    pitfalls: tuple[Text, ...]
    sources: tuple[str, ...]
    last_checked: date
    unverified: bool
    condition: Condition = Condition()


@dataclass(frozen=True)
class Checklist:
    """A checklist file: metadata, conditions and ordered steps."""

    id: str
    title_id: str
    title_en: str
    summary_id: str
    summary_en: str
    priority: int
    sources: tuple[str, ...]
    last_checked: date
    steps: tuple[Step, ...]
    condition: Condition = Condition()
    done_when: frozenset[str] = frozenset()
    requires: tuple[str, ...] = ()

    def step(self, step_id: str) -> Step:
        """Return the step with this id (KeyError if none)."""
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(f"{self.id}: no step {step_id!r}")

    @property
    def step_ids(self) -> tuple[str, ...]:
        """Return the ids of the steps in order."""
        return tuple(s.id for s in self.steps)

    @property
    def oldest_check(self) -> date:
        """Return the oldest last-checked date of the checklist and its steps."""
        return min([self.last_checked, *(s.last_checked for s in self.steps)])


@dataclass(frozen=True)
class Kbli:
    """A KBLI code candidate; ``unverified`` when the sources are uncertain."""

    code: str
    title_id: str
    unverified: bool


@dataclass(frozen=True)
class Trade:
    """A business type: names, food or not, checklist ids, call to action, KBLI codes."""

    key: str
    name_id: str
    name_en: str
    food: bool
    checklists: tuple[str, ...]
    cta_id: str
    cta_en: str
    scan_id: str = ""  # the sign's "scan to…" line: menu for food, katalog for goods…
    scan_en: str = ""
    product_kind: str = "goods"  # a new product's kind: food, fresh, goods or service
    kbli_note_id: str = ""
    kbli_note_en: str = ""
    kbli2020: tuple[Kbli, ...] = ()
    kbli2025: tuple[Kbli, ...] = ()
    bukukas_rows_per_day: int = 0  # > 0: the buku kas has a block of rows for each day
    bukukas_rows_per_week: int = 0  # otherwise this many rows a week (0: the default)
    # The logo design a business of this trade starts with, and its icon (Tabler name).
    logo_style: str = ""
    icon: str = ""
    schema_type: str = "LocalBusiness"  # the schema.org type of its public page's JSON-LD

    def __getitem__(self, name: str) -> Any:
        # Lets callers treat a trade like its TOML table: trade["name_id"].
        if name in {f.name for f in fields(self)}:
            return getattr(self, name)
        raise KeyError(name)


@dataclass(frozen=True)
class Toolkits:
    """All toolkit data, read-only: trades and checklists by key, and a content hash."""

    trades: Mapping[str, Trade]
    checklists: Mapping[str, Checklist]
    fingerprint: str = field(default="")

    def checklists_for(self, trade_key: str) -> tuple[Checklist, ...]:
        """Return the checklists a trade lists, in its order."""
        return tuple(self.checklists[c] for c in self.trades[trade_key].checklists)


def is_stale(last_checked: date, today: date) -> bool:
    """Return True if a date last checked is more than STALE_AFTER_DAYS before today."""
    return (today - last_checked).days > STALE_AFTER_DAYS
