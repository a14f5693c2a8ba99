"""The bead-level similarity (align/bead_similarity.py): cosines of summed sentence
vectors computed from pair dot products and window norms, checked against the direct
computation on a MAC-Dev chapter and its machine translation."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from align.aligner import MT_WEIGHTS, WEIGHTS
from align.analysis import DocPair, Side
from align.bead_similarity import bead_similarity, window_norms
from align.evidence import gather_evidence
from align.scorers.translation import BeadChrfScorer, translation_scorers
from align.search import band_around
from corpora import read_text


def _lines(path):
    return [ln.strip() for ln in read_text(path).split("\n") if ln.strip()]


def test_window_norms_are_squared_norms_of_window_sums(mac_dev):
    doc = DocPair(Side(_lines(mac_dev / "zh" / "001")[:40], "zh"), Side(_lines(mac_dev / "en" / "001")[:60], "en"))
    cov = BeadChrfScorer(_lines(mac_dev / "trans" / "001")[:40]).fit(doc)
    x = cov.src_held.toarray()
    norms = window_norms(cov.src_held, 4)
    for a in range(1, 5):
        for i in range(a, len(x) + 1):
            v = x[i - a:i].sum(axis=0)
            assert np.isclose(norms[a][i], v @ v)


def test_bead_cosine_is_the_cosine_of_the_joined_sides(mac_dev):
    src, tgt = _lines(mac_dev / "zh" / "002")[:30], _lines(mac_dev / "en" / "002")[:45]
    doc = DocPair(Side(src, "zh"), Side(tgt, "en"))
    cov = BeadChrfScorer(_lines(mac_dev / "trans" / "002")[:30]).fit(doc)
    assert not cov.pooled
    n, m = len(src), len(tgt)
    band = band_around(np.linspace(0, m, n + 1), 6, m)
    ev = gather_evidence([], band, 3, 3, n, m)
    sim = bead_similarity(cov, ev, 3, 3)
    s, t = cov.src_held.toarray(), cov.tgt_covers.toarray()
    checked = 0
    for a, b in ((1, 1), (1, 2), (2, 1), (2, 2), (3, 1)):
        for i in range(a, n + 1):
            for j in range(max(b, band.lo[i]), min(m, band.hi[i] - 1) + 1):
                if band.lo[i - a + 1] - 3 > j - b:
                    continue  # a pair outside the band's evidence
                u, v = s[i - a:i].sum(axis=0), t[j - b:j].sum(axis=0)
                want = u @ v / np.sqrt((u @ u) * (v @ v))
                got = sim.cosine(np.array([i]), np.array([j]), a, b)[0]
                assert np.isclose(got, want), (a, b, i, j)
                checked += 1
    assert checked > 100


def test_the_bead_level_scorer_only_when_its_feature_weighs():
    names = [s.name for s in translation_scorers(["x"], MT_WEIGHTS)]
    assert "mt_chrf" not in names and {"translation", "chrf"} <= set(names)
    assert "mt_chrf" in [s.name for s in translation_scorers(["x"], replace(MT_WEIGHTS, mt_sim=0.2))]
    assert WEIGHTS.mt_sim == 0.0
