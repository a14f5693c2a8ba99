"""Evidence of the sentence pairs of a band: pooled over the scorers, stored at each row's
real width, with the per-cell sums the bead features of all bead types share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .scorers.base import Coverage, band_rowdot_flat, row_offsets
from .search import Band

if TYPE_CHECKING:  # pragma: no cover
    from .costs import Weights

__all__ = ["PairEvidence", "EvidenceSums", "evidence_sums", "pair_evidence", "gather_evidence", "BeadTerms",
           "bead_terms"]


@dataclass(frozen=True)
class PairEvidence:
    """Matched mass of the sentence pairs in a band, pooled over scorers, stored row after
    row at each row's real width: row k covers target sentences lo[k]..hi[k]-1, its
    entries start at ``offsets[k]``, its prefix sums (one more entry) at ``offsets[k] + k``."""

    lo: np.ndarray  # first target sentence of each source sentence's row
    hi: np.ndarray
    matched: np.ndarray  # weighted matched mass, prefix-summed along each row
    src_mass: np.ndarray  # (n + 1,) cumulative pooled source mass
    tgt_mass: np.ndarray  # (m + 1,)
    unit: float  # mean pooled mass of a sentence, the unit of the ``matched`` feature
    src_held: np.ndarray  # prefix sums of the matched mass source sentences hold
    tgt_held: np.ndarray  # matched mass target sentence lo[k] + c holds with source k (not summed)
    offsets: np.ndarray  # (n + 1,) start of each row in ``tgt_held``


@dataclass(frozen=True)
class EvidenceSums:
    """Weighted matched and held mass of some coverages over the sentence pairs of a band,
    before prefix sums (flat, each row at its real width: :func:`row_offsets`); more
    coverages can be added without recomputing these."""

    lo: np.ndarray  # (n,) first target sentence of each source sentence's row
    hi: np.ndarray
    src_held: np.ndarray  # matched mass source sentence k holds with target lo[k] + c
    tgt_held: np.ndarray  # matched mass target sentence lo[k] + c holds with source k
    src_mass: np.ndarray  # (n,) pooled source mass
    tgt_mass: np.ndarray  # (m,)


def evidence_sums(coverages: Sequence[Coverage], band: Band, max_src: int, max_tgt: int, n: int, m: int,
                  base: EvidenceSums | None = None) -> EvidenceSums:
    """The evidence of ``coverages`` in every sentence pair a bead inside ``band`` can
    contain, added to ``base`` (computed for the same band) when given."""
    if base is None:
        rows = np.arange(n)
        plo = np.maximum(0, band.lo[np.minimum(rows + 1, n)] - max_tgt)
        phi = np.minimum(m, band.hi[np.minimum(rows + max_src, n)])
        phi = np.maximum(phi, plo)
        total = int(row_offsets(plo, phi)[-1])
        src_held, tgt_held = np.zeros(total), np.zeros(total)
        src_mass, tgt_mass = np.zeros(n), np.zeros(m)
    else:
        plo, phi = base.lo, base.hi
        src_held, tgt_held = base.src_held.copy(), base.tgt_held.copy()
        src_mass, tgt_mass = base.src_mass.copy(), base.tgt_mass.copy()
    for cov in coverages:
        # a scorer's weight is the weight of a typical sentence holding its evidence,
        # whatever the number of tokens it counts (chrF n-grams or a few numbers)
        w = cov.weight / cov.typical_mass()
        for held, covers, out in ((cov.src_held, cov.tgt_covers, src_held), (cov.src_covers, cov.tgt_held, tgt_held)):
            if held is not None:  # (one-sided evidence: adding zeros changes nothing)
                part = band_rowdot_flat(held, covers, plo, phi)
                part *= w
                out += part
                del part
        src_mass += w * cov.src_mass
        tgt_mass += w * cov.tgt_mass
    return EvidenceSums(plo, phi, src_held, tgt_held, src_mass, tgt_mass)


def _row_prefix(flat: np.ndarray, offsets: np.ndarray, block: int = 2048) -> np.ndarray:
    """Prefix sums along each row of a flat ragged band (row k's, with a leading 0, at
    offsets[k] + k), summed row by row in blocks of padded rows."""
    n = len(offsets) - 1
    widths = np.diff(offsets)
    out = np.zeros(len(flat) + n)
    for k0 in range(0, n, block):
        k1 = min(n, k0 + block)
        w = widths[k0:k1]
        width = int(w.max()) if len(w) else 0
        if not width:
            continue
        inside = np.arange(width)[None, :] < w[:, None]
        dense = np.zeros((k1 - k0, width))
        dense[inside] = flat[offsets[k0]:offsets[k1]]
        np.cumsum(dense, axis=1, out=dense)
        # row k's sums go after its leading 0, k + 1 places on from its flat start
        dest = np.arange(offsets[k0], offsets[k1]) + np.repeat(np.arange(k0 + 1, k1 + 1), w)
        out[dest] = dense[inside]
    return out


def pair_evidence(sums: EvidenceSums) -> PairEvidence:
    """Prefix sums of the evidence, as the bead features read it."""
    offsets = row_offsets(sums.lo, sums.hi)
    n = len(sums.lo)
    prefix = _row_prefix(sums.src_held + sums.tgt_held, offsets)
    src_prefix = _row_prefix(sums.src_held, offsets)
    m = len(sums.tgt_mass)
    unit = float((sums.src_mass.sum() + sums.tgt_mass.sum()) / max(n + m, 1)) or 1.0
    return PairEvidence(
        sums.lo, sums.hi, prefix,
        np.concatenate([[0.0], np.cumsum(sums.src_mass)]),
        np.concatenate([[0.0], np.cumsum(sums.tgt_mass)]),
        unit, src_prefix, sums.tgt_held, offsets,
    )


def gather_evidence(coverages: Sequence[Coverage], band: Band, max_src: int, max_tgt: int,
                    n: int, m: int) -> PairEvidence:
    """Matched mass of every sentence pair that a bead inside ``band`` can contain."""
    return pair_evidence(evidence_sums(coverages, band, max_src, max_tgt, n, m))


class BeadTerms:
    """Per-cell sums the features of several bead types share, computed once for all
    cells of the band (each type then takes the cells where it can end)."""

    def __init__(self, ev: PairEvidence, band: Band | None, weights: Weights, rows: tuple[int, int] | None = None,
                 cells: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """The cells of ``band`` (of its rows ``rows[0]``..``rows[1]``-1 when given), or the
        explicit cells ``cells = (rows, target positions)``."""
        self.ev = ev
        if cells is not None:
            self.first_cell = 0
            self.rows, self.js = (np.asarray(c, dtype=np.int64) for c in cells)
        else:
            first, last = rows if rows is not None else (0, band.n + 1)
            self.first_cell = int(band.offsets[first])
            self.rows, _, self.js = band.cells(first, last)
        self.prior = weights.prior_mass * weights.prior_sim
        self.prior_mass = weights.prior_mass
        self._memo: dict[tuple, np.ndarray] = {}
        self._rows_up: dict[int, np.ndarray] = {}

    def _k(self, d: int) -> np.ndarray:
        """Source sentence d rows above each cell (clipped at 0 where there is none)."""
        if d not in self._rows_up:
            self._rows_up[d] = np.maximum(self.rows - d, 0)
        return self._rows_up[d]

    def _row(self, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For source sentence k = i-d of each cell: the cell's target position within
        k's row of the evidence (j - lo[k]), that row's width and its start."""
        def make() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            ev, k = self.ev, self._k(d)
            first = ev.offsets[k]
            return self.js - ev.lo[k], ev.offsets[k + 1] - first, first
        return self._get(("row", d), make)

    def _row_range(self, name: str, prefix: np.ndarray, d: int, b: int) -> np.ndarray:
        """Σ over target sentences j-b..j-1 of row i-d of a band array given as row prefix
        sums (row k's at offsets[k] + k)."""
        rel, width, first = self._row(d)
        start = self._get(("start", d), lambda: first + self._k(d))
        upper = self._get((name, "upper", d), lambda: prefix[start + np.minimum(np.maximum(rel, 0), width)])
        return upper - prefix[start + np.minimum(np.maximum(rel - b, 0), width)]

    def _get(self, key: tuple, make) -> np.ndarray:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = make()
        return found

    def matched(self, d: int, b: int) -> np.ndarray:
        """Matched mass of source sentence i-d with target sentences j-b..j-1."""
        return self._get(("matched", d, b), lambda: self._row_range("matched", self.ev.matched, d, b))

    def src_share(self, d: int, b: int) -> np.ndarray:
        """Smoothed share of source sentence i-d's mass matched by targets j-b..j-1."""
        def make() -> np.ndarray:
            k = self._k(d)
            held = self._row_range("src_held", self.ev.src_held, d, b)
            mass = self.ev.src_mass[k + 1] - self.ev.src_mass[k]
            return (held + self.prior) / (mass + self.prior_mass)
        return self._get(("src_share", d, b), make)

    def tgt_held(self, a: int, e: int) -> np.ndarray:
        """Matched mass target sentence j-e holds with source sentences i-a..i-1."""
        def make() -> np.ndarray:
            ev = self.ev
            before = np.zeros(len(self.rows)) if a == 1 else self.tgt_held(a - 1, e)
            if not len(ev.tgt_held):
                return before
            rel, width, first = self._row(a)
            c = rel - e
            inside = (c >= 0) & (c < width)
            at = np.minimum(np.maximum(first + c, 0), len(ev.tgt_held) - 1)
            return before + np.where(inside, ev.tgt_held[at], 0.0)
        return self._get(("tgt_held", a, e), make)

    def tgt_share(self, a: int, e: int) -> np.ndarray:
        """Smoothed share of target sentence j-e's mass matched by sources i-a..i-1."""
        def make() -> np.ndarray:
            l_ = np.maximum(self.js - e, 0)
            mass = self.ev.tgt_mass[l_ + 1] - self.ev.tgt_mass[l_]
            return (self.tgt_held(a, e) + self.prior) / (mass + self.prior_mass)
        return self._get(("tgt_share", a, e), make)


def bead_terms(ev: PairEvidence, band: Band, weights: Weights, rows: tuple[int, int] | None = None) -> BeadTerms:
    """The sums shared by the features of all bead types over one band (over the cells
    of rows ``rows[0]``..``rows[1]``-1 only, when given)."""
    return BeadTerms(ev, band, weights, rows)
