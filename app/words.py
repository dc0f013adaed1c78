"""Words people type for yes and no (settings, spreadsheet columns): one list for the app.

Pure: imports nothing. Compare after ``.strip().lower()``.
"""

from __future__ import annotations

YES_WORDS = frozenset({"yes", "ya", "y", "1", "true", "on", "setuju"})
NO_WORDS = frozenset({"no", "tidak", "n", "0", "false", "off", "", "tidak setuju"})


def is_yes(text: str | None) -> bool:
    """Return True if the text is one of the yes words (case and spaces ignored)."""
    return (text or "").strip().lower() in YES_WORDS
