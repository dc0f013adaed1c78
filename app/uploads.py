"""Uploaded images: opened safely, re-encoded without metadata, stored under random names."""

from __future__ import annotations

import re
import threading
import time
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app, g, has_app_context, has_request_context
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.validators import InvalidValue

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 40_000_000  # 40 MP: larger than any phone photo, far below a pixel flood
FULL_EDGE_PX = 1200  # kept for print (pamphlets)
SMALL_EDGE_PX = 480  # sent to phones on the public page
FULL_QUALITY = 85
SMALL_QUALITY = 70
NAME_PATTERN = re.compile(r"^[0-9a-f]{32}(-s)?\.jpg$")
# Files made from one upload: the full image, its small web variant, its square thumbnail.
VARIANT_SUFFIXES = (".jpg", "-s.jpg", "-t.jpg")
_DISCARD = "discard_uploads"


@dataclass(frozen=True)
class StoredImage:
    """The names of a stored upload: the full image and its small web variant."""

    name: str

    @property
    def small_name(self) -> str:
        """Return the file name of the small variant."""
        return self.name.replace(".jpg", "-s.jpg")


def small_name(name: str) -> str:
    """Return the small variant's name for a stored image name."""
    return StoredImage(name).small_name


DEFAULT_REQUEST_MEGAPIXELS = 120
# One upload decoded and re-encoded at a time per worker process: a burst of big photos
# queues instead of holding several decoded images (hundreds of MB each) in memory at once.
_processing = threading.Lock()


def _request_pixel_budget() -> int:
    megapixels = DEFAULT_REQUEST_MEGAPIXELS
    if has_app_context():
        megapixels = current_app.config.get("MAX_REQUEST_MEGAPIXELS", megapixels)
    return int(megapixels) * 1_000_000


def _too_many_pixels() -> InvalidValue:
    megapixels = _request_pixel_budget() // 1_000_000
    return InvalidValue(
        _l(
            "Foto yang dikirim sekaligus terlalu besar (total maksimal %(mp)s megapiksel). "
            "Kirim lebih sedikit foto sekaligus, atau kecilkan fotonya.",
            mp=megapixels,
        )
    )


def check_pixel_budget(streams: list[BinaryIO]) -> None:
    """Refuse, before decoding any, photos whose pixels together exceed the request's budget."""
    total = 0
    for stream in streams:
        position = stream.tell()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(stream, formats=ALLOWED_FORMATS) as image:  # the header only
                    total += image.width * image.height
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            OSError,
            SyntaxError,
            ValueError,
        ):
            pass  # open_image refuses it with its own message
        finally:
            stream.seek(position)
    if total > _request_pixel_budget():
        raise _too_many_pixels()


def _spend_pixels(count: int) -> None:
    """Count decoded pixels against this request's budget (a second line behind the check)."""
    if not has_request_context():
        return
    spent = g.get("decoded_pixels", 0) + count
    if spent > _request_pixel_budget():
        raise _too_many_pixels()
    g.decoded_pixels = spent


def open_image(stream: BinaryIO) -> Image.Image:
    """Open an uploaded image, refusing anything but JPEG/PNG/WebP and decompression bombs."""
    bad = InvalidValue(_l("Berkas ini bukan foto JPG, PNG atau WebP yang bisa dibuka."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(stream, formats=ALLOWED_FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise InvalidValue(_l("Foto terlalu besar ukurannya (maksimal 40 megapiksel)."))
            _spend_pixels(image.width * image.height)
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bad from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise bad from exc
    return image


def _flatten(image: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def store_image(stream: BinaryIO, upload_dir: str | Path) -> StoredImage:
    """Re-encode an upload as JPEG (orientation applied, metadata dropped) in two sizes."""
    with _processing:
        return _store_image(stream, upload_dir)


def _store_image(stream: BinaryIO, upload_dir: str | Path) -> StoredImage:
    image = _flatten(open_image(stream))
    directory = Path(upload_dir)
    directory.mkdir(parents=True, exist_ok=True)
    stored = StoredImage(f"{uuid.uuid4().hex}.jpg")
    for name, edge, quality in (
        (stored.name, FULL_EDGE_PX, FULL_QUALITY),
        (stored.small_name, SMALL_EDGE_PX, SMALL_QUALITY),
    ):
        copy = image.copy()
        copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        # A new image carries no EXIF/GPS/ICC: nothing of the phone's metadata survives.
        clean = Image.new("RGB", copy.size)
        clean.paste(copy)
        clean.save(directory / name, "JPEG", quality=quality, optimize=True, progressive=True)
    return stored


def upload_path(upload_dir: str | Path, name: str) -> Path | None:
    """Return the path of a stored upload, or None for a name that is not one of ours."""
    if not NAME_PATTERN.match(name or ""):
        return None
    path = Path(upload_dir) / name
    return path if path.is_file() else None


def variant_paths(upload_dir: str | Path, name: str) -> list[Path]:
    """Return every file made from one stored upload (full, small, thumbnail)."""
    if not NAME_PATTERN.match(name or "") or name.endswith("-s.jpg"):
        return []
    stem = name.removesuffix(".jpg")
    return [Path(upload_dir) / f"{stem}{suffix}" for suffix in VARIANT_SUFFIXES]


def discard_after_commit(session: Session, upload_dir: str | Path, name: str | None) -> None:
    """Delete an upload's files once the session commits (kept if it rolls back)."""
    if name:
        session.info.setdefault(_DISCARD, []).extend(variant_paths(upload_dir, name))


@event.listens_for(Session, "after_commit")
def _discard_committed(session: Session) -> None:
    for path in session.info.pop(_DISCARD, []):
        path.unlink(missing_ok=True)


@event.listens_for(Session, "after_soft_rollback")
def _keep_on_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction rolled back
        session.info.pop(_DISCARD, None)


STORED_FILE = re.compile(r"^[0-9a-f]{32}(-s|-t)?\.jpg$")


def prune_uploads(upload_dir: str | Path, referenced: set[str], min_age_s: float = 3600) -> int:
    """Delete stored images (and variants) no record references; return how many files.

    Files younger than min_age_s are kept: an upload is stored before its record commits.
    """
    keep = {path.name for name in referenced for path in variant_paths(upload_dir, name)}
    removed = 0
    now = time.time()
    folder = Path(upload_dir)
    if not folder.is_dir():
        return 0
    for path in folder.iterdir():
        if not STORED_FILE.match(path.name) or path.name in keep:
            continue
        if now - path.stat().st_mtime < min_age_s:
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed
