"""Bead costs and features (align/costs.py) on small cases computed by hand.

Two source and two target sentences, one scorer whose tokens are shared as such:
source 0 and target 0 hold ``a``, source 1 and target 1 hold ``b``. Every token is in
two of the four sentences, so its idf is log(1 + 4/2) = log 3, which is also every
sentence's mass and the scorer's typical mass: each sentence weighs exactly 1.
"""

from dataclasses import fields
from math import log, log1p, sqrt

import numpy as np
import pytest

from align.aligner import MT_WEIGHTS, WEIGHTS
from align.costs import (BEAD_BIASES, BEAD_FEATURES, FEATURES, SMOOTHING, LengthModel, SideContext, Weights,
                         bead_costs, bead_features, gather_evidence)
from align.scorers import default_weight, scorer_names, tunable_scorers
from align.scorers.base import Coverage
from align.search import Band

FULL = Band(np.array([0, 0, 0]), np.array([2, 2, 2]))


def side(lengths, paragraph_starts=(0, 0), quoted=(0.0, 0.0), closing=None) -> SideContext:
    starts = np.zeros(len(lengths) + 1)
    starts[2:] = np.diff(np.asarray(paragraph_starts, dtype=float)) != 0
    return SideContext(np.concatenate([[0.0], np.cumsum(lengths)]), np.cumsum(starts),
                       np.array([*quoted, 0.0]), None if closing is None else np.array(closing, dtype=float))


def features(kind, src=None, tgt=None, weights=Weights()):
    cov = Coverage.symmetric("shared", 1.0, [["a"], ["b"]], [["a"], ["b"]])
    ev = gather_evidence([cov], FULL, 2, 2, 2, 2)
    src = src or side([10, 20])
    tgt = tgt or side([20, 40])
    length = LengthModel.from_totals(np.array([10.0, 20.0]), np.array([20.0, 40.0]))
    return bead_features(ev, FULL, kind, src, tgt, length, weights)


def at(f, i, j, name):
    """Feature ``name`` of the bead of ``f`` ending at cell (i, j)."""
    k = int(np.searchsorted(f.cells, FULL.index(np.array([i]), np.array([j]))[0]))
    assert f.cells[k] == FULL.index(np.array([i]), np.array([j]))[0]
    return float(f.values[k, FEATURES.index(name)])


def test_registry_is_the_weights_fields_in_order():
    names = [f.name for f in (*BEAD_FEATURES, *BEAD_BIASES, *SMOOTHING)]
    assert [f.name for f in fields(Weights)] == [*names, "scorers"]
    w = Weights()
    assert all(getattr(w, f.name) == f.default for f in (*BEAD_FEATURES, *BEAD_BIASES, *SMOOTHING))
    assert list(Weights(sim=2.0, weakest=3.0).vector()) == [2.0 if n == "sim" else 3.0 if n == "weakest"
                                                           else getattr(w, n) for n in FEATURES]


def test_tuned_weights_name_known_scorers():
    for weights, translation in ((WEIGHTS, False), (MT_WEIGHTS, True)):
        named = set(dict(weights.scorers))
        assert named <= set(tunable_scorers(translation))  # a scorer left out has its registry default
        assert {"dictionary", "learned"} <= named and ("translation" in named) == translation
    assert set(scorer_names()) < set(tunable_scorers(True))
    assert default_weight("names") == 2.0 and default_weight("chrf") == 1.0


def test_similarity_is_matched_over_held_mass_smoothed():
    f = features((1, 1))
    # source 0 with target 0: both sentences matched, 2 of 2 units; prior 1 × 0.2
    assert at(f, 1, 1, "sim") == pytest.approx((2 + 0.2) / (2 + 1))
    assert at(f, 1, 1, "matched") == pytest.approx(2.0)  # a mean sentence holds 1 unit
    assert at(f, 1, 1, "weakest") == pytest.approx((1 + 0.2) / (1 + 1))
    # source 0 with target 1: nothing shared, only the prior
    assert at(f, 1, 2, "sim") == pytest.approx(0.2 / 3)
    assert at(f, 1, 2, "matched") == 0.0
    assert at(f, 1, 2, "weakest") == pytest.approx(0.2 / 2)
    g = features((2, 2))
    assert at(g, 2, 2, "sim") == pytest.approx((4 + 0.2) / (4 + 1))
    assert at(g, 2, 2, "sim_extra") == pytest.approx(2 * (4 + 0.2) / 5)  # two sentences beyond the first two


def test_length_feature_is_zero_at_the_documents_ratio():
    f = features((1, 1))
    assert at(f, 1, 1, "length") == pytest.approx(0.0)  # 10 → 20 at ratio 2
    # 10 → 40: units = (10 + 40 / 2) / 2 = 15, sd² = 0.04 + 1.46 / 15
    z = log(41 / 21) / sqrt(0.04 + 1.46 / 15)
    assert at(f, 1, 2, "length") == pytest.approx(-2 * log1p(z * z / 3))
    assert at(f, 1, 2, "length_extra") == 0.0  # a 1-1 bead has no extra sentence
    assert LengthModel(2.0).log_prob(np.array([5.0]), np.array([10.0]))[0] == pytest.approx(0.0)


def test_paragraph_quote_and_ratio_features():
    src = side([10, 20], paragraph_starts=(0, 1), quoted=(0.0, 1.0))
    f2 = features((2, 1), src=src)
    assert at(f2, 2, 1, "paragraph") == 1.0  # source sentence 1 starts a paragraph inside the bead
    f1 = features((1, 1), src=src)
    assert at(f1, 2, 2, "paragraph") == 0.0  # a bead may start a paragraph
    assert at(f1, 2, 2, "quote") == 1.0  # source 1 starts inside a quotation, target 1 does not
    assert at(f1, 1, 1, "quote") == 0.0
    assert at(f2, 2, 1, "ratio") == 0.0  # as many source as target sentences: log(2 / 2) = 0


def test_quote_end_compares_the_last_sentences_of_both_sides():
    src = side([10, 20], closing=(1.0, 0.0))  # source 0 ends closing a quotation
    tgt = side([20, 40], closing=(0.0, 1.0))  # target 1 does
    f1 = features((1, 1), src=src, tgt=tgt)
    assert at(f1, 1, 1, "quote_end") == 1.0
    assert at(f1, 1, 2, "quote_end") == 0.0  # both last sentences close one
    assert at(f1, 2, 1, "quote_end") == 0.0  # neither does
    f2 = features((1, 2), src=src, tgt=tgt)
    assert at(f2, 1, 2, "quote_end") == 0.0
    assert at(features((1, 1)), 1, 1, "quote_end") == 0.0  # no side closes a quotation
    assert at(features((1, 1), src=src), 1, 1, "quote_end") == 1.0  # one side closes some, the other none


def test_costs_are_negated_weighted_sums_plus_the_type_bias():
    w = Weights(sim=2.0, length=0.0, paragraph=0.0, merge=-0.5, merge_more=-0.25, many_to_many=-1.0)
    f = features((2, 2), weights=w)
    cost = bead_costs(f, w, FULL)
    k = FULL.index(np.array([2]), np.array([2]))[0]
    assert cost[k] == pytest.approx(-(2.0 * 4.2 / 5 + (-0.5 * 2 - 0.25 * 1 - 1.0)))
    assert np.isinf(cost[FULL.index(np.array([1]), np.array([2]))[0]])  # a 2-2 bead cannot end at (1, 2)


@pytest.mark.parametrize("kind, bias", [((1, 1), 0.3), ((2, 1), -0.5), ((1, 3), -1.25), ((2, 2), -2.25),
                                        ((3, 2), -3.0)])
def test_bias_of_bead_types(kind, bias):
    w = Weights(one_to_one=0.3, merge=-0.5, merge_more=-0.25, many_to_many=-1.0)
    assert w.bias(kind) == pytest.approx(bias)
