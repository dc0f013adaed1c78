"""The kit from the mentor's side: build, cache, serve, options, CLI; every QR decodes."""

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from app import kitfiles as services
from app import kitweb
from app.extensions import db
from app.kitfiles import KIT_FILE_NAMES, KitOptions
from tests.conftest import PUBLIC_BASE
from tests.render.render_helpers import decode, pdf_pages

MM_PER_INCH = 25.4


def _px(mm, dpi=300):
    return round(mm / MM_PER_INCH * dpi)


def _generated(app):
    from pathlib import Path

    root = Path(app.config["GENERATED_DIR"])
    return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def business(make_business):
    return make_business(
        name="Keripik Bu Sri",
        trade="makanan_ringan",
        publish=True,
        products=(("Keripik singkong", 12000), ("Keripik pisang", 15000)),
    )


def test_kit_page_builds_on_arrival_and_names_files_by_what_they_are(app, client, auth, business):
    auth.login("mentor_a")
    response = client.get(f"/usaha/{business.id}/kit")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for name in ("logo.png", "label.png", "qr.svg"):
        assert f"/kit/berkas/{name}?v=" in html
    assert "Kit sudah siap" in html and "kit.zip" in html
    assert "Label kemasan" in html and "Pamflet Instagram" in html
    assert "Buat ulang" not in html  # built on arrival: nothing to press
    generated = Path(app.config["GENERATED_DIR"])
    assert len([p for p in generated.rglob("*") if p.is_file()]) >= 10
    changed = client.get(f"/usaha/{business.id}/kit?sheet=a4-2x7-99x38").get_data(as_text=True)
    assert "Buat ulang kit dengan pengaturan ini" in changed
    download = client.get(
        f"/usaha/{business.id}/kit/berkas/label.png?unduh=1", follow_redirects=True
    )
    assert "keripik-bu-sri-label-kemasan.png" in download.headers["Content-Disposition"]


def test_other_team_gets_404_on_kit_page_files_and_zip(client, auth, business):
    auth.login("mentor_b")
    for url in (
        f"/usaha/{business.id}/kit",
        f"/usaha/{business.id}/kit.zip",
        f"/usaha/{business.id}/kit/berkas/label.png",
    ):
        assert client.get(url).status_code == 404, url
    token = auth.token("/")
    assert client.post(f"/usaha/{business.id}/kit", data={"csrf_token": token}).status_code == 404


def test_build_renders_once_and_changed_input_renders_anew(app, client, auth, business):
    auth.login("mentor_a")
    token = auth.token(f"/usaha/{business.id}/kit")
    response = client.post(f"/usaha/{business.id}/kit", data={"csrf_token": token})
    assert response.status_code == 302
    first = _generated(app)
    with app.test_request_context():
        registered = services.kit_files(business)
    # The main files, the A5 sign and the print items (kartu nama, spanduk, posts…).
    assert set(KIT_FILE_NAMES) < set(registered) and len(first) == len(registered)
    client.post(f"/usaha/{business.id}/kit", data={"csrf_token": token})
    assert _generated(app) == first  # same input: nothing rendered again
    with app.test_request_context():
        before = {name: f.key for name, f in services.kit_files(business).items()}
    business.tagline = "Sekarang lebih pedas"
    db.session.commit()
    client.post(f"/usaha/{business.id}/kit", data={"csrf_token": token})
    second = _generated(app)
    with app.test_request_context():
        after = {name: f.key for name, f in services.kit_files(business).items()}
    changed = {name for name in before if before[name] != after[name]}
    assert {"pamphlet-square.png", "pamphlet-story.png", "pamphlet-a5.pdf"} <= changed
    assert not changed & {"qr.png", "qr.svg"}  # they do not show the tagline
    assert len(set(second) - set(first)) == len(changed)
    assert all(second[p] == first[p] for p in first)  # old files untouched


def test_files_carry_etag_and_long_cache_and_answer_304(client, auth, business):
    auth.login("mentor_a")
    key = services.kit_files(business)["label.png"].key
    url = f"/usaha/{business.id}/kit/berkas/label.png?v={key}"
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["ETag"] == f'"{key}"'
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": f'"{key}"'}).status_code == 304
    stale = client.get(f"/usaha/{business.id}/kit/berkas/label.png?v=old")
    assert stale.status_code == 302 and f"v={key}" in stale.headers["Location"]


def test_label_png_has_300_dpi_and_its_preset_size_and_scans(app, business):
    with app.test_request_context():
        data = services.build_kit(business)["label.png"].read()
    image = Image.open(io.BytesIO(data))
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    # A food business's default preset: A4 2 × 4 of 99.1 × 67.7 mm, room for BPOM's text.
    assert image.size == (_px(99.1), _px(67.7))
    assert decode(image) == [f"{PUBLIC_BASE}/b/{business.slug}/l"]


def test_every_artefact_scans_to_its_source_url(app, business):
    with app.test_request_context():
        files = services.build_kit(business)
    page = f"{PUBLIC_BASE}/b/{business.slug}"
    square = Image.open(files["pamphlet-square.png"].path())
    small = square.convert("RGB").resize((540, 540), Image.Resampling.LANCZOS)
    jpeg = io.BytesIO()
    small.save(jpeg, "JPEG", quality=60)
    cases = {
        "qr.png": [Image.open(files["qr.png"].path())],
        "pamphlet-square.png": [square, Image.open(jpeg)],
        "pamphlet-story.png": [Image.open(files["pamphlet-story.png"].path())],
        "label-sheet.pdf": pdf_pages(files["label-sheet.pdf"].read(), dpi=200)[:1],
        "pamphlet-a5.pdf": pdf_pages(files["pamphlet-a5.pdf"].read(), dpi=150),
        "qr-sign.pdf": pdf_pages(files["qr-sign.pdf"].read(), dpi=150),
    }
    expected = {
        "qr.png": "s",
        "pamphlet-square.png": "p",
        "pamphlet-story.png": "p",
        "label-sheet.pdf": "l",
        "pamphlet-a5.pdf": "p",
        "qr-sign.pdf": "s",
    }
    for name, images in cases.items():
        for image in images:
            assert set(decode(image)) == {f"{page}/{expected[name]}"}, name
    assert files["qr.svg"].read().startswith(b"<svg") or b"<svg" in files["qr.svg"].read()


def test_zip_holds_every_file(client, auth, business):
    auth.login("mentor_a")
    response = client.get(f"/usaha/{business.id}/kit.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    for name in KIT_FILE_NAMES:
        assert f"{business.slug}/{name}" in names


def test_food_label_lists_the_missing_mandatory_fields(client, auth, business):
    auth.login("mentor_a")
    html = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    assert "Label makanan belum lengkap" in html
    assert "komposisi" in html.lower() and "P-IRT" in html


def test_designer_custom_size_and_bad_dates_keep_the_form(client, auth, business):
    auth.login("mentor_a")
    query = (
        "sheet=custom&custom_w=50&custom_h=30&show_price=y&production_date=2026-11-20"
        "&expiry_date=2026-11-01&production_code=B01"
    )
    html = client.get(f"/usaha/{business.id}/kit?{query}").get_data(as_text=True)
    assert "Tanggal kedaluwarsa tidak boleh sebelum tanggal produksi." in html
    assert 'value="B01"' in html and 'value="50.0"' in html or 'value="50"' in html
    response = client.get(
        f"/usaha/{business.id}/kit/berkas/label.png?{query}", follow_redirects=True
    )
    assert Image.open(io.BytesIO(response.data)).size == (_px(50), _px(30))


def test_home_address_reaches_a_label_only_when_chosen(app, business):
    with app.test_request_context():
        default = services.business_spec(business, KitOptions())
        chosen = services.business_spec(business, KitOptions(home_address_on_label=True))
    assert business.home_address not in str(default)
    assert "Desa Tawang" in default.business_address
    assert chosen.business_address == business.home_address


def test_cli_kit_build_writes_the_contracted_files(runner, business, tmp_path):
    result = runner.invoke(args=["kit", "build", business.slug, "--out", str(tmp_path / "k")])
    assert result.exit_code == 0, result.output
    written = {p.name for p in (tmp_path / "k").iterdir()}
    n = len(business.products)
    items = {
        "logo.svg",
        "kartu-nama.pdf",
        "spanduk.pdf",
        "menu.pdf",
        "menu.png",
        "caption.txt",
        *(f"post-{i}.png" for i in range(1, n + 1)),
        *(f"status-{i}.png" for i in range(1, n + 1)),
    }
    # Food trades get no hang tags; product photos add a square marketplace photo each.
    extra = written - {*KIT_FILE_NAMES, "checklists.pdf", "buku-kas.pdf"}
    assert items <= extra and extra - items <= {"tag.pdf", *(f"foto-{i}.jpg" for i in range(9))}
    label = Image.open(tmp_path / "k" / "label.png")
    assert label.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert runner.invoke(args=["kit", "build", "tidak-ada", "--out", str(tmp_path)]).exit_code


def test_cli_kit_build_all_uses_worker_processes_and_stays_quiet(
    runner, business, make_business, tmp_path
):
    other = make_business(name="Gula Aren Pak Darmo", trade="makanan_ringan")
    out = tmp_path / "all"
    result = runner.invoke(
        args=["kit", "build", "--all", "--include-unpublished", "--jobs", "2", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    # Not a terminal: no progress bar, only the closing line.
    assert result.output.strip().splitlines() == [f"Kit untuk 2 usaha ditulis ke {out}"]
    for slug in (business.slug, other.slug):
        written = {p.name for p in (out / slug).iterdir()}
        core = {*KIT_FILE_NAMES, "checklists.pdf", "buku-kas.pdf"}
        assert core | {"kartu-nama.pdf", "spanduk.pdf", "menu.pdf", "caption.txt"} <= written
        assert decode(Image.open(out / slug / "qr.png"))[0].endswith(f"/b/{slug}/s")


def test_public_logo_and_preview_image(client, business, make_business):
    html = client.get(f"/b/{business.slug}").get_data(as_text=True)
    assert f'content="{PUBLIC_BASE}/b/{business.slug}/og.jpg?v=' in html
    logo = client.get(f"/b/{business.slug}/logo.png")
    assert logo.status_code == 200 and logo.mimetype == "image/png"
    assert logo.headers["Cache-Control"].startswith("public")
    og = client.get(f"/b/{business.slug}/og.jpg")
    assert Image.open(io.BytesIO(og.data)).size == (600, 600)
    hidden = make_business(name="Belum Terbit")
    assert client.get(f"/b/{hidden.slug}/logo.png").status_code == 404
    assert client.get(f"/b/{hidden.slug}/og.jpg").status_code == 404


def test_deleting_a_family_removes_its_rendered_files(app, client, auth, business):
    with app.test_request_context():
        services.build_kit(business)
        kitweb.web_logo(business).path()
        kitweb.og_image(business).path()
        paths = kitweb.rendered_paths(business)
    assert paths and all(p.exists() for p in paths[:-1])  # the ZIP was never asked for
    auth.login("koordinator")
    token = auth.token(f"/usaha/{business.id}/hapus")
    response = client.post(
        f"/usaha/{business.id}/hapus", data={"csrf_token": token, "confirm_name": business.name}
    )
    assert response.status_code == 302
    assert not any(p.exists() for p in paths)
