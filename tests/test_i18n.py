"""The English catalogue is complete, compiled, and used when English is chosen."""

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "app/translations/en/LC_MESSAGES/messages.po"
MO = ROOT / "app/translations/en/LC_MESSAGES/messages.mo"


def i18n_script():
    """Import scripts/i18n.py (not a package) as a module."""
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _source_ids(tmp_path):
    pot = tmp_path / "messages.pot"
    i18n_script().extract(pot)  # the same extraction scripts/i18n.py makes
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


def _flat(value):
    """Return a message id or string hashable: plural forms come as lists from a .mo file."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_compiled_catalogue_matches_the_po_file():
    with PO.open("rb") as handle:
        po = {
            (m.context, _flat(m.id)): _flat(m.string)
            for m in read_po(handle)
            if m.id and not m.fuzzy and m.string
        }
    with MO.open("rb") as handle:
        mo = {(m.context, _flat(m.id)): _flat(m.string) for m in read_mo(handle) if m.id}
    assert po == mo, "run python scripts/i18n.py to compile the catalogue"


def test_login_page_speaks_indonesian_by_default_and_english_on_request(client):
    assert "Masuk ke Kit Usaha" in client.get("/masuk").get_data(as_text=True)
    english = client.get("/masuk?lang=en").get_data(as_text=True)
    assert "Masuk ke Kit Usaha" not in english
    assert 'lang="en"' in english


def test_no_english_entry_is_empty_or_fuzzy():
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    bad = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            bad.append(str(message.id))
    assert not bad, f"fill or unfuzzy in {PO.name}: {bad[:10]}"


# A template picks a language through gettext or the `localized` filter, never by hand.
PAIRED_PICK = re.compile(r"_en\s+if\b|\bif\s+en\s+else\b|_en\b[^}]*\belse\b[^}]*_id\b")
# TEMPORARY: helper "field" converts these two in its own branch; empty this list after merge.
PAIRED_PICK_PENDING: set[str] = set()


def test_templates_never_pick_a_language_by_hand():
    found = sorted(
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*.html")
        if str(path.relative_to(ROOT)) not in PAIRED_PICK_PENDING
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PAIRED_PICK.search(line)
    )
    assert not found, f"use _() or |localized('field'): {found}"


def test_localized_picks_the_request_language_in_one_place(app):
    from flask_babel import refresh

    from app.filters import localized
    from app.render.formatting import in_language

    step = SimpleNamespace(title_id="Daftar NIB", title_en="Register an NIB", note_en="")
    assert in_language(step, "title") == "Daftar NIB"
    assert in_language(step, "title", "en") == "Register an NIB"
    assert in_language({"name_id": "Mikro", "name_en": "Micro"}, "name", "en") == "Micro"
    assert in_language(SimpleNamespace(id="Siapkan KTP", en="Bring the ID card"), "", "en") == (
        "Bring the ID card"
    )
    with app.test_request_context("/?lang=en"):
        refresh()  # the app context of the test outlives each request's
        assert localized(step, "title") == "Register an NIB"
    with app.test_request_context("/"):
        refresh()
        assert localized(step, "title") == "Daftar NIB"


PYTHON_PAIRED_PICK = re.compile(
    r"_en\s+if\b|\bif\s+en\s+else\b|_en\b[^#\n]*\belse\b[^#\n]*_id\b|if lang == .id. else"
)
# The one place that picks (in_language) and the one that names the request's language.
PICKERS = {"app/render/formatting.py", "app/filters.py"}
# TEMPORARY: owned by helper "proud" (logo style names); convert with |localized after merge.
PYTHON_PICK_PENDING: set[str] = set()


def test_python_never_picks_a_language_by_hand():
    found = sorted(
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "app").rglob("*.py")
        if str(path.relative_to(ROOT)) not in PICKERS | PYTHON_PICK_PENDING
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PYTHON_PAIRED_PICK.search(line)
    )
    assert not found, f"use gettext/N_ + translate, or in_language: {found}"


def test_checklist_advice_comes_from_the_catalogue_in_both_languages():
    from datetime import date

    from app.checklists.advice import halal_notices
    from app.checklists.facts import fill_placeholders
    from app.checklists.sizes import SizeClass

    (notice,) = halal_notices(frozenset({"food"}), date(2026, 12, 1), {})
    assert notice.text_id == (
        "Sertifikat halal untuk usaha mikro dan kecil makanan dan minuman sudah wajib sejak "
        "17 Oktober 2026 (PP 42/2024 pasal 160 ayat 2)."
    )
    assert notice.text_en == (
        "A halal certificate for micro and small food and drink businesses is mandatory "
        "since October 17, 2026 (PP 42/2024 art. 160(2))."
    )
    assert (SizeClass.MENENGAH.label_id, SizeClass.MENENGAH.label_en) == ("Menengah", "Medium")
    assert fill_placeholders("NIB: {nib_number}", {}, "en") == "NIB: …… (not filled in)"
