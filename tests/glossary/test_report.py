"""Reports: CSV, JSON, HTML (self-contained, escaped), the terminal table; atomic writes."""

from __future__ import annotations

import csv
import json

import pytest

from glossary import GlossaryError, check_pairs
from glossary.report import render_report, report_format, write_report


@pytest.fixture(scope="module")
def result(planted):
    from corpora import bundled_corpus
    from glossary import load_termbase

    return check_pairs(planted.pairs(), load_termbase(bundled_corpus().glossary_tbx), "zh", "en")


def test_json_report(result, tmp_path, planted_issues):
    out = tmp_path / "r.json"
    assert write_report(result, out) == "json"
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {(i["tu"], i["kind"], i["term"]) for i in doc["issues"]} == planted_issues
    assert doc["scores"]["issues"] == len(planted_issues) and doc["scores"]["term_accuracy"] == pytest.approx(49 / 54, abs=1e-6)
    assert doc["counts"] == {"missing": 2, "forbidden": 3, "inconsistent": 1, "unexpected": 1, "number": 2}
    assert doc["signature"].startswith("duiqi:") and "glossary.tbx" in doc["signature"]
    issue = doc["issues"][0]
    assert set(issue) >= {"tu", "src", "tgt", "kind", "term", "expected", "found", "tgt_span"}
    assert any(t["term"] == "之江实验室" and t["consistency"] == pytest.approx(2 / 3, abs=1e-6) for t in doc["terms"])


def test_csv_report(result, tmp_path):
    out = tmp_path / "r.csv"
    write_report(result, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == len(result.issues)
    assert rows[0]["kind"] == "forbidden" and rows[0]["found"] == "Vice Director"


def test_html_report_is_self_contained_escaped_and_highlighted(result, tmp_path):
    out = tmp_path / "r.html"
    write_report(result, out)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert "<mark>Vice Director</mark>" in page and "<mark>首席科学家</mark>" in page
    assert "term accuracy" in page and "Zhejiang Laboratory ×1" in page
    from dataclasses import replace

    evil = replace(result, issues=(replace(result.issues[0], tgt="<script>alert(1)</script> & more", tgt_span=(0, 8)),))
    page = render_report(evil, "html")
    assert "<script>alert" not in page and "<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; &amp; more" in page


def test_text_table(result, gold):
    from corpora import bundled_corpus
    from glossary import load_termbase

    table = render_report(result, "text")
    assert "Vice Director" in table and "9 issue(s) in 26 pair(s)" in table
    clean = check_pairs(gold.pairs(), load_termbase(bundled_corpus().glossary_csv), "zh", "en")
    assert render_report(clean, "text").startswith("no issues")


def test_report_errors_leave_no_file(result, tmp_path):
    with pytest.raises(GlossaryError, match="report format"):
        report_format(tmp_path / "r.pdf")
    from corpora import CorporaError

    with pytest.raises(CorporaError, match="no such directory"):
        write_report(result, tmp_path / "missing" / "r.json")
    assert list(tmp_path.iterdir()) == []
