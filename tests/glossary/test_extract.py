"""Term extraction from aligned corpora: known term pairs rank high."""

from __future__ import annotations

import pytest

from corpora import Alignment, Segment
from glossary import load_termbase
from glossary.extract import CANDIDATE_COLUMNS, extract_candidates, ngrams
from tests.conftest import SHARED



def _rank(frame, src, tgt):
    rows = frame[(frame.src == src) & (frame.tgt == tgt)]
    return int(rows["rank"].iloc[0]) if len(rows) else None


def test_ngrams():
    assert set(ngrams("之江实验室的人", "zh")) >= {"之江", "之江实验室", "实验室"}
    assert "实验室的" not in ngrams("之江实验室的人", "zh")
    en = ngrams("The Lab's Chief Scientist, and the NDRC", "en")
    assert en["chief scientist"] == "Chief Scientist" and "the lab's" not in en and "scientist and" not in en


def test_bundled_report_terms(gold, corpus):
    frame = extract_candidates(gold, "zh", "en")
    assert list(frame.columns) == CANDIDATE_COLUMNS
    assert _rank(frame, "实验室", "Lab") == 1
    assert _rank(frame, "之江实验室", "Zhejiang Lab") <= 10
    assert _rank(frame, "人工智能", "Artificial Intelligence") <= 10
    known = extract_candidates(gold, "zh", "en", termbase=load_termbase(corpus.glossary_tbx))
    assert _rank(known, "实验室", "Lab") is None and _rank(known, "之江实验室", "Zhejiang Lab") is None
    assert _rank(known, "朱世强", "Zhu") is not None


def test_bible_names_rank_high():
    from pathlib import Path

    from corpora.formats.beads import read_beads

    data = SHARED / "data" / "bible-5k"
    if not data.exists():
        pytest.skip("../shared/data/bible-5k is not there")
    en = tuple(Segment(t) for t in (data / "en").read_text(encoding="utf-8").splitlines())
    zh = tuple(Segment(t) for t in (data / "zh").read_text(encoding="utf-8").splitlines())
    alignment = Alignment(en, zh, tuple(read_beads(data / "gold")), "en", "zh")
    frame = extract_candidates([(p.tgt, p.src) for p in alignment.pairs(include_one_sided=False)], "zh", "en")
    assert _rank(frame, "耶和华", "LORD") == 1
    for zh_term, en_term in (("摩西", "Moses"), ("以色列", "Israel"), ("埃及", "Egypt"), ("法老", "Pharaoh"),
                             ("雅各", "Jacob"), ("亚伯拉罕", "Abraham"), ("亚伦", "Aaron")):
        assert _rank(frame, zh_term, en_term) <= 12, zh_term
    assert _rank(frame, "伯拉", "Abraham") is None  # nested in 亚伯拉罕, dropped
