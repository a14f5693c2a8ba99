"""One sentence a line is told from running text, and aligned as --no-split would."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from align.api import LINES_DETECTED, align_files
from align.cli import cli
from align.evaluate import score_alignments
from align.lines import looks_like_sentence_lines
from corpora import bundled_corpus, read_text
from corpora.formats.beads import read_beads

CORPUS = bundled_corpus()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_running_text_is_not_lines():
    assert not looks_like_sentence_lines(read_text(CORPUS.zh), "zh")
    assert not looks_like_sentence_lines(read_text(CORPUS.en), "en")
    # one paragraph a line, no blank lines: still running text (lines hold several sentences)
    assert not looks_like_sentence_lines(read_text(CORPUS.en).replace("\n\n", "\n"), "en")


def test_sentence_files_are_lines():
    assert looks_like_sentence_lines(read_text(FIXTURES / "zhejiang_lab_2020" / "zh.sentences.txt"), "zh")
    assert looks_like_sentence_lines(read_text(FIXTURES / "zhejiang_lab_2020" / "en.sentences.txt"), "en")


def test_mac_dev_without_no_split_matches_no_split(mac_dev):
    chapters = sorted(p.name for p in (mac_dev / "gold").iterdir())[:2]
    gold = [read_beads(mac_dev / "gold" / c) for c in chapters]
    scores = {}
    for no_split in (True, None, False):
        tests = []
        for c in chapters:
            a = align_files(mac_dev / "zh" / c, mac_dev / "en" / c, no_split=no_split)
            assert (dict(a.meta).get(LINES_DETECTED) == "source,target") == (no_split is None)
            tests.append(list(a.beads))
        scores[no_split] = score_alignments(gold, tests).f1_strict
    assert abs(scores[None] - scores[True]) <= 0.02
    assert scores[False] < scores[True] - 0.1  # forcing --split is what went wrong before


def test_cli_says_so_and_split_forces_splitting(tmp_path):
    zh = FIXTURES / "zhejiang_lab_2020" / "zh.sentences.txt"
    en = FIXTURES / "zhejiang_lab_2020" / "en.sentences.txt"
    out = tmp_path / "out.align"
    result = CliRunner().invoke(cli, ["align", str(zh), str(en), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "look like one sentence a line" in result.output and "--split" in result.output
    assert score_alignments([read_beads(CORPUS.gold)], [read_beads(out)]).f1_strict == 1.0
    quiet = CliRunner().invoke(cli, ["align", str(zh), str(en), "-o", str(out), "--no-split"])
    assert "looks like" not in quiet.output and "look like" not in quiet.output
    forced = CliRunner().invoke(cli, ["align", str(zh), str(en), "-o", str(out), "--split"])
    assert forced.exit_code == 0 and "look like" not in forced.output
