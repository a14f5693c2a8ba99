"""The learned bead model (align/bead_model.py): features, contrasts, training."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner import WEIGHTS, AlignOptions, Aligner, _prepare, _solve
from align.analysis import DocPair, Side
from align.bead_model import (PARAMS, _paths, _regions, bead_vector, contrasts, params_of, train_weights,
                              training_f1, weights_from)
from align.costs import Weights, bead_costs
from align.evaluate import score_alignments
from align.scorers import make_scorers
from corpora import Bead, read_text
from corpora.formats.beads import read_beads

DICT = ("dictionary", "names", "numbers", "cues")


def _lines(path):
    return [x.strip() for x in read_text(path).split("\n") if x.strip()]


class Chapter:
    """A MAC-Dev chapter as a TrainingDoc."""

    def __init__(self, base, name, aligner):
        self.doc = DocPair(Side(_lines(base / "zh" / name), "zh"), Side(_lines(base / "en" / name), "en"),
                           aligner.cedict)
        self.gold = read_beads(base / "gold" / name)
        self.gold_spans = [(b.src[0], b.src[-1] + 1, b.tgt[0], b.tgt[-1] + 1) for b in self.gold
                           if b.src and b.tgt]

    def prepare(self, w):
        coverages = [c for c in (s.fit(self.doc) for s in make_scorers(DICT, w)) if c is not None]
        _, self.band, self.feats = _prepare(self.doc, coverages, AlignOptions(weights=w))

    def decode(self, w):
        return _solve(self.feats, self.band, w)

    def comparable(self, path):
        return list(path)

    def f1(self, w):
        self.prepare(w)
        beads = [Bead(tuple(range(a, b)), tuple(range(c, d))) for a, b, c, d in self.decode(w)]
        return score_alignments([self.gold], [beads]).f1_strict


@pytest.fixture(scope="module")
def chapter(mac_dev):
    c = Chapter(mac_dev, "001", Aligner())
    if any(not b.src or not b.tgt for b in c.gold):
        pytest.skip("chapter 001 has one-sided gold beads")
    return c


def test_a_bead_scores_its_vector_times_the_weights(chapter):
    chapter.prepare(WEIGHTS)
    theta = params_of(WEIGHTS)
    assert weights_from(WEIGHTS, theta) == WEIGHTS
    costs = {kind: bead_costs(f, WEIGHTS, chapter.band) for kind, f in chapter.feats.items()}
    checked = 0
    for span in chapter.gold_spans[:40]:
        v = bead_vector(chapter.feats, chapter.band, span)
        if v is None:
            continue
        kind = (span[1] - span[0], span[3] - span[2])
        cell = chapter.band.index(np.array([span[1]]), np.array([span[3]]))[0]
        assert v @ theta == pytest.approx(-costs[kind][cell])
        checked += 1
    assert checked >= 30
    assert bead_vector(chapter.feats, chapter.band, (3, 3, 5, 6))[PARAMS.index("skip")] == 1
    assert bead_vector(chapter.feats, chapter.band, (0, 1, 90, 91)) is None  # far outside the band


def test_regions_are_the_stretches_where_the_paths_part():
    gold = [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 4), (3, 4, 4, 5)]
    test = [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 4), (3, 4, 4, 5)]
    assert _regions(gold, test) == [([(1, 2, 1, 3), (2, 3, 3, 4)], [(1, 2, 1, 2), (2, 3, 2, 4)])]
    assert _regions(gold, gold) == []


def test_competing_coverings_of_a_block():
    assert _paths(1, 1, 5) == [[(1, 1)]]
    assert len(_paths(1, 1, 5, skips=True)) == 3
    assert [(1, 2)] in _paths(1, 2, 5) and [(1, 1), (0, 1)] not in _paths(1, 2, 5)
    assert all(sum(a for a, _ in p) == 2 and sum(b for _, b in p) == 3 for p in _paths(2, 3, 5))


def test_training_from_untuned_weights_fits_the_gold(chapter):
    start = Weights(scorers=WEIGHTS.scorers)
    before = chapter.f1(start)
    chapter.prepare(start)
    assert contrasts(chapter, chapter.decode(start))  # the untuned weights make mistakes
    learned = train_weights([chapter], start, rounds=3)
    assert learned.skip == start.skip and learned.paragraph == start.paragraph and learned.sim == start.sim
    assert chapter.f1(learned) > before


def test_training_f1_is_the_strict_f1_of_the_decoded_path(chapter):
    chapter.prepare(WEIGHTS)
    path = chapter.decode(WEIGHTS)
    assert training_f1([chapter], [path]) == pytest.approx(chapter.f1(WEIGHTS))
    assert training_f1([chapter], [chapter.gold_spans]) == 1.0


def test_training_never_leaves_weights_that_decode_the_training_documents_worse(chapter):
    # the logistic fit's full step decodes tuned weights' documents worse (a surrogate of
    # F1): the line search keeps the current weights unless a step does better
    before = chapter.f1(WEIGHTS)
    learned = train_weights([chapter], WEIGHTS, rounds=2)
    assert chapter.f1(learned) >= before
