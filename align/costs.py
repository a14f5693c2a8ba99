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

from .evidence import (BeadTerms, EvidenceSums, PairEvidence, bead_terms, evidence_sums, gather_evidence,
                       pair_evidence)
from .search import Band

__all__ = ["LengthModel", "Weights", "Feature", "REGISTRY", "BEAD_FEATURES", "BEAD_BIASES", "SMOOTHING", "FEATURES",
           "PairEvidence", "EvidenceSums", "BeadFeatures", "SideContext", "evidence_sums", "pair_evidence",
           "gather_evidence", "bead_terms", "bead_features", "bead_scores", "bead_confidence", "concat_features",
           "bead_costs", "cell_costs"]


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
    Feature("quote_end", 0.0, "feature", "1 when one side's last sentence closes a quotation and the other's does not"),
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
    quote_end: float = _DEFAULTS["quote_end"]
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


def _weakest(terms: BeadTerms, ok: np.ndarray, a: int, b: int) -> np.ndarray:
    """The smallest share of its own evidence that any sentence of the bead finds matched
    inside the bead (smoothed like the similarity): every sentence must be supported."""
    weakest = np.ones(int(ok.sum()))
    for d in range(1, a + 1):
        weakest = np.minimum(weakest, terms.src_share(d, b)[ok])
    for e in range(1, b + 1):
        weakest = np.minimum(weakest, terms.tgt_share(a, e)[ok])
    return np.clip(weakest, 0.0, 1.0)


def _span_matched(terms: BeadTerms, ok: np.ndarray, a: int, b: int) -> np.ndarray:
    """Σ matched mass over source sentences i-a..i-1 × target sentences j-b..j-1."""
    return sum(terms.matched(d, b)[ok] for d in range(1, a + 1))


@dataclass(frozen=True)
class BeadFeatures:
    """Features of the candidate beads of one type, ending at band cells ``cells``
    (flat indices, increasing)."""

    kind: tuple[int, int]
    cells: np.ndarray
    values: np.ndarray | None  # (len(cells), len(FEATURES)); None once reduced to ``score``
    confidence: np.ndarray  # (len(cells),) in [0, 1]
    score: np.ndarray | None = None  # (len(cells),) the weighted score, when the values were not kept

    def confidence_at(self, cells: np.ndarray) -> np.ndarray:
        """Confidence of the beads ending at the given flat cells (0 where unknown)."""
        cells = np.asarray(cells, dtype=np.int64)
        if not len(self.cells):
            return np.zeros(len(cells))
        pos = np.clip(np.searchsorted(self.cells, cells), 0, len(self.cells) - 1)
        return np.where(self.cells[pos] == cells, self.confidence[pos], 0.0)


def concat_features(parts: Sequence[BeadFeatures]) -> BeadFeatures:
    """One BeadFeatures from those of consecutive blocks of cells of one bead type."""
    if len(parts) == 1:
        return parts[0]
    values = None if parts[0].values is None else np.concatenate([p.values for p in parts])
    score = None if parts[0].score is None else np.concatenate([p.score for p in parts])
    return BeadFeatures(parts[0].kind, np.concatenate([p.cells for p in parts]), values,
                        np.concatenate([p.confidence for p in parts]), score)


@dataclass(frozen=True)
class SideContext:
    """Per-sentence facts of one side the features use, cumulated where summed."""

    lengths: np.ndarray  # (count + 1,) cumulative lengths
    breaks: np.ndarray  # (count + 1,) cumulative paragraph starts among sentences 1..k-1
    quoted: np.ndarray  # (count + 1,) 1.0 where sentence k starts inside a quotation
    closing: np.ndarray | None = None  # (count,) 1.0 where sentence k ends closing a quotation; None: not known


class _Candidates:
    """The beads of one type ending at those cells of ``terms`` where one can end, with
    their features computed on first use (so that a score reads only what it weighs)."""

    def __init__(self, ev: PairEvidence, kind: tuple[int, int], src: SideContext, tgt: SideContext,
                 length: LengthModel, weights: Weights, terms: BeadTerms) -> None:
        a, b = self.kind = kind
        self.ev, self.src, self.tgt, self.length, self.weights, self.terms = ev, src, tgt, length, weights, terms
        self.ok = (terms.rows >= a) & (terms.js >= b)
        self.i, self.j = terms.rows[self.ok], terms.js[self.ok]
        self.extra = a + b - 2
        self._columns: dict[str, np.ndarray] = {}

    @property
    def cells(self) -> np.ndarray:
        return self.terms.first_cell + np.flatnonzero(self.ok)

    def column(self, name: str) -> np.ndarray:
        """Feature ``name`` of every candidate."""
        found = self._columns.get(name)
        if found is None:
            found = self._columns[name] = getattr(self, f"_{name}")()
        return found

    def _matched_mass(self) -> np.ndarray:
        return _span_matched(self.terms, self.ok, *self.kind)

    def _sim(self) -> np.ndarray:
        (a, b), ev, w, i, j = self.kind, self.ev, self.weights, self.i, self.j
        mass = ev.src_mass[i] - ev.src_mass[i - a] + ev.tgt_mass[j] - ev.tgt_mass[j - b]
        sim = (self.column("matched_mass") + w.prior_mass * w.prior_sim) / (mass + w.prior_mass)
        return np.clip(sim, 0.0, 1.0)

    def _sim_extra(self) -> np.ndarray:
        return self.column("sim") * self.extra

    def _length(self) -> np.ndarray:
        (a, b), src, tgt, i, j = self.kind, self.src, self.tgt, self.i, self.j
        return self.length.log_prob(src.lengths[i] - src.lengths[i - a], tgt.lengths[j] - tgt.lengths[j - b])

    def _length_extra(self) -> np.ndarray:
        return self.column("length") * self.extra

    def _paragraph(self) -> np.ndarray:
        (a, b), src, tgt, i, j = self.kind, self.src, self.tgt, self.i, self.j
        return (src.breaks[i] - src.breaks[i - a + 1]) + (tgt.breaks[j] - tgt.breaks[j - b + 1])

    def _quote(self) -> np.ndarray:
        a, b = self.kind
        return np.abs(self.src.quoted[self.i - a] - self.tgt.quoted[self.j - b])

    def _quote_end(self) -> np.ndarray:
        src = 0.0 if self.src.closing is None else self.src.closing[self.i - 1]
        tgt = 0.0 if self.tgt.closing is None else self.tgt.closing[self.j - 1]
        return np.abs(src - tgt) + np.zeros(len(self.i))

    def _ratio(self) -> np.ndarray:
        a, b = self.kind
        log_ratio = np.log((len(self.tgt.lengths) - 1) / max(len(self.src.lengths) - 1, 1))
        return np.full(len(self.i), (b - a) * log_ratio)

    def _matched(self) -> np.ndarray:
        return self.column("matched_mass") / self.ev.unit

    def _weakest(self) -> np.ndarray:
        return _weakest(self.terms, self.ok, *self.kind)

    def confidence(self) -> np.ndarray:
        """The probability that each candidate is right (:data:`CONFIDENCE`)."""
        c0, c_sim, c_len, c_extra = CONFIDENCE
        return 1.0 / (1.0 + np.exp(-(c0 + c_sim * self.column("sim") + c_len * self.column("length")
                                     + c_extra * self.extra)))

    def score(self) -> np.ndarray:
        """The weighted sum of the features plus the type's bias, without a (cells ×
        features) matrix (only the features with a weight are computed)."""
        score = np.zeros(len(self.i))
        for w, name in zip(self.weights.vector(), FEATURES):
            if w:
                score += w * self.column(name)
        return score + self.weights.bias(self.kind)


def bead_features(
    ev: PairEvidence,
    band: Band,
    kind: tuple[int, int],
    src: SideContext,
    tgt: SideContext,
    length: LengthModel,
    weights: Weights,
    terms: "BeadTerms | None" = None,
    reduce: bool = False,
) -> BeadFeatures:
    """Features of every bead of type ``kind`` ending inside ``band``. ``terms``: the
    shared sums of :func:`bead_terms` for this evidence and band, when several types are
    computed. ``reduce``: keep only the bead scores under ``weights`` (what the search
    needs), not the features."""
    beads = _Candidates(ev, kind, src, tgt, length, weights, terms or bead_terms(ev, band, weights))
    if reduce:
        return BeadFeatures(kind, beads.cells, None, beads.confidence(), beads.score())
    columns = [beads.column(name) for name in FEATURES]
    return BeadFeatures(kind, beads.cells, np.stack(columns, axis=1), beads.confidence())


def bead_scores(ev: PairEvidence, kind: tuple[int, int], src: SideContext, tgt: SideContext, length: LengthModel,
                weights: Weights, terms: BeadTerms) -> tuple[np.ndarray, np.ndarray]:
    """The flat cells where a bead of type ``kind`` can end among those of ``terms``, and
    its score there under ``weights`` (what the search needs: no features kept)."""
    beads = _Candidates(ev, kind, src, tgt, length, weights, terms)
    return beads.cells, beads.score()


def bead_confidence(ev: PairEvidence, kind: tuple[int, int], src: SideContext, tgt: SideContext,
                    length: LengthModel, weights: Weights, terms: BeadTerms) -> np.ndarray:
    """The confidence of the beads of type ``kind`` ending at the cells of ``terms`` (all
    of which must be possible ends, e.g. the beads of a path)."""
    return _Candidates(ev, kind, src, tgt, length, weights, terms).confidence()


def _score(features: BeadFeatures, weights: Weights) -> np.ndarray:
    if features.values is None:
        return features.score
    return features.values @ weights.vector() + weights.bias(features.kind)


def cell_costs(features: BeadFeatures, weights: Weights) -> tuple[np.ndarray, np.ndarray]:
    """DP costs (negated scores) of one bead type at the cells where it can end."""
    return features.cells, -_score(features, weights)


def bead_costs(features: BeadFeatures, weights: Weights, band: Band) -> np.ndarray:
    """DP costs (negated scores) of one bead type over the band's cells; inf where impossible.

    For features reduced by :meth:`BeadFeatures.reduced`, ``weights`` must be the ones
    they were reduced with."""
    cost = np.full(band.size, np.inf)
    cost[features.cells] = -_score(features, weights)
    return cost
