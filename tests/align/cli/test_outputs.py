"""Where outputs go: ``-o -`` is stdout, devices and FIFOs are written through (never
replaced), a full disk is one error line, and scores that are not numbers never reach
a TMX filter or the review page."""

from __future__ import annotations

import json
import os
import re
import stat

import pytest
from click.testing import CliRunner

from align.cli import cli
from corpora import bundled_corpus
from tests.conftest import device, fifo_reader

CORPUS = bundled_corpus()


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_dash_output_is_stdout_in_the_format_asked():
    r = _run("align", CORPUS.zh, CORPUS.en, "-o", "-", "-f", "jsonl")
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout.splitlines()[0])
    assert set(first) >= {"src", "tgt", "score"} and not os.path.exists("-")


def test_dash_output_of_convert_and_check(tmp_path):
    tsv = tmp_path / "a.tsv"
    assert _run("align", CORPUS.zh, CORPUS.en, "-o", tsv).exit_code == 0
    r = _run("convert", tsv, "-")
    assert r.exit_code == 0 and r.stdout.startswith("src\ttgt\tscore")
    r = _run("check", "--pairs", tsv, "-g", CORPUS.glossary_tbx, "-o", "-")
    assert r.exit_code in (0, 1) and "term accuracy" in r.stdout and not (tmp_path / "-").exists()


def test_a_device_node_output_stays_a_device(tmp_path):
    node = device(tmp_path, "n", 3)
    r = _run("align", CORPUS.zh, CORPUS.en, "-f", "tsv", "-o", node)
    assert r.exit_code == 0, r.output
    assert stat.S_ISCHR(node.stat().st_mode) and sorted(os.listdir(tmp_path)) == ["n"]


def test_a_fifo_is_written_through(tmp_path):
    fifo, reader, got = fifo_reader(tmp_path / "pipe.tmx")
    r = _run("align", CORPUS.zh, CORPUS.en, "-o", fifo)
    reader.join(30)
    assert r.exit_code == 0 and got and got[0].startswith(b"<?xml") and b"</tmx>" in got[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_full_disk_is_one_error_line(tmp_path):
    full = device(tmp_path, "full", 7)
    r = _run("align", CORPUS.zh, CORPUS.en, "-f", "tsv", "-o", full)
    assert r.exit_code == 2
    assert r.output.strip() == f"duiqi: error: {full}: cannot write (no space left on the device)"
    assert stat.S_ISCHR(full.stat().st_mode) and sorted(os.listdir(tmp_path)) == ["full"]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_tmx_filter_refuses_a_score_that_is_not_a_number(tmp_path, value):
    tmx = tmp_path / "a.tmx"
    assert _run("align", CORPUS.zh, CORPUS.en, "-o", tmx).exit_code == 0
    r = _run("tmx", "filter", tmx, "-o", tmp_path / "f.tmx", "--min-score", value)
    assert r.exit_code == 2 and "--min-score" in r.output and not (tmp_path / "f.tmx").exists()


def test_review_page_of_nan_and_infinite_scores_is_valid_json(tmp_path):
    pairs = tmp_path / "p.tsv"
    pairs.write_text("src\ttgt\tscore\n之江实验室。\tZhejiang Lab.\tnan\n科技部。\tMOST.\tinf\n浙大。\tZJU.\t0.5\n",
                     encoding="utf-8")
    out = tmp_path / "r.html"
    r = _run("review", "--pairs", pairs, "-o", out)
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    (text,) = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)

    def strict(constant):  # what the browser's JSON.parse does with NaN and Infinity
        raise ValueError(f"not JSON: {constant}")

    data = json.loads(text, parse_constant=strict)
    assert [b["score"] for b in data["beads"]] == [None, None, 0.5]
