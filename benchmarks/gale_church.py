"""Gale & Church (1993) length-based alignment: the classic baseline, measured beside duiqi.

Bead types 1-1, 1-0, 0-1, 2-1, 1-2, 2-2 with the paper's priors; lengths in characters;
the target/source ratio estimated from the document (the paper's c = 1 assumes
European pairs), variance s² = 6.8. Full DP (quadratic), as in the original.
"""

from __future__ import annotations

import math
from typing import Sequence

from corpora import Bead

PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}
VARIANCE = 6.8


def _norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _cost(ls: float, lt: float, ratio: float, kind: tuple[int, int]) -> float:
    if ls == 0 and lt == 0:
        return 0.0
    mean = (ls + lt / ratio) / 2.0
    delta = (lt - ls * ratio) / math.sqrt(VARIANCE * ratio * max(mean, 1.0))
    p = 2.0 * (1.0 - _norm_cdf(abs(delta)))
    return -math.log(max(p, 1e-300)) - math.log(PRIORS[kind])


def gale_church(src: Sequence[str], tgt: Sequence[str]) -> list[Bead]:
    """Beads of the Gale-Church alignment of two sentence lists."""
    ls = [len(s) for s in src]
    lt = [len(t) for t in tgt]
    ratio = (sum(lt) / sum(ls)) if sum(ls) and sum(lt) else 1.0
    n, m = len(src), len(tgt)
    inf = float("inf")
    dist = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    dist[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            for a, b in PRIORS:
                if i < a or j < b:
                    continue
                prev = dist[i - a][j - b]
                if prev == inf:
                    continue
                c = prev + _cost(sum(ls[i - a:i]), sum(lt[j - b:j]), ratio, (a, b))
                if c < best:
                    best, arg = c, (a, b)
            dist[i][j], back[i][j] = best, arg
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = back[i][j]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    return beads
