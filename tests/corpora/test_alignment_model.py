from __future__ import annotations

import pytest

from corpora import Alignment, Bead, CorporaError, Segment, join_segments


def _alignment() -> Alignment:
    src = (Segment("你好。", 0), Segment("再见。", 0), Segment("谢谢。", 1))
    tgt = (Segment("Hello.", 0), Segment("Goodbye.", 0), Segment("See you.", 0), Segment("Thanks.", 1))
    beads = (Bead((0,), (0,), 0.9), Bead((1,), (1, 2), 0.7), Bead((2,), (3,), 0.8))
    return Alignment(src, tgt, beads, "zh", "en", "sig")


def test_bead_kind_and_pairs_join_by_language():
    a = _alignment()
    assert [b.kind for b in a.beads] == ["1-1", "1-2", "1-1"]
    pairs = list(a.pairs())
    assert pairs[1].src == "再见。"
    assert pairs[1].tgt == "Goodbye. See you."
    assert join_segments(["一。", "二。"], "zh-CN") == "一。二。"


def test_validate_rejects_gaps_overlaps_and_disorder():
    a = _alignment()
    a.validate()
    bad = Alignment(a.src, a.tgt, (Bead((0,), (0,)), Bead((2,), (1, 2, 3))), "zh", "en")
    with pytest.raises(CorporaError, match="source"):
        bad.validate()
    swapped = Alignment(a.src, a.tgt, (Bead((0,), (0,)), Bead((2,), (3,)), Bead((1,), (1, 2))), "zh", "en")
    with pytest.raises(CorporaError):
        swapped.validate()


def test_dataframe_has_one_row_per_bead_with_paragraphs():
    df = _alignment().to_dataframe()
    assert list(df.columns) == ["src_ids", "tgt_ids", "type", "score", "src", "tgt", "paragraph"]
    assert len(df) == 3
    assert df.loc[2, "paragraph"] == 1
    assert df.loc[1, "type"] == "1-2"


def test_from_pairs_makes_one_sided_beads_for_empty_sides():
    a = Alignment.from_pairs([("甲", "A"), ("", "B"), ("丙", "")], "zh", "en")
    assert [b.kind for b in a.beads] == ["1-1", "0-1", "1-0"]
    a.validate()
