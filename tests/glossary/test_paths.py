"""The flagship check through every path, on the bundled report, its planted copy, and
both in Traditional Chinese (converted here with OpenCC ``s2t``).

Paths: ``check SRC TGT`` with CSV, TBX and XLSX glossaries; ``check --pairs`` on the
gold alignment written as TMX, TSV and JSONL; the review page. Every path must give
zero issues on the report, exactly the planted set on the planted copy, and number
the issues by ``tu`` (the TMX ``tuid``).
"""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from align.api import align_files
from align.cli import cli
from align.evaluate import score_alignments
from corpora import Alignment, read_text
from corpora.formats import write_alignment
from corpora.formats.beads import read_beads
from corpora.hanzi import to_traditional

from tests.glossary.conftest import FIXTURES, PLANTED, gold_alignment

PLANTED_EN = FIXTURES / "en.planted.txt"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def texts(tmp_path_factory, corpus):
    """Source texts: the bundled Chinese and its Traditional conversion."""
    folder = tmp_path_factory.mktemp("texts")
    tw = folder / "zh.tw.txt"
    tw.write_text(to_traditional(read_text(corpus.zh)), encoding="utf-8")
    return {"simplified": Path(corpus.zh), "traditional": tw}


@pytest.fixture(scope="module")
def glossaries(tmp_path_factory, corpus):
    """The bundled CSV and TBX glossaries, and the CSV as an XLSX workbook."""
    from openpyxl import Workbook

    folder = tmp_path_factory.mktemp("glossaries")
    book = Workbook()
    sheet = book.active
    with open(corpus.glossary_csv, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            sheet.append(row)
    xlsx = folder / "glossary.xlsx"
    book.save(xlsx)
    return {"csv": corpus.glossary_csv, "tbx": corpus.glossary_tbx, "xlsx": xlsx}


def _traditional(alignment: Alignment) -> Alignment:
    from dataclasses import replace

    src = tuple(replace(s, text=to_traditional(s.text)) for s in alignment.src)
    return replace(alignment, src=src, src_lang="zh-TW")


def _json_issues(path: Path) -> set[tuple[int, str, str]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {(i["tu"], i["kind"], i["term"]) for i in doc["issues"]}


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("fmt", ["csv", "tbx", "xlsx"])
def test_check_src_tgt_clean_report_and_planted_copy(texts, glossaries, corpus, tmp_path, script, fmt):
    clean = run("check", texts[script], corpus.en, "-g", glossaries[fmt])
    assert clean.exit_code == 0, clean.output
    assert clean.stdout.startswith("no issues") and "term accuracy 100.0%" in clean.stdout
    out = tmp_path / "report.json"
    planted = run("check", texts[script], PLANTED_EN, "-g", glossaries[fmt], "-o", out)
    assert planted.exit_code == 1, planted.output
    # numbered as `duiqi align -o x.tmx` numbers the units: sentence units cut from a bead
    # come after it, so the planted beads' tu are their tuids in that TMX
    alignment = align_files(texts[script], PLANTED_EN, glossary=glossaries[fmt])
    tu_of = {p.index: p.tu for p in alignment.pairs()}
    assert _json_issues(out) == {(tu_of[bead], kind, term) for bead, kind, term in PLANTED}
    tmx = tmp_path / "a.tmx"
    assert run("align", texts[script], PLANTED_EN, "-g", glossaries[fmt], "-o", tmx).exit_code == 0
    units = {int(tu.get("tuid")): [seg.text for seg in tu.iter("seg")] for tu in etree.parse(str(tmx)).iter("tu")}
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert all(units[i["tu"]] == [i["src"], i["tgt"]] for i in doc["issues"])
    # that TMX (its derived sentence units left out on reading) checks to the same issues, same numbers
    again = tmp_path / "again.json"
    assert run("check", "--pairs", tmx, "-g", glossaries[fmt], "-o", again).exit_code == 1
    assert _json_issues(again) == _json_issues(out)
    assert doc["src_lang"] == ("zh-TW" if script == "traditional" else "zh")
    # why the matches counted: the Traditional text matches the Simplified glossary by script
    tolerated = {m["tolerance"] for m in doc["tolerated"]}
    assert ("script" in tolerated) == (script == "traditional")


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("ext", ["tmx", "tsv", "jsonl"])
def test_check_pairs_clean_report_and_planted_copy(tmp_path, corpus, script, ext):
    gold, planted = gold_alignment(), gold_alignment(FIXTURES / "en.planted.sentences.txt")
    if script == "traditional":
        gold, planted = _traditional(gold), _traditional(planted)
    for alignment, name in ((gold, "gold"), (planted, "planted")):
        write_alignment(alignment, tmp_path / f"{name}.{ext}")
    clean = run("check", "--pairs", tmp_path / f"gold.{ext}", "-g", corpus.glossary_tbx)
    assert clean.exit_code == 0 and clean.stdout.startswith("no issues"), clean.output
    out = tmp_path / "report.json"
    r = run("check", "--pairs", tmp_path / f"planted.{ext}", "-g", corpus.glossary_csv, "-o", out)
    assert r.exit_code == 1, r.output
    assert _json_issues(out) == PLANTED
    if ext == "tmx":
        # the tu of every issue is the tuid of the unit holding its pair
        root = etree.parse(str(tmp_path / "planted.tmx")).getroot()
        units = {int(tu.get("tuid")): [seg.text for seg in tu.iter("seg")] for tu in root.iter("tu")}
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert all(units[i["tu"]] == [i["src"], i["tgt"]] for i in doc["issues"])
        langs = {tuv.get(XML_LANG) for tuv in root.iter("tuv")}
        assert langs == ({"zh-TW", "en-US"} if script == "traditional" else {"zh-CN", "en-US"})


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.json, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_data(self, data):
        if self._in:
            self.json.append(data)

    def handle_endtag(self, tag):
        self._in = False


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_review_page_clean_report_and_planted_copy(texts, corpus, tmp_path, script):
    for en, expected in ((corpus.en, set()), (PLANTED_EN, PLANTED)):
        out = tmp_path / "review.html"
        r = run("review", texts[script], en, "--glossary", corpus.glossary_tbx, "-o", out)
        assert r.exit_code == 0, r.output
        parser = _Scripts()
        parser.feed(out.read_text(encoding="utf-8"))
        data = json.loads("".join(parser.json))
        tu_of = {}
        tu = 0
        for b in data["beads"]:
            if b["s"] and b["t"]:
                tu += 1
                tu_of[(tuple(b["s"]), tuple(b["t"]))] = tu
        found = {(tu_of[(tuple(i["s"]), tuple(i["t"]))], i["kind"], i["msg"].split("”")[0].lstrip("“"))
                 for i in data["issues"]}
        assert found == expected
        assert data["tmx_src_lang"] == ("zh-TW" if script == "traditional" else "zh-CN")


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_glossary_never_makes_the_alignment_worse(texts, glossaries, corpus, script, fmt):
    gold = [read_beads(corpus.gold)]
    without = score_alignments(gold, [align_files(texts[script], corpus.en).beads]).f1_strict
    with_glossary = score_alignments(gold, [align_files(texts[script], corpus.en, glossary=glossaries[fmt]).beads])
    assert without == 1.0 and with_glossary.f1_strict == 1.0


def test_glossary_mined_from_mac_dev_gold_does_not_hurt(mac_dev, tmp_path):
    """MAC-Dev with a glossary extracted from its own gold (top 200): strict F1 not lower."""
    from align.aligner import Aligner
    from corpora import Segment
    from glossary import load_termbase
    from glossary.extract import extract_candidates

    chapters = sorted(p.name for p in (mac_dev / "gold").iterdir())
    gold = [read_beads(mac_dev / "gold" / c) for c in chapters]
    pairs = []
    for c, beads in zip(chapters, gold):
        sides = [tuple(Segment(t.strip()) for t in read_text(mac_dev / lang / c).split("\n") if t.strip())
                 for lang in ("zh", "en")]
        pairs += list(Alignment(*sides, tuple(beads), "zh", "en").pairs(include_one_sided=False))
    path = tmp_path / "mined.csv"
    extract_candidates(pairs, "zh", "en", limit=200).to_csv(path, index=False)
    termbase = load_termbase(path)
    assert len(termbase.concepts) == 200  # one concept per candidate row
    aligner = Aligner()
    scores = {}
    for label, tb in (("without", None), ("with", termbase)):
        tests = [align_files(mac_dev / "zh" / c, mac_dev / "en" / c, no_split=True, aligner=aligner,
                             glossary=tb).beads for c in chapters]
        scores[label] = score_alignments(gold, tests).f1_strict
    assert scores["with"] >= scores["without"] > 0.85


@pytest.mark.parametrize("name, src, tgt", [("heldout-b", "b.en.txt", "b.zh.txt"), ("report", None, None)])
def test_a_wrong_glossary_does_not_pull_sentences_apart(corpus, tmp_path, name, src, tgt):
    """A glossary mined from the gold with its targets shuffled: every entry wrong, and
    the alignment as good as without it (it was not, while terms were constraints)."""
    import random

    from align.api import prepare_side
    from glossary import load_termbase
    from glossary.extract import extract_candidates

    heldout = FIXTURES.parent / "heldout"
    if src:
        src_path, tgt_path, gold_path, langs = heldout / src, heldout / tgt, heldout / "b.gold", ("en", "zh")
    else:
        src_path, tgt_path, gold_path, langs = Path(corpus.zh), Path(corpus.en), Path(corpus.gold), ("zh", "en")
    gold = read_beads(gold_path)
    sides = [prepare_side(read_text(p), lang)[0] for p, lang in zip((src_path, tgt_path), langs)]
    frame = extract_candidates(Alignment(*sides, tuple(gold), *langs), *langs, min_count=1, limit=200)
    targets = list(frame["tgt"])
    random.Random(0).shuffle(targets)
    frame["tgt"] = targets
    frame.to_csv(tmp_path / "wrong.csv", index=False)
    wrong = load_termbase(tmp_path / "wrong.csv")
    f1 = score_alignments([gold], [align_files(src_path, tgt_path, glossary=wrong).beads]).f1_strict
    assert f1 == score_alignments([gold], [align_files(src_path, tgt_path).beads]).f1_strict == 1.0
