"""The stall sign carries the confirmed QRIS beside the page QR, each labelled; never otherwise."""

import subprocess
import tempfile
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from app import kitfiles
from app.extensions import db
from app.qris import crc16, read_qris
from app.render.sign import qr_sign_pdf
from app.render.spec import BusinessSpec, SignSpec
from tests.conftest import PUBLIC_BASE
from tests.storefront.qris_samples import build, tlv

PAGE = "https://example.id/b/keripik-tempe-bu-sri/s"
# A payload as long as a real bank's sticker (~230 characters, with additional data).
LONG = build(
    name="KERIPIK TEMPE BU SRI",
    city="KAB. SEMARANG",
    extra=tlv("55", "01")
    + tlv("62", tlv("05", "R" * 25) + tlv("07", "T" * 20) + tlv("09", "ABCD" * 10)),
)
DPI = 150


def _rasterise(pdf: bytes, dpi: int = DPI) -> Image.Image:
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "s.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", f"{tmp}/s.pdf", f"{tmp}/s"],
            check=True,
        )
        return Image.open(f"{tmp}/s.png").copy()


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _codes(image: Image.Image) -> dict[str, float]:
    """Return each decoded QR's text and its printed width in mm."""
    found = {}
    for r in zxingcpp.read_barcodes(image):
        p = r.position
        found[r.text] = (p.top_right.x - p.top_left.x) / DPI * 25.4
    return found


def _spec(payload: str = "", merchant: str = "", whatsapp: str | None = "6281234567890"):
    business = BusinessSpec(
        name="Keripik Tempe Bu Sri", tagline="Renyah, gurih", whatsapp=whatsapp, theme="kunyit"
    )
    return SignSpec(business, PAGE, "Scan untuk lihat menu & pesan", "", payload, merchant)


@pytest.mark.parametrize("size", ["A6", "A5"])
@pytest.mark.parametrize("whatsapp", ["6281234567890", None])
def test_both_codes_decode_apart_with_their_labels_and_the_merchant_name(size, whatsapp):
    assert read_qris(LONG).merchant_name == "KERIPIK TEMPE BU SRI"
    pdf = qr_sign_pdf(_spec(LONG, "KERIPIK TEMPE BU SRI", whatsapp), size)
    codes = _codes(_rasterise(pdf))
    assert set(codes) == {PAGE, LONG}
    assert crc16(LONG[:-4]) == LONG[-4:]  # the decoded QRIS keeps a valid CRC
    # Symbol (finder-to-finder) width ≥ 35 mm: a phone reads it from arm's length (≥ 1/10).
    assert min(codes.values()) >= (35 if size == "A6" else 50)
    text = _text(pdf)
    for words in ("Pesan / lihat menu", "Bayar dengan QRIS", "KERIPIK TEMPE BU SRI"):
        assert words in text
    assert ("WA 0812-3456-7890" in text) == bool(whatsapp)


def test_without_qris_the_sign_has_one_code_and_no_payment_words():
    pdf = qr_sign_pdf(_spec(), "A6")
    assert set(_codes(_rasterise(pdf))) == {PAGE}
    assert "QRIS" not in _text(pdf) and "Bayar" not in _text(pdf)


def test_the_kit_sign_prints_only_the_coordinator_confirmed_qris(app, make_business):
    business = make_business(publish=True, name="Keripik Bu Sri")
    payload = build(name="KERIPIK BU SRI")
    page = f"{PUBLIC_BASE}/b/{business.slug}/s"

    def sign_codes():
        with app.test_request_context():
            pdf = kitfiles.build_kit(business)["qr-sign.pdf"].read()
        return set(_codes(_rasterise(pdf))), _text(pdf)

    business.qris_pending_payload = payload  # waiting for a coordinator: not printed
    db.session.commit()
    codes, text = sign_codes()
    assert codes == {page} and "QRIS" not in text
    business.qris_payload, business.qris_pending_payload = payload, None  # confirmed
    db.session.commit()
    codes, text = sign_codes()
    assert codes == {page, payload} and "KERIPIK BU SRI" in text and "QRIS" in text
    business.qris_payload = None  # removed: gone from the sign at once (a new cache key)
    db.session.commit()
    codes, text = sign_codes()
    assert codes == {page} and "QRIS" not in text
