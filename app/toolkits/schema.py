"""Moved to ``app.checklists``; kept for ``render/checklist_pdf.py`` until it takes a spec."""

from app.checklists.model import Step

__all__ = ["Step"]
