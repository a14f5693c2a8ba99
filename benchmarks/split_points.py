"""How often the splitter cuts a sentence exactly where it should, on MAC-Dev and bible-5k.

    python benchmarks/split_points.py [--data ../shared/data] [--limit 1500]

Packs are built from gold 1-1 neighbours: two consecutive 1-1 beads (a, a') and (b, b')
become a two-against-one bead by joining one side's two sentences with a comma —
Chinese ``a`` without its 。 + ``，`` + ``a'`` against the English ``b``, ``b'``; and the
mirror, English ``b`` without its period + ``, `` + ``b'`` (first letter lowercased
unless the word is a name) against the Chinese ``a``, ``a'``. The splitter
(:func:`align.split.choose_cuts`, as ``duiqi align`` runs it) sees the two sentences and
the joined one; a pack is right when the cut is exactly at the join. Kept whole (no
confident cut) counts against the exact share. Then the real gold: how many of its
N-1 beads (several sentences of one side against one of the other) the splitter cuts,
and how many it keeps whole. The gold does not say where a real N-1 bead should be
cut; for MAC-Dev's beads of several Chinese sentences against one English sentence
the Google translation of each Chinese sentence (``trans/``, which the splitter never
sees) stands in: the cut whose English pieces best match (sentence chrF, summed) the
translations of their Chinese sentences, by at least ``PROXY_LEAD`` chrF points, is
taken as right (the proxy's own accuracy is printed, measured on the English-joined
packs, where the right cut is known). Beads are never changed, so bead-level strict
F1 is untouched (``benchmarks/mac_dev.py``).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.aligner import Aligner  # noqa: E402
from align.split import CutProblem, SplitOptions, choose_all, cut_candidates, split_beads  # noqa: E402
from align.lexicon import train_lexicon  # noqa: E402
from corpora import Alignment, Bead, Segment, read_text  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402

PROXY_LEAD = 5.0  # chrF points by which the proxy's cut must beat the next best to count
_ZH_END = re.compile(r"[。！？]$")
_EN_END = re.compile(r"[.!?]$")


def _shared() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return ROOT.parent / "shared" / "data"


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in read_text(path).split("\n") if line.strip()]


def _names(english: list[str]) -> set[str]:
    """Words seen capitalized inside a sentence: names, kept capitalized in a pack."""
    out = set()
    for line in english:
        out.update(w for w in re.findall(r"(?<=[a-z,;] )[A-Z][a-z]+", line))
    return out


def _lower_first(text: str, names: set[str]) -> str:
    word = re.match(r"[A-Za-z]+", text)
    if word is None or word.group() in names or word.group() == "I" or word.group().isupper():
        return text
    return text[0].lower() + text[1:]


def packs(zh: list[str], en: list[str], beads, zh_is_src: bool, names: set[str], width: int = 0):
    """(many, one, cut, one_is_zh, context) for every gold 1-1 neighbour pair, both
    mirrors; context: ``width`` sentences before and after on both sides."""
    ones = [b for b in beads if len(b.src) == 1 and len(b.tgt) == 1]
    for b1, b2 in zip(ones, ones[1:]):
        if b2.src[0] != b1.src[0] + 1 or b2.tgt[0] != b1.tgt[0] + 1:
            continue
        (z1, z2), (e1, e2) = (((zh[b1.src[0]], zh[b2.src[0]]), (en[b1.tgt[0]], en[b2.tgt[0]])) if zh_is_src
                              else ((zh[b1.tgt[0]], zh[b2.tgt[0]]), (en[b1.src[0]], en[b2.src[0]])))
        zi, ei = (b1.src[0], b1.tgt[0]) if zh_is_src else (b1.tgt[0], b1.src[0])
        zc = zh[max(0, zi - width):zi] + zh[zi + 2:zi + 2 + width]
        ec = en[max(0, ei - width):ei] + en[ei + 2:ei + 2 + width]
        if _ZH_END.search(z1):
            head = z1[:-1] + "，"
            yield (e1, e2), head + z2, len(head), True, (ec, zc), (b1, b2)
        if _EN_END.search(e1):
            head = e1[:-1] + ", "
            yield (z1, z2), head + _lower_first(e2, names), len(head), False, (zc, ec), (b1, b2)


def _lexicon(zh, en, beads, zh_is_src, joined):
    """A lexicon learned from the gold alignment as ``duiqi align`` learns one from its own,
    with the two beads of every pack merged into one (so no pack's own pairing leaks)."""
    merged = {id(b1): Bead((*b1.src, *b2.src), (*b1.tgt, *b2.tgt), 1.0) for b1, b2 in joined}
    drop = {id(b2) for b1, b2 in joined if id(b2) not in merged}
    train = []
    for b in beads:
        if id(b) in drop and id(b) not in merged:
            continue
        train.append(merged.get(id(b), Bead(b.src, b.tgt, 1.0)))
    covered = [i for b in train for i in b.src]
    if covered != sorted(set(covered)):  # overlapping packs: keep the first of each overlap only
        seen, kept = set(), []
        for b in train:
            if not seen.intersection(b.src):
                kept.append(b)
                seen.update(b.src)
        train = kept
    src, tgt = (zh, en) if zh_is_src else (en, zh)
    gold = Alignment(tuple(Segment(t) for t in src), tuple(Segment(t) for t in tgt), tuple(train),
                     "zh" if zh_is_src else "en", "en" if zh_is_src else "zh")
    return train_lexicon([gold])


def proxy_cut(many_mt: tuple[str, ...], one: str, lang: str) -> tuple[int, ...] | None:
    """The cut of ``one`` (English) whose pieces best match the machine translations of
    the many side's sentences, summed sentence chrF; None when no cut leads by
    ``PROXY_LEAD`` points or there are too few boundaries."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    offsets = [k for k, _ in cut_candidates(one, lang)]
    scored = []
    for combo in itertools.combinations(offsets, len(many_mt) - 1):
        bounds = (0, *combo, len(one))
        pieces = [one[a:b].strip() for a, b in zip(bounds, bounds[1:])]
        scored.append((sum(chrf.sentence_score(p, [t]).score for p, t in zip(pieces, many_mt)), combo))
    scored.sort(reverse=True)
    if not scored or len(scored) > 1 and scored[0][0] - scored[1][0] < PROXY_LEAD:
        return None
    return scored[0][1]


def datasets(data: Path):
    """(name, zh lines, en lines, gold beads, zh is source) of each chapter / set."""
    mac = data / "mac-dev"
    for ch in sorted(p.name for p in (mac / "gold").iterdir()):
        yield f"mac-dev/{ch}", _lines(mac / "zh" / ch), _lines(mac / "en" / ch), read_beads(mac / "gold" / ch), True
    bible = data / "bible-5k"
    yield "bible-5k", _lines(bible / "zh"), _lines(bible / "en"), read_beads(bible / "gold"), False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=_shared())
    ap.add_argument("--limit", type=int, default=1500, help="At most this many packs of each kind per set "
                                                            "(evenly spaced).")
    ap.add_argument("--margin", type=float, default=SplitOptions().margin)
    ap.add_argument("--length", type=float, default=SplitOptions().length)
    ap.add_argument("--no-lexicon", dest="lexicon", action="store_false",
                    help="Without the lexicon learned from the document (dictionary, numbers, names only).")
    ap.add_argument("--no-proxy", dest="proxy", action="store_false",
                    help="Skip the machine-translation proxy for real gold N-1 beads (it takes a while).")
    args = ap.parse_args()
    if not (args.data / "mac-dev").is_dir():
        sys.exit(f"no evaluation data at {args.data}")
    aligner = Aligner()
    options = SplitOptions(margin=args.margin, length=args.length)
    totals: dict[str, list[int]] = {}
    gold_counts: dict[str, list[int]] = {}
    proxy = [0, 0, 0, 0, 0]  # packs the proxy decides, of them right; gold beads cut with a proxy cut, agreeing; kept whole
    t0 = time.perf_counter()
    sets = list(datasets(args.data))
    for name, zh, en, beads, zh_is_src in sets:
        group = name.split("/")[0]
        mt = _lines(args.data / "mac-dev" / "trans" / name.split("/")[1]) if group == "mac-dev" else None
        built = list(packs(zh, en, beads, zh_is_src, _names(en)))
        sample = []
        for one_is_zh in (True, False):
            kind = [p for p in built if p[3] == one_is_zh]
            step = max(1, len(kind) // max(1, args.limit // (6 if group == "mac-dev" else 1)))
            sample += kind[::step]
        lexicon = _lexicon(zh, en, beads, zh_is_src, [p[5] for p in sample]) if args.lexicon else None
        problems = [CutProblem(tuple(many), one, "en" if one_is_zh else "zh", "zh" if one_is_zh else "en",
                               one_is_zh == zh_is_src) for many, one, _, one_is_zh, _, _ in sample]
        choices = choose_all(problems, aligner, options, lexicon)
        for (many, one, cut, one_is_zh, _, pair), choice in zip(sample, choices):
            row = totals.setdefault(f"{group} {'zh joined' if one_is_zh else 'en joined'}", [0, 0, 0])
            row[0] += 1
            if choice is not None:
                row[1] += 1
                row[2] += choice.cuts == (cut,)
            if mt is not None and not one_is_zh and args.proxy:
                guess = proxy_cut(tuple(mt[b.src[0]] for b in pair), one, "en")
                if guess is not None:
                    proxy[0] += 1
                    proxy[1] += guess == (cut,)
        src, tgt = (zh, en) if zh_is_src else (en, zh)
        gold = Alignment(tuple(Segment(t) for t in src), tuple(Segment(t) for t in tgt), tuple(beads),
                         "zh" if zh_is_src else "en", "en" if zh_is_src else "zh")
        cut = split_beads(gold, aligner, options)  # with a lexicon learned from the gold beads themselves
        g = gold_counts.setdefault(group, [0, 0])
        g[0] += len(cut.splits)
        g[1] += len(cut.kept_whole)
        if mt is not None and args.proxy:  # beads of several Chinese sentences against one English sentence
            done = {s.bead: s.cuts for s in cut.splits}
            for index in (*done, *cut.kept_whole):
                bead = beads[index]
                if len(bead.tgt) != 1 or len(bead.src) < 2:
                    continue
                guess = proxy_cut(tuple(mt[i] for i in bead.src), en[bead.tgt[0]], "en")
                if guess is None:
                    continue
                if index in done:
                    proxy[2] += 1
                    proxy[3] += done[index] == guess
                else:
                    proxy[4] += 1
    print(f"{'packs':22} {'packs':>6} {'cut':>6} {'exact':>6} {'exact/packs':>12} {'exact/cut':>10}")
    right = packs_n = 0
    for label, (n, split, exact) in totals.items():
        right += exact
        packs_n += n
        print(f"{label:22} {n:6} {split:6} {exact:6} {exact / max(n, 1):12.1%} {exact / max(split, 1):10.1%}")
    print(f"{'all':22} {packs_n:6} {'':6} {right:6} {right / max(packs_n, 1):12.1%}")
    print()
    print(f"{'gold N-1 beads':22} {'cut':>6} {'whole':>6}")
    for group, (split, whole) in gold_counts.items():
        print(f"{group:22} {split:6} {whole:6}")
    if args.proxy:
        print()
        print(f"proxy (MT chrF, lead >= {PROXY_LEAD:g}) on MAC-Dev English-joined packs: decides {proxy[0]}, "
              f"right {proxy[1]} ({proxy[1] / max(proxy[0], 1):.1%})")
        print(f"MAC-Dev gold beads of 2+ Chinese sentences vs 1 English the proxy decides: {proxy[2]} cut, "
              f"{proxy[3]} of them where the proxy cuts ({proxy[3] / max(proxy[2], 1):.1%}); {proxy[4]} kept whole")
    print(f"({time.perf_counter() - t0:.1f} s, margin {options.margin})")


if __name__ == "__main__":
    main()
