"""Scores: term accuracy and consistency from occurrences; sacrebleu translation scores."""

from __future__ import annotations

from collections import Counter

import pytest
import sacrebleu

from glossary import GlossaryError, translation_scores
from glossary.scores import Occurrence, term_scores


def test_accuracy_and_micro_macro_consistency():
    occ = [
        Occurrence(0, "c1", "甲", True, False, ("A",)),
        Occurrence(1, "c1", "甲", True, False, ("A",)),
        Occurrence(2, "c1", "甲", True, False, ("A",)),
        Occurrence(3, "c1", "甲", True, False, ("B",)),
        Occurrence(4, "c2", "乙", True, False, ("C",)),
        Occurrence(5, "c2", "乙", False, True),
        Occurrence(6, "c2", "乙", True, False, ()),  # rendered by a short form only
    ]
    scores, stats = term_scores(occ, {"c1": "A", "c2": "C"}, Counter(missing=1), 7, ["c2", "c1"])
    assert scores.term_accuracy == pytest.approx(6 / 7)
    assert scores.consistency_micro == pytest.approx(4 / 5)  # (3 + 1) / (4 + 1)
    assert scores.consistency_macro == pytest.approx((3 / 4 + 1) / 2)
    assert scores.issues == 1 and scores.missing == 1
    assert [s.term for s in stats] == ["乙", "甲"]  # term base order
    assert stats[1].renderings == (("A", 3), ("B", 1)) and stats[0].forbidden == 1


def test_no_occurrences_gives_none():
    scores, stats = term_scores([], {}, Counter(), 3)
    assert scores.term_accuracy is None and scores.consistency_micro is None and stats == ()
    assert scores.as_dict()["term_accuracy"] is None


def test_sacrebleu_scores_with_the_zh_tokenizer():
    hyps = ["之江实验室召开2020年度内部大会", "主任朱世强作工作报告"]
    refs = ["之江实验室召开了2020年度内部大会", "朱世强主任作了工作报告"]
    s = translation_scores(hyps, refs, "zh")
    assert s.bleu == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs], tokenize="zh").score)
    assert s.chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, [refs]).score)
    assert "tok:zh" in s.signature and "asian:yes" in s.signature
    assert 0 < s.bleu < 100 and 0 < s.ter < 100


def test_english_scores_and_errors():
    s = translation_scores(["the cat sat on the mat"], ["the cat sat on the mat"], "en")
    assert (s.bleu, s.chrf, s.ter) == (pytest.approx(100), pytest.approx(100), pytest.approx(0))
    assert "tok:13a" in s.signature
    with pytest.raises(GlossaryError, match="1 hypothesis segment"):
        translation_scores(["a"], ["a", "b"], "en")
