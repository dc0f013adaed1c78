"""Nothing wrong reaches paper: CONTOH when the QR cannot work, every product on the sheet,
product kinds, the regency's type, the team's printer correction, the kit page's warnings."""

from __future__ import annotations

import os
import subprocess

import pytest
from sqlalchemy import text

from app import kitfiles as services
from app.extensions import db
from app.models import Business
from app.reach import is_public_base_url
from tests.render.render_helpers import decode, pdf_pages
from tests.render.test_render_sheet import _image_boxes
from tests.security.test_reliability import _migration_app, empty_database  # noqa: F401

LOCAL = "http://127.0.0.1:5000"


def pdftotext(pdf: bytes) -> str:
    """Return the text poppler's pdftotext finds in a PDF, whitespace collapsed per page."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode()


@pytest.fixture
def business(make_business):
    return make_business(
        name="Keripik Bu Sri",
        trade="makanan_ringan",
        publish=True,
        products=(
            ("Keripik singkong", 12000),
            ("Keripik pisang", 15000),
            ("Rempeyek kacang", 10000),
        ),
    )


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://kit.example.id", True),
        ("https://usaha.desa-susukan.id/kit", True),
        ("http://kit.example.id", False),
        ("http://127.0.0.1:5000", False),
        ("https://127.0.0.1", False),
        ("https://192.168.1.20", False),
        ("https://[::1]", False),
        ("https://localhost", False),
        ("https://kit.local", False),
        ("https://server", False),
        ("https://kit.home.arpa", False),
        ("", False),
    ],
)
def test_public_base_url(url, public):
    assert is_public_base_url(url) is public


def test_regency_type_is_stored_apart_and_printed_with_it(make_business):
    kab = make_business(regency="Kabupaten Semarang")
    kota = make_business(name="Bakso Kota", regency="Kota Semarang")
    assert (kab.regency_type, kab.regency, kab.regency_label) == (
        "kabupaten",
        "Semarang",
        "Kab. Semarang",
    )
    assert (kota.regency_type, kota.regency, kota.regency_label) == (
        "kota",
        "Semarang",
        "Kota Semarang",
    )
    assert services.public_address(kab).endswith("Kec. Susukan, Kab. Semarang")


def test_every_qr_artefact_says_contoh_on_a_local_base_url(app, business):
    app.config["PUBLIC_BASE_URL"] = LOCAL
    with app.test_request_context():
        files = services.build_kit(business)
        assert services.qr_stamp(business) == "not-public"
    for name in ("qr-sign.pdf", "pamphlet-a5.pdf"):
        assert "QR belum bisa dibuka pelanggan" in " ".join(pdftotext(files[name].read()).split())
    assert "CONTOH" in files["qr.svg"].read().decode()
    # Still a working QR (a test print scans), pointing where the config says.
    assert decode(pdf_pages(files["qr-sign.pdf"].read(), dpi=150)[0]) == [
        f"{LOCAL}/b/{business.slug}/s"
    ]


def test_unpublished_page_says_so_and_a_public_published_one_prints_clean(app, make_business):
    draft = make_business(name="Warung Bu Tini", publish=False)
    live = make_business(name="Warung Pak Budi", publish=True)
    with app.test_request_context():
        draft_sign = services.build_kit(draft)["qr-sign.pdf"].read()
        live_sign = services.build_kit(live)["qr-sign.pdf"].read()
    assert "halaman belum terbit" in " ".join(pdftotext(draft_sign).split())
    assert "CONTOH" not in pdftotext(live_sign)


def test_kit_page_says_contoh_in_its_first_line(app, client, auth, business):
    auth.login("mentor_a")
    app.config["PUBLIC_BASE_URL"] = LOCAL
    html = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    body = html[html.index("<main") :] if "<main" in html else html
    assert body.index("CONTOH") < body.index("Kit usaha")
    app.config["PUBLIC_BASE_URL"] = "https://kit.example.id"
    html = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    assert "CONTOH" not in html


def test_kit_page_lists_missing_food_fields_and_what_to_shorten(client, auth, business):
    business.products[2].name = "Rempeyek kacang tanah super renyah gurih asli Susukan " * 2
    db.session.commit()
    auth.login("mentor_a")
    html = client.get(f"/usaha/{business.id}/kit?sheet=a4-4x10-48x25").get_data(as_text=True)
    assert "Label makanan belum lengkap" in html and "komposisi" in html
    assert "Pendekkan" in html or "tidak muat" in html


def test_cli_warns_and_all_skips_unpublished(app, runner, business, make_business, tmp_path):
    draft = make_business(name="Warung Bu Tini", publish=False)
    app.config["PUBLIC_BASE_URL"] = LOCAL
    one = runner.invoke(args=["kit", "build", business.slug, "--out", str(tmp_path / "one")])
    assert one.exit_code == 0 and "PUBLIC_BASE_URL" in one.output and "CONTOH" in one.output
    app.config["PUBLIC_BASE_URL"] = "https://kit.example.id"
    some = runner.invoke(args=["kit", "build", "--all", "--out", str(tmp_path / "all")])
    assert some.exit_code == 0, some.output
    assert (tmp_path / "all" / business.slug).is_dir()
    assert not (tmp_path / "all" / draft.slug).exists()
    assert "--include-unpublished" in some.output
    every = runner.invoke(
        args=["kit", "build", "--all", "--include-unpublished", "--out", str(tmp_path / "every")]
    )
    assert every.exit_code == 0 and (tmp_path / "every" / draft.slug).is_dir()


def test_sheet_has_every_product_a_page_each_and_no_service(app, business):
    business.products[2].kind = "service"
    db.session.commit()
    with app.test_request_context():
        pdf = services.build_kit(business)["label-sheet.pdf"].read()
    pages = pdftotext(pdf).split("\f")
    assert "Keripik singkong" in pages[0] and "Keripik pisang" in pages[1]
    assert "Rempeyek" not in pdftotext(pdf)
    assert len(pdf_pages(pdf, dpi=30)) == 2


def test_mixed_sheet_counts_per_product(app, business):
    ids = [str(p.id) for p in business.products]
    options = services.KitOptions(mix=((ids[0], 5), (ids[1], 3)))
    with app.test_request_context():
        pdf = services.build_kit(business, options)["label-sheet.pdf"].read()
    text_ = pdftotext(pdf)
    assert text_.count("Keripik singkong") == 5 and text_.count("Keripik pisang") == 3
    assert "Rempeyek" not in text_


def test_trade_default_kind_and_a_products_own(app, make_business):
    farm = make_business(
        name="Puyuh Pak Tono", trade="ternak_puyuh", products=(("Telur puyuh isi 10", 8000),)
    )
    with app.test_request_context():
        assert services.product_kind(farm, farm.products[0]) == "fresh"
        spec = services.label_spec(farm, services.KitOptions())
        assert spec.product.kind == "fresh"
        farm.products[0].kind = "food"
        assert services.label_spec(farm, services.KitOptions()).product.kind == "food"


def test_sign_words_follow_the_trade(app, make_business):
    tailor = make_business(name="Jahit Bu Ani", trade="penjahit", publish=True)
    with app.test_request_context():
        sign = services.build_kit(tailor)["qr-sign.pdf"].read()
    words = " ".join(pdftotext(sign).split())
    assert "menu" not in words and "layanan" in words


def test_team_printer_correction_moves_every_sheet(app, client, auth, business):
    with app.test_request_context():
        before = _image_boxes(services.build_kit(business)["label-sheet.pdf"].read())[0][0]
    auth.login("mentor_a")
    token = auth.token(f"/usaha/{business.id}/kit")
    response = client.post(
        f"/usaha/{business.id}/kit/printer",
        data={"csrf_token": token, "ruler_mm": "99", "offset_x_mm": "1.5", "offset_y_mm": "-1"},
    )
    assert response.status_code == 302
    team = db.session.get(Business, business.id).team
    db.session.refresh(team)
    assert team.printer_scale_pct == pytest.approx(101.01, abs=0.01)
    with app.test_request_context():
        after = _image_boxes(services.build_kit(business)["label-sheet.pdf"].read())[0][0]
    assert after[0] == pytest.approx(before[0] * 1.0101 + 1.5, abs=0.05)
    assert after[1] == pytest.approx(before[1] * 1.0101 - 1.0, abs=0.05)
    data = {"csrf_token": token, "ruler_mm": "50"}
    bad = client.post(f"/usaha/{business.id}/kit/printer", data=data, follow_redirects=True)
    assert "Isi antara 90 dan 110 mm." in bad.get_data(as_text=True)


def test_migration_0009_splits_existing_regency_names(empty_database, tmp_path):  # noqa: F811
    from flask_migrate import downgrade, upgrade

    app = _migration_app(empty_database, tmp_path)
    with app.app_context():
        upgrade(revision="0005")
        uuid_ = (lambda h: h) if db.engine.dialect.name == "sqlite" else str
        program, team = uuid_(os.urandom(16).hex()), uuid_(os.urandom(16).hex())
        rows = {
            uuid_(os.urandom(16).hex()): r
            for r in ("Kabupaten Semarang", "Kota Salatiga", "Kab. Boyolali", "Semarang")
        }
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO programs (id, name, created_at) VALUES (:id, 'P', "
                    "CURRENT_TIMESTAMP)"
                ),
                {"id": program},
            )
            conn.execute(
                text("INSERT INTO teams (id, program_id, name) VALUES (:id, :p, 'T')"),
                {"id": team, "p": program},
            )
            for i, (bid, regency) in enumerate(rows.items()):
                conn.execute(
                    text(
                        "INSERT INTO businesses (id, slug, team_id, name, trade, tagline, "
                        "description, opening_hours, village, district, regency, theme, "
                        "business_address, owner_name, home_address, status, status_reason, "
                        "publish_consent, published, created_at, updated_at, version) VALUES "
                        "(:id, :slug, :team, 'B', 'lainnya', '', '', '', 'Desa', '', :regency, "
                        "'', '', 'O', '', 'aktif', '', false, false, CURRENT_TIMESTAMP, "
                        "CURRENT_TIMESTAMP, 1)"
                    ),
                    {"id": bid, "slug": f"b-{i}", "team": team, "regency": regency},
                )
        upgrade(revision="0009")
        with db.engine.connect() as conn:
            got = {
                tuple(r) for r in conn.execute(text("SELECT regency_type, regency FROM businesses"))
            }
        assert got == {
            ("kabupaten", "Semarang"),
            ("kota", "Salatiga"),
            ("kabupaten", "Boyolali"),
            ("", "Semarang"),
        }
        downgrade(revision="0005")
        with db.engine.connect() as conn:
            back = {r[0] for r in conn.execute(text("SELECT regency FROM businesses"))}
        assert back == {"Kabupaten Semarang", "Kota Salatiga", "Kabupaten Boyolali", "Semarang"}
        db.engine.dispose()
