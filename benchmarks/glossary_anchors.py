"""Glossary terms as alignment evidence: strict F1 with and without a glossary.

    python benchmarks/glossary_anchors.py [--data ../shared/data/mac-dev] [--top 200]

1. The bundled report (`duiqi align zh.txt en.txt [-g glossary.csv|.tbx]`) against its
   gold beads.
2. MAC-Dev (`--no-split`), without a glossary and with a glossary mined from its own
   gold alignment by `duiqi glossary extract` (the top ``--top`` candidates, each row
   one concept), scored per chapter and pooled.

3. MAC-Dev with that glossary's English column shuffled (every entry wrong).

A glossary must never make an alignment worse: no "with" figure should be below the
"without" one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# ../shared beside the checkout (or beside a parent folder of it, for a worktree)
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT.parent / "shared")

from align.aligner import Aligner  # noqa: E402
from align.api import align_files  # noqa: E402
from align.evaluate import score_alignments  # noqa: E402
from corpora import Alignment, Segment, bundled_corpus, read_text  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402
from glossary import load_termbase  # noqa: E402
from glossary.extract import extract_candidates  # noqa: E402


def _segments(path: Path) -> tuple[Segment, ...]:
    lines = [line.strip() for line in read_text(path).split("\n") if line.strip()]
    return tuple(Segment(t) for t in lines)


def _gold_alignment(data: Path, chapter: str) -> Alignment:
    src, tgt = _segments(data / "zh" / chapter), _segments(data / "en" / chapter)
    return Alignment(src, tgt, tuple(read_beads(data / "gold" / chapter)), "zh", "en")


def mined_glossary(data: Path, chapters: list[str], top: int, folder: Path) -> Path:
    """The top candidates extracted from the gold pairs of all chapters, as a CSV glossary."""
    pairs = [p for c in chapters for p in _gold_alignment(data, c).pairs(include_one_sided=False)]
    frame = extract_candidates(pairs, "zh", "en", limit=top)
    path = folder / "mac_dev_glossary.csv"
    frame.to_csv(path, index=False, float_format="%.4f")
    return path


def shuffled_glossary(path: Path, seed: int = 0) -> Path:
    """The same glossary with its English column shuffled: every entry wrong."""
    import random

    import pandas as pd

    frame = pd.read_csv(path)
    targets = list(frame["tgt"])
    random.Random(seed).shuffle(targets)
    frame["tgt"] = targets
    out = path.with_name("shuffled.csv")
    frame.to_csv(out, index=False)
    return out


def bundled() -> None:
    corpus = bundled_corpus()
    gold = [read_beads(corpus.directory / "gold.align")]
    aligner = Aligner()
    print("bundled report (Zhejiang Lab 2020)")
    for label, glossary in (("without glossary", None), ("-g glossary.csv", corpus.directory / "glossary.csv"),
                            ("-g glossary.tbx", corpus.directory / "glossary.tbx")):
        a = align_files(corpus.directory / "zh.txt", corpus.directory / "en.txt", aligner=aligner, glossary=glossary)
        s = score_alignments(gold, [list(a.beads)])
        print(f"  {label:20} strict P {s.p_strict:.3f} R {s.r_strict:.3f} F1 {s.f1_strict:.3f}  (lax F1 {s.f1_lax:.3f})")


def mac_dev(data: Path, top: int, per_chapter: bool) -> None:
    chapters = sorted(p.name for p in (data / "gold").iterdir())
    gold = [read_beads(data / "gold" / c) for c in chapters]
    aligner = Aligner()
    with tempfile.TemporaryDirectory() as tmp:
        path = mined_glossary(data, chapters, top, Path(tmp))
        termbase = load_termbase(path)
        wrong = load_termbase(shuffled_glossary(path))
    print(f"MAC-Dev ({len(chapters)} chapters, --no-split); glossary: top {top} candidates mined from the gold, "
          f"{len(termbase.concepts)} concepts")
    results = {}
    for label, tb in (("without glossary", None), ("with glossary", termbase), ("shuffled glossary", wrong)):
        t0 = time.perf_counter()
        tests = []
        for c, g in zip(chapters, gold):
            a = align_files(data / "zh" / c, data / "en" / c, no_split=True, aligner=aligner, glossary=tb)
            tests.append(list(a.beads))
            if per_chapter:
                print(f"    {label:18} {c}: strict F1 {score_alignments([g], [tests[-1]]).f1_strict:.3f}")
        results[label] = (score_alignments(gold, tests), time.perf_counter() - t0)
    for label, (s, secs) in results.items():
        print(f"  {label:20} strict P {s.p_strict:.3f} R {s.r_strict:.3f} F1 {s.f1_strict:.3f}  "
              f"(lax F1 {s.f1_lax:.3f}; {secs:.1f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "mac-dev")
    ap.add_argument("--top", type=int, default=200, help="candidates kept from the mined glossary")
    ap.add_argument("--per-chapter", action="store_true")
    ap.add_argument("--bundled-only", action="store_true")
    args = ap.parse_args()
    bundled()
    if args.bundled_only:
        return
    if not (args.data / "gold").is_dir():
        sys.exit(f"no MAC-Dev data at {args.data}")
    mac_dev(args.data, args.top, args.per_chapter)


if __name__ == "__main__":
    main()
