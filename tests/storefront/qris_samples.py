"""QRIS payloads for tests, built with a correct (or a deliberately wrong) CRC."""

from app.qris import crc16


def tlv(tag: str, value: str) -> str:
    """Return one EMVCo field."""
    return f"{tag}{len(value):02d}{value}"


def build(
    point: str = "11",
    name: str = "KERIPIK BU SRI",
    city: str = "SEMARANG",
    merchant: bool = True,
    extra: str = "",
    crc: str | None = None,
) -> str:
    """Return a merchant-presented payload; crc overrides the computed check digits."""
    account = tlv("00", "ID.CO.QRIS.WWW") + tlv("01", "936000140000000123") + tlv("03", "UMI")
    body = (
        tlv("00", "01")
        + tlv("01", point)
        + (tlv("51", account) if merchant else "")
        + tlv("52", "5411")
        + tlv("53", "360")
        + extra
        + tlv("58", "ID")
        + tlv("59", name)
        + tlv("60", city)
        + tlv("61", "50771")
        + "6304"
    )
    return body + (crc or crc16(body))


STATIC = build()
