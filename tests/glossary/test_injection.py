"""Terminal and spreadsheet injection: what a hostile term or pair becomes in duiqi's tables.

Terms and texts with ESC/OSC sequences are shown escaped (never acted on by the
terminal), their digits are not numbers, and CSV written for people (reports,
candidates) neutralises formula-like cells and carries a BOM for Excel.
"""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from align.cli import cli
from corpora.formats import write_alignment
from corpora import Alignment

OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[2J"


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture()
def hostile_glossary(tmp_path):
    g = tmp_path / "g.csv"
    g.write_text(f"zh,en\n之江实验室{OSC},Zhejiang Lab{CSI}\n=HYPERLINK(\"http://x\"),@SUM(1)\n科技部,MOST\n",
                 encoding="utf-8")
    return g


def test_glossary_show_escapes_control_sequences(hostile_glossary):
    r = _run("glossary", "show", hostile_glossary)
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\x07" not in r.output
    assert "之江实验室\\x1b]0;pwned\\x07" in r.output and "Zhejiang Lab\\x1b[2J" in r.output


def _pairs(tmp_path, zh: str, en: str):
    alignment = Alignment.from_pairs([(zh, en)], "zh", "en")
    path = tmp_path / "pairs.tsv"
    write_alignment(alignment, path)
    return path


def test_check_table_escapes_and_an_osc_title_is_no_number(tmp_path):
    g = tmp_path / "g.csv"
    g.write_text(f"zh,en\n科技部{OSC},MOST\n", encoding="utf-8")
    pairs = _pairs(tmp_path, f"科技部{OSC}发布通知。", "The Ministry announced it.")
    r = _run("check", "--pairs", pairs, "-g", g)
    assert r.exit_code == 1, r.output  # the term is missing in the target
    assert "\x1b" not in r.output and "\x07" not in r.output
    assert "missing" in r.output and "number" not in r.output.split("\n\n")[0]  # no `number 0` issue from ]0;


def test_check_csv_report_is_for_spreadsheets(tmp_path):
    g = tmp_path / "g.csv"
    g.write_text("zh,en\n=科技部,=MOST\n", encoding="utf-8")
    pairs = _pairs(tmp_path, "=科技部发布通知。", "The ministry announced it.")
    out = tmp_path / "report.csv"
    r = _run("check", "--pairs", pairs, "-g", g, "-o", out)
    assert r.exit_code == 1, r.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert rows and rows[0]["term"] == "'=科技部" and rows[0]["src"].startswith("'=")


def test_glossary_extract_csv_is_for_spreadsheets_and_stdout_is_plain(tmp_path):
    pairs = [(f"之江实验室的第{i}个项目。", f"Zhejiang Lab project {i}.") for i in range(6)]
    path = tmp_path / "pairs.tsv"
    write_alignment(Alignment.from_pairs(pairs, "zh", "en"), path)
    out = tmp_path / "c.csv"
    r = _run("glossary", "extract", path, "-o", out, "--min-count", "2")
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith("\ufeffrank,src,tgt,".encode())  # a BOM, so Excel shows Chinese
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert ("之江实验室", "Zhejiang Lab project") in {(row["src"], row["tgt"]) for row in rows}
    r = _run("glossary", "extract", path, "-o", "-", "--min-count", "2")
    assert r.exit_code == 0 and r.stdout_bytes.startswith(b"rank,src,tgt,")  # no BOM in a pipe


def test_error_and_warning_lines_stay_one_line_and_inert(tmp_path):
    folder = tmp_path / "a\nb\x1b[2J"
    folder.mkdir()
    r = _run("align", folder / "zh.txt", folder / "en.txt")
    assert r.exit_code == 2
    assert len(r.output.strip().splitlines()) == 1 and "\x1b" not in r.output and "a\\nb\\x1b[2J" in r.output
