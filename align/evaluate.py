"""Strict and lax precision, recall and F1 of alignments (Sennrich & Volk 2011).

Computed exactly as vecalign's ``score.py`` (and Bertalign's ``eval.py``) do, so that
figures are comparable with published ones: beads are compared as sets; precision
counts every test bead (deletions included); recall compares the gold beads with
both sides non-empty against the test beads with both sides non-empty. A test bead
that is not in the gold is a lax hit when one of its source sentences is aligned in
the gold to one of its target sentences.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

from corpora import Bead
from corpora.formats.beads import read_beads

from .errors import AlignError

__all__ = ["Scores", "score_alignments", "score_files", "merge_by_unit"]

_Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1, with the counts behind them."""

    p_strict: float
    r_strict: float
    f1_strict: float
    p_lax: float
    r_lax: float
    f1_lax: float
    gold_beads: int
    test_beads: int
    documents: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _as_pairs(beads: Iterable[Bead | _Pair]) -> list[_Pair]:
    out = []
    for b in beads:
        if isinstance(b, Bead):
            out.append((tuple(b.src), tuple(b.tgt)))
        else:
            out.append((tuple(b[0]), tuple(b[1])))
    return out


def _precision_counts(gold: list[_Pair], test: list[_Pair]) -> tuple[int, int, int, int]:
    test_set = {(s, t) for s, t in test if s or t}
    gold_set = {(s, t) for s, t in gold if s or t}
    src_to_gold_tgt: dict[int, set[int]] = defaultdict(set)
    for gs, gt in gold_set:
        for s in gs:
            src_to_gold_tgt[s].update(gt)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for ts, tt in test_set:
        if (ts, tt) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        targets: set[int] = set()
        for s in ts:
            targets |= src_to_gold_tgt.get(s, set())
        if targets.intersection(tt):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(
    gold: Sequence[Iterable[Bead | _Pair]], test: Sequence[Iterable[Bead | _Pair]]
) -> Scores:
    """Scores of test alignments against gold ones, summed over documents."""
    if len(gold) != len(test):
        raise AlignError(f"{len(gold)} gold alignments but {len(test)} test alignments")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    n_gold = n_test = 0
    for g_beads, t_beads in zip(gold, test):
        g, t = _as_pairs(g_beads), _as_pairs(t_beads)
        n_gold += len(g)
        n_test += len(t)
        for k, v in enumerate(_precision_counts(g, t)):
            p[k] += v
        t_no_del = [(s, x) for s, x in t if s and x]
        g_no_del = [(s, x) for s, x in g if s and x]
        for k, v in enumerate(_precision_counts(t_no_del, g_no_del)):
            r[k] += v
    p_strict = _ratio(p[0], p[0] + p[1])
    p_lax = _ratio(p[2], p[2] + p[3])
    r_strict = _ratio(r[0], r[0] + r[1])
    r_lax = _ratio(r[2], r[2] + r[3])
    return Scores(
        p_strict, r_strict, _f1(p_strict, r_strict), p_lax, r_lax, _f1(p_lax, r_lax),
        n_gold, n_test, len(gold),
    )


def merge_by_unit(beads: Sequence[Bead], src_units: Sequence[str], tgt_units: Sequence[str]) -> list[Bead]:
    """Merge consecutive beads lying inside one unit (e.g. a Bible verse) on both sides.

    The protocol of Bertalign's ``eval_bible.py``: a bead whose sentences all belong to
    one unit (a side may be empty) is merged with the previous bead of that same unit.
    """
    merged: list[Bead] = []
    last = None
    for b in beads:
        unit = _bead_unit(b, src_units, tgt_units)
        if last is not None and unit is not None and unit == last:
            prev = merged[-1]
            merged[-1] = Bead(prev.src + b.src, prev.tgt + b.tgt, prev.score)
        else:
            merged.append(b)
        last = unit
    return merged


def _bead_unit(b: Bead, src_units: Sequence[str], tgt_units: Sequence[str]) -> str | None:
    s = list(dict.fromkeys(src_units[i] for i in b.src)) or ["NULL"]
    t = list(dict.fromkeys(tgt_units[i] for i in b.tgt)) or ["NULL"]
    if len(s) != 1 or len(t) != 1:
        return None
    if s[0] == t[0]:
        return s[0]
    if s[0] == "NULL":
        return t[0]
    if t[0] == "NULL":
        return s[0]
    return None


def _pair_files(gold: Path, test: Path) -> list[tuple[Path, Path]]:
    if gold.is_dir() != test.is_dir():
        raise AlignError("GOLD and TEST must both be files or both be directories")
    if not gold.is_dir():
        return [(gold, test)]
    names = sorted(p.name for p in gold.iterdir() if p.is_file() and not p.name.startswith("."))
    if not names:
        raise AlignError(f"{gold}: no gold files")
    missing = [n for n in names if not (test / n).is_file()]
    if missing:
        raise AlignError(f"{test}: no test file for gold file {missing[0]!r}")
    return [(gold / n, test / n) for n in names]


def score_files(gold: str | os.PathLike[str], test: str | os.PathLike[str]) -> Scores:
    """Scores of bead files, or of directories of same-named bead files."""
    g, t = Path(gold), Path(test)
    for p in (g, t):
        if not p.exists():
            raise AlignError(f"{p}: no such file or directory")
    pairs = _pair_files(g, t)
    return score_alignments([read_beads(a) for a, _ in pairs], [read_beads(b) for _, b in pairs])
