"""Term matching: longest match, whole words, case, plural/possessive/hyphen variants."""

from __future__ import annotations

import functools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import Term, TermBase, TermMatcher
from glossary.termbase import make_concept


def _tb(*rows):
    """rows: (concept id, lang, text[, status[, case_sensitive]])."""
    by: dict[str, list[Term]] = {}
    for cid, lang, text, *rest in rows:
        status = rest[0] if rest else "preferred"
        case = rest[1] if len(rest) > 1 else False
        by.setdefault(cid, []).append(Term(text, lang, status, case_sensitive=case))
    return TermBase(tuple(make_concept(k, v) for k, v in by.items()))


def _found(matcher, text):
    return [(h.concept, h.text) for h in matcher.find(text)]


def test_chinese_longest_match(termbase):
    zh = TermMatcher(termbase, "zh")
    text = "副主任袁继新主持会议，主任朱世强、中国工程院院士潘云鹤出席；推动实验室建成国家实验室。"
    assert _found(zh, text) == [("c7", "副主任"), ("c6", "主任"), ("c3", "中国工程院院士"),
                                ("c1", "实验室"), ("c17", "国家实验室")]


def test_english_whole_words_and_case(termbase):
    en = TermMatcher(termbase, "en")
    assert _found(en, "the CAES and CAE") == [("c2", "CAE")]
    assert _found(en, "most of MOST staff") == [("c10", "MOST")]
    assert _found(en, "the cae") == []  # acronyms are case-sensitive
    assert _found(en, "the ZHEJIANG LAB") == [("c1", "ZHEJIANG LAB")]  # others are not
    assert _found(en, "Directors, directorate") == [("c6", "Directors")]


def test_english_variants(termbase):
    en = TermMatcher(termbase, "en")
    text = ("the Lab’s CAEs; high level talent support programs; two talent recruitment plans; "
            "the Multicenter Intelligent Medical Information Platform; Zhejiang  Lab's; "
            "the Ministry of Science & Technology; members' CPC Committees")
    assert _found(en, text) == [
        ("c1", "the Lab’s"), ("c2", "CAEs"), ("c28", "high level talent support programs"),
        ("c27", "talent recruitment plans"), ("c23", "Multicenter Intelligent Medical Information Platform"),
        ("c1", "Zhejiang  Lab's"), ("c10", "Ministry of Science & Technology"), ("c4", "CPC Committees")]


def test_special_characters_are_literal(termbase):
    en = TermMatcher(termbase, "en")
    text = "Pan Yunhe, CAE (the Chinese Academy of Engineering) Member and CAE Member"
    assert _found(en, text) == [("c3", "CAE (the Chinese Academy of Engineering) Member"), ("c3", "CAE Member")]
    odd = TermMatcher(_tb(("x", "en", "C++ (v2.0)*"), ("y", "en", "a.b")), "en")
    assert _found(odd, "we use C++ (v2.0)* and a.b, not axb") == [("x", "C++ (v2.0)*"), ("y", "a.b")]


def test_nested_and_overlapping_terms_resolve_to_maximal_exclusive_matches():
    tb = _tb(("ab", "en", "alpha beta"), ("bcd", "en", "beta gamma delta"), ("b", "en", "beta"),
             ("d", "en", "delta"))
    m = TermMatcher(tb, "en")
    assert _found(m, "alpha beta gamma delta") == [("bcd", "beta gamma delta")]
    assert _found(m, "alpha beta, gamma delta") == [("ab", "alpha beta"), ("d", "delta")]
    zh = TermMatcher(_tb(("a", "zh", "长三角"), ("b", "zh", "长三角一体化发展"), ("c", "zh", "一体化")), "zh")
    assert _found(zh, "融入长三角一体化发展，长三角的一体化") == [("b", "长三角一体化发展"), ("a", "长三角"), ("c", "一体化")]


def test_homographs_give_one_hit_per_concept():
    m = TermMatcher(_tb(("bank1", "en", "bank"), ("bank2", "en", "bank", "forbidden")), "en")
    hits = m.find("the bank")
    assert [(h.concept, h.status, h.start, h.end) for h in hits] == [
        ("bank1", "preferred", 4, 8), ("bank2", "forbidden", 4, 8)]


def test_full_width_and_latin_in_chinese():
    m = TermMatcher(_tb(("ai", "zh", "AI芯片"), ("cae", "en", "CAE", "preferred", True)), "zh")
    assert _found(m, "发布ＡＩ芯片和MAI芯片") == [("ai", "ＡＩ芯片")]
    assert _found(TermMatcher(_tb(("cae", "en", "CAE", "preferred", True)), "en"), "ＣＡＥ member") == [("cae", "ＣＡＥ")]


WORDS = ["the", "Lab", "Lab’s", "Zhejiang", "CAE", "CAES", "Deputy", "Director", "Directors", "talent",
         "recruitment", "plans", "-", ",", "big", "data", "Industrial", "Internet", "Research", "Center",
         "for", "national", "laboratory", "CPC", "Committee", "AI", "ai", "most", "MOST"]


@functools.cache
def _bundled_en_matcher() -> TermMatcher:
    from corpora import bundled_corpus
    from glossary import load_termbase

    return TermMatcher(load_termbase(bundled_corpus().glossary_csv), "en")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_hits_are_exclusive_spans_that_match_their_terms(words):
    m = _bundled_en_matcher()
    text = " ".join(words)
    hits = m.find(text)
    spans = sorted({(h.start, h.end) for h in hits})
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert b <= c
    for h in hits:
        assert text[h.start:h.end] == h.text
        # the hit is the term up to case, plural s, possessive and spacing/hyphenation
        squash = lambda s: re.sub(r"(['’]s|s)\b|[\s\-]", "", s if h.term.isupper() else s.lower())  # noqa: E731
        assert squash(h.text) == squash(h.term)
