"""Encryption at rest for the owner's NIK: AES-256-GCM behind a SQLAlchemy column type.

The key comes from NIK_KEY, or, when it is not set, is derived from SECRET_KEY. With a
derived key, changing SECRET_KEY makes every stored NIK unreadable: set NIK_KEY explicitly
in production and keep it as safe as the database backups.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import Flask, current_app
from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)

PREFIX = "v1:"  # format version: v1 = AES-256-GCM, 12-byte nonce, base64url(nonce + ct)
NONCE_BYTES = 12
CIPHERTEXT_COLUMN_LENGTH = 120  # a 16-digit NIK encrypts to 63 characters
_INFO = b"kit-usaha nik v1"


class NikKeyError(RuntimeError):
    """A stored NIK cannot be decrypted with the configured key."""


def key_material(config) -> tuple[str, bool]:
    """Return the configured key material and whether it was derived from SECRET_KEY."""
    explicit = config.get("NIK_KEY")
    if explicit:
        return str(explicit), False
    return str(config.get("SECRET_KEY") or ""), True


@lru_cache(maxsize=8)
def _cipher(material: str) -> AESGCM:
    if not material:
        raise NikKeyError("NIK_KEY (or SECRET_KEY) is empty: cannot encrypt NIKs")
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        material.encode("utf-8")
    )
    return AESGCM(key)


def encrypt(plain: str, material: str) -> str:
    """Return the text encrypted with a fresh random nonce."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(material).encrypt(nonce, plain.encode("utf-8"), _INFO)
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def decrypt(stored: str, material: str) -> str:
    """Return the plain text of a value made by encrypt(); raise NikKeyError on a wrong key."""
    if not stored.startswith(PREFIX):
        return stored  # a legacy plain value (before migration 0004)
    try:
        raw = base64.urlsafe_b64decode(stored[len(PREFIX) :].encode("ascii"))
        plain = _cipher(material).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _INFO)
    except (InvalidTag, ValueError) as exc:
        raise NikKeyError("stored NIK not decryptable: NIK_KEY or SECRET_KEY changed?") from exc
    return plain.decode("utf-8")


def fingerprint(material: str) -> str:
    """Return a short non-secret fingerprint of the key, to tell keys apart in logs."""
    return hashlib.sha256(b"fingerprint" + material.encode("utf-8")).hexdigest()[:8]


class EncryptedString(TypeDecorator):
    """A string column stored encrypted; Python code reads and writes plain text."""

    impl = String(CIPHERTEXT_COLUMN_LENGTH)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Encrypt on the way into the database."""
        if value is None or value == "":
            return value
        return encrypt(str(value), key_material(current_app.config)[0])

    def process_result_value(self, value, dialect):
        """Decrypt on the way out; an unreadable value is logged and read as None.

        None keeps every page working after a key mistake; the ciphertext stays in the
        database untouched (an unchanged attribute is never written back) until the right
        key is configured again.
        """
        if value is None or value == "":
            return value
        try:
            return decrypt(value, key_material(current_app.config)[0])
        except NikKeyError:
            log.error("NIK could not be decrypted: check NIK_KEY / SECRET_KEY")
            return None


def init_app(app: Flask) -> None:
    """Warn at start-up when the NIK key is derived from SECRET_KEY."""
    material, derived = key_material(app.config)
    _cipher(material)  # fail now, not at the first save, when there is no key at all
    if derived and not app.testing:
        app.logger.warning(
            "NIK_KEY is not set: NIKs are encrypted with a key derived from SECRET_KEY. "
            "Changing SECRET_KEY will make stored NIKs unreadable. Set NIK_KEY."
        )
