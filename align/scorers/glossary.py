"""Glossary terms as anchors: a concept's renderings found on both sides."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import DocPair
from .base import Coverage, Scorer

if TYPE_CHECKING:  # pragma: no cover
    from glossary import TermBase

__all__ = ["GlossaryScorer"]


class GlossaryScorer(Scorer):
    """Sentences sharing a glossary concept (any rendering, forbidden ones included:
    a wrong rendering is still a translation of the term)."""

    name = "glossary"

    def __init__(self, termbase: "TermBase", weight: float = 3.0) -> None:
        super().__init__(weight)
        self.termbase = termbase

    def fit(self, doc: DocPair) -> Coverage | None:
        from glossary import TermMatcher

        src_matcher = TermMatcher(self.termbase, doc.src.lang)
        tgt_matcher = TermMatcher(self.termbase, doc.tgt.lang)
        src = [[h.concept for h in src_matcher.find(t)] for t in doc.src.texts]
        tgt = [[h.concept for h in tgt_matcher.find(t)] for t in doc.tgt.texts]
        both = {c for row in src for c in row} & {c for row in tgt for c in row}
        if not both:
            return None
        src = [[c for c in row if c in both] for row in src]
        tgt = [[c for c in row if c in both] for row in tgt]
        return Coverage.symmetric(self.name, self.weight, src, tgt)
