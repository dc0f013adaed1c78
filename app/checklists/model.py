"""Toolkit data (checklists and trades in ``toolkits/*.toml``): typed, frozen pydantic models.

Each class is the shape of its TOML table: unknown keys are refused and a wrong value is
reported where it stands (``check.py`` words it as file, step, reason). No Flask, no
database. ``load_toolkits`` is what the app calls at start-up; ``check_toolkits`` is what
``flask toolkits check`` and the tests call.

Files in the toolkit folder
---------------------------
* ``trades.toml`` - one ``[trades.<key>]`` table per trade (see ``TRADE_KEYS``).
* ``<checklist-id>.toml`` - one checklist per file; the file name is its id.
* ``OTHER_DATA_FILES`` (themes, sheet presets, print items) belong to the renderers;
  their models are in ``app.render`` and ``check_toolkits`` checks them too.

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

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import field, fields
from datetime import date
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationInfo,
    model_validator,
)
from pydantic.dataclasses import dataclass

from app.render.tomldata import DATA_CONFIG, NonEmpty, TomlDate, worded
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


_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TRADE_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_KBLI_CODE = re.compile(r"^\d{5}$")
_URL = re.compile(r"^https://[^\s/]+\.[^\s/]+(?:/\S*)?$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Buku kas rows: a daily stall gets a block of rows per day, others a list per week.
ROWS_PER_DAY = (1, 5)
ROWS_PER_WEEK = (1, 12)
# Kinds of product a trade makes by default (app.models.core.PRODUCT_KINDS, kept in sync).
PRODUCT_KINDS = ("food", "fresh", "goods", "service")
ProductKind = Literal["food", "fresh", "goods", "service"]


def _kebab(what: str):
    def check(value: str) -> str:
        if not _KEBAB.match(value):
            raise worded(f"{what} id '{value}' must be kebab-case")
        return value

    return AfterValidator(check)


def _https_url(value: Any) -> str:
    if not isinstance(value, str) or not _URL.match(value):
        raise worded(f"source {value!r} is not an https URL")
    return value


def _non_empty_list(message: str) -> BeforeValidator:
    """Refuse anything but a list with something in it, in these words."""

    def check(value: Any) -> Any:
        if not isinstance(value, list | tuple) or not value:
            raise worded(message)
        return value

    return BeforeValidator(check)


def _fact(value: Any, info: ValidationInfo) -> str:
    if not isinstance(value, str):
        raise worded(f"'{info.field_name}' must be a list of fact names")
    if value not in CONDITION_FACTS:
        raise worded(f"unknown condition fact '{value}' in '{info.field_name}'")
    return value


def _not_future(value: date, info: ValidationInfo) -> date:
    today = (info.context or {}).get("today")
    if today is not None and value > today:
        raise worded(f"'last_checked' {value} is in the future")
    return value


def _known_checklist(value: str, info: ValidationInfo) -> str:
    known = (info.context or {}).get("checklists")
    if known is not None and value not in known:
        raise worded(f"unknown checklist '{value}'")
    return value


def _listed_once(value: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(value)) != len(value):
        raise worded("a checklist is listed twice")
    return value


def _trade_key(value: str) -> str:
    if not _TRADE_KEY.match(value):
        raise worded("key must be lower_snake_case")
    return value


def _kbli_code(value: str) -> str:
    if not _KBLI_CODE.match(value):
        raise worded(f"code '{value}' must be 5 digits")
    return value


def _rows(low: int, high: int) -> Any:
    return Field(ge=low, le=high)


Sources = Annotated[
    tuple[Annotated[str, BeforeValidator(_https_url)], ...],
    _non_empty_list("'sources' must list at least one https URL"),
]
Facts = frozenset[Annotated[str, BeforeValidator(_fact)]]
CheckedOn = Annotated[TomlDate, AfterValidator(_not_future)]
ChecklistRef = Annotated[StrictStr, AfterValidator(_known_checklist)]


@dataclass(frozen=True, config=DATA_CONFIG)
class Text:
    """A short text in Indonesian (``id``) and English (``en``)."""

    id: NonEmpty
    en: NonEmpty


def _known_placeholders(items: tuple[Text, ...]) -> tuple[Text, ...]:
    for item in items:
        for text in (item.id, item.en):
            for name in _PLACEHOLDER.findall(text):
                if name not in PLACEHOLDERS:
                    raise worded(f"unknown placeholder '{{{name}}}'")
    return items


@dataclasses.dataclass(frozen=True)
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


@dataclass(frozen=True, config=DATA_CONFIG)
class Step:
    """One ``[[steps]]`` table of a checklist; ``id`` is stable and never renumbered."""

    id: Annotated[NonEmpty, _kebab("step")]
    title_id: NonEmpty
    title_en: NonEmpty
    detail_id: NonEmpty
    detail_en: NonEmpty
    sources: Sources
    last_checked: CheckedOn
    unverified: StrictBool
    prepare: Annotated[tuple[Text, ...], AfterValidator(_known_placeholders)] = ()
    pitfalls: tuple[Text, ...] = ()
    when: Facts = frozenset()
    unless: Facts = frozenset()

    @property
    def condition(self) -> Condition:
        """Return when this step applies."""
        return Condition(self.when, self.unless)


@dataclass(frozen=True, config=DATA_CONFIG)
class Checklist:
    """A checklist file: metadata, conditions and ordered steps."""

    id: Annotated[NonEmpty, _kebab("checklist")]
    title_id: NonEmpty
    title_en: NonEmpty
    summary_id: NonEmpty
    summary_en: NonEmpty
    sources: Sources
    last_checked: CheckedOn
    steps: Annotated[
        tuple[Step, ...], _non_empty_list("'steps' must be a non-empty list of [[steps]] tables")
    ]
    priority: StrictInt = 100
    when: Facts = frozenset()
    unless: Facts = frozenset()
    done_when: Facts = frozenset()
    requires: tuple[StrictStr, ...] = ()

    @property
    def condition(self) -> Condition:
        """Return when this checklist applies."""
        return Condition(self.when, self.unless)

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


@dataclass(frozen=True, config=DATA_CONFIG)
class Kbli:
    """A KBLI code candidate; ``unverified`` when the sources are uncertain."""

    code: Annotated[NonEmpty, AfterValidator(_kbli_code)]
    title_id: NonEmpty
    unverified: StrictBool


@dataclass(frozen=True, config=DATA_CONFIG)
class Trade:
    """A business type (``[trades.<key>]``): names, food or not, checklists, call to action."""

    key: Annotated[StrictStr, AfterValidator(_trade_key)]
    name_id: NonEmpty
    name_en: NonEmpty
    food: StrictBool
    checklists: Annotated[tuple[ChecklistRef, ...], AfterValidator(_listed_once)]
    cta_id: NonEmpty
    cta_en: NonEmpty
    scan_id: NonEmpty  # the sign's "scan to…" line: menu for food, katalog for goods…
    scan_en: NonEmpty
    product_kind: ProductKind  # a new product's kind
    kbli_note_id: NonEmpty = ""
    kbli_note_en: NonEmpty = ""
    kbli2020: tuple[Kbli, ...] = ()
    kbli2025: tuple[Kbli, ...] = ()
    # > 0: the buku kas has a block of rows for each day; otherwise this many rows a week.
    bukukas_rows_per_day: Annotated[StrictInt, _rows(*ROWS_PER_DAY)] = 0
    bukukas_rows_per_week: Annotated[StrictInt, _rows(*ROWS_PER_WEEK)] = 0
    # The logo design a business of this trade starts with, and its icon (Tabler name).
    logo_style: StrictStr = ""
    icon: StrictStr = ""
    schema_type: NonEmpty = "LocalBusiness"  # the schema.org type of its public page's JSON-LD

    @model_validator(mode="after")
    def _one_rows_setting(self) -> Trade:
        if self.bukukas_rows_per_day and self.bukukas_rows_per_week:
            raise worded("give bukukas_rows_per_day or _per_week, not both")
        return self

    def __getitem__(self, name: str) -> Any:
        # Lets callers treat a trade like its TOML table: trade["name_id"].
        if name in {f.name for f in fields(self)}:
            return getattr(self, name)
        raise KeyError(name)


@dataclasses.dataclass(frozen=True)
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
