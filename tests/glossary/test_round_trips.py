"""Round trips of the QA data: extracted candidates load back as one concept per row; a
malformed CSV glossary is one error line naming the line; every output numbers pairs by
``tu``, the TMX ``tuid``; glossary language columns match language variants."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from lxml import etree

from align.cli import cli
from corpora.formats import write_alignment
from glossary import check_pairs, load_termbase
from glossary.termbase import TermBaseError


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_extracted_candidates_load_back_one_concept_per_row(gold, tmp_path):
    pairs = tmp_path / "gold.tmx"
    write_alignment(gold, pairs)
    out = tmp_path / "cand.csv"
    assert run("glossary", "extract", pairs, "-o", out).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    tb = load_termbase(out)
    assert len(rows) > 50 and len(tb.concepts) == len(rows)
    first = tb.concepts[0]
    assert [(t.lang, t.text) for t in first.terms] == [("zh", rows[0]["src"]), ("en", rows[0]["tgt"])]


@pytest.mark.parametrize("text, line, problem", [
    ('zh,en,note\n之江实验室,Zhejiang Lab,"official\n工程院,CAE,x\n科技部,MOST,y\n', 2, "stray quote"),
    ('zh,en\n之江实验室,"Zhejiang" Lab\n科技部,MOST\n', 2, "stray quote"),
    ('zh,en,note\n科技部,MOST,a\n"工程院,CAE\n', 3, "stray quote"),
    ('zh,en,note\n科技部,MOST,a\n之江实验室,Zhejiang Lab\n', 3, "2 fields, but the header has 3"),
])
def test_malformed_csv_is_one_error_naming_the_line(tmp_path, text, line, problem):
    path = tmp_path / "g.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TermBaseError, match=f"g.csv:{line}: .*") as e:
        load_termbase(path)
    assert problem in str(e.value) or problem.split()[0] in str(e.value)
    r = run("glossary", "show", path)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and f"g.csv:{line}:" in r.stderr


def test_every_output_numbers_pairs_as_the_tmx_tuid(gold, tmp_path):
    """gold has a one-sided bead first (the English by-line): it has no tu."""
    for ext in ("tmx", "tsv", "jsonl"):
        write_alignment(gold, tmp_path / f"a.{ext}")
    tuids = [tu.get("tuid") for tu in etree.parse(str(tmp_path / "a.tmx")).getroot().iter("tu")]
    tmx_src = [tu.find("tuv/seg").text for tu in etree.parse(str(tmp_path / "a.tmx")).getroot().iter("tu")]
    lines = (tmp_path / "a.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[-1] == "tu"
    tsv = {row.split("\t")[-1]: row.split("\t")[0] for row in lines[1:]}
    jsonl = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert jsonl[0]["tu"] is None and "" in tsv  # the by-line
    assert [str(r["tu"]) for r in jsonl if r["tu"] is not None] == tuids == [k for k in tsv if k]
    assert [tsv[k] for k in tuids] == tmx_src
    assert [p.tu for p in gold.pairs() if p.tu] == list(range(1, len(tuids) + 1))


@pytest.mark.parametrize("column", ["zh-CN", "zh", "zho", "zh-Hans", "Chinese"])
def test_a_chinese_column_matches_every_chinese_code(tmp_path, column):
    path = tmp_path / "g.csv"
    path.write_text(f"{column},en-US\n科学技术部,Ministry of Science and Technology\n", encoding="utf-8")
    tb = load_termbase(path)
    for src_lang in ("zh", "zh-CN", "zho", "zh-Hans", "zh-TW"):
        result = check_pairs([("科学技术部", "the Ministry of Education")], tb, src_lang, "en")
        assert [(i.kind, i.term) for i in result.issues] == [("missing", "科学技术部")]
