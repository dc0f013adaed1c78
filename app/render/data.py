"""Where the renderers read their data files (themes, sheet presets, print items).

The app sets the folder once from its ``TOOLKITS_DIR`` setting
(``set_data_dir``); a renderer used on its own (tests, benches, scripts)
reads the repository's ``toolkits/`` folder, the same default as the config.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "toolkits"
THEMES_FILE = "themes.toml"
SHEETS_FILE = "sheets.toml"
PRINT_ITEMS_FILE = "print-items.toml"

_data_dir: Path = DEFAULT_DATA_DIR


def set_data_dir(directory: Path | str) -> None:
    """Read themes and sheet presets from this folder from now on."""
    global _data_dir
    _data_dir = Path(directory)


def data_file(name: str) -> Path:
    """Return the path of a data file in the configured folder."""
    return _data_dir / name
