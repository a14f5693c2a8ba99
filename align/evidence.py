"""From scorer coverages to the pooled evidence of the sentence pairs in a band.

Every scorer's :class:`~align.scorers.base.Coverage` is weighted (by the mass of a
typical sentence holding its evidence) and summed; the bead features then read the
sums as prefix sums along each row of the band.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .scorers.base import Coverage, row_offsets
from .search import Band

__all__ = ["PairEvidence", "EvidenceSums", "evidence_sums", "pair_evidence", "gather_evidence"]


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
        ms, mt = cov.band_match_flat(plo, phi)
        src_held += w * ms
        tgt_held += w * mt
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
        r, c = np.nonzero(inside)
        out[offsets[k0 + r] + (k0 + r) + 1 + c] = dense[r, c]
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
