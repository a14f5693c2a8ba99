"""A learned bead model: the linear weights of the bead features fitted to gold alignments.

A bead's score is a linear function of its features (:data:`align.costs.FEATURES`) and
of its type (the biases of :class:`~align.costs.Weights`); the search maximises the
sum over a path. Training is a regularised logistic regression on *contrasts*: where
the decoded path and the gold path part (between two boundaries they share), the
feature sum of the gold beads minus that of the decoded beads is one example, and the
model is asked to score the gold side higher. Decoding with the new weights finds new
competitors; examples accumulate over rounds (a cutting-plane scheme), so the fit
converges to weights that rank the gold path above the paths the search actually
prefers. The skip score and the paragraph weight stay fixed (the training sets have
almost no deletions and no paragraphs), and so does the similarity weight, which
sets the scale of the score: the logistic regression learns that scale as one more
coefficient and its result is divided by it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Protocol, Sequence

import numpy as np

from .costs import FEATURES, BeadFeatures, Weights
from .search import Band

__all__ = ["PARAMS", "LEARNED", "TrainingDoc", "bead_vector", "contrasts", "fit_contrasts", "weights_from",
           "params_of", "train_weights", "training_f1"]

Span = tuple[int, int, int, int]  # i0, i1, j0, j1

PARAMS = (*FEATURES, "one_to_one", "merge", "merge_more", "many_to_many", "skip")
FIXED = ("sim", "paragraph", "skip")  # sim fixes the scale; see the module docstring
LEARNED = tuple(p for p in PARAMS if p not in FIXED)
STEPS = (1.0, 0.5, 0.25, 0.1)  # the line search of each round, as shares of the way to the fit


class TrainingDoc(Protocol):
    """A document with gold beads whose features can be prepared under given weights."""

    gold_spans: Sequence[Span]
    feats: dict[tuple[int, int], BeadFeatures]
    band: Band

    def prepare(self, w: Weights) -> None: ...

    def decode(self, w: Weights) -> list[Span]: ...

    def comparable(self, path: Sequence[Span]) -> list[Span]: ...


def params_of(w: Weights) -> np.ndarray:
    """The weights as a vector over :data:`PARAMS`."""
    return np.array([*w.vector(), w.one_to_one, w.merge, w.merge_more, w.many_to_many, w.skip])


def weights_from(base: Weights, theta: np.ndarray) -> Weights:
    """``base`` with the values of ``theta`` (over :data:`PARAMS`), rounded to 4 places."""
    return replace(base, **{name: round(float(v), 4) for name, v in zip(PARAMS, theta)})


def bead_vector(feats: dict[tuple[int, int], BeadFeatures], band: Band, span: Span) -> np.ndarray | None:
    """The bead's values over :data:`PARAMS` (its score is this · params); None when the
    bead is not a candidate of the search (outside the band, or too large)."""
    i0, i1, j0, j1 = span
    a, b = i1 - i0, j1 - j0
    out = np.zeros(len(PARAMS))
    if a == 0 or b == 0:
        out[-1] = a + b
        return out
    f = feats.get((a, b))
    if f is None:
        return None
    cell = int(band.index(np.array([i1]), np.array([j1]))[0])
    pos = int(np.searchsorted(f.cells, cell))
    if cell < 0 or pos >= len(f.cells) or f.cells[pos] != cell:
        return None
    extra = a + b - 2
    out[: len(FEATURES)] = f.values[pos]
    base = len(FEATURES)
    out[base] = extra == 0
    out[base + 1] = extra
    out[base + 2] = max(extra - 1, 0)
    out[base + 3] = a > 1 and b > 1
    return out


def _regions(gold: Sequence[Span], test: Sequence[Span]) -> list[tuple[list[Span], list[Span]]]:
    """The stretches between boundaries both paths share where their beads differ."""
    out = []
    g = t = 0
    while g < len(gold) and t < len(test):
        if gold[g] == test[t]:
            g, t = g + 1, t + 1
            continue
        gs, ts = [gold[g]], [test[t]]
        while (gs[-1][1], gs[-1][3]) != (ts[-1][1], ts[-1][3]):
            ge, te = (gs[-1][1], gs[-1][3]), (ts[-1][1], ts[-1][3])
            if ge[0] + ge[1] <= te[0] + te[1] and g + len(gs) < len(gold):
                gs.append(gold[g + len(gs)])
            elif t + len(ts) < len(test):
                ts.append(test[t + len(ts)])
            else:
                break
        out.append((gs, ts))
        g, t = g + len(gs), t + len(ts)
    return out


def contrasts(doc: TrainingDoc, path: Sequence[Span]) -> list[np.ndarray]:
    """Gold minus decoded feature sums over each stretch where the decoding is wrong
    (as scored: ``doc.comparable`` merges what the evaluation merges)."""
    wrong = _regions(list(doc.gold_spans), doc.comparable(path))
    out = []
    for gold_part, test_part in wrong:
        lo, hi = (test_part[0][0], test_part[0][2]), (test_part[-1][1], test_part[-1][3])
        inside = [s for s in path if s[0] >= lo[0] and s[2] >= lo[1] and s[1] <= hi[0] and s[3] <= hi[1]]
        vecs_g = [bead_vector(doc.feats, doc.band, s) for s in gold_part]
        vecs_t = [bead_vector(doc.feats, doc.band, s) for s in inside]
        if any(v is None for v in vecs_g) or any(v is None for v in vecs_t):
            continue  # a gold bead the search cannot produce teaches nothing
        out.append(np.sum(vecs_g, axis=0) - np.sum(vecs_t, axis=0))
    return out


def _paths(a: int, b: int, max_bead: int, skips: bool = False) -> list[list[tuple[int, int]]]:
    """Every way to cover an a × b block with beads (types up to ``max_bead`` sentences;
    one-sided beads only when ``skips``)."""
    if a == 0 and b == 0:
        return [[]]
    out = []
    for da in range(0, a + 1):
        for db in range(0, b + 1):
            if 0 < da + db <= max_bead and (da == 0 or db == 0) <= (da + db == 1 and skips):
                out += [[(da, db), *rest] for rest in _paths(a - da, b - db, max_bead, skips)]
    return out


def local_contrasts(doc: TrainingDoc, window: int = 2, max_size: int = 7, max_bead: int = 5) -> list[np.ndarray]:
    """Gold minus competitor feature sums for every other way of covering the block of
    one or ``window`` consecutive gold beads (blocks up to ``max_size`` sentences)."""
    gold = list(doc.gold_spans)
    vec = [bead_vector(doc.feats, doc.band, s) for s in gold]
    out = []
    for k in range(len(gold)):
        for w in range(1, window + 1):
            part = gold[k:k + w]
            if len(part) < w or any(v is None for v in vec[k:k + w]):
                break
            i0, j0, i1, j1 = part[0][0], part[0][2], part[-1][1], part[-1][3]
            if (i1 - i0) + (j1 - j0) > max_size:
                break
            g = np.sum(vec[k:k + w], axis=0)
            own = [(s[1] - s[0], s[3] - s[2]) for s in part]
            for path in _paths(i1 - i0, j1 - j0, max_bead):
                if path == own:
                    continue
                i, j, total = i0, j0, np.zeros(len(PARAMS))
                for da, db in path:
                    v = bead_vector(doc.feats, doc.band, (i, i + da, j, j + db))
                    if v is None:
                        break
                    total += v
                    i, j = i + da, j + db
                else:
                    out.append(g - total)
    return out


def fit_contrasts(deltas: np.ndarray, theta: np.ndarray, l2: float, weight: np.ndarray | None = None,
                  fixed: Sequence[str] = FIXED) -> np.ndarray:
    """Logistic regression on the contrasts: minimise Σ weight · log(1 + exp(−margin)) +
    l2/2 · |learned|², where margin = α · (Δ_fixed · θ_fixed) + Δ_learned · learned.

    The fixed parameters (similarity, paragraph, skip) enter as one feature whose
    coefficient α sets the scale; the result is divided by α, so the fixed parameters
    keep their values in ``theta`` and the others come out on the same scale.
    """
    from scipy.optimize import minimize

    learned = np.array([p not in fixed for p in PARAMS])
    x = np.column_stack([deltas[:, ~learned] @ theta[~learned], deltas[:, learned]])
    weight = np.ones(len(deltas)) if weight is None else weight
    penalty = np.ones(x.shape[1])
    penalty[0] = 0.0  # the scale is not shrunk

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        margin = x @ w
        value = weight @ np.logaddexp(0.0, -margin) + 0.5 * l2 * (penalty * w) @ w
        grad = -(x.T @ (weight / (1.0 + np.exp(margin)))) + l2 * penalty * w
        return float(value), grad

    init = np.concatenate([[1.0], theta[learned]])
    bounds = [(1e-3, None)] + [(None, None)] * int(learned.sum())
    res = minimize(loss, init, jac=True, method="L-BFGS-B", bounds=bounds)
    out = theta.copy()
    out[learned] = res.x[1:] / res.x[0]
    return out


def train_weights(docs: Sequence[TrainingDoc], start: Weights, l2: float = 1.0, rounds: int = 6,
                  decoded_weight: float = 20.0, fixed: Sequence[str] = FIXED,
                  log: Callable[[str], None] = lambda _: None) -> Weights:
    """Weights fitted to the gold beads of ``docs`` from ``start`` (whose ``fixed``
    weights, scorer weights and priors are kept).

    Each round fits the logistic regression to the contrasts found so far, then moves
    from the current weights towards its fit by the step (of :data:`STEPS`) whose
    weights decode the training documents best; it stops when no step beats the current
    weights (the fit is a surrogate of F1, and its full step often decodes worse)."""
    w = start
    decoded: list[np.ndarray] = []
    for rnd in range(rounds):
        local: list[np.ndarray] = []
        paths = []
        for d in docs:
            d.prepare(w)
            local += local_contrasts(d)
            paths.append(d.decode(w))
            decoded += contrasts(d, paths[-1])
        f1 = training_f1(docs, paths)
        log(f"round {rnd}: training strict F1 {f1:.4f}, {len(decoded)} wrong stretches so far, "
            f"{len(local)} local contrasts")
        pool = local + decoded
        if not pool:
            break
        weight = np.concatenate([np.ones(len(local)), np.full(len(decoded), decoded_weight)])
        theta = params_of(w)
        fit = fit_contrasts(np.array(pool), theta, l2, weight, fixed)
        tried = [(training_f1(docs, [d.decode(c) for d in docs]), c)
                 for c in (weights_from(start, theta + t * (fit - theta)) for t in STEPS)]
        best_f1, best = max(tried, key=lambda fc: fc[0])
        log(f"  steps {STEPS}: training strict F1 {', '.join(f'{f:.4f}' for f, _ in tried)}")
        if best_f1 <= f1 + 1e-4:
            break
        w = best
    return w


def training_f1(docs: Sequence[TrainingDoc], paths: Sequence[Sequence[Span]]) -> float:
    """Mean strict F1 of decoded ``paths`` against the gold of ``docs``, each document
    weighing the same (bible-5k would otherwise outweigh MAC-Dev four to one)."""
    from .evaluate import score_alignments

    def pairs(spans: Sequence[Span]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        return [(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in spans]

    return float(np.mean([score_alignments([pairs(d.gold_spans)], [pairs(d.comparable(p))]).f1_strict
                          for d, p in zip(docs, paths)]))

