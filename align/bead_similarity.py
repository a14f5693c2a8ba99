"""A bead-level similarity: the cosine between the summed token-count vectors of a bead's
two sides (with ``--src-translation``: the character n-grams of the bead's joined machine
translation and of its joined target sentences, like chrF on the joined text).

Pooled evidence (:mod:`align.evidence`) scores a bead by what each sentence finds in
the other side; this scores the bead as one text. It stays linear: the dot product of
two summed vectors is the sum of the sentence-pair dot products (prefix-summed along
each row of the band like the pooled evidence), and each side's squared norm over a
window of consecutive sentences comes from the dot products of neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .evidence import PairEvidence, _row_prefix, _row_range
from .scorers.base import Coverage

__all__ = ["BeadSimilarity", "bead_similarity", "window_norms"]


def window_norms(x: sparse.csr_matrix, size: int) -> dict[int, np.ndarray]:
    """For each window size a in 1..size: ``out[a][i]`` = |x[i-a] + … + x[i-1]|² for
    i in a..n (0 below a), from the dot products of rows at most ``size - 1`` apart."""
    n = x.shape[0]
    lag_dots = [np.asarray(x.multiply(x).sum(axis=1)).ravel()]
    for lag in range(1, size):
        if lag >= n:
            lag_dots.append(np.zeros(0))
            continue
        lag_dots.append(np.asarray(x[:-lag].multiply(x[lag:]).sum(axis=1)).ravel())
    cums = [np.concatenate([[0.0], np.cumsum(d)]) for d in lag_dots]
    out: dict[int, np.ndarray] = {}
    i = np.arange(n + 1)
    for a in range(1, size + 1):
        total = np.zeros(n + 1)
        ok = i >= a
        ends = i[ok]
        total[ok] = cums[0][ends] - cums[0][ends - a]
        for lag in range(1, a):
            # pairs (r, r + lag) with i - a <= r and r + lag <= i - 1: r in i-a..i-1-lag
            c = cums[lag]
            hi = np.minimum(ends - lag, len(c) - 1)
            total[ok] += 2.0 * (c[hi] - c[ends - a])
        out[a] = total
    return out


@dataclass(frozen=True)
class BeadSimilarity:
    """What the cosine of any bead of the band needs: the sentence-pair dot products
    (row prefix sums, laid out like :class:`~align.evidence.PairEvidence`) and each
    side's squared window norms."""

    ev: PairEvidence
    prefix: np.ndarray
    src_norms: dict[int, np.ndarray]
    tgt_norms: dict[int, np.ndarray]

    def cosine(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Cosine of the beads of type a-b ending before source i and target j."""
        dot = sum(_row_range(self.ev, self.prefix, i - d, j, b) for d in range(1, a + 1))
        norm = np.sqrt(self.src_norms[a][i] * self.tgt_norms[b][j])
        return np.where(norm > 0, dot / np.maximum(norm, 1e-12), 0.0)


def bead_similarity(cov: Coverage, ev: PairEvidence, max_src: int, max_tgt: int) -> BeadSimilarity:
    """The bead similarity of ``cov`` (its ``src_held`` and ``tgt_covers`` count vectors)
    over the sentence pairs of ``ev``'s band."""
    ms, _ = cov.band_match_flat(ev.lo, ev.hi)
    return BeadSimilarity(ev, _row_prefix(ms, ev.offsets), window_norms(cov.src_held, max_src),
                          window_norms(cov.tgt_covers, max_tgt))
