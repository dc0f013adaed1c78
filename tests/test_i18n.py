"""The English catalogue is complete, compiled, and used when English is chosen."""

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "app/translations/en/LC_MESSAGES/messages.po"
MO = ROOT / "app/translations/en/LC_MESSAGES/messages.mo"


def _source_ids(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def test_every_source_string_has_an_english_translation(tmp_path):
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        message.id
        for message in catalog
        if message.id
        and not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else (message.string,))
    }
    missing = sorted(str(m) for m in _source_ids(tmp_path) - translated)
    assert not missing, f"untranslated (run scripts/i18n.py and fill en): {missing[:10]}"


def test_compiled_catalogue_matches_the_po_file():
    with PO.open("rb") as handle:
        po = {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy and m.string}
    with MO.open("rb") as handle:
        mo = {m.id: m.string for m in read_mo(handle) if m.id}
    assert po == mo, "run python scripts/i18n.py to compile the catalogue"


def test_login_page_speaks_indonesian_by_default_and_english_on_request(client):
    assert "Masuk ke Kit Usaha" in client.get("/masuk").get_data(as_text=True)
    english = client.get("/masuk?lang=en").get_data(as_text=True)
    assert "Masuk ke Kit Usaha" not in english
    assert 'lang="en"' in english
