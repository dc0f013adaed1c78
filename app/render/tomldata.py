"""Typed TOML data: the pydantic settings every data file's model shares, and readable errors.

Each file in ``toolkits/`` has a frozen pydantic model (checklists and trades in
``app.checklists.model``, themes in ``theme.py``, sheet presets in ``sheet.py``,
captions and banners in ``print_items.py``). A model refuses unknown keys and
names where a value is wrong; ``located_problems`` turns pydantic's errors into
(location, reason) pairs in the words of ``flask toolkits check``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, StrictStr, ValidationError
from pydantic_core import PydanticCustomError

# No unknown keys (pydantic dataclasses: frozen=True on the decorator) ...
DATA_CONFIG = ConfigDict(extra="forbid")
# ... and for a BaseModel, frozen too.
MODEL_CONFIG = ConfigDict(frozen=True, extra="forbid")
# Error type of the messages our own validators write in full.
WORDED = "kit_data"
DATE_EXAMPLE = "2026-11-27"


def worded(message: str) -> PydanticCustomError:
    """Return a validation error whose message is shown as written."""
    return PydanticCustomError(WORDED, message)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("string_blank", "blank")
    return value


# A string with something in it (TOML strings only: a number is not a name).
NonEmpty = Annotated[StrictStr, AfterValidator(_not_blank)]


def _toml_date(value: Any) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise PydanticCustomError("toml_date", "not a date")
    return value


# A TOML date (2026-11-27), never a date-time or a string that looks like one.
TomlDate = Annotated[date, BeforeValidator(_toml_date)]

_EXPECTED = {
    "string_type": "a non-empty string",
    "string_blank": "a non-empty string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list",
    "tuple_type": "a list",
    "frozen_set_type": "a list",
    "set_type": "a list",
    "dict_type": "a table",
    "dataclass_type": "a table",
    "dataclass_args_type": "a table",
    "model_type": "a table",
    "toml_date": f"a date like {DATE_EXAMPLE}",
    "date_type": f"a date like {DATE_EXAMPLE}",
}
_MISSING = {"missing", "missing_argument", "missing_keyword_only_argument"}
_UNKNOWN = {"extra_forbidden", "unexpected_keyword_argument"}


def _bound(kind: str, ctx: dict[str, Any]) -> str | None:
    words = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
        "too_short": ("at least", "min_length"),
        "too_long": ("at most", "max_length"),
    }.get(kind)
    if words is None:
        return None
    prefix, key = words
    amount = ctx.get(key)
    return f"{prefix} {amount}" + (" long" if key.endswith("length") else "")


def reason(error: dict[str, Any], field: str | None, subject: str = "value") -> str:
    """Return one pydantic error as a sentence naming the field (``subject`` when none)."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == WORDED:
        return error["msg"]
    if kind in _MISSING:
        return f"missing required field '{field}'"
    if kind in _UNKNOWN:
        return f"unknown field '{field}'"
    if field:
        subject = f"'{field}'"
    if kind == "literal_error":
        return f"{subject} must be {ctx.get('expected')}"
    expected = _EXPECTED.get(kind) or _bound(kind, ctx)
    if expected:
        return f"{subject} must be {expected}"
    return f"{subject}: {error['msg']}"


def split_location(loc: Sequence[str | int]) -> tuple[str, str | None]:
    """Split a location into a prefix ("kbli2020 #1: ") and the field it ends at.

    A list item's own error (``("sources", 2)``) is about the field holding it.
    """
    items = list(loc)
    while items and isinstance(items[-1], int):
        items.pop()
    field = items.pop() if items else None
    parts: list[str] = []
    for part in items:
        if isinstance(part, int) and parts:
            parts[-1] = f"{parts[-1]} #{part + 1}"
        else:
            parts.append(str(part))
    return "".join(f"{p}: " for p in parts), None if field is None else str(field)


def describe(error: dict[str, Any], loc: Sequence[str | int] | None = None) -> str:
    """Return one error as "prefix: reason", located by ``loc`` (default: its own)."""
    prefix, field = split_location(error["loc"] if loc is None else loc)
    return prefix + reason(error, field)


def one_line(error: ValidationError, where: str = "") -> list[str]:
    """Return each error of a validation as one line, prefixed by ``where``."""
    return [f"{where}{describe(item)}" for item in error.errors()]


SCHEMA_VERSION = 1  # ``schema = 1`` at the top of a data file: the shape described here


def top_level_problems(data: dict[str, Any], keys: set[str]) -> list[str]:
    """Return the problems of a file's top-level keys (besides ``schema``) for a hand-split file."""
    problems = [f"unknown top-level key '{k}'" for k in data if k not in keys | {"schema"}]
    if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        problems.append(f"'schema' must be {SCHEMA_VERSION}")
    return problems


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file (TOMLDecodeError or OSError when it cannot be read)."""
    with open(path, "rb") as fh:
        return tomllib.load(fh)
