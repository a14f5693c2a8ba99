"""Strict and lax P/R/F1 on MAC-Dev, without and with the machine translations.

    python benchmarks/mac_dev.py [--data ../shared/data/mac-dev]

Runs what `duiqi align SRC TGT --no-split --format align [--src-translation T]` runs,
on each chapter, scores with the measure of `duiqi evaluate` (vecalign's score.py), and
prints the figures next to the published ones, with a Gale-Church baseline measured in
the same run (published: 0.485 — it checks the evaluation as well).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_data  # noqa: E402
sys.path.insert(0, str(ROOT / "benchmarks"))

from align.aligner import Aligner  # noqa: E402
from align.api import align_files  # noqa: E402
from align.evaluate import score_alignments  # noqa: E402
from corpora import read_text  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402
from gale_church import gale_church  # noqa: E402

PUBLISHED = (("Bertalign (LaBSE, GPU)", 0.911), ("Vecalign (LASER)", 0.863), ("Bleualign", 0.641),
             ("Hunalign", 0.610), ("Gale-Church", 0.485))


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in read_text(path).split("\n") if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=shared_data() / "mac-dev")
    ap.add_argument("--per-chapter", action="store_true")
    args = ap.parse_args()
    if not (args.data / "gold").is_dir():
        sys.exit(f"no MAC-Dev data at {args.data}")
    chapters = sorted(p.name for p in (args.data / "gold").iterdir())
    gold = [read_beads(args.data / "gold" / c) for c in chapters]
    aligner = Aligner()
    rows = []
    for label, use_mt in (("duiqi", False), ("duiqi --src-translation", True)):
        t0 = time.perf_counter()
        tests = []
        for c in chapters:
            a = align_files(args.data / "zh" / c, args.data / "en" / c, no_split=True, aligner=aligner,
                            src_translation=str(args.data / "trans" / c) if use_mt else None)
            tests.append(list(a.beads))
            if args.per_chapter:
                s = score_alignments([gold[len(tests) - 1]], [tests[-1]])
                print(f"  {label:28} {c}: strict F1 {s.f1_strict:.3f}")
        rows.append((label, score_alignments(gold, tests), time.perf_counter() - t0))
    t0 = time.perf_counter()
    gc = [gale_church(_lines(args.data / "zh" / c), _lines(args.data / "en" / c)) for c in chapters]
    rows.append(("Gale-Church (this run)", score_alignments(gold, gc), time.perf_counter() - t0))

    print(f"MAC-Dev: {len(chapters)} chapters, {sum(len(g) for g in gold)} gold beads")
    print(f"{'system':30} {'P strict':>8} {'R strict':>8} {'F1 strict':>9} {'P lax':>7} {'R lax':>7} {'F1 lax':>7} {'seconds':>8}")
    for label, s, secs in rows:
        print(f"{label:30} {s.p_strict:8.3f} {s.r_strict:8.3f} {s.f1_strict:9.3f} {s.p_lax:7.3f} {s.r_lax:7.3f} {s.f1_lax:7.3f} {secs:8.1f}")
    print("published strict F1 (Liu & Zhu 2022):")
    for label, f1 in PUBLISHED:
        print(f"{label:30} {'':8} {'':8} {f1:9.3f}")


if __name__ == "__main__":
    main()
