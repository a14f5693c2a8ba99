"""Does a bead-level chrF-like similarity make --src-translation pay? MAC-Dev strict F1.

    python benchmarks/bead_chrf.py [--weights 0,0.05,0.1,0.2,0.3] [--no-cv]

The ``mt_sim`` bead feature (align/bead_similarity.py): the cosine between the
character n-gram counts (chrF's, orders 1–6) of a bead's joined machine translation
and of its joined target sentences. Prints MAC-Dev strict F1 with the translations
under MT_WEIGHTS for each ``mt_sim`` weight (in-sample), then leave-one-book-out
figures (each MAC-Dev book is one chapter): the bead weights re-tuned by coordinate
ascent on the other books from MT_WEIGHTS, once with ``mt_sim`` fixed at 0 (the
baseline) and once with it tuned too, both measured in this run.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tune_weights as tw  # noqa: E402

from align.aligner import MT_WEIGHTS, Aligner  # noqa: E402


def _ascent(docs, w, frozen, rounds=2):
    """Coordinate ascent on the cheap bead weights (features kept, no re-preparation)."""
    best = tw.objective(docs, w)
    for rnd in range(rounds):
        step = (0.1, 0.05, 0.02)[min(rnd, 2)]
        for name in (n for n in tw.SCALARS if n not in frozen):
            base = tw._get(w, name)
            for delta in (-3, -2, -1, 1, 2, 3):
                best, w = tw._step(docs, tw._set(w, name, round(base + delta * step, 4)), best, w)
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", default="0,0.05,0.1,0.2,0.3")
    ap.add_argument("--no-cv", action="store_true")
    args = ap.parse_args()
    aligner = Aligner()
    chapters = sorted(p.name for p in (tw.DATA / "mac-dev" / "zh").iterdir())
    docs = {c: tw.Doc("mac", c, aligner, True) for c in chapters}
    for d in docs.values():
        d.prepare(MT_WEIGHTS)
    for v in (float(x) for x in args.weights.split(",")):
        w = replace(MT_WEIGHTS, mt_sim=v)
        per = " ".join(f"{tw.score_alignments([d.gold], [d.beads(w)]).f1_strict:.3f}" for d in docs.values())
        print(f"mt_sim {v:<5g} in-sample strict F1 {tw.evaluate(list(docs.values()), w)['mac']:.4f}  ({per})",
              flush=True)
    if args.no_cv:
        return
    start = replace(MT_WEIGHTS, mt_sim=0.05)
    for label, frozen in (("without mt_sim", ("paragraph", "mt_sim")), ("with mt_sim", ("paragraph",))):
        golds, tests = [], []
        for book, held in tw._folds(chapters, "book").items():
            w = _ascent([docs[c] for c in chapters if c not in held], start if "mt_sim" not in frozen
                        else replace(start, mt_sim=0.0), frozen)
            for c in held:
                golds.append(docs[c].gold)
                tests.append(docs[c].beads(w))
        print(f"leave-one-book-out, bead weights re-tuned {label}: strict F1 "
              f"{tw.score_alignments(golds, tests).f1_strict:.4f}", flush=True)


if __name__ == "__main__":
    main()
