"""Orthographic evidence on a real same-script pair: MAC-Dev's machine translation
(Google's English of the Chinese, ``trans/``) aligned with the published English.

    python benchmarks/same_script.py [--data ../shared/data/mac-dev]

Both sides are English, so neither CC-CEDICT nor pinyin names apply: what aligns them
is what a pair without a dictionary (German–French, English–French) gets — cognates
(align/scorers/cognates.py), numbers, cues, the lexicon learned from the text, length.
The gold is MAC-Dev's (the MT has one line per Chinese sentence). Prints strict F1
(and lax beside it) with and without the cognates scorer and the learned lexicon.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_data  # noqa: E402

from align.aligner import Aligner  # noqa: E402
from align.api import align_texts  # noqa: E402
from align.evaluate import score_alignments  # noqa: E402
from align.options import DEFAULT_SCORERS, AlignOptions  # noqa: E402
from corpora import read_text  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402

WITHOUT_COGNATES = tuple(s for s in DEFAULT_SCORERS if s != "cognates")
SETUPS = (("duiqi (cognates, learned lexicon)", AlignOptions()),
          ("without cognates", AlignOptions(scorers=WITHOUT_COGNATES)),
          ("without the learned lexicon", AlignOptions(learn=False)),
          ("neither", AlignOptions(scorers=WITHOUT_COGNATES, learn=False)))


def align_chapters(data: Path, options: AlignOptions, chapters: list[str]):
    """Gold and test beads of each chapter, MT English → published English."""
    aligner = Aligner(options)
    gold, test = [], []
    for c in chapters:
        a = align_texts(read_text(data / "trans" / c), read_text(data / "en" / c), "en", "en", split=False,
                        aligner=aligner)
        gold.append(read_beads(data / "gold" / c))
        test.append(list(a.beads))
    return gold, test


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=shared_data() / "mac-dev")
    args = ap.parse_args()
    if not (args.data / "trans").is_dir():
        sys.exit(f"{args.data}: no MAC-Dev with trans/ there")
    chapters = sorted(p.name for p in (args.data / "gold").iterdir())
    print(f"MAC-Dev, English MT → published English, {len(chapters)} chapters (--no-split)")
    print(f"{'set-up':36} {'strict F1':>9} {'lax F1':>7}  per chapter (strict)  seconds")
    for name, options in SETUPS:
        start = time.perf_counter()
        gold, test = align_chapters(args.data, options, chapters)
        s = score_alignments(gold, test)
        per = " ".join(f"{score_alignments([g], [t]).f1_strict:.3f}" for g, t in zip(gold, test))
        print(f"{name:36} {s.f1_strict:9.4f} {s.f1_lax:7.4f}  {per}  {time.perf_counter() - start:.1f}")
    print("for comparison, Chinese → English on the same chapters: 0.895 (benchmarks/mac_dev.py)")


if __name__ == "__main__":
    main()
