"""Content-addressed cache of rendered files in generated/: same inputs, same file."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

KEY_LENGTH = 32  # hex characters of sha256 kept in names: 128 bits, no collisions in practice


def cache_key(*parts: object) -> str:
    """Return a stable key for JSON-serialisable parts (dicts are sorted)."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def cached_path(root: str | Path, key: str, suffix: str) -> Path:
    """Return where the file for a key lives (two-level fan-out keeps folders small)."""
    return Path(root) / key[:2] / f"{key}{suffix}"


def get_or_render(root: str | Path, key: str, suffix: str, render: Callable[[], bytes]) -> Path:
    """Return the cached file for a key, rendering and storing it only when missing."""
    path = cached_path(root, key, suffix)
    if path.is_file():
        return path
    data = render()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write to a temporary file and rename: a reader never sees half a file, and two
    # workers rendering the same key at once both end with the same complete file.
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
