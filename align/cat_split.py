"""Units for CAT segments: a sentence a CAT tool breaks into several segments.

A CAT tool's default rules (:func:`corpora.catjoin.cat_segments`) sometimes break a
sentence where duiqi's segmenter does not (after ``the U.S.``, after ！ inside a title).
Its segments then match no unit that holds the whole sentence. Where that sentence is
the whole side of a 1-1 bead, or one of the sentences of a cut many-to-one bead, the
other side (the sentence, or the piece the cut gave it) is cut by the splitter of
:mod:`align.split` into one part per segment with text, at clause boundaries or, as a
CAT segment need not end a clause of the other language, between two words near where
the lengths put the cut; a unit of a cut between words gets half the score. A segment
that is the only one with text gets the whole other side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from corpora import Alignment, Bead, Split

from .split import CutProblem, SplitOptions, choose_all, cut_candidates, has_text, unit_scores

if TYPE_CHECKING:  # pragma: no cover
    from .aligner import Aligner
    from .lexicon import Lexicon

__all__ = ["cat_problem", "within_splits", "word_cut_scores"]


def word_cut_scores(problem: CutProblem, cuts: Sequence[int], scores: tuple[float, ...]) -> tuple[float, ...]:
    """``scores`` halved when a cut is not at a clause boundary of the cut sentence."""
    clauses = {k for k, _ in cut_candidates(problem.one, problem.one_lang)}
    return tuple(round(s / 2, 4) for s in scores) if any(c not in clauses for c in cuts) else scores


def within_splits(alignment: Alignment, splits: Sequence[Split], aligner: "Aligner", options: SplitOptions,
                   lexicon: "Lexicon | None") -> list[Split]:
    """CAT-segment splits inside cut many-to-one beads: where a CAT tool breaks one of
    the many sentences, the piece the cut gave it is cut again, one part per segment."""
    from corpora.catjoin import cat_segments

    out: list[Split] = []
    todo: list[tuple[Split, int, tuple[int, int], tuple[tuple[int, int], ...], float]] = []
    problems: list[CutProblem] = []
    for split in splits:
        bead = alignment.beads[split.bead]
        many_ids, one_id = (bead.tgt, bead.src[0]) if split.side == "src" else (bead.src, bead.tgt[0])
        many_segs, many_lang = (alignment.tgt, alignment.tgt_lang) if split.side == "src" else (alignment.src,
                                                                                                alignment.src_lang)
        one, one_lang = ((alignment.src, alignment.src_lang) if split.side == "src"
                         else (alignment.tgt, alignment.tgt_lang))
        text = one[one_id].text
        bounds = (0, *split.cuts, len(text))
        for n, i in enumerate(many_ids):
            sentence = many_segs[i].text
            found = cat_segments(sentence, many_lang)
            spans = tuple(sp for sp in found if has_text(sentence[sp[0]:sp[1]]))
            if len(found) < 2 or not spans:
                continue
            piece = text[bounds[n]:bounds[n + 1]]
            start = bounds[n] + len(piece) - len(piece.lstrip())
            within = (start, start + len(piece.strip()))
            if len(spans) == 1:
                out.append(Split(split.bead, split.side, (), (split.scores[n],), spans, i, within))
                continue
            todo.append((split, i, within, spans, split.scores[n]))
            problems.append(CutProblem(tuple(sentence[a:b] for a, b in spans), text[within[0]:within[1]], many_lang,
                                       one_lang, split.side == "src", anywhere=True))
    for (split, i, within, spans, score), problem, choice in zip(todo, problems,
                                                               choose_all(problems, aligner, options, lexicon)):
        if choice is not None:
            scores = word_cut_scores(problem, choice.cuts, unit_scores(Bead((), (), score), choice, options))
            out.append(Split(split.bead, split.side, tuple(within[0] + c for c in choice.cuts), scores, spans, i,
                             within))
    return out


def cat_problem(alignment: Alignment, index: int, bead: Bead):
    """For a 1-1 bead whose sentence (source first) a CAT tool breaks into segments:
    the cut problem of the other sentence against the segments with text, and their
    spans; or, when only one segment has text, the split giving it the whole other
    sentence; else None."""
    if bead.kind != "1-1":
        return None
    from corpora.catjoin import cat_segments

    for side, lang, other, other_lang in (("src", alignment.src_lang, "tgt", alignment.tgt_lang),
                                          ("tgt", alignment.tgt_lang, "src", alignment.src_lang)):
        text = (alignment.src if side == "src" else alignment.tgt)[(bead.src if side == "src" else bead.tgt)[0]].text
        found = cat_segments(text, lang)
        if len(found) < 2:
            continue
        spans = tuple(sp for sp in found if has_text(text[sp[0]:sp[1]]))
        one = (alignment.src if other == "src" else alignment.tgt)[(bead.src if other == "src" else bead.tgt)[0]].text
        if len(spans) == 1:
            return Split(index, other, (), (bead.score if bead.score is not None else 1.0,), spans)
        if len(spans) > 1:
            return CutProblem(tuple(text[a:b] for a, b in spans), one, lang, other_lang, other == "src", True), spans
    return None
