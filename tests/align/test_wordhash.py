"""The hashed word index (align/wordhash.py) against a plain substring search, on real text."""

from __future__ import annotations

import numpy as np
import pytest

from align.cedict import Cedict
from align.wordhash import WordIndex, codepoints
from tests.conftest import SHARED, sentence_fixture


def _brute_force(words: dict[str, int], text: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of every occurrence of every word, by end, then start."""
    lengths = sorted({len(w) for w in words})
    found = [(i, i + n, words[text[i:i + n]]) for i in range(len(text)) for n in lengths
             if text[i:i + n] in words]
    return sorted(found, key=lambda x: (x[1], x[0]))


def _found(index: WordIndex, text: str) -> list[tuple[int, int, int]]:
    return list(zip(*(a.tolist() for a in index.find_all(text))))


def _report_text() -> str:
    return "\n".join(s for p in sentence_fixture("zh") for s in p)


@pytest.fixture(scope="module")
def report_words() -> dict[str, int]:
    """Every 2- to 5-character substring of the first half of the report that starts
    with a Chinese character, as words (so the second half holds hits and near misses)."""
    text = _report_text()
    half = text[: len(text) // 2]
    words = {}
    for i in range(len(half)):
        for n in range(2, 6):
            w = half[i:i + n]
            if len(w) == n and "\n" not in w and "\u4e00" <= w[0] <= "\u9fff":
                words.setdefault(w, len(words))
    return words


def test_find_all_equals_a_substring_search(report_words):
    index = WordIndex.build(report_words)
    text = _report_text()
    assert _found(index, text) == _brute_force(report_words, text)
    assert index.max_len == 5


def test_get_and_misses(report_words):
    index = WordIndex.build(report_words)
    for w, v in list(report_words.items())[::97]:
        assert index.get(w) == v
        assert index.get(w + "\u9fa5") is None or w + "\u9fa5" in report_words
    assert index.get("之") is None and index.get("") is None and index.get("x" * 9) is None
    assert _found(index, "ABC\n") == []  # no word starts with a Latin letter


def test_empty_index_and_text():
    empty = WordIndex.build({})
    assert _found(empty, "实验室") == [] and empty.get("实验") is None
    index = WordIndex.build({"实验": 1, "实验室": 2})
    assert _found(index, "") == []
    assert _found(index, "实验室实验") == [(0, 2, 1), (0, 3, 2), (3, 5, 1)]
    assert codepoints("a实").tolist() == [0x61, 0x5B9E]
    # positions are code points, whatever the plane; a lone surrogate is one more
    assert _found(index, "\ud800😀实验") == [(2, 4, 1)]


def test_cedict_word_matches_on_bible_text():
    """The dictionary's index finds what a substring search over its words finds."""
    path = SHARED / "data" / "bible-5k" / "zh"
    if not path.exists():
        pytest.skip("../shared/data/bible-5k not present")
    cedict = Cedict()
    text = "\n".join(path.read_text(encoding="utf-8").split("\n")[:300])
    found = cedict.matches(text)
    assert len(found) > 1000
    # every match is a dictionary word of two or more characters, and every word the
    # text holds at a position is found there
    assert all(text[s:e] in cedict and e - s >= 2 for s, e in found)
    spans = set(found)
    for i in range(0, len(text), 7):
        for n in range(2, cedict.max_len + 1):
            w = text[i:i + n]
            if len(w) == n and "\u4e00" <= w[0] <= "\u9fff" and w in cedict:
                assert (i, i + n) in spans


def test_find_all_order_is_by_end_then_start():
    index = WordIndex.build({"ab": 0, "abc": 1, "bc": 2, "c d": 3})
    starts, ends, values = index.find_all("abc dabc")
    assert list(zip(ends.tolist(), starts.tolist())) == sorted(zip(ends.tolist(), starts.tolist()))
    assert values.dtype == np.int64 and sorted(values.tolist()) == [0, 0, 1, 1, 2, 2, 3]
