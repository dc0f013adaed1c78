"""The checklist domain: toolkit data (TOML) checked and frozen, and plans for one business.

What lives here
  model.py   frozen pydantic dataclasses for checklists, steps and trades (the TOML shape,
             unknown keys refused); the fact vocabulary
  check.py   ``check_toolkits`` (problems: file, step, reason, for every TOML file in the
             folder) and ``load_toolkits``
  sizes.py   size classes and legal thresholds (PP 7/2021)
  facts.py   ``BusinessFacts``, the facts that hold for a business, placeholders
  advice.py  notices and reasons (why a checklist is skipped, warnings)
  plan.py    ``plan_for``, ``bring_for``, ``next_actions``, ``open_steps``

What it may import: the standard library, pydantic and ``app.render`` (pure formatting,
the themes/sheets/print-items models).
Never Flask, SQLAlchemy, models or a blueprint: callers copy what they need
out of the database into ``BusinessFacts``, so the renderers, the CLI and the
blueprints can all use this package.
"""

from app.checklists.advice import Notice
from app.checklists.check import Problem, ToolkitError, check_toolkits, load_toolkits
from app.checklists.facts import (
    BusinessFacts,
    facts_for,
    fill_placeholders,
    hide_nik,
    placeholder_values,
)
from app.checklists.model import (
    CONDITION_FACTS,
    STALE_AFTER_DAYS,
    TRADE_KEYS,
    Checklist,
    Kbli,
    Step,
    Text,
    Toolkits,
    Trade,
    is_stale,
)
from app.checklists.plan import (
    BringItem,
    NextAction,
    Plan,
    PlannedChecklist,
    SkippedChecklist,
    bring_for,
    next_actions,
    open_steps,
    plan_for,
)
from app.checklists.sizes import SizeClass, capital_class, sales_class, size_class

__all__ = [
    "CONDITION_FACTS",
    "STALE_AFTER_DAYS",
    "TRADE_KEYS",
    "BringItem",
    "BusinessFacts",
    "Checklist",
    "Kbli",
    "NextAction",
    "Notice",
    "Plan",
    "PlannedChecklist",
    "Problem",
    "SizeClass",
    "SkippedChecklist",
    "Step",
    "Text",
    "ToolkitError",
    "Toolkits",
    "Trade",
    "bring_for",
    "capital_class",
    "check_toolkits",
    "facts_for",
    "fill_placeholders",
    "hide_nik",
    "is_stale",
    "load_toolkits",
    "next_actions",
    "open_steps",
    "placeholder_values",
    "plan_for",
    "sales_class",
    "size_class",
]
