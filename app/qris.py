"""QRIS: read the EMVCo merchant-presented payload of a family's static QRIS sticker.

Only a static merchant QRIS is accepted: the payload starts with 000201, carries a merchant
account template (tags 26–51), Indonesian rupiah (53 = 360), country ID, a merchant name
and city, and ends with a CRC-16/CCITT-FALSE (tag 63) that matches. A dynamic QRIS (010212)
is made for one payment and must never be printed on a page.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

STATIC = "11"
DYNAMIC = "12"
MERCHANT_ACCOUNT_TAGS = range(26, 52)
CRC_TAG = "63"
MAX_PAYLOAD = 512  # EMVCo caps a merchant-presented payload at 512 characters


class QrisError(ValueError):
    """The payload is not a usable static merchant QRIS; the message says why."""


@dataclass(frozen=True)
class Qris:
    """The public parts of a static merchant QRIS."""

    payload: str
    merchant_name: str
    merchant_city: str
    merchant_ids: tuple[str, ...]  # the acquirers' globally unique ids (sub-tag 00)


def crc16(data: str) -> str:
    """Return the CRC-16/CCITT-FALSE of the text as 4 upper-case hex digits."""
    return f"{binascii.crc_hqx(data.encode('utf-8'), 0xFFFF):04X}"


def parse_tlv(text: str) -> list[tuple[str, str]]:
    """Split an EMVCo TLV string (2-digit tag, 2-digit length, value) into (tag, value)."""
    fields, i = [], 0
    while i < len(text):
        tag, length = text[i : i + 2], text[i + 2 : i + 4]
        if len(tag) < 2 or not length.isdigit() or not tag.isdigit():
            raise QrisError(_l("Kode QRIS rusak: isinya tidak bisa dibaca."))
        end = i + 4 + int(length)
        if end > len(text):
            raise QrisError(_l("Kode QRIS rusak: isinya terpotong."))
        fields.append((tag, text[i + 4 : end]))
        i = end
    return fields


def read_qris(payload: str) -> Qris:
    """Check a scanned payload and return its public parts, or raise QrisError saying why."""
    payload = (payload or "").strip()
    if not payload.startswith("000201") or len(payload) > MAX_PAYLOAD:
        raise QrisError(_l("Ini bukan kode QRIS (format EMVCo tidak dikenali)."))
    fields = parse_tlv(payload)
    if fields[-1][0] != CRC_TAG or len(fields[-1][1]) != 4:
        raise QrisError(_l("Kode QRIS tidak lengkap: pemeriksa CRC tidak ada."))
    if crc16(payload[:-4]) != fields[-1][1].upper():
        raise QrisError(_l("Kode QRIS rusak: CRC tidak cocok. Foto ulang stikernya."))
    tags = dict(fields)
    if tags.get("01") == DYNAMIC:
        raise QrisError(_l("Ini QRIS dinamis (untuk satu transaksi). Pakai stiker QRIS statis."))
    if tags.get("01") != STATIC:
        raise QrisError(_l("Ini bukan QRIS statis."))
    merchant_ids = []
    for tag, value in fields:
        if tag.isdigit() and int(tag) in MERCHANT_ACCOUNT_TAGS:
            sub = dict(parse_tlv(value))
            if sub.get("00"):
                merchant_ids.append(sub["00"])
    if not merchant_ids:
        raise QrisError(_l("Ini bukan QRIS merchant: tidak ada data akun merchant."))
    if "54" in tags:
        raise QrisError(
            _l("QRIS ini berisi nominal tetap; pakai stiker QRIS statis tanpa nominal.")
        )
    if tags.get("53") != "360" or tags.get("58") != "ID":
        raise QrisError(_l("Ini bukan QRIS Indonesia (mata uang atau negara lain)."))
    name, city = tags.get("59", "").strip(), tags.get("60", "").strip()
    if not name or not city:
        raise QrisError(_l("Kode QRIS tidak memuat nama dan kota merchant."))
    return Qris(payload, name, city, tuple(merchant_ids))


def sign_qris(business) -> tuple[str, str]:
    """Return a business's confirmed QRIS payload and merchant name for print, or ("", "")."""
    # Only the coordinator-confirmed payload (qris_payload) is ever printed, never the pending one.
    try:
        qris = read_qris(business.qris_payload) if business.qris_payload else None
    except QrisError:  # checked when kept; a payload that fails now is never printed
        qris = None
    return (qris.payload, qris.merchant_name) if qris else ("", "")


def decode_photo(image) -> list[str]:
    """Return the texts of every QR code zxing-cpp finds in a PIL image."""
    import zxingcpp

    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]
