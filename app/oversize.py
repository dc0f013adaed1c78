"""A request above MAX_CONTENT_LENGTH on a form with photos: read it anyway, keep the typing.

Werkzeug refuses such a request before reading it, so everything typed would be lost. For
the views marked with @refill_when_too_large, the 413 handler parses the body once more (up
to HARD_CAP_FACTOR × the limit), keeping text fields and each photo up to the per-file limit;
a photo over it arrives empty and its field is named in g.too_large_fields. The view then
runs as for any POST (CSRF, idempotency and login checks included) and answers with its form:
an error next to each photo that was too big, the rest as typed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable

from flask import Flask, current_app, g, request
from werkzeug.datastructures import MultiDict
from werkzeug.formparser import FormDataParser

HARD_CAP_FACTOR = 4  # beyond this the body is not read at all
MEMORY_CAP = 1024 * 1024  # a kept photo spills from memory to a temporary file above this


class CappedFile:
    """A file part kept up to a byte limit; what goes beyond is counted, not stored."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self.file = tempfile.SpooledTemporaryFile(max_size=MEMORY_CAP)  # noqa: SIM115

    @property
    def overflowed(self) -> bool:
        """Whether the part was larger than the limit."""
        return self.size > self.limit

    def write(self, data: bytes) -> int:
        """Store data while under the limit; drop everything once over it."""
        self.size += len(data)
        if not self.overflowed:
            self.file.write(data)
        return len(data)

    def seek(self, *args) -> int:
        """Rewind the stored part (or empty it when it overflowed)."""
        if self.overflowed:
            self.file.truncate(0)
        return self.file.seek(*args)

    def read(self, *args) -> bytes:
        """Read the stored part."""
        return self.file.read(*args)

    def tell(self) -> int:
        """Return the position in the stored part."""
        return self.file.tell()

    def close(self) -> None:
        """Close the temporary file."""
        self.file.close()


def refill_when_too_large(view: Callable) -> Callable:
    """Mark a form view as able to answer a too-large request with its form."""
    view.refill_on_413 = True
    return view


def refill(app: Flask, per_file_limit: int):
    """Answer a too-large request to a marked view by running it on what fits; else None."""
    view = app.view_functions.get(request.endpoint or "")
    length = request.content_length or 0
    if not getattr(view, "refill_on_413", False) or request.mimetype != "multipart/form-data":
        return None
    if length > HARD_CAP_FACTOR * (current_app.config.get("MAX_CONTENT_LENGTH") or 0):
        return None
    parts: dict[str, CappedFile] = {}

    def factory(total_content_length, content_type, filename, content_length=None):
        part = CappedFile(per_file_limit)
        parts[id(part)] = part
        return part

    parser = FormDataParser(stream_factory=factory, max_content_length=None)
    stream = request.environ["wsgi.input"]
    _stream, form, files = parser.parse(stream, request.mimetype, length, request.mimetype_params)
    kept = MultiDict()
    g.too_large_fields = set()
    for name, storage in files.items(multi=True):
        if storage.stream.overflowed:
            g.too_large_fields.add(name)
        else:
            kept.add(name, storage)
    request.__dict__["form"] = form
    request.__dict__["files"] = kept
    response = app.preprocess_request()  # CSRF, idempotency claim, the login guard
    if response is None:
        response = app.ensure_sync(view)(**(request.view_args or {}))
    return response
