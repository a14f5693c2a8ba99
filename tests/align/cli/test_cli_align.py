"""End to end: `duiqi align` on the bundled report, every output format, every error."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from lxml import etree

from align.cli import cli
from align.evaluate import score_alignments
from corpora.formats.beads import parse_beads, read_beads

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def tmx_path(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("tmx") / "report.tmx"
    result = run("align", str(corpus.zh), str(corpus.en), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_bundled_report_aligns_exactly_as_the_gold(tmp_path, corpus):
    out = tmp_path / "report.align"
    result = run("align", str(corpus.zh), str(corpus.en), "-o", str(out))
    assert result.exit_code == 0, result.output
    test = read_beads(out)
    gold = read_beads(corpus.gold)
    assert score_alignments([gold], [test]).f1_strict == 1.0


def test_bead_format_covers_every_sentence_once_in_order(tmp_path, corpus):
    result = run("align", str(corpus.zh), str(corpus.en), "--format", "align")
    assert result.exit_code == 0
    beads = parse_beads(result.output)
    assert [i for b in beads for i in b.src] == list(range(28))
    assert [i for b in beads for i in b.tgt] == list(range(36))
    assert all(b.score is not None for b in beads)


def test_tmx_is_valid_tmx14_with_header_and_languages(tmx_path, tmx_dtd, corpus):
    doc = etree.parse(str(tmx_path))
    assert tmx_dtd.validate(doc), tmx_dtd.error_log.filter_from_errors()
    root = doc.getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr
    assert header.get("segtype") == "sentence" and header.get("datatype") == "plaintext"
    assert header.get("srclang") == "zh-CN"
    assert "scorers:" in header.findtext("prop[@type='x-duiqi-signature']")
    tus = root.findall("body/tu")
    gold = read_beads(corpus.gold)
    whole = [tu for tu in tus if tu.find("prop[@type='x-duiqi-bead']") is None
             and tu.find("prop[@type='x-duiqi-joined']") is None]
    assert len(whole) == sum(1 for b in gold if b.src and b.tgt)
    many_to_one = [b for b in gold if min(len(b.src), len(b.tgt)) == 1 and max(len(b.src), len(b.tgt)) > 1]
    cut = [tu for tu in whole if tu.get("tuid") in {t.findtext("prop[@type='x-duiqi-bead']") for t in tus}]
    assert len(cut) >= len(many_to_one) - 1
    for k, tu in enumerate(tus, 1):
        assert tu.get("tuid") == str(k)
        children = [c.tag for c in tu]
        assert set(children[:-2]) == {"prop"} and len(children) in (4, 5, 6) and children[-2:] == ["tuv", "tuv"]
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["zh-CN", "en-US"]
    bead_units = run("align", str(corpus.zh), str(corpus.en), "--units", "bead", "--format", "tmx").output
    assert bead_units.count("<tu ") == len(whole) and "x-duiqi-bead" not in bead_units
    assert "x-duiqi-joined" not in bead_units


def test_translate_toolkit_reads_back_identical_pairs(tmx_path, tmp_path, corpus):
    tmx = pytest.importorskip("translate.storage.tmx")
    store = tmx.tmxfile.parsefile(str(tmx_path))
    toolkit_pairs = [(u.source, u.target) for u in store.units]
    tsv = run("align", str(corpus.zh), str(corpus.en))
    ours = [tuple(line.split("\t")[:2]) for line in tsv.output.splitlines()[1:]]
    ours = [p for p in ours if p[0] and p[1]]
    assert toolkit_pairs == ours
    assert len(ours) == len(etree.parse(str(tmx_path)).getroot().findall("body/tu")) > 26


def test_formats_from_extension_and_stdout_tsv(tmp_path, corpus):
    out = tmp_path / "r.jsonl"
    assert run("align", str(corpus.zh), str(corpus.en), "-o", str(out)).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[0]["tgt"] == "Zhejiang Lab" and records[0]["src"] == ""
    assert {"src", "tgt", "src_ids", "tgt_ids", "score", "type"} <= set(records[1])
    result = run("align", str(corpus.zh), str(corpus.en))
    header = result.output.splitlines()[0]
    assert header.split("\t")[:2] == ["src", "tgt"]


def test_no_split_reads_one_sentence_a_line(tmp_path):
    src = tmp_path / "zh.txt"
    tgt = tmp_path / "en.txt"
    src.write_text("我们走吧。他说。\n好的。\n\n结束。\n", encoding="utf-8")
    tgt.write_text("Let us go. He said.\nFine.\n\nThe end.\n", encoding="utf-8")
    result = run("align", str(src), str(tgt), "--no-split", "--format", "align")
    assert result.exit_code == 0, result.output
    assert [str(b.src) + str(b.tgt) for b in parse_beads(result.output)] == ["(0,)(0,)", "(1,)(1,)", "(2,)(2,)"]


def test_python_dash_m_align_runs_the_cli(corpus):
    proc = subprocess.run(
        [sys.executable, "-m", "align", "align", str(corpus.zh), str(corpus.en), "--format", "align"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("[]:[0]")


@pytest.mark.parametrize(
    "make, args, message",
    [
        (None, ["missing.txt", "{en}"], "no such file"),
        ("empty", ["{p}", "{en}"], "empty"),
        ("binary", ["{p}", "{en}"], "binary"),
        (None, ["{zh}", "{en}", "-o", "{tmp}/out.xyz"], "output format"),
        (None, ["{zh}", "{en}", "--format", "docx"], "docx"),
        (None, ["{zh}", "{en}", "--src-lang", "xx"], "unsupported language"),
        (None, ["{zh}", "{en}", "-o", "{tmp}/no/such/dir/out.tmx"], "no such directory"),
        (None, ["{zh}", "{en}", "-o", "{zh}"], "overwrite an input"),
        ("latin1", ["{p}", "{en}", "--encoding", "utf-8"], "not valid utf-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, corpus, make, args, message):
    p = tmp_path / "input.txt"
    if make == "empty":
        p.write_bytes(b"")
    elif make == "binary":
        p.write_bytes(bytes(range(256)) * 8)
    elif make == "latin1":
        p.write_bytes("café crème".encode("latin-1"))
    values = {"p": str(p), "en": str(corpus.en), "zh": str(corpus.zh), "tmp": str(tmp_path)}
    result = run("align", *[a.format(**values) for a in args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("duiqi: error:")
    assert message in lines[0]
    assert "Traceback" not in result.output


def test_failed_run_leaves_existing_output_untouched(tmp_path, corpus):
    out = tmp_path / "keep.tmx"
    out.write_text("previous content", encoding="utf-8")
    result = run("align", str(tmp_path / "missing.txt"), str(corpus.en), "-o", str(out))
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.tmx"]


def test_a_giant_line_is_refused_not_aligned_for_minutes(tmp_path, corpus):
    big = tmp_path / "big.txt"
    big.write_text("这是一个很长的句子" * 200_000, encoding="utf-8")  # 1.8 million characters, one line
    result = run("align", str(big), str(corpus.en), "--no-split")
    assert result.exit_code == 2
    assert "line 1 has 1,800,000 characters" in result.output
