"""Sentence-level units: cutting the single sentence of a many-to-one bead.

A bead that joins sentences s1..sk of one side to ONE sentence t of the other is right
as a bead, but a CAT tool, which looks up one sentence at a time, never matches it. The
splitter cuts t at clause boundaries (after ，；：、 , ; : — or before a conjunction) into
k pieces, one per sentence, choosing the cut the bead's own evidence supports best:
dictionary links, numbers, names, punctuation cues (the aligner's scorers, and its
lexicon learned from the document's own beads, or the aligner's) matched between each sentence and its piece, and how
well each piece's share of t's length fits its sentence's share of the bead's length.
Where the best cut does not beat the next best by a clear margin (for the share of the
sentence the two dispute), the bead is kept whole (``Alignment.kept_whole``). The beads themselves never change.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

import numpy as np

from corpora import Alignment, Bead, Split, is_cjk_lang

from .analysis import text_length
from .split_evidence import cut_evidence

if TYPE_CHECKING:  # pragma: no cover
    from .aligner import Aligner
    from .lexicon import Lexicon, UnitModel

__all__ = ["SplitOptions", "CutProblem", "CutChoice", "split_beads", "cut_candidates", "choose_cuts", "choose_all",
           "document_lexicon", "has_text", "unit_scores"]

_OPEN = "（(《〈“‘「『[【"
_CLOSE = "）)》〉”’」』]】"
_ZH_BREAK = "，；：、,;:"
_EN_BREAK = ",;:"
_FINAL = "。！？!?"
_SURE = 0.02  # the margin at which a unit keeps 3/4 of its bead's score (of what its evidence allows)
_DISPUTE_FLOOR = 0.01  # keeps the lead of cuts a character apart finite
_ANYWHERE = 2.0  # the penalty of a cut between two words (CAT segments only), in units of a conjunction cut
_LIST = 0.5  # the penalty of a cut after 、 (which joins the items of a list), in units of a conjunction cut
_QUOTED = 0.5  # the penalty of a cut inside brackets or quotes, in units of a conjunction cut
_DASHES = ("——", "—", " – ", " - ")
_EN_CONJ = re.compile(r"\s(?=(?:and|but|while|whereas|yet|so|because|although|though|which|where|when)\b)")
_ZH_CONJ = re.compile(r"(?=(?:但是|但|而且|而|并且|并|同时|然而|因此|所以|此外))")


@dataclass(frozen=True)
class SplitOptions:
    """How confident a cut must be. ``margin``: the least lead of the best cut's score
    over the next best (per square root of the share of the sentence they dispute);
    ``length``: the weight of the length fit against the lexical evidence; ``conjunction``: the penalty of a cut before a conjunction with no
    punctuation; ``max_candidates``: a sentence with more boundaries is kept whole."""

    margin: float = 0.005
    length: float = 0.3
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
    return sorted((k, p) for k, p in spaced.items() if has_text(text[:k]) and has_text(text[k:]))


def _inside(text: str, k: int) -> bool:
    depth = 0
    for ch in text[:k]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
    return depth > 0 or text[:k].count('"') % 2 == 1


def has_text(piece: str) -> bool:
    """True when ``piece`` holds at least two letters, digits or characters."""
    found = 0
    for c in piece:
        if c.isalnum():
            found += 1
            if found == 2:
                return True
    return False


@dataclass(frozen=True)
class CutProblem:
    """One sentence to cut: the many side's sentences, the one sentence, their languages,
    and whether the one sentence is on the source side; ``anywhere``: the one sentence
    may also be cut between two words near where the length shares put a cut."""

    many: tuple[str, ...]
    one: str
    many_lang: str
    one_lang: str
    one_is_src: bool
    anywhere: bool = False  # also cut between words (a CAT segment need not end a clause of the other side)


def choose_cuts(many: Sequence[str], one: str, many_lang: str, one_lang: str, one_is_src: bool,
                aligner: "Aligner", options: SplitOptions = SplitOptions(),
                lexicon: "Lexicon | None" = None) -> CutChoice | None:
    """The best cut of ``one`` into ``len(many)`` pieces, or None when no cut is confident
    (see :func:`choose_all`)."""
    return choose_all([CutProblem(tuple(many), one, many_lang, one_lang, one_is_src)], aligner, options, lexicon)[0]


def choose_all(problems: Sequence[CutProblem], aligner: "Aligner", options: SplitOptions = SplitOptions(),
               lexicon: "Lexicon | None" = None) -> list[CutChoice | None]:
    """The best cut of each problem's one sentence into one piece per sentence of its
    many side, or None where no cut is confident.

    The one sentence is cut into chunks at its candidate boundaries; every run of chunks
    a cut can make is a span the scorers see. A cut scores its pooled evidence (matched over held mass,
    each sentence against its piece), less the misfit of the pieces' length shares to the
    sentences' and the boundaries' penalties. It must beat the next best cut by
    ``options.margin`` (see :func:`_lead`); a sentence with no evidence is placed by length.
    ``lexicon``: learned links (source → target of the document), else the aligner's.
    """
    candidates = [_candidates(p) for p in problems]
    live = [k for k, (p, c) in enumerate(zip(problems, candidates))
            if len(p.many) - 1 <= len(c) <= options.max_candidates * (2 if p.anywhere else 1)]
    spans = {k: _spans(len(problems[k].many), len(candidates[k]) + 1) for k in live}
    texts = {}
    for k in live:
        bounds = (0, *(b for b, _ in candidates[k]), len(problems[k].one))
        texts[k] = [problems[k].one[bounds[a]:bounds[b]].strip() for a, b in spans[k]]
    found = cut_evidence([problems[k] for k in live], [texts[k] for k in live], aligner, lexicon)
    out: list[CutChoice | None] = [None] * len(problems)
    for k, ev in zip(live, found):
        out[k] = _best_cut(problems[k], candidates[k], spans[k], ev, options)
    return out


def _candidates(problem: CutProblem) -> list[tuple[int, float]]:
    """The problem's cut candidates: clause boundaries, and with ``anywhere`` the word
    boundaries (between two Chinese characters, or at a space) within a tenth of the
    sentence of where the many side's length shares put a cut, at penalty ``_ANYWHERE``."""
    found = dict(cut_candidates(problem.one, problem.one_lang))
    if problem.anywhere and len(problem.many) > 1:
        lengths = np.array([max(text_length(t), 1) for t in problem.many], dtype=np.float64)
        expected = np.cumsum(lengths)[:-1] / lengths.sum() * len(problem.one)
        cjk = is_cjk_lang(problem.one_lang)
        one = problem.one
        for k in range(1, len(one)):
            boundary = (one[k - 1].isalnum() and one[k].isalnum()) if cjk else (one[k - 1] == " " and one[k].isalnum())
            if (boundary and k not in found and np.abs(expected - k).min() <= len(one) / 10
                    and has_text(one[:k]) and has_text(one[k:])):
                found[k] = _ANYWHERE
    return sorted(found.items())


def _spans(k: int, chunks: int) -> dict[tuple[int, int], int]:
    """The chunk ranges a cut into ``k`` pieces can make (and the whole), numbered."""
    if k == 2:
        ranges = [(0, chunks)] + [(0, e) for e in range(1, chunks)] + [(e, chunks) for e in range(1, chunks)]
    else:
        ranges = [(a, b) for a in range(chunks) for b in range(a + 1, chunks + 1)]
    return {r: n for n, r in enumerate(ranges)}


def _best_cut(problem: CutProblem, candidates, spans: dict[tuple[int, int], int], ev,
              options: SplitOptions) -> CutChoice | None:
    matched_spans, many_mass, span_mass = ev
    many, one = problem.many, problem.one
    k = len(many)
    many_len = np.array([max(text_length(t), 1) for t in many], dtype=np.float64)
    share = many_len / many_len.sum()
    one_len = max(text_length(one), 1)
    offsets = (0, *(b for b, _ in candidates), len(one))
    rows = np.arange(k)
    results = []
    for combo in itertools.combinations(range(len(candidates)), k - 1):
        edges = (0, *(c + 1 for c in combo), len(offsets) - 1)  # chunk indices
        cols = [spans[(edges[i], edges[i + 1])] for i in range(k)]
        matched = matched_spans[rows, cols]
        piece_mass = span_mass[cols]
        total = many_mass.sum() + piece_mass.sum()
        evidence = float(matched.sum() / total) if total > 0 else 0.0
        lengths = np.array([max(text_length(one[offsets[edges[i]]:offsets[edges[i + 1]]]), 1) for i in range(k)])
        misfit = float(np.mean(np.log(lengths / one_len / share) ** 2))
        penalty = sum(candidates[c][1] for c in combo) * options.conjunction
        unit = tuple(float(matched[i] / max(many_mass[i] + piece_mass[i], 1e-9)) for i in range(k))
        cuts = tuple(offsets[e] for e in edges[1:-1])
        results.append((evidence - options.length * misfit - penalty, cuts, unit, evidence))
    results.sort(key=lambda r: -r[0])
    best = results[0]
    margin = _lead(best, results[1], len(one)) if len(results) > 1 else math.inf
    if margin < options.margin:
        return None
    return CutChoice(best[1], best[2], best[3], margin)


def _lead(best, second, length: int) -> float:
    """How clearly the best cut beats the next best: the difference of their scores per
    square root of the share of the sentence they dispute (the text between their cut
    points). Two cuts a short clause apart differ little in evidence and length fit even
    when one is plainly right, so their difference counts for more."""
    disputed = sum(abs(a - b) for a, b in zip(best[1], second[1])) / max(length, 1)
    return (best[0] - second[0]) / math.sqrt(disputed + _DISPUTE_FLOOR)


def split_beads(alignment: Alignment, aligner: "Aligner", options: SplitOptions = SplitOptions(),
                unit_models: "tuple[UnitModel, UnitModel] | None" = None) -> Alignment:
    """The alignment with its many-to-one beads cut into sentence-level units where the
    cut is confident (``splits``), and the others listed in ``kept_whole``; and with the
    1-1 beads whose sentence a CAT tool segments into several segments (see
    :func:`corpora.catjoin.cat_segments`) cut the same way, one unit per segment
    (``cat_splits``), where the cut is confident.

    A unit's score is the bead's, scaled down by how much less evidence the unit has than
    the whole cut (its share of matched mass against the cut's) and, down to half, by a
    small margin of the cut over the next best. ``unit_models``: the unit models of the
    alignment's two sides' texts, when the aligner has trained them (see
    :func:`document_lexicon`).
    """
    from .cat_split import cat_problem, within_splits, word_cut_scores

    splits: list[Split] = []
    whole: list[int] = []
    segmented: list[Split] = []
    lexicon = aligner.lexicon
    if lexicon is None and any(_one_side(b) for b in alignment.beads):
        lexicon = document_lexicon(alignment, unit_models)
    indices, problems, spans = [], [], []
    for index, bead in enumerate(alignment.beads):
        side = _one_side(bead)
        if side is not None:
            problems.append(_problem(alignment, bead, side))
            indices.append(index)
            spans.append(())
            continue
        found = cat_problem(alignment, index, bead)
        if isinstance(found, Split):
            segmented.append(found)
        elif found is not None:
            problems.append(found[0])
            indices.append(index)
            spans.append(found[1])
    for index, problem, segments, choice in zip(indices, problems, spans, choose_all(problems, aligner, options,
                                                                                      lexicon)):
        side = "src" if problem.one_is_src else "tgt"
        if choice is None:
            if not segments:
                whole.append(index)
            continue
        scores = unit_scores(alignment.beads[index], choice, options)
        if segments:
            scores = word_cut_scores(problem, choice.cuts, scores)
        split = Split(index, side, choice.cuts, scores, segments)
        (segmented if segments else splits).append(split)
    segmented += within_splits(alignment, splits, aligner, options, lexicon)
    return replace(alignment, splits=tuple(splits), kept_whole=tuple(whole),
                   cat_splits=tuple(sorted(segmented, key=lambda s: (s.bead, s.within))))


def _problem(alignment: Alignment, bead: Bead, side: str) -> CutProblem:
    """The cut problem of a many-to-one bead whose single sentence is on ``side``."""
    if side == "src":
        return CutProblem(tuple(alignment.tgt[i].text for i in bead.tgt), alignment.src[bead.src[0]].text,
                          alignment.tgt_lang, alignment.src_lang, True)
    return CutProblem(tuple(alignment.src[i].text for i in bead.src), alignment.tgt[bead.tgt[0]].text,
                      alignment.src_lang, alignment.tgt_lang, False)


def document_lexicon(alignment: Alignment, unit_models: "tuple[UnitModel, UnitModel] | None" = None
                     ) -> "Lexicon | None":
    """A lexicon learned from the alignment's own confident beads (as the aligner's second
    round learns one), or None when it has fewer than 20 two-sided beads. ``unit_models``:
    the sides' unit models, if already trained on exactly these texts."""
    if sum(1 for b in alignment.beads if b.is_pair) < 20:
        return None
    from .lexicon import train_lexicon

    return train_lexicon([alignment], unit_models=unit_models)


def _one_side(bead: Bead) -> str | None:
    """``"src"``/``"tgt"``: the side holding the single sentence of a many-to-one bead."""
    if len(bead.src) == 1 and len(bead.tgt) >= 2:
        return "src"
    if len(bead.tgt) == 1 and len(bead.src) >= 2:
        return "tgt"
    return None


def unit_scores(bead: Bead, choice: CutChoice, options: SplitOptions) -> tuple[float, ...]:
    """Each unit's score: the bead's, scaled by its share of the cut's evidence and the cut's margin."""
    base = bead.score if bead.score is not None else 1.0
    margin = max(choice.margin, 0.0)
    sure = 0.5 + 0.5 * margin / (margin + _SURE) if math.isfinite(margin) else 1.0
    out = []
    for unit in choice.unit_evidence:
        share = min(1.0, unit / choice.evidence) if choice.evidence > 0 else 1.0
        out.append(round(base * sure * math.sqrt(share), 4))
    return tuple(out)
