"""A small real batch for the batch tests: the bundled report, two slices of MAC-Dev
(cut at gold bead boundaries) and one broken pair, listed in a manifest."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from align.cli import cli
from corpora.formats.beads import read_beads

SLICES = ("001", "006")
SLICE_BEADS = 30


def write_slice(mac_dev: Path, name: str, beads: int, zh_out: Path, en_out: Path) -> None:
    """The first ``beads`` gold beads of MAC-Dev document ``name``, as two text files."""
    gold = read_beads(mac_dev / "gold" / name)[:beads]
    n_zh = max(i for b in gold for i in b.src) + 1
    n_en = max(j for b in gold for j in b.tgt) + 1
    for lang, n, out in (("zh", n_zh, zh_out), ("en", n_en, en_out)):
        lines = (mac_dev / lang / name).read_text(encoding="utf-8").split("\n")[:n]
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_batch(root: Path, corpus, mac_dev: Path) -> Path:
    """Input files under ``root`` and a manifest of four pairs, the last one broken
    (its source file does not exist). Returns the manifest's path."""
    (root / "report").mkdir(parents=True)
    (root / "mac").mkdir()
    shutil.copy(corpus.zh, root / "report" / "zh.txt")
    shutil.copy(corpus.en, root / "report" / "en.txt")
    for name in SLICES:
        write_slice(mac_dev, name, SLICE_BEADS, root / "mac" / f"{name}.zh.txt", root / "mac" / f"{name}.en.txt")
    manifest = root / "manifest.tsv"
    manifest.write_text(
        "# a test batch\n"
        "src\ttgt\tid\n"
        "report/zh.txt\treport/en.txt\treport\n"
        + "".join(f"mac/{n}.zh.txt\tmac/{n}.en.txt\n" for n in SLICES)
        + "mac/missing.zh.txt\tmac/001.en.txt\tbroken\n",
        encoding="utf-8",
    )
    return manifest


OK_IDS = ("report", "001", "006")
"""The ids of the good pairs, in manifest order; the fourth pair is ``broken``."""


def run(*args: str) -> Result:
    """``duiqi ARGS`` with stdout and stderr kept apart (click 8.1 and later)."""
    separate = "mix_stderr" in inspect.signature(CliRunner).parameters
    return (CliRunner(mix_stderr=False) if separate else CliRunner()).invoke(cli, list(args))
