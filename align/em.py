"""Translation probabilities by EM (IBM Model 1 over sets of units), vectorised.

Each aligned pair is a bag of distinct source units and a bag of distinct target
units. Model 1 explains every target unit by one source unit of its pair (or NULL);
EM estimates p(t | s) from the expected counts. Run in both directions, the two
tables give links that hold when each side explains the other (a word that co-occurs
with everything, or a rare word that happens to share a few pairs with another rare
one, gets its mass taken by a better explanation, which Dice cannot do).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

__all__ = ["Cooccurrence", "model1", "em_links"]

MAX_PAIRS = 8000  # EM on more pairs than this uses an evenly spaced sample (bounded memory)


@dataclass(frozen=True)
class Cooccurrence:
    """Every (pair, source unit, target unit) of the pairs, as flat arrays.

    ``cell`` numbers the distinct (source, target) unit combinations; ``s_of``/``t_of``
    give the units of each cell. Source unit ``n_src`` and target unit ``n_tgt`` are NULL.
    """

    n_src: int
    n_tgt: int
    pair: np.ndarray  # (instances,) pair index
    cell: np.ndarray  # (instances,) cell index
    s_of: np.ndarray  # (cells,) source unit
    t_of: np.ndarray  # (cells,) target unit
    src_key: np.ndarray  # (instances,) index of (pair, target unit): the groups Model 1 s→t normalises
    tgt_key: np.ndarray  # (instances,) index of (pair, source unit)

    @classmethod
    def build(cls, src: Sequence[Sequence[int]], tgt: Sequence[Sequence[int]], n_src: int, n_tgt: int) -> "Cooccurrence":
        """From the unit ids of each pair's two sides (NULL is added to both)."""
        ps, ss, ts = [], [], []
        for k, (a, b) in enumerate(zip(src, tgt)):
            a = np.append(np.asarray(a, dtype=np.int64), n_src)
            b = np.append(np.asarray(b, dtype=np.int64), n_tgt)
            ps.append(np.full(len(a) * len(b), k, dtype=np.int64))
            ss.append(np.repeat(a, len(b)))
            ts.append(np.tile(b, len(a)))
        pair = np.concatenate(ps) if ps else np.zeros(0, dtype=np.int64)
        s = np.concatenate(ss) if ss else np.zeros(0, dtype=np.int64)
        t = np.concatenate(ts) if ts else np.zeros(0, dtype=np.int64)
        keep = ~((s == n_src) & (t == n_tgt))
        pair, s, t = pair[keep], s[keep], t[keep]
        cells, cell = np.unique(s * (n_tgt + 1) + t, return_inverse=True)
        _, src_key = np.unique(pair * (n_tgt + 1) + t, return_inverse=True)
        _, tgt_key = np.unique(pair * (n_src + 1) + s, return_inverse=True)
        return cls(n_src, n_tgt, pair, cell.astype(np.int64), cells // (n_tgt + 1), cells % (n_tgt + 1),
                   src_key.astype(np.int64), tgt_key.astype(np.int64))


def _group_sums(key: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Σ w over each instance's group (1 where the group holds nothing, to divide by)."""
    sums = np.bincount(key, weights=w)[key]
    return np.where(sums > 0, sums, 1.0)


def model1(co: Cooccurrence, forward: bool, iterations: int = 5) -> np.ndarray:
    """p(target | source) per cell when ``forward``, else p(source | target)."""
    cond = co.s_of if forward else co.t_of  # the unit conditioned on
    key = co.src_key if forward else co.tgt_key  # the unit explained, within its pair
    explained_null = (co.s_of == co.n_src) if not forward else (co.t_of == co.n_tgt)
    prob = np.ones(len(co.s_of))
    n_cond = (co.n_src if forward else co.n_tgt) + 1
    for _ in range(iterations):
        w = prob[co.cell]
        post = w / _group_sums(key, w)
        counts = np.bincount(co.cell, weights=post, minlength=len(prob))
        counts[explained_null] = 0.0  # NULL is never explained, it only explains
        totals = np.bincount(cond, weights=counts, minlength=n_cond)
        prob = counts / np.maximum(totals[cond], 1e-12)
    return prob


def em_links(src: Sequence[Sequence[int]], tgt: Sequence[Sequence[int]], n_src: int, n_tgt: int,
             min_prob: float = 0.1, min_count: float = 1.5, iterations: int = 5):
    """Links (source unit, target unit, strength) where both directions of Model 1 give
    at least ``min_prob`` and the expected count is at least ``min_count``.

    Strength is the geometric mean of the two probabilities.
    """
    if len(src) > MAX_PAIRS:
        pick = np.linspace(0, len(src) - 1, MAX_PAIRS).round().astype(int)
        src = [src[k] for k in pick]
        tgt = [tgt[k] for k in pick]
    co = Cooccurrence.build(src, tgt, n_src, n_tgt)
    if not len(co.cell):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    fwd = model1(co, True, iterations)
    bwd = model1(co, False, iterations)
    # expected number of pairs in which s explains t (forward posterior summed)
    w = fwd[co.cell]
    post = w / _group_sums(co.src_key, w)
    expected = np.bincount(co.cell, weights=post, minlength=len(fwd))
    real = (co.s_of < n_src) & (co.t_of < n_tgt)
    keep = real & (fwd >= min_prob) & (bwd >= min_prob) & (expected >= min_count)
    return co.s_of[keep], co.t_of[keep], np.sqrt(fwd[keep] * bwd[keep])
