"""Check the toolkit TOML files and build the frozen model from them.

``check_toolkits`` lists every problem (file, step, reason) for ``flask toolkits
check`` and the tests; ``load_toolkits`` freezes the data or raises ToolkitError.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.checklists.model import (
    CONDITION_FACTS,
    OTHER_DATA_FILES,
    PLACEHOLDERS,
    TRADE_KEYS,
    TRADES_FILE,
    Checklist,
    Condition,
    Kbli,
    Step,
    Text,
    Toolkits,
    Trade,
)

_CHECKLIST_FIELDS = {
    # name: (required, expected type description)
    "id": True,
    "title_id": True,
    "title_en": True,
    "summary_id": True,
    "summary_en": True,
    "last_checked": True,
    "sources": True,
    "steps": True,
    "priority": False,
    "when": False,
    "unless": False,
    "done_when": False,
    "requires": False,
}
_STEP_FIELDS = {
    "id": True,
    "title_id": True,
    "title_en": True,
    "detail_id": True,
    "detail_en": True,
    "sources": True,
    "last_checked": True,
    "unverified": True,
    "prepare": False,
    "pitfalls": False,
    "when": False,
    "unless": False,
}
_TRADE_FIELDS = {
    "name_id": True,
    "name_en": True,
    "food": True,
    "checklists": True,
    "cta_id": True,
    "cta_en": True,
    "scan_id": True,
    "scan_en": True,
    "product_kind": True,
    "kbli_note_id": False,
    "kbli_note_en": False,
    "kbli2020": False,
    "kbli2025": False,
    "bukukas_rows_per_day": False,
    "bukukas_rows_per_week": False,
    "logo_style": False,
    "icon": False,
    "schema_type": False,
}
# Buku kas rows: a daily stall gets a block of rows per day, others a list per week.
_BUKUKAS_LIMITS = {"bukukas_rows_per_day": (1, 5), "bukukas_rows_per_week": (1, 12)}
_KBLI_FIELDS = {"code": True, "title_id": True, "unverified": True}
_STRING_FIELDS = {
    "id",
    "title_id",
    "title_en",
    "summary_id",
    "summary_en",
    "detail_id",
    "detail_en",
    "name_id",
    "name_en",
    "cta_id",
    "cta_en",
    "scan_id",
    "scan_en",
    "product_kind",
    "schema_type",
    "kbli_note_id",
    "kbli_note_en",
    "code",
}
_BOOL_FIELDS = {"unverified", "food"}
# Kinds of product a trade makes by default (app.models.core.PRODUCT_KINDS, kept in sync).
PRODUCT_KINDS = ("food", "fresh", "goods", "service")
_CONDITION_FIELDS = ("when", "unless", "done_when")

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TRADE_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_KBLI_CODE = re.compile(r"^\d{5}$")
_URL = re.compile(r"^https://[^\s/]+\.[^\s/]+(?:/\S*)?$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class ToolkitError(ValueError):
    """Raised by load_toolkits when the toolkit data does not pass the check."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in toolkit data:\n{lines}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the toolkit data: which file, which step (or None), why."""

    file: str
    step: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file} [{self.step}]" if self.step else self.file
        return f"{where}: {self.reason}"


# --------------------------------------------------------------------------- checking


class _Checker:
    """Collects problems while walking the raw TOML data."""

    def __init__(self, today: date):
        self.today = today
        self.problems: list[Problem] = []

    def add(self, file: str, step: str | None, reason: str) -> None:
        self.problems.append(Problem(file, step, reason))

    def fields(
        self, file: str, step: str | None, where: str, table: Mapping, spec: Mapping[str, bool]
    ) -> None:
        """Check required/unknown keys and the type of well-known fields."""
        for name, required in spec.items():
            if required and name not in table:
                self.add(file, step, f"{where}missing required field '{name}'")
        for name in table:
            if name not in spec:
                self.add(file, step, f"{where}unknown field '{name}'")
        for name, value in table.items():
            if name not in spec:
                continue
            if name in _STRING_FIELDS:
                if not isinstance(value, str) or not value.strip():
                    self.add(file, step, f"{where}'{name}' must be a non-empty string")
            elif name in _BOOL_FIELDS:
                if not isinstance(value, bool):
                    self.add(file, step, f"{where}'{name}' must be true or false")
            elif name == "last_checked":
                self.date(file, step, where, value)
            elif name == "sources":
                self.sources(file, step, where, value)
            elif name in _CONDITION_FIELDS:
                self.condition(file, step, where, name, value)
            elif name == "priority":
                if not isinstance(value, int) or isinstance(value, bool):
                    self.add(file, step, f"{where}'priority' must be an integer")
            elif name in ("prepare", "pitfalls"):
                self.texts(file, step, where, name, value)

    def date(self, file: str, step: str | None, where: str, value: Any) -> None:
        if isinstance(value, datetime) or not isinstance(value, date):
            self.add(file, step, f"{where}'last_checked' must be a date like 2026-11-27")
        elif value > self.today:
            self.add(file, step, f"{where}'last_checked' {value} is in the future")

    def sources(self, file: str, step: str | None, where: str, value: Any) -> None:
        if not isinstance(value, list) or not value:
            self.add(file, step, f"{where}'sources' must list at least one https URL")
            return
        for url in value:
            if not isinstance(url, str) or not _URL.match(url):
                self.add(file, step, f"{where}source {url!r} is not an https URL")

    def condition(self, file: str, step: str | None, where: str, name: str, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(file, step, f"{where}'{name}' must be a list of fact names")
            return
        for fact in value:
            if fact not in CONDITION_FACTS:
                self.add(file, step, f"{where}unknown condition fact '{fact}' in '{name}'")

    def texts(self, file: str, step: str | None, where: str, name: str, value: Any) -> None:
        if not isinstance(value, list):
            self.add(file, step, f"{where}'{name}' must be a list of {{ id = ..., en = ... }}")
            return
        for i, item in enumerate(value, 1):
            if (
                not isinstance(item, dict)
                or set(item) != {"id", "en"}
                or not all(isinstance(v, str) and v.strip() for v in item.values())
            ):
                self.add(file, step, f"{where}'{name}' item {i} must have non-empty 'id' and 'en'")
                continue
            if name == "prepare":
                for text in item.values():
                    for ph in _PLACEHOLDER.findall(text):
                        if ph not in PLACEHOLDERS:
                            self.add(file, step, f"{where}unknown placeholder '{{{ph}}}'")


def _read_toml(path: Path, checker: _Checker) -> dict | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        checker.add(path.name, None, f"invalid TOML: {exc}")
    except OSError as exc:
        checker.add(path.name, None, f"cannot read file: {exc}")
    return None


def _checklist_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.glob("*.toml")
        if p.name != TRADES_FILE and p.name not in OTHER_DATA_FILES
    )


def _check_checklist(name: str, data: dict, checker: _Checker) -> str | None:
    """Check one checklist file; return its id when usable."""
    checker.fields(name, None, "", data, _CHECKLIST_FIELDS)
    cid = data.get("id")
    stem = name.removesuffix(".toml")
    if isinstance(cid, str):
        if not _KEBAB.match(cid):
            checker.add(name, None, f"checklist id '{cid}' must be kebab-case")
        if cid != stem:
            checker.add(name, None, f"checklist id '{cid}' must match the file name '{stem}'")
    steps = data.get("steps")
    if "steps" in data and (not isinstance(steps, list) or not steps):
        checker.add(name, None, "'steps' must be a non-empty list of [[steps]] tables")
        steps = []
    seen: set[str] = set()
    for i, step in enumerate(steps or [], 1):
        if not isinstance(step, dict):
            checker.add(name, f"#{i}", "step must be a table")
            continue
        sid = step.get("id")
        label = sid if isinstance(sid, str) and sid else f"#{i}"
        checker.fields(name, label, "", step, _STEP_FIELDS)
        if isinstance(sid, str) and sid:
            if not _KEBAB.match(sid):
                checker.add(name, label, f"step id '{sid}' must be kebab-case")
            if sid in seen:
                checker.add(name, label, f"duplicate step id '{sid}'")
            seen.add(sid)
    return cid if isinstance(cid, str) else None


def _check_trades(data: dict, checklist_ids: set[str], checker: _Checker) -> None:
    name = TRADES_FILE
    for key in data:
        if key != "trades":
            checker.add(name, None, f"unknown top-level key '{key}'")
    trades = data.get("trades")
    if not isinstance(trades, dict):
        checker.add(name, None, "missing [trades.<key>] tables")
        return
    for key in TRADE_KEYS:
        if key not in trades:
            checker.add(name, None, f"missing trade '{key}'")
    for key, trade in trades.items():
        where = f"trade '{key}': "
        if not _TRADE_KEY.match(key):
            checker.add(name, None, f"{where}key must be lower_snake_case")
        if not isinstance(trade, dict):
            checker.add(name, None, f"{where}must be a table")
            continue
        checker.fields(name, None, where, trade, _TRADE_FIELDS)
        kind = trade.get("product_kind")
        if isinstance(kind, str) and kind not in PRODUCT_KINDS:
            checker.add(
                name, None, f"{where}product_kind must be one of {', '.join(PRODUCT_KINDS)}"
            )
        for field_name, (low, high) in _BUKUKAS_LIMITS.items():
            value = trade.get(field_name, low)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                checker.add(
                    name, None, f"{where}'{field_name}' must be a whole number {low}–{high}"
                )
        if "bukukas_rows_per_day" in trade and "bukukas_rows_per_week" in trade:
            checker.add(name, None, f"{where}give bukukas_rows_per_day or _per_week, not both")
        refs = trade.get("checklists")
        if "checklists" in trade:
            if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
                checker.add(name, None, f"{where}'checklists' must be a list of checklist ids")
            else:
                for ref in refs:
                    if ref not in checklist_ids:
                        checker.add(name, None, f"{where}unknown checklist '{ref}'")
                if len(set(refs)) != len(refs):
                    checker.add(name, None, f"{where}a checklist is listed twice")
        for edition in ("kbli2020", "kbli2025"):
            entries = trade.get(edition, [])
            if not isinstance(entries, list):
                checker.add(name, None, f"{where}'{edition}' must be a list of tables")
                continue
            for i, entry in enumerate(entries, 1):
                kwhere = f"{where}{edition} #{i}: "
                if not isinstance(entry, dict):
                    checker.add(name, None, f"{kwhere}must be a table")
                    continue
                checker.fields(name, None, kwhere, entry, _KBLI_FIELDS)
                code = entry.get("code")
                if isinstance(code, str) and not _KBLI_CODE.match(code):
                    checker.add(name, None, f"{kwhere}code '{code}' must be 5 digits")


def _check_requires(raw: dict[str, tuple[str, dict]], checker: _Checker) -> None:
    for cid, (name, data) in raw.items():
        req = data.get("requires", [])
        if not isinstance(req, list) or not all(isinstance(r, str) for r in req):
            checker.add(name, None, "'requires' must be a list of checklist ids")
            continue
        for r in req:
            if r == cid or r not in raw:
                checker.add(name, None, f"'requires' names unknown checklist '{r}'")


def _collect(directory: Path, today: date) -> tuple[list[Problem], dict, dict | None]:
    checker = _Checker(today)
    raw: dict[str, tuple[str, dict]] = {}
    if not directory.is_dir():
        checker.add(str(directory), None, "toolkit folder does not exist")
        return checker.problems, raw, None
    unreadable: set[str] = set()  # known by file name, so trades do not cascade errors
    for path in _checklist_files(directory):
        data = _read_toml(path, checker)
        if data is None:
            unreadable.add(path.stem)
            continue
        cid = _check_checklist(path.name, data, checker)
        if cid is None:
            continue
        if cid in raw:
            checker.add(path.name, None, f"duplicate checklist id '{cid}' (also in {raw[cid][0]})")
            continue
        raw[cid] = (path.name, data)
    _check_requires(raw, checker)
    trades_path = directory / TRADES_FILE
    trades = None
    if not trades_path.exists():
        checker.add(TRADES_FILE, None, "file is missing")
    else:
        trades = _read_toml(trades_path, checker)
        if trades is not None:
            _check_trades(trades, set(raw) | unreadable, checker)
    return checker.problems, raw, trades


def check_toolkits(directory: Path, today: date | None = None) -> list[Problem]:
    """Check every toolkit file in a folder and return the problems found (empty if fine)."""
    problems, _, _ = _collect(Path(directory), today or date.today())
    return problems


# --------------------------------------------------------------------------- loading


def _texts(items: Iterable[Mapping[str, str]]) -> tuple[Text, ...]:
    return tuple(Text(id=i["id"], en=i["en"]) for i in items)


def _condition(data: Mapping[str, Any]) -> Condition:
    return Condition(when=frozenset(data.get("when", ())), unless=frozenset(data.get("unless", ())))


def _build_checklist(data: Mapping[str, Any]) -> Checklist:
    steps = tuple(
        Step(
            id=s["id"],
            title_id=s["title_id"],
            title_en=s["title_en"],
            detail_id=s["detail_id"],
            detail_en=s["detail_en"],
            prepare=_texts(s.get("prepare", ())),
            pitfalls=_texts(s.get("pitfalls", ())),
            sources=tuple(s["sources"]),
            last_checked=s["last_checked"],
            unverified=s["unverified"],
            condition=_condition(s),
        )
        for s in data["steps"]
    )
    return Checklist(
        id=data["id"],
        title_id=data["title_id"],
        title_en=data["title_en"],
        summary_id=data["summary_id"],
        summary_en=data["summary_en"],
        priority=data.get("priority", 100),
        sources=tuple(data["sources"]),
        last_checked=data["last_checked"],
        steps=steps,
        condition=_condition(data),
        done_when=frozenset(data.get("done_when", ())),
        requires=tuple(data.get("requires", ())),
    )


def _build_trade(key: str, data: Mapping[str, Any]) -> Trade:
    def kblis(edition: str) -> tuple[Kbli, ...]:
        return tuple(
            Kbli(code=k["code"], title_id=k["title_id"], unverified=k["unverified"])
            for k in data.get(edition, ())
        )

    return Trade(
        key=key,
        name_id=data["name_id"],
        name_en=data["name_en"],
        food=data["food"],
        checklists=tuple(data["checklists"]),
        cta_id=data["cta_id"],
        cta_en=data["cta_en"],
        scan_id=data["scan_id"],
        scan_en=data["scan_en"],
        product_kind=data["product_kind"],
        kbli_note_id=data.get("kbli_note_id", ""),
        kbli_note_en=data.get("kbli_note_en", ""),
        kbli2020=kblis("kbli2020"),
        kbli2025=kblis("kbli2025"),
        bukukas_rows_per_day=data.get("bukukas_rows_per_day", 0),
        bukukas_rows_per_week=data.get("bukukas_rows_per_week", 0),
        logo_style=data.get("logo_style", ""),
        icon=data.get("icon", ""),
        schema_type=data.get("schema_type", "LocalBusiness"),
    )


def _fingerprint(directory: Path, names: Iterator[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode())
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:16]


def load_toolkits(directory: Path, today: date | None = None) -> Toolkits:
    """Load and freeze the toolkit data, raising ToolkitError if the check finds problems."""
    directory = Path(directory)
    problems, raw, trades = _collect(directory, today or date.today())
    if problems:
        raise ToolkitError(problems)
    assert trades is not None
    checklists = {cid: _build_checklist(data) for cid, (_, data) in raw.items()}
    trade_map = {key: _build_trade(key, t) for key, t in trades["trades"].items()}
    files = (name for name, _ in raw.values())
    return Toolkits(
        trades=MappingProxyType(trade_map),
        checklists=MappingProxyType(checklists),
        fingerprint=_fingerprint(directory, iter([TRADES_FILE, *files])),
    )
