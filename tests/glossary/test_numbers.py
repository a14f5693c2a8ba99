"""Numbers: the equivalences the number check relies on, and no false alarms."""

from __future__ import annotations

import pytest

from glossary.number_checks import comparable_numbers, number_mismatches
from glossary.numbers import extract_numbers


@pytest.mark.parametrize("zh,en", [
    ("经费总额达3亿元", "grants totaling 300 million CNY"),
    ("总规模达1100人", "composed of 1,100 members"),
    ("160余名新员工", "more than 160 new employees"),
    ("160余名新员工", "about 160 new employees"),
    ("九大科研项目群", "nine groups of research projects"),
    ("第四批人才招聘计划", "the fourth talent recruitment plan"),
    ("1月18日下午", "On the afternoon of January 18"),
    ("2020年4月全面结顶", "completed by April 2020"),
    ("增长百分之三十", "grew by 30 percent"),
    ("增长30%", "grew by 30%"),
    ("两大任务", "two major tasks"),
    ("一百六十名", "one hundred and sixty"),
    ("1.5万人", "15,000 people"),
    ("活到一百三十岁", "lived an hundred and thirty years"),
    ("三分之二的成员", "two thirds of the members"),
    ("一半的经费", "half of the funds"),
    ("七月十七日", "in the seventh month, on the seventeenth day"),
    ("二人正在田间", "both were in the field"),
])
def test_equivalent_numbers_agree(zh, en):
    assert number_mismatches(zh, en, "zh", "en") == []
    assert number_mismatches(en, zh, "en", "zh") == []


@pytest.mark.parametrize("zh,en", [
    ("建设世界一流科研中心", "a world-class research center"),
    ("一年来，实验室积极探索", "With the idea to explore"),
    ("融入长三角一体化发展", "the integrated development of the Yangtze River Delta"),
    ("一期工程主体结构", "the first phase"),
    ("厚植家国情怀", "concern for the prosperity of one’s nation"),
    ("我们十分高兴", "we march forward"),
    ("有一日", "one day"),
])
def test_words_are_not_numbers(zh, en):
    assert number_mismatches(zh, en, "zh", "en") == []


def test_changed_missing_and_added_numbers():
    (changed,) = number_mismatches("国家项目22项", "23 national projects", "zh", "en")
    assert (changed[0].text, changed[1].text) == ("22", "23")
    (missing,) = number_mismatches("1月18日下午", "On the afternoon of January", "zh", "en")
    assert missing[0].text == "18日" and missing[1] is None
    (added,) = number_mismatches("总规模达1100人", "1,100 members in 25 teams", "zh", "en")
    assert added[0] is None and added[1].text == "25"
    (year,) = number_mismatches("2019年", "in 2018", "zh", "en")
    assert year[0].kind == year[1].kind == "year"


@pytest.mark.parametrize("text,values", [
    ("two and two", [2, 2]),  # "and" joins numbers only after a scale or a multiple of ten
    ("sixty and two", [62]),
    ("a hundred and five", [105]),
    ("the six hundredth year", [600]),
    ("three quarters and a half", [0.75, 0.5]),
    ("a third party", [3]),  # an ordinal, not a fraction
])
def test_english_number_words(text, values):
    assert [n.value for n in extract_numbers(text, "en")] == values


def test_keys_stay_stable_for_the_aligner():
    keys = [n.key for n in extract_numbers("1月18日，3亿元，30%，第四批，160余名", "zh")]
    assert keys == ["month:1", "num:18", "num:300000000", "pct:30", "num:4", "num:160"]
    assert [n.key for n in extract_numbers("January 18, 300 million, 30 percent", "en")] == [
        "month:1", "num:18", "num:300000000", "pct:30"]
    assert [n.text for n in comparable_numbers("一流的第四批九大项目", "zh")] == ["第四", "九"]


def test_prefilter_never_hides_a_number(mac_dev):
    """may_hold_numbers is False only where extract_numbers finds nothing (MAC-Dev, both
    languages), and it does rule out most sentences."""
    from glossary.numbers import may_hold_numbers

    for lang in ("zh", "en"):
        texts = [line for f in sorted((mac_dev / lang).iterdir()) for line in f.read_text(encoding="utf-8").split("\n")]
        texts += ["FIRST of all", "twenty-two", "a quarter", "May 5", "半年", "百分之三十", "第四批"]
        flagged = [may_hold_numbers(t, lang) for t in texts]
        assert all(f for t, f in zip(texts, flagged) if extract_numbers(t, lang))
        assert sum(flagged) < 0.8 * len(texts)
