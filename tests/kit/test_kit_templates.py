"""Pamphlet templates from the mentor's side: trade default, gallery, saved choice, CLI."""

import io
import json

import pytest
from PIL import Image

from app import kitfiles as services
from app import kitweb
from app import printitems as print_items
from app.extensions import db
from app.models import Business
from app.render.pamphlet import TEMPLATES
from tests.render.render_helpers import decode, pdf_pages


@pytest.fixture
def business(tailor):
    return tailor


def test_trade_default_then_the_mentors_choice_changes_the_pamphlet(app, client, auth, business):
    with app.test_request_context():
        # penjahit's row in toolkits/print-items.toml [pamphlets.trades]
        assert print_items.pamphlet_template(business, "square") == "tebal"
        before = services.kit_files(business)["pamphlet-square.png"].key
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    for fmt, templates in TEMPLATES.items():
        for tid in templates:
            assert f"/kit/pamflet/{fmt}/{tid}.jpg" in page
    assert "<script>" not in page and "data-share=" in page
    token = auth.token(f"/usaha/{business.id}/kit")
    response = client.post(
        f"/usaha/{business.id}/kit/pamflet",
        data={"csrf_token": token, "format": "square", "template": "sorot"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Business, business.id)
    assert saved.pamphlet_templates == {"square": "sorot"}
    with app.test_request_context():
        assert print_items.pamphlet_template(saved, "square") == "sorot"
        assert print_items.pamphlet_template(saved, "story") == "tebal"  # still the trade's
        assert services.kit_files(saved)["pamphlet-square.png"].key != before
    bad = client.post(
        f"/usaha/{business.id}/kit/pamflet",
        data={"csrf_token": token, "format": "square", "template": "<b>"},
        follow_redirects=True,
    )
    assert "Desain pamflet tidak dikenal." in bad.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Business, business.id).pamphlet_templates == {"square": "sorot"}


def test_gallery_thumbnail_is_a_small_picture(client, auth, business):
    auth.login("mentor_a")
    ok = client.get(f"/usaha/{business.id}/kit/pamflet/story/foto.jpg")
    assert ok.status_code == 200 and ok.mimetype == "image/jpeg"
    thumb = Image.open(io.BytesIO(ok.data))
    assert thumb.width == kitweb.THUMB_W and thumb.height > thumb.width
    assert client.get(f"/usaha/{business.id}/kit/pamflet/story/nope.jpg").status_code == 404


def test_other_team_gets_404_on_the_gallery_and_the_choice(client, auth, business):
    auth.login("mentor_b")
    assert client.get(f"/usaha/{business.id}/kit/pamflet/story/foto.jpg").status_code == 404
    response = client.post(
        f"/usaha/{business.id}/kit/pamflet",
        data={"csrf_token": auth.token("/"), "format": "square", "template": "foto"},
    )
    assert response.status_code == 404


def test_cli_lists_every_template_and_writes_each_one(runner, business, tmp_path):
    listed = json.loads(runner.invoke(args=["kit", "templates", "--json"]).output)
    for fmt in ("square", "story", "a5"):
        ids = {row["id"] for row in listed if row["format"] == fmt}
        assert ids == set(TEMPLATES[fmt]) and len(ids) >= 4
    result = runner.invoke(
        args=["kit", "build", business.slug, "--out", str(tmp_path), "--all-templates"]
    )
    assert result.exit_code == 0, result.output
    url = f"https://kit.example.id/b/{business.slug}/p"
    for fmt in ("square", "story"):
        for tid in TEMPLATES[fmt]:
            image = Image.open(tmp_path / f"pamphlet-{fmt}-{tid}.png")
            assert image.size == ((1080, 1080) if fmt == "square" else (1080, 1920))
            assert decode(image) == [url], (fmt, tid)
    for tid in TEMPLATES["a5"]:
        pdf = (tmp_path / f"pamphlet-a5-{tid}.pdf").read_bytes()
        assert decode(pdf_pages(pdf, 150)[0]) == [url], tid
        assert Image.open(tmp_path / f"pamphlet-a5-{tid}.png").height > 700


def test_public_logo_is_the_chosen_style(app, client, business):
    with app.test_request_context():
        url = kitweb.web_logo(business)
        first = url.key
    business.logo_style = "stamp"
    db.session.commit()
    with app.test_request_context():
        second = kitweb.web_logo(business)
        assert second.key != first
        image = Image.open(io.BytesIO(second.read()))
    assert image.size == (kitweb.WEB_LOGO_HEIGHT_PX, kitweb.WEB_LOGO_HEIGHT_PX)  # round
    response = client.get(f"/b/{business.slug}/logo.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
