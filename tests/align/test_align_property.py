"""Property: the aligner's beads cover every sentence of both sides exactly once, in order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align import Aligner
from align.api import align_texts, prepare_side

ZH_SENTENCES = ["之江实验室召开2020年度内部大会。", "主任朱世强作工作报告。", "副主任袁继新主持会议。",
                "科研实力也不断增强。", "实验室首次获批国家重点研发计划项目。", "2019年取得了成绩！"]
EN_SENTENCES = ["Zhejiang Lab held its 2020 conference.", "Director Zhu Shiqiang issued a work report.",
                "Deputy Director Yuan Jixin hosted the meeting.", "Its research ability has been enhanced.",
                "The Lab won national key R&D projects for the first time.", "It made achievements in 2019!"]


ALIGNER = Aligner()  # one for all examples: its dictionary loads once


def text(sentences, paragraph_breaks):
    parts = []
    for k, s in enumerate(sentences):
        parts.append(s)
        parts.append("\n\n" if k in paragraph_breaks else " ")
    return "".join(parts)


@settings(max_examples=30, deadline=None)
@given(
    zh=st.lists(st.sampled_from(ZH_SENTENCES) | st.text(alphabet="之江实验室科研项目，", min_size=1, max_size=12)
                .map(lambda t: t + "。"), min_size=1, max_size=12),
    en=st.lists(st.sampled_from(EN_SENTENCES), min_size=1, max_size=12),
    zh_breaks=st.sets(st.integers(0, 11), max_size=3),
    en_breaks=st.sets(st.integers(0, 11), max_size=3),
)
def test_beads_cover_both_sides_exactly_once_in_order(zh, en, zh_breaks, en_breaks):
    zh_text, en_text = text(zh, zh_breaks), text(en, en_breaks)
    a = align_texts(zh_text, en_text, "zh", "en", aligner=ALIGNER)
    a.validate()
    assert [b for b in a.beads if b.src or b.tgt] == list(a.beads)
    assert [i for b in a.beads for i in b.src] == list(range(len(a.src)))
    assert [i for b in a.beads for i in b.tgt] == list(range(len(a.tgt)))
    assert a.src == prepare_side(zh_text, "zh")[0]
    assert a.tgt == prepare_side(en_text, "en")[0]
