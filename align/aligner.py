"""The aligner: scorers, a first 1-1 pass in a wide band, then all bead types in a narrow one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np

from corpora import Alignment, Bead, Segment, __version__

from .analysis import DocPair, Side
from .cedict import Cedict
from .costs import CostModel, LengthModel, bead_scores, gather_evidence
from .errors import AlignError
from .scorers import make_scorers, scorer_names
from .scorers.base import Coverage, Scorer
from .search import Band, band_around, band_around_path, bead_types, search

__all__ = ["AlignOptions", "Aligner"]

DEFAULT_SCORERS = ("dictionary", "names", "numbers", "cues")


@dataclass(frozen=True)
class AlignOptions:
    """Settings of one alignment run (all recorded in the signature)."""

    max_bead: int = 5
    scorers: tuple[str, ...] = DEFAULT_SCORERS
    first_width: int = 30
    second_width: int = 6
    cost: CostModel = field(default_factory=CostModel)

    def validate(self) -> "AlignOptions":
        if not 2 <= self.max_bead <= 8:
            raise AlignError(f"max bead size must be between 2 and 8, not {self.max_bead}")
        unknown = [s for s in self.scorers if s not in scorer_names()]
        if unknown:
            raise AlignError(f"unknown scorer {unknown[0]!r} (known: {', '.join(scorer_names())})")
        return self

    def signature(self) -> str:
        """``duiqi:0.1.0|scorers:dictionary+names+numbers+cues|max-bead:5|...``"""
        return "|".join(
            [
                f"duiqi:{__version__}",
                "scorers:" + "+".join(("length", *self.scorers)),
                f"max-bead:{self.max_bead}",
                f"band:{self.first_width}/{self.second_width}",
                f"skip:{self.cost.skip:g}",
            ]
        )


class Aligner:
    """Aligns documents; holds the resources (dictionary) shared between documents."""

    def __init__(self, options: AlignOptions | None = None, cedict: Cedict | None = None) -> None:
        self.options = (options or AlignOptions()).validate()
        self._cedict = cedict

    @property
    def cedict(self) -> Cedict:
        """CC-CEDICT, loaded on first use."""
        if self._cedict is None:
            self._cedict = Cedict()
        return self._cedict

    def align(
        self,
        src: Sequence[Segment],
        tgt: Sequence[Segment],
        src_lang: str,
        tgt_lang: str,
        extra_scorers: Sequence[Scorer] = (),
    ) -> Alignment:
        """Align two segment lists; every segment ends up in exactly one bead."""
        src = tuple(src)
        tgt = tuple(tgt)
        signature = self.options.signature()
        if not src or not tgt:
            beads = [Bead((k,), (), 0.0) for k in range(len(src))] + [Bead((), (k,), 0.0) for k in range(len(tgt))]
            return Alignment(src, tgt, tuple(beads), src_lang, tgt_lang, signature)
        s_side = Side([s.text for s in src], src_lang, [s.paragraph for s in src])
        t_side = Side([s.text for s in tgt], tgt_lang, [s.paragraph for s in tgt])
        doc = DocPair(s_side, t_side, None)
        if doc.zh_en is not None:
            doc.cedict = self.cedict
        scorers = [*make_scorers(self.options.scorers), *extra_scorers]
        coverages = [c for c in (s.fit(doc) for s in scorers) if c is not None]
        raw = _search_two_pass(doc, coverages, self.options)
        beads = tuple(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(float(score), 4))
                      for (i0, i1, j0, j1), score in raw)
        return Alignment(src, tgt, beads, src_lang, tgt_lang, signature)


def _cumulative(x: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(x)])


def _paragraph_breaks(side: Side) -> np.ndarray:
    """breaks[k] = 1 when sentence k starts a new paragraph (k ≥ 1), cumulated."""
    p = side.paragraphs
    starts = np.zeros(len(p) + 1)
    if len(p) > 1:
        starts[2:] = (p[1:] != p[:-1]).astype(np.float64)
    return np.cumsum(starts)


def _costs_for(
    doc: DocPair,
    coverages: Sequence[Coverage],
    band: Band,
    types: Sequence[tuple[int, int]],
    length: LengthModel,
    model: CostModel,
) -> tuple[dict[tuple[int, int], np.ndarray], dict[tuple[int, int], np.ndarray]]:
    n, m = len(doc.src), len(doc.tgt)
    max_a = max(a for a, _ in types)
    max_b = max(b for _, b in types)
    ev = gather_evidence(coverages, band, max_a, max_b, n, m)
    rows, cols, js = band.cells()
    slen = _cumulative(doc.src.lengths)
    tlen = _cumulative(doc.tgt.lengths)
    s_breaks = _paragraph_breaks(doc.src)
    t_breaks = _paragraph_breaks(doc.tgt)
    width = band.width
    costs: dict[tuple[int, int], np.ndarray] = {}
    scores: dict[tuple[int, int], np.ndarray] = {}
    for a, b in types:
        ok = (rows >= a) & (js >= b)
        i, j, c = rows[ok], js[ok], cols[ok]
        sim, lp = bead_scores(ev, i, j, a, b, slen, tlen, length, model)
        crossing = (s_breaks[i] - s_breaks[i - a + 1]) + (t_breaks[j] - t_breaks[j - b + 1])
        score = sim + model.length_weight * lp - model.merge_penalty * (a + b - 2) - model.paragraph_penalty * crossing
        cost = np.full((n + 1, width), np.inf)
        cost[i, c] = -score
        costs[(a, b)] = cost
        conf = np.zeros((n + 1, width))
        conf[i, c] = sim * np.exp(lp * 0.5)
        scores[(a, b)] = conf
    return costs, scores


def _search_two_pass(doc: DocPair, coverages: Sequence[Coverage], options: AlignOptions):
    n, m = len(doc.src), len(doc.tgt)
    model = options.cost
    length = LengthModel.from_totals(doc.src.lengths, doc.tgt.lengths)
    # pass 1: 1-1 beads and skips, wide band along the diagonal
    diag = np.arange(n + 1) * (m / n)
    band1 = band_around(diag, max(options.first_width, 3), m)
    costs1, scores1 = _costs_for(doc, coverages, band1, [(1, 1)], length, model)
    path1 = search(costs1, band1, model.skip)
    ones = [(i0, j0) for i0, i1, j0, j1 in path1 if i1 - i0 == 1 and j1 - j0 == 1]
    if ones:
        conf = np.array([scores1[(1, 1)][i0 + 1, j0 + 1 - band1.lo[i0 + 1]] for i0, j0 in ones])
        good = conf >= np.quantile(conf, 0.5)
        s_len = np.array([doc.src.lengths[i0] for i0, _ in ones])[good]
        t_len = np.array([doc.tgt.lengths[j0] for _, j0 in ones])[good]
        length = length.refit(s_len, t_len)
    # pass 2: every bead type in a narrow band around the first path
    types = bead_types(options.max_bead)
    band2 = band_around_path(path1, n, m, options.second_width)
    costs2, scores2 = _costs_for(doc, coverages, band2, types, length, model)
    path2 = search(costs2, band2, model.skip)
    out = []
    for i0, i1, j0, j1 in path2:
        a, b = i1 - i0, j1 - j0
        if a and b:
            score = scores2[(a, b)][i1, j1 - band2.lo[i1]]
        else:
            score = 0.0
        out.append(((i0, i1, j0, j1), score))
    return out


def replace_options(options: AlignOptions, **changes) -> AlignOptions:
    """A copy of ``options`` with some fields changed (cost fields by name too)."""
    cost_fields = {k: v for k, v in changes.items() if hasattr(options.cost, k)}
    own = {k: v for k, v in changes.items() if k not in cost_fields}
    return replace(options, cost=replace(options.cost, **cost_fields), **own)
