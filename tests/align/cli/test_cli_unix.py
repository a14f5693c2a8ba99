"""Unix habits: - is standard input, `duiqi segment`, what `align` says on stderr."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from align.cli import cli
from align.evaluate import score_alignments
from corpora import bundled_corpus, read_text
from corpora.formats.beads import parse_beads, read_beads

CORPUS = bundled_corpus()


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_align_reads_stdin():
    data = open(CORPUS.zh, "rb").read()
    result = run("align", "-", str(CORPUS.en), "--format", "align", "-q", input=data)
    assert result.exit_code == 0, result.output
    assert score_alignments([read_beads(CORPUS.gold)], [parse_beads(result.output)]).f1_strict == 1.0
    both = run("align", "-", "-", input=data)
    assert both.exit_code == 2 and "standard input" in both.output


def test_segment_prints_the_aligner_sentences_and_round_trips(tmp_path):
    result = run("segment", str(CORPUS.zh))
    assert result.exit_code == 0, result.output
    paragraphs = result.output.rstrip("\n").split("\n\n")
    assert len(paragraphs) == len([p for p in read_text(CORPUS.zh).split("\n\n") if p.strip()])
    assert paragraphs[1].split("\n")[0] == "1月18日下午，之江实验室召开2020年度内部大会，总结2019年工作进展，发布2020年目标任务。"
    lines = tmp_path / "zh.lines"
    lines.write_text(result.output, encoding="utf-8")
    # the lines are the source sentences: a translation of them fits --src-translation
    en_lines = run("segment", "-", input=open(CORPUS.en, "rb").read())
    assert en_lines.exit_code == 0
    (tmp_path / "en.lines").write_text(en_lines.output, encoding="utf-8")
    out = tmp_path / "out.align"
    aligned = run("align", str(lines), str(tmp_path / "en.lines"), "--no-split", "-o", str(out), "-q")
    assert aligned.exit_code == 0 and aligned.output == ""
    assert score_alignments([read_beads(CORPUS.gold)], [read_beads(out)]).f1_strict == 1.0
    n = sum(1 for ln in result.output.split("\n") if ln.strip())
    mt = tmp_path / "mt.txt"
    mt.write_text("\n".join(["x"] * n) + "\n", encoding="utf-8")
    with_mt = run("align", str(CORPUS.zh), str(CORPUS.en), "--src-translation", str(mt), "-q")
    assert with_mt.exit_code == 0, with_mt.output


def test_align_tells_what_it_wrote(tmp_path):
    out = tmp_path / "out.tmx"
    result = run("align", str(CORPUS.zh), str(CORPUS.en), "-o", str(out))
    assert result.exit_code == 0
    units = out.read_text(encoding="utf-8").count("<tu ")
    assert f"into {units} unit(s), 0 of low confidence" in result.output and str(out) in result.output
    assert run("align", str(CORPUS.zh), str(CORPUS.en), "-o", str(out), "-q").output == ""


class _Terminal:
    """A stderr that says it is a terminal and keeps what is written."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> int:
        self.text += s
        return len(s)

    def flush(self) -> None:
        pass


def test_progress_bar_only_on_a_terminal_for_long_inputs(tmp_path):
    from align.cli.options import LONG_INPUT, progress_bar

    big = tmp_path / "big.txt"
    big.write_text("x" * LONG_INPUT, encoding="utf-8")
    terminal = _Terminal()
    assert progress_bar((str(CORPUS.zh), str(CORPUS.en)), terminal) == (None, None)  # short input
    advance, bar = progress_bar((str(big), str(CORPUS.en)), terminal)
    for phase in ("reading", "aligning", "writing"):
        advance(phase)
        assert phase in terminal.text
    bar.close()

    class Pipe(_Terminal):
        def isatty(self) -> bool:
            return False

    assert progress_bar((str(big), str(CORPUS.en)), Pipe()) == (None, None)


def test_the_console_entry_point_flushes_everything_and_keeps_exit_codes(tmp_path):
    # the process ends without the interpreter's teardown: what it printed must all be
    # there, through a pipe, and the exit codes must be the command's
    entry = [sys.executable, "-m", "align"]
    proc = subprocess.run([*entry, "align", str(CORPUS.zh), str(CORPUS.en), "--format", "tsv", "-q"],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == run("align", str(CORPUS.zh), str(CORPUS.en), "--format", "tsv", "-q").output
    bad = subprocess.run([*entry, "align", str(tmp_path / "missing.txt"), str(CORPUS.en)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "no such file" in bad.stderr
    usage = subprocess.run([*entry, "align", "--no-such-option"], capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2 and "no such option" in usage.stderr.lower()
    assert subprocess.run([*entry, "--version"], capture_output=True, text=True, timeout=120).stdout.startswith("duiqi")
