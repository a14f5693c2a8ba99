"""Sentence-level units: cutting the single sentence of a many-to-one bead.

A bead that joins sentences s1..sk of one side to ONE sentence t of the other is right
as a bead, but a CAT tool, which looks up one sentence at a time, never matches it. The
splitter cuts t at clause boundaries (after ，；：、 , ; : — or before a conjunction) into
k pieces, one per sentence, choosing the cut the bead's own evidence supports best:
dictionary links, numbers, names, punctuation cues (the aligner's scorers, and its
learned lexicon when it has one) matched between each sentence and its piece, and how
well each piece's share of t's length fits its sentence's share of the bead's length.
Where the best cut does not beat the next best by a clear margin, the bead is kept
whole (``Alignment.kept_whole``). The beads themselves never change.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

import numpy as np

from corpora import Alignment, Bead, Split, is_cjk_lang

from .analysis import DocPair, Side, text_length

if TYPE_CHECKING:  # pragma: no cover
    from .aligner import Aligner

__all__ = ["SplitOptions", "split_beads", "cut_candidates", "choose_cuts", "CutChoice"]

_OPEN = "（(《〈“‘「『[【"
_CLOSE = "）)》〉”’」』]】"
_ZH_BREAK = "，；：、,;:"
_EN_BREAK = ",;:"
_FINAL = "。！？!?"
_LIST = 0.5  # the penalty of a cut after 、 (which joins the items of a list), in units of a conjunction cut
_QUOTED = 0.5  # the penalty of a cut inside brackets or quotes, in units of a conjunction cut
_DASHES = ("——", "—", " – ", " - ")
_EN_CONJ = re.compile(r"\s(?=(?:and|but|while|whereas|yet|so|because|although|though|which|where|when)\b)")
_ZH_CONJ = re.compile(r"(?=(?:但是|但|而且|而|并且|并|同时|然而|因此|所以|此外))")


@dataclass(frozen=True)
class SplitOptions:
    """How confident a cut must be. ``margin``: the least lead of the best cut's score
    over the next best; ``length``: the weight of the length fit against the lexical
    evidence; ``conjunction``: the penalty of a cut before a conjunction with no
    punctuation; ``max_candidates``: a sentence with more boundaries is kept whole."""

    margin: float = 0.01
    length: float = 0.12
    conjunction: float = 0.08
    max_candidates: int = 24


@dataclass(frozen=True)
class CutChoice:
    """The chosen cut of one sentence: offsets, each unit's evidence, the margin."""

    cuts: tuple[int, ...]
    unit_evidence: tuple[float, ...]
    evidence: float
    margin: float


def cut_candidates(text: str, lang: str) -> list[tuple[int, float]]:
    """Offsets before which ``text`` may be cut, with a penalty: 0 after clause
    punctuation, 1 before a conjunction without it, 0.5 after 、 (a list), 0.5 more inside brackets or quotes.
    No piece is left without two letters or characters of text.
    """
    cjk = is_cjk_lang(lang)
    found: dict[int, float] = {}
    depth = 0
    straight = False
    for k, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        nxt = text[k + 1] if k + 1 < len(text) else ""
        if ch in (_ZH_BREAK if cjk else _EN_BREAK) or ch in _FINAL or (ch == "." and nxt == " "):
            if not cjk and ch in ",.:" and nxt and not nxt.isspace():
                continue  # 1,100 or 3.5 or 10:30
            found.setdefault(k + 1, (_QUOTED if depth or straight else 0.0) + (_LIST if ch == "、" else 0.0))
    for dash in _DASHES:
        for m in re.finditer(re.escape(dash), text):
            found.setdefault(m.start(), 0.0)
    for m in (_ZH_CONJ if cjk else _EN_CONJ).finditer(text):
        pos = m.start() if cjk else m.start() + 1
        if pos not in found:
            found[pos] = 1.0 + (_QUOTED if _inside(text, pos) else 0.0)
    spaced: dict[int, float] = {}
    for k, p in found.items():
        while k < len(text) and text[k].isspace():
            k += 1
        spaced[k] = min(p, spaced.get(k, p))
    return sorted((k, p) for k, p in spaced.items() if _has_text(text[:k]) and _has_text(text[k:]))


def _inside(text: str, k: int) -> bool:
    depth = 0
    for ch in text[:k]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
    return depth > 0 or text[:k].count('"') % 2 == 1


def _has_text(piece: str) -> bool:
    return sum(1 for c in piece if c.isalnum()) >= 2


class _Evidence:
    """Matched and held evidence mass between the many-side sentences and spans of the one sentence."""

    def __init__(self, many: Sequence[str], spans: Sequence[str], many_lang: str, one_lang: str,
                 one_is_src: bool, aligner: "Aligner") -> None:
        from .aligner import DEFAULT_SCORERS, WEIGHTS
        from .scorers import make_scorers

        many_side, span_side = Side(list(many), many_lang), Side(list(spans), one_lang)
        doc = DocPair(span_side, many_side) if one_is_src else DocPair(many_side, span_side)
        if doc.zh_en is not None:
            doc.cedict = aligner.cedict
        scorers = make_scorers(DEFAULT_SCORERS, WEIGHTS)
        if aligner.lexicon is not None:
            from .scorers.learned import LearnedScorer

            scorers.append(LearnedScorer(aligner.lexicon, WEIGHTS.scorer("learned")))
        k, s = len(many), len(spans)
        self.matched = np.zeros((k, s))
        self.many_mass = np.zeros(k)
        self.span_mass = np.zeros(s)
        for cov in (sc.fit(doc) for sc in scorers):
            if cov is None:
                continue
            ms = _dense(cov.src_held, cov.tgt_covers, cov.n_src, cov.n_tgt)
            mt = _dense(cov.src_covers, cov.tgt_held, cov.n_src, cov.n_tgt)
            m = (ms + mt).T if one_is_src else ms + mt
            src_mass, tgt_mass = cov.src_mass, cov.tgt_mass
            self.matched += cov.weight * m
            self.many_mass += cov.weight * (tgt_mass if one_is_src else src_mass)
            self.span_mass += cov.weight * (src_mass if one_is_src else tgt_mass)


def _dense(a, b, n: int, m: int) -> np.ndarray:
    if a is None or b is None:
        return np.zeros((n, m))
    return np.asarray((a @ b.T).todense())


def choose_cuts(many: Sequence[str], one: str, many_lang: str, one_lang: str, one_is_src: bool,
                aligner: "Aligner", options: SplitOptions = SplitOptions()) -> CutChoice | None:
    """The best cut of ``one`` into ``len(many)`` pieces, or None when no cut is confident."""
    k = len(many)
    candidates = cut_candidates(one, one_lang)
    if len(candidates) < k - 1 or len(candidates) > options.max_candidates:
        return None
    combos = list(itertools.combinations(range(len(candidates)), k - 1))
    spans: dict[tuple[int, int], int] = {(0, len(one)): 0}
    for combo in combos:
        bounds = (0, *(candidates[c][0] for c in combo), len(one))
        for a, b in zip(bounds, bounds[1:]):
            spans.setdefault((a, b), len(spans))
    ev = _Evidence(many, [one[a:b].strip() for a, b in spans], many_lang, one_lang, one_is_src, aligner)
    many_len = np.array([max(text_length(t), 1) for t in many], dtype=np.float64)
    share = many_len / many_len.sum()
    one_len = max(text_length(one), 1)
    results = []
    for combo in combos:
        bounds = (0, *(candidates[c][0] for c in combo), len(one))
        cols = [spans[(a, b)] for a, b in zip(bounds, bounds[1:])]
        matched = ev.matched[np.arange(k), cols]
        total = ev.many_mass.sum() + ev.span_mass[cols].sum()
        evidence = float(matched.sum() / total) if total > 0 else 0.0
        lengths = np.array([max(text_length(one[a:b]), 1) for a, b in zip(bounds, bounds[1:])])
        misfit = float(np.mean(np.log(lengths / one_len / share) ** 2))
        penalty = sum(candidates[c][1] for c in combo) * options.conjunction
        unit = tuple(float(matched[i] / max(ev.many_mass[i] + ev.span_mass[cols[i]], 1e-9)) for i in range(k))
        results.append((evidence - options.length * misfit - penalty, tuple(bounds[1:-1]), unit, evidence))
    results.sort(key=lambda r: -r[0])
    best = results[0]
    # the alternative of no cut: the whole sentence against one of the many, nothing for the others
    none = max(float(ev.matched[i, 0] / max(ev.many_mass.sum() + ev.span_mass[0], 1e-9)) for i in range(k))
    margin = min(best[0] - results[1][0] if len(results) > 1 else math.inf, best[3] - none)
    if margin < options.margin:
        return None
    return CutChoice(best[1], best[2], best[3], margin)


def split_beads(alignment: Alignment, aligner: "Aligner", options: SplitOptions = SplitOptions()) -> Alignment:
    """The alignment with its many-to-one beads cut into sentence-level units where the
    cut is confident (``splits``), and the others listed in ``kept_whole``.

    A unit's score is the bead's, scaled down by how much less evidence the unit has than
    the whole cut (its share of matched mass against the cut's) and by the margin of
    the cut over the next best.
    """
    splits: list[Split] = []
    whole: list[int] = []
    for index, bead in enumerate(alignment.beads):
        side = _one_side(bead)
        if side is None:
            continue
        one_is_src = side == "src"
        many_ids, one_id = (bead.tgt, bead.src[0]) if one_is_src else (bead.src, bead.tgt[0])
        many_segs, one_segs = (alignment.tgt, alignment.src) if one_is_src else (alignment.src, alignment.tgt)
        many_lang, one_lang = ((alignment.tgt_lang, alignment.src_lang) if one_is_src
                               else (alignment.src_lang, alignment.tgt_lang))
        choice = choose_cuts([many_segs[i].text for i in many_ids], one_segs[one_id].text, many_lang, one_lang,
                             one_is_src, aligner, options)
        if choice is None:
            whole.append(index)
            continue
        splits.append(Split(index, side, choice.cuts, _unit_scores(bead, choice, options)))
    return replace(alignment, splits=tuple(splits), kept_whole=tuple(whole))


def _one_side(bead: Bead) -> str | None:
    """``"src"``/``"tgt"``: the side holding the single sentence of a many-to-one bead."""
    if len(bead.src) == 1 and len(bead.tgt) >= 2:
        return "src"
    if len(bead.tgt) == 1 and len(bead.src) >= 2:
        return "tgt"
    return None


def _unit_scores(bead: Bead, choice: CutChoice, options: SplitOptions) -> tuple[float, ...]:
    base = bead.score if bead.score is not None else 1.0
    sure = choice.margin / (choice.margin + options.margin) if math.isfinite(choice.margin) else 1.0
    out = []
    for unit in choice.unit_evidence:
        share = min(1.0, unit / choice.evidence) if choice.evidence > 0 else 1.0
        out.append(round(base * sure * math.sqrt(share), 4))
    return tuple(out)
