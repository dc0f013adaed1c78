"""Pick a QR mask exactly as qrcode's best_mask_pattern does, scoring all eight with numpy.

qrcode 8.x builds every masked candidate in pure Python and scores it with
``qrcode.util.lost_point`` (ISO/IEC 18004 penalties N1-N4). This module lays the data out
once through qrcode itself, derives the other seven candidates by XOR on the data modules
and scores the eight at once, reproducing lost_point's own rules:

- the candidates are qrcode's "test" matrices: format and version areas all light,
  the fixed dark module (row n-8, column 8) light too;
- N1: every row/column run of ≥ 5 same-colour modules costs (length - 2);
- N2: every 2x2 same-colour block costs 3 (overlapping blocks each count);
- N3: every 11-module window equal to 10111010000 or 00001011101 inside the symbol
  (the quiet zone is not looked at) costs 40, rows and columns;
- N4: 10 x int(|dark% - 50| / 5), computed in Python floats as lost_point does;
- the first lowest total wins (pattern order 0..7).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import qrcode

MASK_COUNT = 8
_FINDER_LIKE = (0b10111010000, 0b00001011101)
_WINDOW = 11


@lru_cache(maxsize=48)
def _mask_stack(n: int) -> np.ndarray:
    """Return the eight mask functions of qrcode.util.mask_func over an n x n grid."""
    i, j = np.indices((n, n))
    ij = i * j
    return np.stack(
        [
            (i + j) % 2 == 0,
            i % 2 == 0,
            j % 3 == 0,
            (i + j) % 3 == 0,
            (i // 2 + j // 3) % 2 == 0,
            ij % 2 + ij % 3 == 0,
            (ij % 2 + ij % 3) % 2 == 0,
            (ij % 3 + (i + j) % 2) % 2 == 0,
        ]
    )


class _RegionProbe(qrcode.QRCode):
    """A QRCode that records which modules map_data fills (data and remainder bits)."""

    region: np.ndarray | None = None

    def map_data(self, data, mask_pattern):
        """Record the still-empty modules, then lay the data out as qrcode does."""
        self.region = np.array([[m is None for m in row] for row in self.modules])
        super().map_data(data, mask_pattern)


@lru_cache(maxsize=40)
def data_region(version: int) -> np.ndarray:
    """Return a boolean grid of the modules that carry data or remainder bits in a version."""
    probe = _RegionProbe(version=version)
    probe.data_cache = []  # map_data pads with light modules; no data needed to find them
    probe.makeImpl(True, 0)
    return probe.region


def _run_penalty(lines: np.ndarray, groups: int) -> np.ndarray:
    """Return N1 per group: Σ (run length - 2) over runs ≥ 5; lines is (groups*k, n)."""
    count, n = lines.shape
    edges = np.ones((count, n + 1), dtype=bool)
    np.not_equal(lines[:, 1:], lines[:, :-1], out=edges[:, 1:n])
    starts = np.flatnonzero(edges)
    lengths = np.diff(starts)
    # A step from one line's end to the next line's start has length 1: never scored.
    weights = np.where(lengths >= 5, lengths - 2, 0)
    group = starts[:-1] // (n + 1) // (count // groups)
    return np.bincount(group, weights=weights, minlength=groups).astype(np.int64)


def _finder_penalty(lines: np.ndarray, groups: int) -> np.ndarray:
    """Return N3 per group: 40 per 11-module window matching a finder-like pattern."""
    count, n = lines.shape
    width = n - _WINDOW + 1
    code = np.zeros((count, width), dtype=np.int32)
    for k in range(_WINDOW):
        code |= lines[:, k : k + width].astype(np.int32) << (_WINDOW - 1 - k)
    hits = (code == _FINDER_LIKE[0]) | (code == _FINDER_LIKE[1])
    return 40 * hits.reshape(groups, -1).sum(axis=1)


def lost_points(candidates: np.ndarray) -> list[int]:
    """Return qrcode.util.lost_point of each (k, n, n) boolean candidate, as Python ints."""
    k, n, _ = candidates.shape
    lines = np.concatenate(
        [candidates.reshape(k * n, n), candidates.transpose(0, 2, 1).reshape(k * n, n)]
    )
    # Group lines by candidate: rows of k candidates, then columns of k candidates.
    n1 = _run_penalty(lines, 2 * k).reshape(2, k).sum(axis=0)
    n3 = _finder_penalty(lines, 2 * k).reshape(2, k).sum(axis=0)
    a, b = candidates[:, :-1, :-1], candidates[:, 1:, :-1]
    c, d = candidates[:, :-1, 1:], candidates[:, 1:, 1:]
    n2 = 3 * ((a == b) & (a == c) & (a == d)).sum(axis=(1, 2))
    dark = candidates.sum(axis=(1, 2))
    n4 = [int(abs(float(int(x)) / (n**2) * 100 - 50) / 5) * 10 for x in dark]
    return [int(n1[m] + n2[m] + n3[m]) + n4[m] for m in range(k)]


def mask_candidates(code: qrcode.QRCode) -> np.ndarray:
    """Return the eight (8, n, n) test matrices best_mask_pattern scores; version must be set."""
    code.makeImpl(True, 0)
    first = np.array(code.modules, dtype=bool)
    region = data_region(code.version)
    masks = _mask_stack(first.shape[0])
    unmasked = first ^ (masks[0] & region)
    return unmasked[None, :, :] ^ (masks & region)


def best_mask_pattern(code: qrcode.QRCode) -> int:
    """Return the mask qrcode's own best_mask_pattern would choose, computed with numpy."""
    scores = lost_points(mask_candidates(code))
    return scores.index(min(scores))
