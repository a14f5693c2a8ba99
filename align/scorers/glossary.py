"""Glossary terms as evidence: a concept's renderings found on both sides.

Terms are evidence, not constraints: a concept shared by a source and a target
sentence counts like a dictionary word both share (weighted by its rarity in the
document, times the scorer's weight), so a frequent term (实验室 / "the Lab") cannot
outvote everything else a sentence holds, and a term the translator left out only
costs what a missing word costs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..analysis import DocPair
from .base import Coverage, Scorer

if TYPE_CHECKING:  # pragma: no cover
    from glossary import TermBase

__all__ = ["GlossaryScorer", "as_lexical_evidence"]

# A glossary concept weighs this many dictionary tokens of the same rarity.
TOKEN_WEIGHT = 2.0
# Concepts in more than this share of a side's sentences (实验室 / "the Lab") say nothing about
# which sentence translates which, and are left out.
MAX_SHARE = 0.1


class GlossaryScorer(Scorer):
    """Sentences sharing a glossary concept (any rendering, forbidden ones included:
    a wrong rendering is still a translation of the term). ``weight``: how many
    dictionary tokens of the same rarity one shared concept is worth."""

    name = "glossary"

    def __init__(self, termbase: "TermBase", weight: float = TOKEN_WEIGHT) -> None:
        super().__init__(weight)
        self.termbase = termbase

    def fit(self, doc: DocPair) -> Coverage | None:
        from glossary import TermMatcher

        src_matcher = TermMatcher(self.termbase, doc.src.lang, tolerances=None)
        tgt_matcher = TermMatcher(self.termbase, doc.tgt.lang, tolerances=None)
        src = [[h.concept for h in src_matcher.find(t)] for t in doc.src.texts]
        tgt = [[h.concept for h in tgt_matcher.find(t)] for t in doc.tgt.texts]
        both = _informative(src, MAX_SHARE) & _informative(tgt, MAX_SHARE)
        if not both:
            return None
        src = [[c for c in row if c in both] for row in src]
        tgt = [[c for c in row if c in both] for row in tgt]
        return Coverage.symmetric(self.name, self.weight, src, tgt)


def _informative(rows: list[list[str]], max_share: float) -> set[str]:
    """Concepts found in at most ``max_share`` of the sentences (and at least one)."""
    df = Counter(c for row in rows for c in set(row))
    limit = max(2.0, max_share * len(rows))
    return {c for c, k in df.items() if k <= limit}


def as_lexical_evidence(glossary: Coverage, reference: Coverage | None) -> Coverage:
    """``glossary`` reweighted so that one unit of its mass weighs ``glossary.weight``
    units of ``reference`` (the dictionary's) mass.

    The aligner gives each scorer the weight of a typical sentence holding its
    evidence; a sentence holds one or two glossary concepts but dozens of dictionary
    tokens, so without this one shared term would weigh as much as all the words of
    a sentence. Without a reference (another language pair) the glossary's tokens
    weigh a third of a sentence's evidence.
    """
    if reference is None or reference.typical_mass() <= 0:
        return replace(glossary, weight=glossary.weight / 6.0)
    per_unit = reference.weight / reference.typical_mass()
    return replace(glossary, weight=glossary.weight * per_unit * glossary.typical_mass())
