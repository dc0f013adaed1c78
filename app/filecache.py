"""Content-addressed cache of rendered files in generated/: same inputs, same file.

Files live under one folder per business (generated/b/<business id>/), so deleting a family
removes every variant ever rendered for it. The cache is bounded: when it grows past its
limit (GENERATED_MAX_MB), the least recently used files go first; a hit refreshes a file's
mtime at most once an hour, which is the recency the eviction sorts by.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

KEY_LENGTH = 32  # hex characters of sha256 kept in names: 128 bits, no collisions in practice
BUSINESS_FOLDER = "b"
TOUCH_EVERY_S = 3600  # refreshing recency more often would cost a syscall per page view
EVICT_TO = 0.9  # evict down to 90 % of the limit, so the next writes do not evict again
_lock = threading.Lock()
_estimates: dict[str, int] = {}  # per cache root: bytes, as counted at the last scan + writes


def cache_key(*parts: object) -> str:
    """Return a stable key for JSON-serialisable parts (dicts are sorted)."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def business_folder(root: str | Path, owner: str | None) -> Path:
    """Return the cache folder of one business (the root itself for shared files)."""
    return Path(root) / BUSINESS_FOLDER / owner if owner else Path(root)


def remove_business(root: str | Path, owner: str) -> None:
    """Delete every cached file of a business, whatever options it was rendered with."""
    if owner:
        shutil.rmtree(business_folder(root, owner), ignore_errors=True)


def cached_path(root: str | Path, key: str, suffix: str) -> Path:
    """Return where the file for a key lives (two-level fan-out keeps folders small)."""
    return Path(root) / key[:2] / f"{key}{suffix}"


def get_or_render(
    root: str | Path,
    key: str,
    suffix: str,
    render: Callable[[], bytes],
    max_bytes: int | None = None,
    cache_root: str | Path | None = None,
) -> Path:
    """Return the cached file for a key, rendering and storing it only when missing.

    cache_root is the whole cache (root may be one business's folder in it); when max_bytes
    is given, a write that takes the cache past it evicts the least recently used files.
    """
    path = cached_path(root, key, suffix)
    try:
        stat = path.stat()
    except FileNotFoundError:
        pass
    else:
        if time.time() - stat.st_mtime > TOUCH_EVERY_S:
            os.utime(path)
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
    if max_bytes is not None:
        _account(Path(cache_root or root), len(data), max_bytes, keep=path)
    return path


@dataclass
class Sweep:
    """What an eviction or prune removed."""

    files: int = 0
    bytes: int = 0


def _files(root: Path) -> Iterable[tuple[Path, os.stat_result]]:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            try:
                yield path, path.stat()
            except FileNotFoundError:  # removed meanwhile by another worker
                continue


def cache_size(root: str | Path) -> int:
    """Return the bytes of every file under the cache root."""
    return sum(stat.st_size for _path, stat in _files(Path(root)))


def _account(root: Path, added: int, max_bytes: int, keep: Path) -> None:
    with _lock:
        known = _estimates.get(str(root))
        if known is None:
            known = cache_size(root)
        else:
            known += added
        _estimates[str(root)] = known
        if known <= max_bytes:
            return
        _estimates[str(root)] = known - evict(root, max_bytes, keep={keep}).bytes


def evict(root: str | Path, max_bytes: int, keep: set[Path] | None = None) -> Sweep:
    """Delete least recently used files until the cache is under 90 % of max_bytes."""
    files = sorted(_files(Path(root)), key=lambda item: item[1].st_mtime)
    total = sum(stat.st_size for _path, stat in files)
    target = int(max_bytes * EVICT_TO)
    sweep = Sweep()
    for path, stat in files:
        if total <= target:
            break
        if keep and path in keep:
            continue
        path.unlink(missing_ok=True)
        total -= stat.st_size
        sweep.files += 1
        sweep.bytes += stat.st_size
    return sweep


def prune(root: str | Path, keep: set[Path], min_age_s: float = 600) -> Sweep:
    """Delete every cached file not in keep (what current records would render).

    Files written in the last min_age_s are kept: a request may be about to send them.
    """
    sweep = Sweep()
    root = Path(root)
    now = time.time()
    for path, stat in list(_files(root)):
        if path in keep or path.name in (".gitignore", "README.md"):
            continue
        if now - stat.st_mtime < min_age_s:
            continue
        path.unlink(missing_ok=True)
        sweep.files += 1
        sweep.bytes += stat.st_size
    for folder, _dirs, _names in os.walk(root, topdown=False):
        if folder != str(root):
            with contextlib.suppress(OSError):
                Path(folder).rmdir()  # only succeeds when empty
    _estimates.pop(str(root), None)
    return sweep
