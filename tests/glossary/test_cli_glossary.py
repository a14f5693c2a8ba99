"""The commands of align/cli/glossary.py: check, score, glossary extract/show.

(Kept beside the glossary tests, whose fixtures they share.)
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import cli
from corpora.formats import write_alignment

PLANTED_EN = Path(__file__).resolve().parents[1] / "fixtures" / "zhejiang_lab_2020" / "en.planted.txt"


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [str(a) for a in args])

    return invoke


@pytest.fixture()
def files(tmp_path, gold, planted):
    paths = {"gold.tsv": tmp_path / "gold.tsv", "planted.tmx": tmp_path / "planted.tmx",
             "planted.tsv": tmp_path / "planted.tsv"}
    write_alignment(gold, paths["gold.tsv"])
    write_alignment(planted, paths["planted.tmx"])
    write_alignment(planted, paths["planted.tsv"])
    return paths


def test_check_gold_pairs_is_clean(run, files, corpus):
    for glossary in (corpus.glossary_csv, corpus.glossary_tbx):
        r = run("check", "--pairs", files["gold.tsv"], "-g", glossary)
        assert r.exit_code == 0, r.output
        assert r.stdout.startswith("no issues") and "term accuracy 100.0%" in r.stdout


def test_check_planted_tmx_json_report(run, files, corpus, tmp_path, planted_issues):
    out = tmp_path / "report.json"
    r = run("check", "--pairs", files["planted.tmx"], "-g", corpus.glossary_tbx, "-o", out)
    assert r.exit_code == 1, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    # issues are numbered by tuid; bead 0 (the English by-line) is not in the TMX
    assert {(i["tu"], i["kind"], i["term"]) for i in doc["issues"]} == planted_issues
    assert doc["scores"]["issues"] == len(planted_issues) and "report written to" in r.stdout


@pytest.mark.parametrize("ext", ["csv", "html", "txt"])
def test_check_planted_tsv_other_reports(run, files, corpus, tmp_path, ext, planted_issues):
    out = tmp_path / f"report.{ext}"
    r = run("check", "--pairs", files["planted.tsv"], "-g", corpus.glossary_csv, "-o", out)
    assert r.exit_code == 1
    text = out.read_text(encoding="utf-8-sig")  # CSV for Excel has a BOM
    if ext == "csv":
        rows = list(csv.DictReader(text.splitlines()))
        assert {(int(x["tu"]), x["kind"], x["term"]) for x in rows} == planted_issues
    elif ext == "html":
        assert "<mark>CCP Committee</mark>" in text
    else:
        assert "CCP Committee" in text


def test_check_aligns_src_and_tgt(run, corpus, tmp_path):
    out = tmp_path / "report.json"
    r = run("check", corpus.zh, PLANTED_EN, "-g", corpus.glossary_csv, "-o", out)
    assert r.exit_code == 1, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert set(doc) >= {"issues", "scores", "terms", "signature", "counts"}
    assert doc["src_lang"] == "zh" and doc["tgt_lang"] == "en"
    forbidden = {i["found"] for i in doc["issues"] if i["kind"] == "forbidden"}
    assert forbidden == {"Vice Director", "Ministry of Information Industry", "CCP Committee"}
    for issue in doc["issues"]:
        assert set(issue) >= {"tu", "src", "tgt", "kind", "term", "expected", "found"}


def test_check_reference_adds_bleu(run, files, corpus, tmp_path, gold):
    ref = tmp_path / "ref.txt"
    ref.write_text("\n".join(p.tgt for p in gold.pairs()) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    r = run("check", "--pairs", files["planted.tsv"], "-g", corpus.glossary_csv, "--reference", ref, "-o", out)
    assert r.exit_code == 1
    t = json.loads(out.read_text(encoding="utf-8"))["scores"]["translation"]
    assert t["level"] == "segment" and 80 < t["bleu"] < 100


@pytest.mark.parametrize("args,message", [
    (["check", "--pairs", "{gold}", "-g", "{tmp}/nope.csv"], "nope.csv: no such file"),
    (["check", "-g", "{csv}"], "give SRC and TGT"),
    (["check", "--pairs", "{gold}", "-g", "{csv}", "-o", "{tmp}/r.pdf"], "report format"),
    (["check", "--pairs", "{gold}", "-g", "{csv}", "--checks", "spelling"], "spelling"),
    (["check", "--pairs", "{gold}", "-g", "{csv}", "-o", "{gold}"], "refusing to overwrite"),
    (["score", "{gold}", "{csv}"], "hypothesis segment"),
    (["glossary", "extract", "{gold}", "-o", "{tmp}/c.xlsx"], ".csv or .tsv"),
    (["glossary", "show", "{tmp}/bad.tbx"], "bad.tbx:1: not well-formed XML"),
])
def test_bad_input_is_one_line_and_exit_2(run, files, corpus, tmp_path, args, message):
    (tmp_path / "bad.tbx").write_text("<tbx><unclosed></tbx>", encoding="utf-8")
    fill = {"gold": files["gold.tsv"], "tmp": tmp_path, "csv": corpus.glossary_csv}
    r = run(*[a.format(**fill) for a in args])
    assert r.exit_code == 2, r.output
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("duiqi: error: ") and message in r.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_score(run, tmp_path):
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("之江实验室召开2020年度内部大会\n主任朱世强作工作报告\n", encoding="utf-8")
    ref.write_text("之江实验室召开了2020年度内部大会\n朱世强主任作了工作报告\n", encoding="utf-8")
    r = run("score", hyp, ref)
    assert r.exit_code == 0 and "BLEU" in r.stdout and "tok:zh" in r.stdout
    doc = json.loads(run("score", hyp, ref, "--json").stdout)
    assert doc["lang"] == "zh" and doc["segments"] == 2 and 0 < doc["bleu"] < 100


def test_glossary_extract_and_show(run, files, corpus, tmp_path):
    out = tmp_path / "candidates.csv"
    r = run("glossary", "extract", files["gold.tsv"], "-o", out)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert rows[0]["src"] == "实验室" and rows[0]["tgt"] == "Lab"
    r = run("glossary", "extract", files["gold.tsv"], "-o", out, "-g", corpus.glossary_tbx)
    assert r.exit_code == 0
    assert all(row["src"] != "实验室" for row in csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    r = run("glossary", "show", corpus.glossary_tbx)
    assert r.exit_code == 0 and "Zhijiang Lab\tforbidden" in r.stdout and "30 concepts, 121 terms" in r.stdout
