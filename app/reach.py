"""Can a customer's phone open the QR? Public base URL and published page, decided once."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from app.render.stamp import STAMP_NOT_PUBLIC, STAMP_UNPUBLISHED

# Host names that only resolve inside a network or on one machine (RFC 6761, 6762, 8375).
PRIVATE_SUFFIXES = (
    ".local",
    ".localhost",
    ".localdomain",
    ".internal",
    ".intranet",
    ".lan",
    ".home",
    ".home.arpa",
    ".corp",
    ".test",
    ".example",
    ".invalid",
)


def is_public_base_url(url: str) -> bool:
    """Tell whether a base URL is https on a public host name a customer's phone can open.

    Loopback, private ranges, bare IP addresses, single-label and .local-style names and
    plain http are not: a QR to them fails on the customer's phone (or is refused by it).
    """
    parts = urlsplit(url or "")
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme != "https" or not host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return False  # a bare IP: no certificate a phone trusts, and often private
    if "." not in host or host == "localhost":
        return False
    return not host.endswith(PRIVATE_SUFFIXES)


def stamp_code(business, base_url: str) -> str:
    """Return why a business's QR artwork must say CONTOH ("" when customers can use it)."""
    if not is_public_base_url(base_url):
        return STAMP_NOT_PUBLIC
    if not business.published:
        return STAMP_UNPUBLISHED
    return ""
