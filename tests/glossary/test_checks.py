"""Checks on aligned pairs: the bundled report is clean; every planted error is found."""

from __future__ import annotations

import pytest

from corpora import Alignment
from glossary import GlossaryError, TermIssue, check_pairs, load_termbase
from glossary.checks import short_forms


def test_bundled_report_has_no_issues(gold, termbase):
    result = check_pairs(gold.pairs(), termbase, "zh", "en")
    assert result.issues == ()
    assert result.ok
    s = result.scores
    assert s.term_accuracy == 1.0 and s.consistency_micro == 1.0 and s.consistency_macro == 1.0
    assert s.occurrences == 54 and s.segments == 26


def test_every_planted_error_is_found_and_nothing_else(planted, planted_issues, termbase):
    result = check_pairs(planted.pairs(), termbase, "zh", "en")
    assert {(i.segment, i.kind, i.term) for i in result.issues} == planted_issues
    by_kind = {(i.segment, i.kind): i for i in result.issues}
    former = by_kind[(6, "forbidden")]
    assert former.found == "Ministry of Information Industry"
    assert former.expected.startswith("Ministry of Industry and Information Technology")
    assert former.tgt[former.tgt_span[0]:former.tgt_span[1]] == former.found
    assert (by_kind[(6, "number")].expected, by_kind[(6, "number")].found) == ("22", "23")
    incons = by_kind[(25, "inconsistent")]
    assert (incons.expected, incons.found) == ("Zhejiang Lab", "Zhejiang Laboratory")
    assert "Zhejiang Lab ×2" in incons.note and "Zhejiang Laboratory ×1" in incons.note
    missing = by_kind[(15, "missing")]
    assert missing.expected == "Chief Scientist" and missing.found == ""
    assert missing.src[missing.src_span[0]:missing.src_span[1]] == "首席科学家"
    s = result.scores
    assert (s.missing, s.forbidden, s.inconsistent, s.unexpected, s.number) == (2, 3, 1, 1, 2)
    assert s.term_accuracy == pytest.approx(49 / 54)


def test_frames(planted, planted_issues, termbase):
    result = check_pairs(planted.pairs(), termbase, "zh", "en")
    issues = result.issues_frame()
    assert list(issues.columns) == ["segment", "kind", "term", "expected", "found", "concept", "note", "src", "tgt"]
    assert len(issues) == len(planted_issues)
    terms = result.terms_frame().set_index("term")
    assert terms.loc["之江实验室", "renderings"] == "Zhejiang Lab ×2; Zhejiang Laboratory ×1"
    assert terms.loc["之江实验室", "consistency"] == pytest.approx(2 / 3)
    assert terms.loc["首席科学家", "accuracy"] == 0.0
    assert terms.loc["实验室", "occurrences"] == 18


def test_english_source_chinese_target(gold, termbase):
    reverse = [(p.tgt, p.src) for p in gold.pairs()]
    result = check_pairs(reverse, termbase, "en", "zh")
    assert [(i.segment, i.kind) for i in result.issues] == []
    reverse[19] = (reverse[19][0], reverse[19][1].replace("之江实验室科技奖", "浙江实验室科技奖"))
    issues = check_pairs(reverse, termbase, "en", "zh").issues
    assert [(i.segment, i.kind, i.term, i.found) for i in issues] == [
        (19, "missing", "Zhejiang Lab Technology Awards", ""), (19, "forbidden", "the Lab", "浙江实验室")]


def test_one_sided_beads_are_checked_for_forbidden_terms_only(termbase):
    pairs = [("", "Zhejiang Lab"), ("之江实验室", ""), ("", "the Zhijiang Lab")]
    assert [(i.segment, i.kind) for i in check_pairs(pairs, termbase, "zh", "en").issues] == [(2, "forbidden")]


def test_check_selection_and_errors(planted, termbase):
    only = check_pairs(planted.pairs(), termbase, "zh", "en", checks=("number",))
    assert {i.kind for i in only.issues} == {"number"} and only.checks == ("number",)
    with pytest.raises(GlossaryError, match="unknown check"):
        check_pairs([], termbase, "zh", "en", checks=("spelling",))
    with pytest.raises(GlossaryError, match="no fr terms"):
        check_pairs([], termbase, "zh", "fr")
    with pytest.raises(GlossaryError, match="pair 0"):
        check_pairs([42], termbase, "zh", "en")


def test_homograph_approved_for_the_source_concept_is_not_forbidden(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("id,zh,en,status\nc1,院长,Dean,preferred\nc2,主任,Director,preferred\nc2,,Dean,forbidden\n",
                 encoding="utf-8")
    tb = load_termbase(p)
    assert check_pairs([("院长讲话", "The Dean spoke")], tb, "zh", "en").issues == ()
    (issue,) = check_pairs([("主任讲话", "The Dean spoke")], tb, "zh", "en").issues
    assert (issue.kind, issue.term, issue.expected, issue.found) == ("forbidden", "主任", "Director", "Dean")


def test_short_forms(termbase):
    c1, c12 = termbase.concept("c1"), termbase.concept("c12")
    assert short_forms(c1, "en") == {"the Lab"}
    assert short_forms(c12, "en") == {"Cyberspace Administration", "CAC"}


def test_short_forms_are_inferred_without_term_types(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("zh,en,status\n国家网信办,Cyberspace Administration of China,\n"
                 "国家网信办,Cyberspace Administration,admitted\n国家网信办,CAC,admitted\n"
                 "国家网信办,Internet Office,admitted\n", encoding="utf-8")
    (concept,) = load_termbase(p).concepts
    assert short_forms(concept, "en") == {"Cyberspace Administration", "CAC"}
    pairs = [("国家网信办", "the Cyberspace Administration of China"), ("国家网信办", "the CAC"),
             ("国家网信办", "the Cyberspace Administration"), ("国家网信办", "the Internet Office")]
    result = check_pairs(pairs, load_termbase(p), "zh", "en")
    assert [(i.segment, i.kind, i.found) for i in result.issues] == [(3, "inconsistent", "Internet Office")]


def test_translation_scores_with_references(gold, termbase):
    pairs = list(gold.pairs())
    refs = [p.tgt for p in pairs]
    result = check_pairs(pairs, termbase, "zh", "en", references=refs)
    t = result.scores.translation
    assert t.level == "segment" and t.bleu == pytest.approx(100.0) and t.ter == pytest.approx(0.0)
    doc = check_pairs(pairs, termbase, "zh", "en", references=["Zhejiang Lab held a conference."])
    assert doc.scores.translation.level == "document" and doc.scores.translation.bleu < 5


def test_issue_fields():
    assert list(TermIssue.__dataclass_fields__)[:7] == [
        "segment", "src", "tgt", "kind", "term", "expected", "found"]


def test_accepts_an_alignment(gold, termbase):
    assert isinstance(gold, Alignment)
    assert check_pairs(gold, termbase, "zh", "en").scores.segments == 26
