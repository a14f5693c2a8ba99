"""IBM Model 1 by EM (align/em.py) and the EM links of the learned lexicon."""

from __future__ import annotations

import numpy as np
import pytest

from align.em import Cooccurrence, em_links, model1
from align.errors import AlignError
from align.lexicon import learn_lexicon, train_units


def _pairs():
    # "house" always comes with "maison", "the" with everything: Dice on "the" is high
    # with every French word, EM gives "maison" to "house" and "chien" to "dog"
    src = [["the", "house"], ["the", "dog"], ["the", "house", "red"], ["the", "dog", "red"], ["the", "red"]]
    tgt = [["la", "maison"], ["le", "chien"], ["la", "maison", "rouge"], ["le", "chien", "rouge"], ["rouge"]]
    sv = {w: k for k, w in enumerate(dict.fromkeys(w for row in src for w in row))}
    tv = {w: k for k, w in enumerate(dict.fromkeys(w for row in tgt for w in row))}
    return [[sv[w] for w in r] for r in src], [[tv[w] for w in r] for r in tgt], sv, tv


def test_model1_probabilities_sum_to_one_per_conditioning_unit():
    src, tgt, sv, tv = _pairs()
    co = Cooccurrence.build(src, tgt, len(sv), len(tv))
    fwd = model1(co, forward=True)
    sums = np.bincount(co.s_of, weights=fwd, minlength=len(sv) + 1)
    assert np.allclose(sums, 1.0)
    cell = {(int(s), int(t)): p for s, t, p in zip(co.s_of, co.t_of, fwd)}
    assert cell[(sv["house"], tv["maison"])] > cell[(sv["house"], tv["rouge"])]
    assert cell[(sv["red"], tv["rouge"])] > 0.5


def test_em_links_pair_the_words_that_explain_each_other():
    src, tgt, sv, tv = _pairs()
    r, c, p = em_links(src, tgt, len(sv), len(tv), min_prob=0.3, min_count=0.9)
    names_s = {k: w for w, k in sv.items()}
    names_t = {k: w for w, k in tv.items()}
    links = {(names_s[a], names_t[b]) for a, b in zip(r, c)}
    assert {("house", "maison"), ("dog", "chien"), ("red", "rouge")} <= links
    assert ("house", "chien") not in links and ("red", "maison") not in links
    assert np.all((p > 0) & (p <= 1))


def test_learn_lexicon_em_links_are_fewer_and_surer_than_dice(mac_dev):
    from corpora import join_segments, read_text
    from corpora.formats.beads import read_beads

    zh = [x.strip() for x in read_text(mac_dev / "zh" / "006").split("\n") if x.strip()]
    en = [x.strip() for x in read_text(mac_dev / "en" / "006").split("\n") if x.strip()]
    pairs = [(join_segments([zh[i] for i in b.src], "zh"), join_segments([en[j] for j in b.tgt], "en"))
             for b in read_beads(mac_dev / "gold" / "006") if b.src and b.tgt]
    su, tu = train_units(zh, "zh"), train_units(en, "en")
    dice = learn_lexicon(su, tu, pairs)
    em = learn_lexicon(su, tu, pairs, method="em")
    assert 0 < len(em) < len(dice) and all(0 < w <= 1 for _, _, w in em.links)
    links = {(s, t) for s, t, _ in em.links}
    assert {("射电", "radio"), ("天线", "antenna"), ("倒计时", "countdown")} <= links
    assert not any(t == "the" for _, t in links)
    with pytest.raises(AlignError, match="unknown lexicon method"):
        learn_lexicon(su, tu, pairs, method="ibm9")
