"""Refresh the translation catalogues: extract strings, update en, compile .mo files.

Usage: python scripts/i18n.py   (then fill the empty msgstr entries in the English .po
and run it again to compile). tests/test_i18n.py fails while any string is untranslated.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
POT = ROOT / "messages.pot"
LOCALES = ("en",)


def run(*args: str) -> None:
    """Run pybabel with the given arguments from the project root."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT, check=True)


def extract(pot: Path) -> None:
    """Extract every translatable string of the project into a .pot file."""
    run(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "--no-location",
        "--sort-output",
        "-o",
        str(pot),
        ".",
    )


def main() -> None:
    """Extract, update (or create) each catalogue and compile it."""
    extract(POT)
    for locale in LOCALES:
        po = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        if po.exists():
            run(
                "update",
                "-i",
                str(POT),
                "-d",
                str(TRANSLATIONS),
                "-l",
                locale,
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            )
        else:
            run("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale)
    run("compile", "-d", str(TRANSLATIONS), "--statistics")
    POT.unlink()


if __name__ == "__main__":
    main()
