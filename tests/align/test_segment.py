from __future__ import annotations

import pytest

from align.segment import segment_lines, segment_text, split_paragraphs, split_sentences
from corpora import read_text
from tests.conftest import sentence_fixture


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Smith met Mr. Lee. They talked.", ["Dr. Smith met Mr. Lee.", "They talked."]),
        ("It cost 3.5 million. Then it rose.", ["It cost 3.5 million.", "Then it rose."]),
        ("The team has 1,100 members. More came.", ["The team has 1,100 members.", "More came."]),
        ("See No. 5 for details. It is short.", ["See No. 5 for details.", "It is short."]),
        ("He moved to the U.S. in 2019. She stayed.", ["He moved to the U.S. in 2019.", "She stayed."]),
        ("J. K. Rowling wrote it. We read it.", ["J. K. Rowling wrote it.", "We read it."]),
        ("Use tools, e.g. hammers. Then stop.", ["Use tools, e.g. hammers.", "Then stop."]),
        ("A security R&D center opened. It grew.", ["A security R&D center opened.", "It grew."]),
        ("He said, “Go home.” Then he left.", ["He said, “Go home.”", "Then he left."]),
        ("“Is it true?” she asked. He nodded.", ["“Is it true?” she asked.", "He nodded."]),
        ("He titled it “Building a Center”. The hall applauded.",
         ["He titled it “Building a Center”.", "The hall applauded."]),
        ("I waited... Nobody came. Then... well, nothing.",
         ["I waited...", "Nobody came.", "Then... well, nothing."]),
        ("Wait! Who is there? Nobody.", ["Wait!", "Who is there?", "Nobody."]),
    ],
)
def test_english_rules(text, expected):
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("今天下雨。明天晴！后天呢？", ["今天下雨。", "明天晴！", "后天呢？"]),
        ("他说：“我走了。”她没有回答。", ["他说：“我走了。”", "她没有回答。"]),
        ("他写了《论语。新解》一书。大家都读了。", ["他写了《论语。新解》一书。", "大家都读了。"]),
        ("他沉默了……然后笑了。", ["他沉默了……", "然后笑了。"]),
        ("（注：见上文。）下一句。", ["（注：见上文。）", "下一句。"]),
        ("一是提升能力；二是优化结构。", ["一是提升能力；二是优化结构。"]),
    ],
)
def test_chinese_rules(text, expected):
    assert split_sentences(text, "zh") == expected


def test_chinese_semicolon_split_is_optional():
    text = "一是提升能力；二是优化结构。"
    assert split_sentences(text, "zh", semicolon=True) == ["一是提升能力；", "二是优化结构。"]


def test_paragraphs_are_kept_and_hard_wrapped_lines_joined():
    text = "First paragraph line one\ncontinues here. And ends.\n\nSecond one.\n"
    assert split_paragraphs(text) == ["First paragraph line one continues here. And ends.", "Second one."]
    segs = segment_text(text, "en")
    assert [(s.text, s.paragraph) for s in segs] == [
        ("First paragraph line one continues here.", 0),
        ("And ends.", 0),
        ("Second one.", 1),
    ]


def test_one_paragraph_per_line_when_lines_end_sentences():
    text = "第一段。\n第二段。\n"
    assert [s.paragraph for s in segment_text(text, "zh")] == [0, 1]


def test_no_split_mode_keeps_lines_and_blank_line_paragraphs():
    segs = segment_lines("a b. c d.\nsecond line\n\n\nthird\n")
    assert [(s.text, s.paragraph) for s in segs] == [("a b. c d.", 0), ("second line", 0), ("third", 1)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bundled_corpus_reproduces_the_gold_sentence_lists(corpus, lang):
    text = read_text(corpus.en if lang == "en" else corpus.zh)
    segs = segment_text(text, lang)
    expected = sentence_fixture(lang)
    got: list[list[str]] = []
    for s in segs:
        if s.paragraph == len(got):
            got.append([])
        got[s.paragraph].append(s.text)
    assert got == expected
