"""Moved to ``app.checklists``: kept only for ``render/checklist_pdf.py`` and
``render/bukukas_pdf.py`` until they take a pure render spec (speed issue)."""

from app.checklists.advice import Notice
from app.checklists.facts import (
    BusinessFacts,
    fill_placeholders,
    hide_nik,
    placeholder_values,
)
from app.checklists.plan import Plan, PlannedChecklist, bring_for, next_actions
from app.render.formatting import rupiah as format_rupiah

__all__ = [
    "BusinessFacts",
    "Notice",
    "Plan",
    "PlannedChecklist",
    "bring_for",
    "fill_placeholders",
    "format_rupiah",
    "hide_nik",
    "next_actions",
    "placeholder_values",
]
