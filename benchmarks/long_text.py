"""Does accuracy decay with length? Strict F1 of long concatenated texts.

    python benchmarks/long_text.py [--copies 1,2,4]

The long text is bible-5k (English → Chinese) followed by the six MAC-Dev chapters
turned round (English → Chinese), repeated ``copies`` times: about 6,300 source
sentences a copy. Each is aligned as one document with `--no-split`, in-process, and
scored against the concatenated gold beads with Bertalign's verse protocol on the
Bible part (the chapters' sentences are their own units, so nothing merges there).
The parts aligned on their own are the baseline: F1 should not fall as the text grows.

``--anchors`` also prints, for each text, how far the gold beads lie from the anchor
chain the first pass is centred on (align/anchors.py): with rare tokens alone, and
refined with commoner tokens near that chain (the default). A gold bead farther than
the first band's half-width (``first_width``, 30) can only be found if the first pass
wanders to it; a text that repeats itself (benchmarks/bible.py at 8×) has no rare
tokens at all, and there the rare-token chain left 305 gold beads outside (F1 0.962).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_data  # noqa: E402

import numpy as np  # noqa: E402

from align.aligner import Aligner  # noqa: E402
from align.analysis import DocPair, Side  # noqa: E402
from align.anchors import anchor_centers  # noqa: E402
from align.options import AlignOptions  # noqa: E402
from align.scorers import make_scorers  # noqa: E402
from align.api import align_texts  # noqa: E402
from align.evaluate import merge_by_unit, score_alignments  # noqa: E402
from corpora import Bead, read_text  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402

DATA = shared_data()


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in read_text(path).split("\n") if line.strip()]


def parts() -> list[tuple[str, list[str], list[str], list[Bead], list[str], list[str]]]:
    """(name, English, Chinese, gold beads English→Chinese, English units, Chinese units)."""
    bible = DATA / "bible-5k"
    out = [("bible-5k", _lines(bible / "en"), _lines(bible / "zh"), read_beads(bible / "gold"),
            read_text(bible / "en.verse").split("\n"), read_text(bible / "zh.verse").split("\n"))]
    mac = DATA / "mac-dev"
    for c in sorted(p.name for p in (mac / "gold").iterdir()):
        en, zh = _lines(mac / "en" / c), _lines(mac / "zh" / c)
        gold = [Bead(b.tgt, b.src) for b in read_beads(mac / "gold" / c)]
        out.append((f"mac-dev {c}", en, zh, gold, [f"{c}:en:{k}" for k in range(len(en))],
                    [f"{c}:zh:{k}" for k in range(len(zh))]))
    return out


def concatenate(pieces, copies: int):
    """One long document of ``copies`` × the pieces, with gold beads and units shifted."""
    en, zh, gold, en_units, zh_units = [], [], [], [], []
    for k in range(copies):
        for name, e, z, g, eu, zu in pieces:
            di, dj = len(en), len(zh)
            gold += [Bead(tuple(i + di for i in b.src), tuple(j + dj for j in b.tgt)) for b in g]
            en += e
            zh += z
            en_units += [f"{k}:{u}" for u in eu[:len(e)]]
            zh_units += [f"{k}:{u}" for u in zu[:len(z)]]
    return en, zh, gold, en_units, zh_units


def score(aligner: Aligner, en, zh, gold, en_units, zh_units):
    a = align_texts("\n".join(en), "\n".join(zh), "en", "zh", split=False, aligner=aligner)
    test = merge_by_unit(list(a.beads), en_units, zh_units)
    return score_alignments([gold], [test])


def anchor_distances(aligner: Aligner, en, zh, gold) -> str:
    """How far the gold beads' ends lie from the anchor chain, rare tokens alone and refined."""
    doc = DocPair(Side(en, "en"), Side(zh, "zh"), None)
    doc.cedict = aligner.cedict
    scorers = make_scorers(aligner.options.scorers, aligner.options.weights)
    coverages = [c for c in (s.fit(doc) for s in scorers) if c is not None]
    width = AlignOptions.default("first_width")
    out = []
    for name, refine in (("rare tokens", False), ("refined", True)):
        centers = anchor_centers(coverages, len(en), len(zh), refine=refine)
        dist = np.array([abs(centers[b.src[-1] + 1] - (b.tgt[-1] + 1)) for b in gold if b.src and b.tgt])
        out.append(f"{name}: farthest {dist.max():.0f}, mean {dist.mean():.2f}, {int((dist > width).sum())} beyond {width}")
    return "anchor chain to gold: " + "; ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", default="1,2,4")
    ap.add_argument("--anchors", action="store_true", help="print the gold beads' distances to the anchor chain")
    args = ap.parse_args()
    if not (DATA / "bible-5k").exists() or not (DATA / "mac-dev").exists():
        sys.exit(f"no bible-5k and MAC-Dev data at {DATA}")
    pieces = parts()
    aligner = Aligner()
    golds, tests = [], []
    for piece in pieces:
        name, e, z, g, eu, zu = piece
        a = align_texts("\n".join(e), "\n".join(z), "en", "zh", split=False, aligner=aligner)
        golds.append(g)
        tests.append(merge_by_unit(list(a.beads), eu, zu))
    if args.anchors:
        name, e, z, g, _, _ = pieces[0]
        print(f"{name} alone: {anchor_distances(aligner, e, z, g)}")
    alone = score_alignments(golds, tests)
    print(f"parts aligned one by one ({len(pieces)} documents): strict F1 {alone.f1_strict:.4f} "
          f"(bible-5k alone {score_alignments(golds[:1], tests[:1]).f1_strict:.4f}; published on bible-5k: "
          "Bertalign 0.979, Vecalign 0.978, Hunalign 0.895)")
    for k in (int(c) for c in args.copies.split(",")):
        t0 = time.perf_counter()
        en, zh, gold, eu, zu = concatenate(pieces, k)
        s = score(aligner, en, zh, gold, eu, zu)
        print(f"one document, {k} × the parts ({len(en):,} / {len(zh):,} sentences): strict F1 {s.f1_strict:.4f} "
              f"(P {s.p_strict:.4f} R {s.r_strict:.4f}; {time.perf_counter() - t0:.1f} s)", flush=True)
        if args.anchors:
            print(f"  {anchor_distances(aligner, en, zh, gold)}", flush=True)


if __name__ == "__main__":
    main()
