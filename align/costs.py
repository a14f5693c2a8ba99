"""From scorer evidence to bead scores and DP costs, for the cells of a band.

The evidence of all scorers is pooled: for a candidate bead, the weighted mass its
two sides match, over the weighted mass they hold (smoothed towards a prior for
sentences with little evidence). A length model (Gale-Church, with the ratio and
variance estimated from the pair) and paragraph boundaries adjust the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import erf, sqrt
from typing import Sequence

import numpy as np

from .scorers.base import Coverage
from .search import Band

__all__ = ["LengthModel", "CostModel", "PairEvidence", "gather_evidence", "bead_scores"]


@dataclass(frozen=True)
class LengthModel:
    """Target length ≈ ratio × source length, with variance ``var`` per unit of length."""

    ratio: float
    var: float

    @classmethod
    def from_totals(cls, src_lengths: np.ndarray, tgt_lengths: np.ndarray, var: float = 6.8) -> "LengthModel":
        s, t = float(src_lengths.sum()), float(tgt_lengths.sum())
        ratio = t / s if s > 0 and t > 0 else 1.0
        return cls(ratio, var)

    def refit(self, src_len: np.ndarray, tgt_len: np.ndarray) -> "LengthModel":
        """Re-estimate ratio and variance from lengths of confidently aligned beads."""
        ok = (src_len > 0) & (tgt_len > 0)
        if ok.sum() < 10:
            return self
        s, t = src_len[ok], tgt_len[ok]
        ratio = float(t.sum() / s.sum())
        resid = (t - ratio * s) ** 2 / (s * ratio)
        # robust: median of squared standardized residuals, scaled to a variance
        var = float(np.median(resid) / 0.455)
        return LengthModel(ratio, min(max(var, 0.5), 50.0))

    def log_prob(self, src_len: np.ndarray, tgt_len: np.ndarray) -> np.ndarray:
        """log P(|δ| ≥ observed) of the Gale-Church δ, in nats (0 for a perfect ratio)."""
        mean = (src_len * self.ratio + tgt_len) / 2.0
        delta = (tgt_len - src_len * self.ratio) / np.sqrt(self.var * np.maximum(mean, 1.0))
        p = 1.0 - _erf(np.abs(delta) / sqrt(2.0))
        return np.log(np.maximum(p, 1e-12))


_verf = np.vectorize(erf, otypes=[np.float64])


def _erf(x: np.ndarray) -> np.ndarray:
    try:
        from scipy.special import erf as sp_erf

        return sp_erf(x)
    except ImportError:  # pragma: no cover
        return _verf(x)


@dataclass(frozen=True)
class CostModel:
    """How evidence, length and bead shape make a bead's score and cost."""

    prior_mass: float = 1.0
    prior_sim: float = 0.2
    length_weight: float = 0.1
    merge_penalty: float = 0.05
    paragraph_penalty: float = 0.3
    skip: float = 0.3


@dataclass(frozen=True)
class PairEvidence:
    """Matched mass of the sentence pairs in a band, as row prefix sums, per scorer."""

    lo: np.ndarray  # first target sentence of each source sentence's row
    hi: np.ndarray
    matched: np.ndarray  # (n, width + 1) weighted matched mass, pooled over scorers, prefix-summed
    src_mass: np.ndarray  # (n + 1,) cumulative pooled source mass
    tgt_mass: np.ndarray  # (m + 1,)


def gather_evidence(coverages: Sequence[Coverage], band: Band, max_src: int, max_tgt: int,
                    n: int, m: int) -> PairEvidence:
    """Matched mass of every sentence pair that a bead inside ``band`` can contain."""
    rows = np.arange(n)
    plo = np.maximum(0, band.lo[np.minimum(rows + 1, n)] - max_tgt)
    phi = np.minimum(m, band.hi[np.minimum(rows + max_src, n)])
    phi = np.maximum(phi, plo)
    width = int((phi - plo).max()) if n else 0
    matched = np.zeros((n, width))
    src_mass = np.zeros(n)
    tgt_mass = np.zeros(m)
    for cov in coverages:
        ms, mt = cov.band_match(plo, phi, width)
        matched += cov.weight * (ms + mt)
        src_mass += cov.weight * cov.src_mass
        tgt_mass += cov.weight * cov.tgt_mass
    prefix = np.zeros((n, width + 1))
    np.cumsum(matched, axis=1, out=prefix[:, 1:])
    return PairEvidence(
        plo, phi, prefix,
        np.concatenate([[0.0], np.cumsum(src_mass)]),
        np.concatenate([[0.0], np.cumsum(tgt_mass)]),
    )


def _span_matched(ev: PairEvidence, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
    """Σ matched mass over source sentences i-a..i-1 × target sentences j-b..j-1."""
    total = np.zeros(len(i))
    width = ev.matched.shape[1] - 1
    for d in range(1, a + 1):
        k = i - d
        off = ev.lo[k]
        c1 = np.clip(j - off, 0, width)
        c0 = np.clip(j - b - off, 0, width)
        total += ev.matched[k, c1] - ev.matched[k, c0]
    return total


def bead_scores(
    ev: PairEvidence,
    i: np.ndarray,
    j: np.ndarray,
    a: int,
    b: int,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    length: LengthModel,
    model: CostModel,
) -> tuple[np.ndarray, np.ndarray]:
    """(similarity in [0, 1], length log-probability) of beads a-b ending at cells (i, j).

    ``src_len``/``tgt_len`` are cumulative sentence lengths (length n + 1 and m + 1).
    """
    matched = _span_matched(ev, i, j, a, b)
    mass = ev.src_mass[i] - ev.src_mass[i - a] + ev.tgt_mass[j] - ev.tgt_mass[j - b]
    sim = (matched + model.prior_mass * model.prior_sim) / (mass + model.prior_mass)
    sim = np.clip(sim, 0.0, 1.0)
    ls = src_len[i] - src_len[i - a]
    lt = tgt_len[j] - tgt_len[j - b]
    return sim, length.log_prob(ls, lt)
