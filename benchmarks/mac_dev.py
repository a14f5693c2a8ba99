"""Strict and lax P/R/F1 on MAC-Dev, without and with the machine translations.

    python benchmarks/mac_dev.py [--data ../shared/data/mac-dev]

Runs what `duiqi align SRC TGT --no-split --format align [--src-translation T]` runs,
on each chapter (and what it runs without --no-split, the one-sentence-a-line layout
detected from the files), scores with the measure of `duiqi evaluate` (vecalign's score.py), and
prints the figures next to the published ones, with a Gale-Church baseline measured in
the same run (published: 0.485 — it checks the evaluation as well).

    python benchmarks/mac_dev.py --cv   # also cross-validated figures (several minutes)

With ``--cv`` it also fits the learned bead model (benchmarks/tune_weights.py --learn)
from untuned weights, with and without the translations, and prints MAC-Dev strict F1
cross-validated by book and by chapter (each held-out fold scored with a model fitted on
the others, and on bible-5k without translations) beside its in-sample figure. The
shipped weights were tuned on all of MAC-Dev, so their own figure above is in-sample:
the cross-validated one is what to expect on other chapters.
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
    ap.add_argument("--cv", action="store_true", help="also the learned bead model, cross-validated")
    args = ap.parse_args()
    if not (args.data / "gold").is_dir():
        sys.exit(f"no MAC-Dev data at {args.data}")
    chapters = sorted(p.name for p in (args.data / "gold").iterdir())
    gold = [read_beads(args.data / "gold" / c) for c in chapters]
    aligner = Aligner()
    rows = []
    # "no --no-split": what `duiqi align` does without --split/--no-split, deciding from
    # the files that they are one sentence a line (it must be within 0.02 of --no-split)
    for label, use_mt, no_split in (("duiqi", False, True), ("duiqi --src-translation", True, True),
                                    ("duiqi, no --no-split", False, None)):
        t0 = time.perf_counter()
        tests = []
        for c in chapters:
            a = align_files(args.data / "zh" / c, args.data / "en" / c, no_split=no_split, aligner=aligner,
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
    if args.cv:
        _cross_validated()


def _cross_validated() -> None:
    """The learned bead model's MAC-Dev strict F1: cross-validated and in-sample."""
    from tune_weights import learned_figures

    print("learned bead model (from untuned weights), MAC-Dev strict F1:")
    print(f"{'':30} {'CV by book':>10} {'CV by chapter':>13} {'in-sample':>9}")
    for label, translation in (("duiqi", False), ("duiqi --src-translation", True)):
        t0 = time.perf_counter()
        f = learned_figures(translation)
        print(f"{label:30} {f['book']:10.3f} {f['chapter']:13.3f} {f['in-sample mac']:9.3f}"
              f"   ({time.perf_counter() - t0:.0f} s)", flush=True)
    print("(MAC-Dev has one chapter a book, so by book and by chapter are the same folds; "
          f"published: {', '.join(f'{label} {f1:.3f}' for label, f1 in PUBLISHED)})")


if __name__ == "__main__":
    main()
