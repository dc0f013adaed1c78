"""The numpy mask choice is qrcode's own: same mask, same modules, same penalty scores."""

from __future__ import annotations

import random
import string

import pytest
import qrcode
import qrcode.util

from app.render.qr import QUIET_ZONE_MODULES, qr_matrix
from app.render.qrmask import MASK_COUNT, best_mask_pattern, lost_points, mask_candidates

ECC = {"L": 1, "M": 0, "Q": 3, "H": 2}  # qrcode.constants values
SLUG_CHARS = string.ascii_lowercase + string.digits + "-"
URL_CHARS = string.ascii_letters + string.digits + "-._~/?=&%#:"


def _qris_like(rnd: random.Random) -> str:
    """Return an EMV-style QRIS payload: long digit runs, upper-case names, a CRC tail."""
    name = "".join(rnd.choice(string.ascii_uppercase + " ") for _ in range(rnd.randint(5, 25)))
    merchant = "".join(rnd.choice(string.digits) for _ in range(rnd.randint(15, 40)))
    return f"00020101021126{merchant}5204581253033605802ID59{len(name):02d}{name}6007MALANG63041A2B"


def _urls() -> list[tuple[str, str]]:
    """Return ~300 (data, ecc) cases: kit URLs, random URLs of every length, QRIS payloads."""
    rnd = random.Random(18004)
    cases = []
    for i in range(120):  # what the kit prints: M plain, H under a logo
        slug = "".join(rnd.choice(SLUG_CHARS) for _ in range(rnd.randint(3, 70)))
        cases.append((f"https://kitusaha.example/b/{slug}?src=qr", "MH"[i % 2]))
    for i in range(140):  # every level, lengths from one character to ~400
        n = rnd.choice([1, 3, 8, 15, 30, 50, 80, 120, 180, 260, 400])
        text = "".join(rnd.choice(URL_CHARS) for _ in range(rnd.randint(1, n)))
        cases.append((text, "LMQH"[i % 4]))
    cases += [(_qris_like(rnd), "M") for _ in range(40)]
    return cases


CASES = _urls()


def _reference(data: str, ecc: str) -> tuple[int, list[list[bool]]]:
    """Return the mask qrcode chooses itself and the matrix its make() produces with it."""
    code = qrcode.QRCode(error_correction=ECC[ecc], box_size=1, border=QUIET_ZONE_MODULES)
    code.add_data(data)
    code.best_fit()
    mask = code.best_mask_pattern()
    code.makeImpl(False, mask)  # exactly what QRCode.make() does after best_fit
    return mask, code.get_matrix()


def test_cases_span_versions_and_levels():
    versions = set()
    for data, ecc in CASES:
        code = qrcode.QRCode(error_correction=ECC[ecc])
        code.add_data(data)
        versions.add(code.best_fit())
    assert len(CASES) >= 300
    assert {ecc for _, ecc in CASES} == set("LMQH")
    assert min(versions) == 1 and max(versions) >= 15 and len(versions) >= 12


@pytest.mark.parametrize("chunk", range(10))
def test_same_mask_and_same_modules_as_qrcode(chunk):
    for data, ecc in CASES[chunk::10]:
        mask, expected = _reference(data, ecc)
        code = qrcode.QRCode(error_correction=ECC[ecc])
        code.add_data(data)
        code.best_fit()
        assert best_mask_pattern(code) == mask, (data, ecc)
        got = qr_matrix.__wrapped__(data, ecc)
        assert got == tuple(tuple(bool(v) for v in row) for row in expected), (data, ecc)


@pytest.mark.parametrize("version", [1, 2, 6, 7, 10, 14, 22])
def test_scores_equal_lost_point_for_every_mask(version):
    # Versions 7+ carry version-info blocks; the scored matrices keep them light, as qrcode does.
    code = qrcode.QRCode(version=version, error_correction=ECC["M"])
    code.add_data("kit usaha")  # fits version 1 at M
    expected = []
    for mask in range(MASK_COUNT):
        code.makeImpl(True, mask)
        expected.append(qrcode.util.lost_point(code.modules))
    assert lost_points(mask_candidates(code)) == expected
