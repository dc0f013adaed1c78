"""The localized filter picks TOML content by the current locale; the checklist pages use it."""

from flask_babel import force_locale

from app.checklists.model import Text
from app.filters import localized


def test_localized_picks_by_locale_and_falls_back_to_indonesian(app):
    table = {"title_id": "Pisahkan uang", "title_en": "Separate the money", "summary_id": "x"}
    with app.test_request_context(), force_locale("en"):
        assert localized(table, "title") == "Separate the money"
        assert localized(table, "summary") == "x"  # no English: the Indonesian text
        assert localized(Text(id="Dompet", en="Wallet")) == "Wallet"
    with app.test_request_context(), force_locale("id"):
        assert localized(table, "title") == "Pisahkan uang"
        assert localized(Text(id="Dompet", en="Wallet")) == "Dompet"


def test_checklists_page_speaks_the_chosen_language(client, auth, make_business):
    business = make_business(trade="warung_makan")
    auth.login("mentor_a")
    url = f"/usaha/{business.id}/langkah"
    html = client.get(url).get_data(as_text=True)
    assert "Langkah berikutnya" in html and "Pisahkan uang usaha" in html
    token = auth.token(url)
    client.post("/bahasa/en", data={"csrf_token": token, "next": url})
    html = client.get(url).get_data(as_text=True)
    assert "Next steps" in html and "Keep business money apart from household money" in html
    assert "Pisahkan uang usaha" not in html
