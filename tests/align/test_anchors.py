"""Anchors: the chain of rare shared tokens and its refinement (align/anchors.py)."""

from __future__ import annotations

import numpy as np

from align.aligner import Aligner
from align.analysis import DocPair, Side
from align.anchors import _top_per_row, anchor_centers, anchor_pairs
from align.options import AlignOptions
from align.scorers import make_scorers
from align.scorers.base import Coverage
from corpora import read_text
from corpora.formats.beads import read_beads


def test_pairs_near_the_centers_are_those_of_the_full_product_within_the_window():
    src = [["a", "x"], ["b"], ["c", "x"], ["d"], ["x"]]
    tgt = [["a"], ["b", "x"], ["c"], ["d", "x"], ["x"]]
    cov = Coverage.symmetric("t", 1.0, src, tgt)
    full = anchor_pairs([cov], max_df=3).tocsr()
    centers = np.arange(6, dtype=np.float64)  # the diagonal
    near = anchor_pairs([cov], max_df=3, near=(centers, 1.0)).tocsr()
    rows, cols = full.nonzero()
    inside = np.abs(cols + 0.5 - centers[rows]) <= 1.0
    assert inside.any() and not inside.all()  # the window drops some pairs and keeps others
    assert sorted(zip(*near.nonzero())) == sorted(zip(rows[inside], cols[inside]))
    assert np.allclose(near[rows[inside], cols[inside]], full[rows[inside], cols[inside]])


def test_a_text_that_repeats_itself_keeps_every_gold_bead_inside_the_first_band(bible_5k):
    # bible-5k's first 2,000 verses 8 times over: no token is rare any more (each is in
    # 8 sentences at least), and the rare-token chain alone left 1,000 of 14,728 gold
    # beads farther from it than the first pass's band reaches
    n = 2000
    gold = [b for b in read_beads(bible_5k / "gold") if b.src and b.tgt and b.src[-1] < n]
    m = gold[-1].tgt[-1] + 1
    en = read_text(bible_5k / "en").split("\n")[:n]
    zh = read_text(bible_5k / "zh").split("\n")[:m]
    copies = 8
    aligner = Aligner()
    doc = DocPair(Side(en * copies, "en"), Side(zh * copies, "zh"), None)
    doc.cedict = aligner.cedict
    scorers = make_scorers(("dictionary", "names", "numbers"), aligner.options.weights)
    coverages = [c for c in (s.fit(doc) for s in scorers) if c is not None]

    def farthest(refine: bool) -> float:
        centers = anchor_centers(coverages, n * copies, m * copies, refine=refine)
        return max(abs(centers[b.src[-1] + 1 + k * n] - (b.tgt[-1] + 1 + k * m)) for k in range(copies) for b in gold)

    width = AlignOptions.default("first_width")
    assert farthest(refine=True) < width
    assert farthest(refine=False) > width  # what the refinement is for


def test_top_per_row_keeps_each_rows_heaviest_pairs_in_order():
    rows = np.array([0, 0, 0, 1, 2, 2])
    weights = np.array([1.0, 3.0, 2.0, 5.0, 1.0, 4.0])
    assert _top_per_row(rows, weights, 2).tolist() == [1, 2, 3, 4, 5]
    assert _top_per_row(rows, weights, 1).tolist() == [1, 3, 5]
