"""Term matching tolerances: each one matches what real translations write, is named on
the hit, the issue and in the report, and can be switched off."""

from __future__ import annotations

import json

import pytest

from corpora.hanzi import to_traditional
from glossary import TermMatcher, check_pairs, load_termbase
from glossary.errors import GlossaryError
from glossary.match import TOLERANCES
from glossary.report import render_report, text_table
from glossary.termbase import TermBase, make_concept


@pytest.fixture(scope="module")
def bundled(corpus):
    return load_termbase(corpus.glossary_csv)


@pytest.fixture(scope="module")
def plain(bundled):
    """The bundled glossary less its expanded term 'CAE (the Chinese Academy of Engineering) Member'."""
    return TermBase(tuple(make_concept(c.id, [t for t in c.terms if "(" not in t.text]) for c in bundled.concepts),
                    "plain")


def hits(matcher, text):
    return [(h.concept, h.text, h.tolerance) for h in matcher.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("Pan Yunhe, CAE (the Chinese Academy of Engineering) Member",
     [("c3", "CAE (the Chinese Academy of Engineering) Member", "parenthetical")]),
    ("Pan Yunhe, CAE, the Chinese Academy of Engineering, Member",
     [("c3", "CAE, the Chinese Academy of Engineering, Member", "apposition")]),
    ("the Chinese Academy of Engineering (CAE) elected",
     [("c2", "Chinese Academy of Engineering (CAE)", "acronym-expansion")]),
    ("CAE (Chinese Academy of Engineering) elected",
     [("c2", "CAE (Chinese Academy of Engineering)", "acronym-expansion")]),
    ("the integrating development of the Yangtze River Delta",
     [("c14", "integrating development of the Yangtze River Delta", "inflection")]),
])
def test_each_tolerance_matches_and_is_named(plain, text, expected):
    assert hits(TermMatcher(plain, "en", tolerances=None), text) == expected


@pytest.mark.parametrize("name, text, exact", [
    ("parenthetical", "CAE (the Chinese Academy of Engineering) Member",
     [("c2", "CAE", ""), ("c2", "Chinese Academy of Engineering", "")]),
    ("apposition", "CAE, the Chinese Academy of Engineering, Member",
     [("c2", "CAE", ""), ("c2", "Chinese Academy of Engineering", "")]),
    ("acronym-expansion", "the Chinese Academy of Engineering (CAE)",
     [("c2", "Chinese Academy of Engineering", ""), ("c2", "CAE", "")]),
    ("inflection", "the integrating development of the Yangtze River Delta", [("c13", "Yangtze River Delta", "")]),
])
def test_each_tolerance_can_be_switched_off(plain, name, text, exact):
    others = [t for t in TOLERANCES if t != name]
    assert hits(TermMatcher(plain, "en", tolerances=others), text) == exact
    assert hits(TermMatcher(plain, "en"), text) == exact  # the matcher alone is exact


def test_exact_matches_win_over_inflection_and_derivations_do_not_match(bundled):
    m = TermMatcher(bundled, "en", tolerances=None)
    # "Industry Internet" is a forbidden term of its own: it is not an inflection of "Industrial Internet"
    assert hits(m, "the Industry Internet") == [("c15", "Industry Internet", "")]
    assert hits(m, "a directorate") == []  # derivation, not inflection of Director
    assert hits(m, "Zhejiang Lab integrated development of the Yangtze River Delta")[1] == \
        ("c14", "integrated development of the Yangtze River Delta", "")


def test_simplified_and_traditional_match_each_other(bundled, corpus):
    text = "中國工程院院士潘雲鶴，國家發展改革委和之江實驗室"
    m = TermMatcher(bundled, "zh-TW", tolerances=["script"])
    assert hits(m, text) == [("c3", "中國工程院院士", "script"), ("c9", "國家發展改革委", "script"),
                             ("c1", "之江實驗室", "script")]
    # exactly: only 工程院院士, written the same in both scripts
    assert hits(TermMatcher(bundled, "zh-TW"), text) == [("c3", "工程院院士", "")]
    # a Traditional glossary on Simplified text
    tw = TermBase(tuple(make_concept(c.id, [t.__class__(to_traditional(t.text), t.lang, t.status, t.term_type,
                                                         t.case_sensitive, t.note) for t in c.terms])
                        for c in bundled.concepts))
    assert [h[:2] for h in hits(TermMatcher(tw, "zh", tolerances=None), "之江实验室的首席科学家")] == \
        [("c1", "之江实验室"), ("c8", "首席科学家")]


REPORT_PAIR = ("浙江大学求是讲席教授、中国工程院院士潘云鹤", "Pan Yunhe, Qiushi Chair Professor of Zhejiang University, "
               "CAE (the Chinese Academy of Engineering) Member")


def test_check_interrupted_and_nested_terms(plain):
    """The report's own wording: no missing CAE Member, no unexpected CAE; exactly without tolerances."""
    result = check_pairs([REPORT_PAIR], plain, "zh", "en")
    assert result.ok
    assert {(m.side, m.concept, m.tolerance) for m in result.tolerated} == {("tgt", "c3", "parenthetical")}
    exact = check_pairs([REPORT_PAIR], plain, "zh", "en", tolerances=())
    assert sorted((i.tu, i.kind, i.term, i.found) for i in exact.issues) == [
        (1, "missing", "中国工程院院士", ""), (1, "unexpected", "中国工程院", "CAE")]


def test_nested_source_term_accounts_for_the_shorter_one(plain):
    pair = ("中国工程院院士潘云鹤", "Pan Yunhe, Member of the Chinese Academy of Engineering (CAE)")
    assert check_pairs([pair], plain, "zh", "en").ok
    result = check_pairs([pair], plain, "zh", "en", tolerances=[t for t in TOLERANCES if t != "nested"])
    assert [(i.kind, i.term) for i in result.issues] == [("unexpected", "中国工程院")]
    with_nested = check_pairs([("中国工程院院士潘云鹤", "Pan Yunhe, CAE Member of the CAE")], plain, "zh", "en")
    assert with_nested.ok and {m.tolerance for m in with_nested.tolerated} == {"nested"}


def test_issues_and_reports_name_the_tolerance(bundled):
    pairs = [("之江實驗室和浙江大學", "Zhejiang Lab and Zhejiang University"),
             ("之江實驗室的首席科學家", "the Zhejiang Laboratory Lead Scientist")]
    result = check_pairs(pairs, bundled, "zh-TW", "en")
    missing = next(i for i in result.issues if i.kind == "missing")
    assert (missing.tu, missing.term, missing.tolerance) == (2, "首席科学家", "script")
    assert "[script]" in text_table(result)
    doc = json.loads(render_report(result, "json"))
    assert doc["tolerances"] == list(TOLERANCES)
    assert {m["tolerance"] for m in doc["tolerated"]} == {"script"}
    assert "matched by tolerance: script" in render_report(result, "html")
    assert "tolerance" in render_report(result, "csv").splitlines()[0].split(",")


def test_unknown_tolerance_is_an_error(bundled):
    with pytest.raises(GlossaryError, match="unknown tolerance"):
        check_pairs([("a", "b")], bundled, "zh", "en", tolerances=["fuzzy"])
