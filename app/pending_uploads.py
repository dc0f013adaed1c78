"""Photos that survive a refused form: kept aside, bound to the form's key, for a day.

When a form comes back with an error, each photo it carried is re-encoded (as every upload
is) into UPLOAD_DIR/pending/ and the form gets a signed token naming it, this user and this
form's key. Sent again with the same form, the token brings the photo back without choosing
it again; the save moves it next to the other uploads. Tokens and files expire after a day.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.uploads import StoredImage, store_image, upload_path

KEEP_FOR_S = 24 * 3600
SALT = "pending-photo"
FOLDER = "pending"
MB = 1024 * 1024
PHOTO_MAX_BYTES = 10 * MB  # each photo; the request as a whole may carry MAX_CONTENT_LENGTH


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _folder() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / FOLDER


def keep(stream, user_id, form_key: str) -> str:
    """Store a photo aside and return the token naming it (raises InvalidValue if no photo)."""
    stored = store_image(stream, _folder())
    return _serializer().dumps({"n": stored.name, "u": str(user_id), "k": form_key})


def _name(token: str, user_id, form_key: str | None = None) -> str | None:
    try:
        data = _serializer().loads(token or "", max_age=KEEP_FOR_S)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != str(user_id):
        return None
    if form_key is not None and data.get("k") != form_key:
        return None
    return data.get("n") if upload_path(_folder(), data.get("n")) else None


def path_of(token: str, user_id, small: bool = True) -> Path | None:
    """Return the file of a pending photo this user may see, or None."""
    name = _name(token, user_id)
    if name is None:
        return None
    return upload_path(_folder(), StoredImage(name).small_name if small else name)


def adopt(token: str, user_id, form_key: str) -> str | None:
    """Move a pending photo of this form into the uploads; return its stored name."""
    name = _name(token, user_id, form_key)
    if name is None:
        return None
    stored = StoredImage(name)
    target = Path(current_app.config["UPLOAD_DIR"])
    for part in (stored.name, stored.small_name):
        os.replace(_folder() / part, target / part)
    return stored.name


def prune(now: float | None = None) -> int:
    """Delete pending photos older than a day; return how many files went."""
    cutoff = (now or time.time()) - KEEP_FOR_S
    removed = 0
    folder = _folder()
    if not folder.is_dir():
        return 0
    for path in folder.glob("*.jpg"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
