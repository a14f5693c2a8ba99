"""Dynamic programming over beads inside a band: time and memory linear in the length.

The search sees only costs: for every bead type (a source sentences, b target
sentences) a cost for each cell of the band, plus one penalty for skipping a sentence
(the 1-0 and 0-1 beads). Cell (i, j) of the band is the state "i source and j target
sentences aligned"; row i spans target positions ``lo[i]..hi[i]``. Cells are stored
flat, row after row, in the order :meth:`Band.cells` gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

__all__ = ["Band", "band_around", "band_around_path", "search", "search_cells", "search_costs", "bead_types"]


@dataclass(frozen=True)
class Band:
    """Rows 0..n of the DP table; row i holds target positions lo[i]..hi[i] inclusive."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @property
    def width(self) -> int:
        return int((self.hi - self.lo).max()) + 1

    @property
    def offsets(self) -> np.ndarray:
        """Flat index of the first cell of each row (plus the total at the end)."""
        widths = (self.hi - self.lo + 1).astype(np.int64)
        return np.concatenate([[0], np.cumsum(widths)])

    @property
    def size(self) -> int:
        return int(self.offsets[-1])

    def cells(self, first: int = 0, last: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Row index, column offset and target position of every cell (of rows
        ``first``..``last``-1 only, when given), as flat arrays."""
        last = len(self.lo) if last is None else last
        widths = (self.hi[first:last] - self.lo[first:last] + 1).astype(np.int64)
        rows = np.repeat(np.arange(first, last), widths)
        starts = np.repeat(np.cumsum(widths) - widths, widths)
        cols = np.arange(int(widths.sum())) - starts
        return rows, cols, self.lo[rows] + cols

    def row_blocks(self, max_cells: int) -> list[tuple[int, int]]:
        """Consecutive row ranges [first, last) of at most about ``max_cells`` cells each."""
        offsets = self.offsets
        bounds = np.searchsorted(offsets, np.arange(0, offsets[-1], max(max_cells, 1)), side="right") - 1
        firsts = sorted(set(bounds.tolist()) | {0})
        lasts = firsts[1:] + [len(self.lo)]
        return [(f, l_) for f, l_ in zip(firsts, lasts) if l_ > f]

    def index(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Flat index of cells (i, j); -1 where (i, j) is outside the band."""
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        inside = (i >= 0) & (i <= self.n)
        ii = np.where(inside, i, 0)
        inside &= (j >= self.lo[ii]) & (j <= self.hi[ii])
        return np.where(inside, self.offsets[ii] + j - self.lo[ii], -1)


def band_around(centers: np.ndarray, half_width: int, m: int) -> Band:
    """A band of ``half_width`` target positions either side of ``centers`` (one per row).

    Rows are made monotone and the corners (0, 0) and (n, m) are always inside.
    """
    centers = np.asarray(centers, dtype=np.float64)
    lo = np.floor(centers - half_width).astype(np.int64)
    hi = np.ceil(centers + half_width).astype(np.int64)
    return _monotone(lo, hi, m)


def band_around_path(path: Sequence[tuple[int, int, int, int]], n: int, m: int, half_width: int) -> Band:
    """A band of ``half_width`` target positions either side of a path of beads."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    lo[0] = hi[0] = 0
    for i0, i1, j0, j1 in path:
        if i1 == i0:
            lo[i0] = min(lo[i0], j0)
            hi[i0] = max(hi[i0], j1)
            continue
        for i in range(i0, i1 + 1):
            j = j0 + (j1 - j0) * (i - i0) // (i1 - i0)
            lo[i] = min(lo[i], j)
            hi[i] = max(hi[i], j)
    return _monotone(lo - half_width, hi + half_width, m)


def _monotone(lo: np.ndarray, hi: np.ndarray, m: int) -> Band:
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # lo never decreases going down
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[-1] = m
    # consecutive rows must overlap so a 1-1 or 1-0 step always exists
    hi[:-1] = np.maximum(hi[:-1], lo[1:])
    return Band(lo, hi)


def bead_types(max_bead: int, max_side: int | None = None) -> tuple[tuple[int, int], ...]:
    """All a-b with a, b ≥ 1 and a + b ≤ max_bead (and each side ≤ max_side)."""
    side = max_side or max_bead - 1
    return tuple(
        (a, b)
        for a in range(1, side + 1)
        for b in range(1, side + 1)
        if a + b <= max_bead
    )


def search(
    costs: Mapping[tuple[int, int], np.ndarray],
    band: Band,
    skip: float,
) -> list[tuple[int, int, int, int]]:
    """The cheapest path of beads from (0, 0) to (n, m) through the band.

    ``costs[(a, b)]`` is a flat array over the band's cells: the cost of the bead of
    type a-b ending at each cell (inf where impossible). Skipping a sentence (a 1-0 or
    0-1 bead) costs ``skip``. Returns the beads as (src_start, src_end, tgt_start,
    tgt_end), in order.
    """
    kinds = [t for t in costs if t[0] >= 1 and t[1] >= 1]
    step = np.empty((len(kinds), band.size))
    for t, kind in enumerate(kinds):
        step[t] = costs[kind]
    return search_costs(kinds, step, band, skip)


def search_cells(
    costs: Mapping[tuple[int, int], tuple[np.ndarray, np.ndarray]],
    band: Band,
    skip: float,
) -> list[tuple[int, int, int, int]]:
    """:func:`search` with each bead type's costs given only where it can end:
    ``costs[(a, b)] = (cells, cost)`` (flat cell indices and their costs)."""
    kinds = [t for t in costs if t[0] >= 1 and t[1] >= 1]
    step = np.full((len(kinds), band.size), np.inf)
    for t, kind in enumerate(kinds):
        cells, cost = costs[kind]
        step[t, cells] = cost
    return search_costs(kinds, step, band, skip)


PRED_BLOCK = 1 << 16  # cells whose predecessors are computed at once


def search_costs(kinds: Sequence[tuple[int, int]], step: np.ndarray, band: Band,
                 skip: float) -> list[tuple[int, int, int, int]]:
    """:func:`search` with the costs as one array: ``step[t]`` holds the cost of a bead
    of type ``kinds[t]`` ending at each cell of the band (inf where impossible).

    Memory beyond ``step`` is a few bytes per cell: predecessors are computed for one
    block of rows at a time, and each cell keeps only its best type and whether a run
    of insertions reaches it."""
    kinds = list(kinds)
    n = band.n
    lo, hi = band.lo, band.hi
    offsets = band.offsets
    size = int(offsets[-1])
    types = [*kinds, (1, 0)]
    dist = np.full(size + 1, np.inf)  # the last cell: a sentinel holding +inf
    arg_all = np.empty(size, dtype=np.int8)  # best type of every cell, before insertions
    # whether a cell is best reached by its own bead (True) or by insertions from a cell
    # on its left: a run of insertions into a cell starts at the nearest True on its left
    own = np.empty(size, dtype=bool)
    widest = int((hi - lo).max()) + 1
    pos_skip = np.arange(widest) * skip
    for first, last in band.row_blocks(PRED_BLOCK):
        base = int(offsets[first])
        rows, _, js = band.cells(first, last)
        pred = np.empty((len(types), len(rows)), dtype=np.int64)
        for t, (a, b) in enumerate(types):
            p = band.index(rows - a, js - b)
            pred[t] = np.where(p >= 0, p, size)
        # the cost of each type's bead ending at each cell of the block, deletions last
        costs = np.empty((len(types), len(rows)))
        costs[:-1] = step[:, base:base + len(rows)]
        costs[-1] = skip
        del rows, js
        for i in range(first, last):
            s, e = int(offsets[i]), int(offsets[i + 1])
            w = e - s
            cand = dist[pred[:, s - base:e - base]]
            cand += costs[:, s - base:e - base]
            arg = cand.argmin(axis=0)
            best = cand.min(axis=0)
            if i == 0:
                best[0] = 0.0
                arg[0] = -1
            # insertions (0-1 beads) along the row: best[j] = min_j' best[j'] + (j - j') * skip
            ps = pos_skip[:w]
            shifted = best - ps
            run_min = np.minimum.accumulate(shifted)
            np.less_equal(shifted, run_min, out=own[s:e])
            np.add(run_min, ps, out=dist[s:e])
            arg_all[s:e] = arg
    beads: list[tuple[int, int, int, int]] = []
    i, j = n, int(hi[n])
    if not np.isfinite(dist[size - 1]):
        raise RuntimeError("no path through the band")  # pragma: no cover - band always connects
    while i > 0 or j > 0:
        col = j - int(lo[i])
        k = int(offsets[i]) + col
        if not own[k]:  # an insertion run ends here
            while not own[k]:
                k -= 1
            j0 = int(lo[i]) + k - int(offsets[i])
            beads.extend((i, i, jj - 1, jj) for jj in range(j, j0, -1))
            j = j0
            continue
        a, b = types[int(arg_all[k])]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    beads.reverse()
    return beads
