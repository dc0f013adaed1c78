"""Check the toolkit TOML files and build the frozen model from them.

``check_toolkits`` lists every problem (file, step, reason) for ``flask toolkits
check`` and the tests; ``load_toolkits`` freezes the data or raises ToolkitError.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

from pydantic import TypeAdapter, ValidationError

from app.checklists.model import (
    OTHER_DATA_FILES,
    TRADE_KEYS,
    TRADES_FILE,
    Checklist,
    Toolkits,
    Trade,
)
from app.render.presets import sheet_problems
from app.render.print_items import PrintItems
from app.render.theme import theme_problems
from app.render.tomldata import describe, reason, split_location

_CHECKLIST = TypeAdapter(Checklist)
_TRADE = TypeAdapter(Trade)


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
    """Collects problems while reading the toolkit files."""

    def __init__(self, today: date):
        self.today = today
        self.problems: list[Problem] = []

    def add(self, file: str, step: str | None, reason: str) -> None:
        self.problems.append(Problem(file, step, reason))

    def read(self, path: Path) -> dict | None:
        """Return a file's TOML, or None after noting why it cannot be read."""
        try:
            with path.open("rb") as fh:
                return tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            self.add(path.name, None, f"invalid TOML: {exc}")
        except OSError as exc:
            self.add(path.name, None, f"cannot read file: {exc}")
        return None


def _checklist_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.glob("*.toml")
        if p.name != TRADES_FILE and p.name not in OTHER_DATA_FILES
    )


def _step_label(data: dict, index: int) -> str:
    steps = data.get("steps")
    step = steps[index] if isinstance(steps, list) and index < len(steps) else None
    sid = step.get("id") if isinstance(step, dict) else None
    return sid if isinstance(sid, str) and sid else f"#{index + 1}"


def _checklist_problems(name: str, data: dict, error: ValidationError) -> Iterator[Problem]:
    """Yield each validation error of a checklist file, located by step where it is in one."""
    for item in error.errors():
        loc = tuple(item["loc"])
        if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
            step, loc = _step_label(data, loc[1]), loc[2:]
            prefix, field = split_location(loc)
            yield Problem(name, step, prefix + reason(item, field, subject="step"))
        else:
            yield Problem(name, None, describe(item))


def _check_checklist(name: str, data: dict, checker: _Checker) -> Checklist | None:
    """Check one checklist file; return it when it is valid."""
    try:
        checklist = _CHECKLIST.validate_python(data, context={"today": checker.today})
    except ValidationError as error:
        checker.problems.extend(_checklist_problems(name, data, error))
        return None
    stem = name.removesuffix(".toml")
    if checklist.id != stem:
        checker.add(name, None, f"checklist id '{checklist.id}' must match the file name '{stem}'")
    seen: set[str] = set()
    for step in checklist.steps:
        if step.id in seen:
            checker.add(name, step.id, f"duplicate step id '{step.id}'")
        seen.add(step.id)
    return checklist


def _check_trades(data: dict, known: set[str], checker: _Checker) -> dict[str, Trade]:
    """Check the trades file against the checklist ids known; return the valid trades."""
    name = TRADES_FILE
    for key in data:
        if key != "trades":
            checker.add(name, None, f"unknown top-level key '{key}'")
    tables = data.get("trades")
    if not isinstance(tables, dict):
        checker.add(name, None, "missing [trades.<key>] tables")
        return {}
    for key in TRADE_KEYS:
        if key not in tables:
            checker.add(name, None, f"missing trade '{key}'")
    trades: dict[str, Trade] = {}
    context = {"today": checker.today, "checklists": known}
    for key, table in tables.items():
        where = f"trade '{key}': "
        if not isinstance(table, dict):
            checker.add(name, None, f"{where}must be a table")
            continue
        try:
            trades[key] = _TRADE.validate_python({**table, "key": key}, context=context)
        except ValidationError as error:
            for item in error.errors():
                checker.add(name, None, where + describe(item))
    return trades


def _check_requires(
    checklists: dict[str, tuple[str, Checklist]], known: set[str], checker: _Checker
) -> None:
    for cid, (name, checklist) in checklists.items():
        for r in checklist.requires:
            if r == cid or r not in known:
                checker.add(name, None, f"'requires' names unknown checklist '{r}'")


@dataclass
class _Collected:
    problems: list[Problem]
    checklists: dict[str, tuple[str, Checklist]]
    trades: dict[str, Trade]


def _collect(directory: Path, today: date) -> _Collected:
    checker = _Checker(today)
    found = _Collected(checker.problems, {}, {})
    if not directory.is_dir():
        checker.add(str(directory), None, "toolkit folder does not exist")
        return found
    known: set[str] = set()  # by file name too, so the trades do not cascade errors
    for path in _checklist_files(directory):
        known.add(path.stem)
        data = checker.read(path)
        checklist = None if data is None else _check_checklist(path.name, data, checker)
        if checklist is None:
            continue
        if checklist.id in found.checklists:
            first = found.checklists[checklist.id][0]
            checker.add(
                path.name, None, f"duplicate checklist id '{checklist.id}' (also in {first})"
            )
            continue
        found.checklists[checklist.id] = (path.name, checklist)
        known.add(checklist.id)
    _check_requires(found.checklists, known, checker)
    trades_path = directory / TRADES_FILE
    if not trades_path.exists():
        checker.add(TRADES_FILE, None, "file is missing")
    elif (trades := checker.read(trades_path)) is not None:
        found.trades = _check_trades(trades, known, checker)
    return found


def _theme_file(data: dict) -> list[str]:
    return theme_problems(data)[2]


def _sheet_file(data: dict) -> list[str]:
    return sheet_problems(data)[1]


def _print_items_file(data: dict) -> list[str]:
    try:
        PrintItems.model_validate(data)
    except ValidationError as error:
        return [describe(item) for item in error.errors()]
    return []


# The other data files, each with the function that lists its problems.
_DATA_FILES: dict[str, Callable[[dict], list[str]]] = {
    "themes.toml": _theme_file,
    "sheets.toml": _sheet_file,
    "print-items.toml": _print_items_file,
}
assert set(_DATA_FILES) == OTHER_DATA_FILES  # noqa: S101  (a data file nobody checks)


def check_data_files(directory: Path) -> list[Problem]:
    """Check the themes, sheet presets and print items of a toolkit folder."""
    checker = _Checker(date.today())
    for name, problems_of in _DATA_FILES.items():
        path = directory / name
        if not path.exists():
            checker.add(name, None, "file is missing")
        elif (data := checker.read(path)) is not None:
            for text in problems_of(data):
                checker.add(name, None, text)
    return checker.problems


def check_toolkits(directory: Path, today: date | None = None) -> list[Problem]:
    """Check every toolkit file in a folder and return the problems found (empty if fine)."""
    directory = Path(directory)
    problems = _collect(directory, today or date.today()).problems
    if directory.is_dir():
        problems.extend(check_data_files(directory))
    return problems


# --------------------------------------------------------------------------- loading


def _fingerprint(directory: Path, names: Iterator[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode())
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:16]


def load_toolkits(directory: Path, today: date | None = None) -> Toolkits:
    """Load and freeze the toolkit data, raising ToolkitError if the check finds problems."""
    directory = Path(directory)
    found = _collect(directory, today or date.today())
    if found.problems:
        raise ToolkitError(found.problems)
    files = (name for name, _ in found.checklists.values())
    return Toolkits(
        trades=MappingProxyType(found.trades),
        checklists=MappingProxyType({cid: c for cid, (_, c) in found.checklists.items()}),
        fingerprint=_fingerprint(directory, iter([TRADES_FILE, *files])),
    )
