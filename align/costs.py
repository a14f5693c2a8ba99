"""From scorer evidence to bead scores and DP costs, for the cells of a band.

The evidence of all scorers is pooled: for a candidate bead, the weighted mass its
two sides match, over the weighted mass they hold (smoothed towards a prior for
sentences with little evidence). A length model (Gale-Church, with the ratio and
variance estimated from the pair) and paragraph boundaries adjust the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .scorers.base import Coverage
from .search import Band

__all__ = ["LengthModel", "Weights", "Feature", "REGISTRY", "BEAD_FEATURES", "BEAD_BIASES", "SMOOTHING", "FEATURES",
           "PairEvidence", "BeadFeatures", "SideContext", "gather_evidence",
           "bead_features", "bead_costs"]


@dataclass(frozen=True)
class LengthModel:
    """Target length ≈ ratio × source length, on a log scale.

    z = log(target / (ratio × source)) / sd, with sd² = scale × (0.04 + 1.46 / L) where
    L is the bead's length in source units: short beads vary much more than long ones.
    The constants were measured on Chinese-English character counts; ``scale`` adapts
    them to a document. The log-probability uses a Student-t (3 degrees of freedom),
    whose heavy tails do not let one free rendering veto a bead.
    """

    ratio: float
    scale: float = 1.0

    @classmethod
    def from_totals(cls, src_lengths: np.ndarray, tgt_lengths: np.ndarray) -> "LengthModel":
        s, t = float(src_lengths.sum()), float(tgt_lengths.sum())
        ratio = t / s if s > 0 and t > 0 else 1.0
        return cls(ratio)

    def _z(self, src_len: np.ndarray, tgt_len: np.ndarray, scale: float) -> np.ndarray:
        units = np.maximum((src_len + tgt_len / self.ratio) / 2.0, 1.0)
        sd = np.sqrt(scale * (0.04 + 1.46 / units))
        return np.log((tgt_len + 1.0) / (self.ratio * src_len + 1.0)) / sd

    def refit(self, src_len: np.ndarray, tgt_len: np.ndarray) -> "LengthModel":
        """Re-estimate ratio and scale from lengths of confidently aligned beads."""
        ok = (src_len > 0) & (tgt_len > 0)
        if ok.sum() < 10:
            return self
        s, t = src_len[ok], tgt_len[ok]
        fitted = LengthModel(float(t.sum() / s.sum()))
        z = fitted._z(s, t, 1.0)
        # robust: the median of z² of a standard normal is 0.455
        scale = float(np.median(z**2) / 0.455)
        return LengthModel(fitted.ratio, min(max(scale, 0.3), 3.0))

    def log_prob(self, src_len: np.ndarray, tgt_len: np.ndarray) -> np.ndarray:
        """Log-density (up to a constant, 0 for a perfect ratio) of the bead's length ratio."""
        z = self._z(src_len, tgt_len, self.scale)
        return -2.0 * np.log1p(z**2 / 3.0)


# A bead's confidence: the probability that it is right, logistic in its similarity,
# length log-probability and size; fitted on MAC-Dev by
# `benchmarks/tune_weights.py --calibrate --from-defaults`.
CONFIDENCE = (1.635, 2.807, 0.519, -0.696)



@dataclass(frozen=True)
class Feature:
    """A weight of the bead scores: its name (its :class:`Weights` field), default, kind
    (``feature`` of a bead, ``bias`` of a bead type, or ``smoothing`` of the similarity)
    and meaning."""

    name: str
    default: float
    kind: str
    doc: str


# The registry of the weights: bead features (in the order of BeadFeatures.values'
# columns), the scores of bead types, and the smoothing of the similarity. The one
# place to add a feature (then compute it in ``bead_features``; the tuner picks it up).
REGISTRY: tuple[Feature, ...] = (
    Feature("sim", 1.0, "feature", "pooled evidence matched inside the bead over the evidence it holds"),
    Feature("sim_extra", 0.0, "feature", "sim once more per sentence beyond the first two"),
    Feature("length", 0.1, "feature", "log-probability of the length ratio"),
    Feature("length_extra", 0.0, "feature", "length once more per sentence beyond the first two"),
    Feature("paragraph", -0.3, "feature", "paragraph boundaries the bead crosses"),
    Feature("quote", 0.0, "feature", "1 when one side starts inside a quotation and the other does not"),
    Feature("ratio", 0.0, "feature", "(target - source sentences) × log of the document's sentence ratio"),
    Feature("matched", 0.0, "feature", "matched evidence in units of a mean sentence's evidence"),
    Feature("weakest", 0.0, "feature", "smallest share of its evidence any sentence of the bead finds matched"),
    Feature("skip", -0.3, "bias", "score of a 1-0 or 0-1 bead"),
    Feature("one_to_one", 0.0, "bias", "score added to a 1-1 bead"),
    Feature("merge", 0.0, "bias", "per sentence beyond two"),
    Feature("merge_more", 0.0, "bias", "per sentence beyond three"),
    Feature("many_to_many", 0.0, "bias", "when both sides hold several sentences"),
    Feature("prior_mass", 1.0, "smoothing", "evidence mass of the prior"),
    Feature("prior_sim", 0.2, "smoothing", "similarity of the prior"),
)
BEAD_FEATURES = tuple(f for f in REGISTRY if f.kind == "feature")
BEAD_BIASES = tuple(f for f in REGISTRY if f.kind == "bias")
SMOOTHING = tuple(f for f in REGISTRY if f.kind == "smoothing")
FEATURES = tuple(f.name for f in BEAD_FEATURES)
_DEFAULTS = {f.name: f.default for f in REGISTRY}


@dataclass(frozen=True)
class Weights:
    """Weights of the bead features; a bead's score is their weighted sum.

    ``sim_extra``/``length_extra`` weigh the similarity and length features once more
    per sentence beyond the first two. Each bead type gets a bias: ``one_to_one`` for
    1-1; otherwise ``merge`` per sentence beyond two, ``merge_more`` per sentence beyond
    three, and ``many_to_many`` when both sides hold several sentences (few parameters,
    so that they generalize). ``skip`` is the score of a 1-0 or 0-1 bead; ``scorers``
    weighs each scorer's evidence in the pooled similarity; ``prior_mass`` and
    ``prior_sim`` smooth the similarity of sentences with little evidence.
    """

    sim: float = _DEFAULTS["sim"]
    sim_extra: float = _DEFAULTS["sim_extra"]
    length: float = _DEFAULTS["length"]
    length_extra: float = _DEFAULTS["length_extra"]
    paragraph: float = _DEFAULTS["paragraph"]
    quote: float = _DEFAULTS["quote"]
    ratio: float = _DEFAULTS["ratio"]
    matched: float = _DEFAULTS["matched"]
    weakest: float = _DEFAULTS["weakest"]
    skip: float = _DEFAULTS["skip"]
    one_to_one: float = _DEFAULTS["one_to_one"]
    merge: float = _DEFAULTS["merge"]
    merge_more: float = _DEFAULTS["merge_more"]
    many_to_many: float = _DEFAULTS["many_to_many"]
    prior_mass: float = _DEFAULTS["prior_mass"]
    prior_sim: float = _DEFAULTS["prior_sim"]
    scorers: tuple[tuple[str, float], ...] = ()

    def scorer(self, name: str, default: float = 1.0) -> float:
        """The weight of the evidence of scorer ``name``."""
        return dict(self.scorers).get(name, default)

    def vector(self) -> np.ndarray:
        """The weights of FEATURES, in order."""
        return np.array([getattr(self, name) for name in FEATURES])

    def bias(self, kind: tuple[int, int]) -> float:
        """The score added to every bead of type ``kind``."""
        a, b = kind
        extra = a + b - 2
        if extra == 0:
            return self.one_to_one
        return self.merge * extra + self.merge_more * (extra - 1) + (self.many_to_many if a > 1 and b > 1 else 0.0)


@dataclass(frozen=True)
class PairEvidence:
    """Matched mass of the sentence pairs in a band, as row prefix sums, per scorer."""

    lo: np.ndarray  # first target sentence of each source sentence's row
    hi: np.ndarray
    matched: np.ndarray  # (n, width + 1) weighted matched mass, pooled over scorers, prefix-summed
    src_mass: np.ndarray  # (n + 1,) cumulative pooled source mass
    tgt_mass: np.ndarray  # (m + 1,)
    unit: float  # mean pooled mass of a sentence, the unit of the ``matched`` feature
    src_held: np.ndarray  # (n, width + 1) prefix sums of the matched mass source sentences hold
    tgt_held: np.ndarray  # (n, width) matched mass target sentence lo[k] + c holds with source k


def gather_evidence(coverages: Sequence[Coverage], band: Band, max_src: int, max_tgt: int,
                    n: int, m: int) -> PairEvidence:
    """Matched mass of every sentence pair that a bead inside ``band`` can contain."""
    rows = np.arange(n)
    plo = np.maximum(0, band.lo[np.minimum(rows + 1, n)] - max_tgt)
    phi = np.minimum(m, band.hi[np.minimum(rows + max_src, n)])
    phi = np.maximum(phi, plo)
    width = int((phi - plo).max()) if n else 0
    src_held = np.zeros((n, width))
    tgt_held = np.zeros((n, width))
    src_mass = np.zeros(n)
    tgt_mass = np.zeros(m)
    for cov in coverages:
        # a scorer's weight is the weight of a typical sentence holding its evidence,
        # whatever the number of tokens it counts (chrF n-grams or a few numbers)
        w = cov.weight / cov.typical_mass()
        ms, mt = cov.band_match(plo, phi, width)
        src_held += w * ms
        tgt_held += w * mt
        src_mass += w * cov.src_mass
        tgt_mass += w * cov.tgt_mass
    prefix = np.zeros((n, width + 1))
    np.cumsum(src_held + tgt_held, axis=1, out=prefix[:, 1:])
    src_prefix = np.zeros((n, width + 1))
    np.cumsum(src_held, axis=1, out=src_prefix[:, 1:])
    unit = float((src_mass.sum() + tgt_mass.sum()) / max(n + m, 1)) or 1.0
    return PairEvidence(
        plo, phi, prefix,
        np.concatenate([[0.0], np.cumsum(src_mass)]),
        np.concatenate([[0.0], np.cumsum(tgt_mass)]),
        unit, src_prefix, tgt_held,
    )


def _row_range(prefix: np.ndarray, lo: np.ndarray, k: np.ndarray, j: np.ndarray, b: int) -> np.ndarray:
    """Σ over target sentences j-b..j-1 of row k of a band array given as row prefix sums."""
    width = prefix.shape[1] - 1
    off = lo[k]
    return prefix[k, np.clip(j - off, 0, width)] - prefix[k, np.clip(j - b - off, 0, width)]


def _weakest(ev: PairEvidence, i: np.ndarray, j: np.ndarray, a: int, b: int, weights: Weights) -> np.ndarray:
    """The smallest share of its own evidence that any sentence of the bead finds matched
    inside the bead (smoothed like the similarity): every sentence must be supported."""
    width = ev.src_held.shape[1] - 1
    prior = weights.prior_mass * weights.prior_sim
    weakest = np.ones(len(i))
    for d in range(1, a + 1):
        k = i - d
        held = _row_range(ev.src_held, ev.lo, k, j, b)
        mass = ev.src_mass[k + 1] - ev.src_mass[k]
        weakest = np.minimum(weakest, (held + prior) / (mass + weights.prior_mass))
    for e in range(1, b + 1):
        l_ = j - e
        held = np.zeros(len(i))
        for d in range(1, a + 1):
            k = i - d
            c = l_ - ev.lo[k]
            inside = (c >= 0) & (c < width)
            held += np.where(inside, ev.tgt_held[k, np.clip(c, 0, width - 1)], 0.0) if width else 0.0
        mass = ev.tgt_mass[l_ + 1] - ev.tgt_mass[l_]
        weakest = np.minimum(weakest, (held + prior) / (mass + weights.prior_mass))
    return np.clip(weakest, 0.0, 1.0)


def _span_matched(ev: PairEvidence, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
    """Σ matched mass over source sentences i-a..i-1 × target sentences j-b..j-1."""
    return sum(_row_range(ev.matched, ev.lo, i - d, j, b) for d in range(1, a + 1))


@dataclass(frozen=True)
class BeadFeatures:
    """Features of the candidate beads of one type, ending at band cells ``cells``
    (flat indices, increasing)."""

    kind: tuple[int, int]
    cells: np.ndarray
    values: np.ndarray  # (len(cells), len(FEATURES))
    confidence: np.ndarray  # (len(cells),) in [0, 1]

    def confidence_at(self, cells: np.ndarray) -> np.ndarray:
        """Confidence of the beads ending at the given flat cells (0 where unknown)."""
        cells = np.asarray(cells, dtype=np.int64)
        if not len(self.cells):
            return np.zeros(len(cells))
        pos = np.clip(np.searchsorted(self.cells, cells), 0, len(self.cells) - 1)
        return np.where(self.cells[pos] == cells, self.confidence[pos], 0.0)


@dataclass(frozen=True)
class SideContext:
    """Per-sentence facts of one side the features use, cumulated where summed."""

    lengths: np.ndarray  # (count + 1,) cumulative lengths
    breaks: np.ndarray  # (count + 1,) cumulative paragraph starts among sentences 1..k-1
    quoted: np.ndarray  # (count + 1,) 1.0 where sentence k starts inside a quotation


def bead_features(
    ev: PairEvidence,
    band: Band,
    kind: tuple[int, int],
    src: SideContext,
    tgt: SideContext,
    length: LengthModel,
    weights: Weights,
) -> BeadFeatures:
    """Features of every bead of type ``kind`` ending inside ``band``."""
    a, b = kind
    rows, _, js = band.cells()
    ok = (rows >= a) & (js >= b)
    i, j, cells = rows[ok], js[ok], np.nonzero(ok)[0]
    matched = _span_matched(ev, i, j, a, b)
    mass = ev.src_mass[i] - ev.src_mass[i - a] + ev.tgt_mass[j] - ev.tgt_mass[j - b]
    sim = (matched + weights.prior_mass * weights.prior_sim) / (mass + weights.prior_mass)
    sim = np.clip(sim, 0.0, 1.0)
    lp = length.log_prob(src.lengths[i] - src.lengths[i - a], tgt.lengths[j] - tgt.lengths[j - b])
    crossing = (src.breaks[i] - src.breaks[i - a + 1]) + (tgt.breaks[j] - tgt.breaks[j - b + 1])
    quote = np.abs(src.quoted[i - a] - tgt.quoted[j - b])
    log_ratio = np.log((len(tgt.lengths) - 1) / max(len(src.lengths) - 1, 1))
    ratio = np.full(len(i), (b - a) * log_ratio)
    extra = a + b - 2
    weakest = _weakest(ev, i, j, a, b, weights)
    named = {"sim": sim, "sim_extra": sim * extra, "length": lp, "length_extra": lp * extra, "paragraph": crossing,
             "quote": quote, "ratio": ratio, "matched": matched / ev.unit, "weakest": weakest}
    values = np.stack([named[name] for name in FEATURES], axis=1)
    c0, c_sim, c_len, c_extra = CONFIDENCE
    confidence = 1.0 / (1.0 + np.exp(-(c0 + c_sim * sim + c_len * lp + c_extra * extra)))
    return BeadFeatures(kind, cells, values, confidence)


def bead_costs(features: BeadFeatures, weights: Weights, band: Band) -> np.ndarray:
    """DP costs (negated scores) of one bead type over the band's cells; inf where impossible."""
    score = features.values @ weights.vector() + weights.bias(features.kind)
    cost = np.full(band.size, np.inf)
    cost[features.cells] = -score
    return cost
