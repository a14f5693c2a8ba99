"""Simplified/Traditional Chinese: length-preserving conversion and script detection."""

from __future__ import annotations

import pytest

from corpora import read_text
from corpora.hanzi import chinese_variant, refine_chinese, to_simplified, to_traditional, traditional_share


@pytest.fixture(scope="module")
def report(corpus):
    return read_text(corpus.zh)


@pytest.mark.parametrize("config, expected", [("s2t", "zh-TW"), ("s2tw", "zh-TW"), ("s2twp", "zh-TW"),
                                              ("s2hk", "zh-HK")])
def test_traditional_text_is_told_apart(report, config, expected):
    import opencc

    text = opencc.OpenCC(config).convert(report)
    assert traditional_share(text) > 0.1
    assert chinese_variant(text) == expected
    assert refine_chinese("zh", text) == expected and refine_chinese("zh-CN", text) == "zh-CN"


def test_simplified_text_stays_zh(report):
    assert traditional_share(report) == 0.0
    assert chinese_variant(report) == "zh" == refine_chinese("zh", report)


def test_conversion_keeps_length_and_round_trips(report):
    tw = to_traditional(report)
    assert len(tw) == len(report) and tw != report
    assert to_simplified(tw) == report
    # a phrase OpenCC would convert to a different length is converted character by character
    for text in ("乾隆年間", "一千零一夜", "頭髮和鬆餅"):
        assert len(to_simplified(text)) == len(text)
