"""Evidence from a translation lexicon learned from the text itself (or loaded)."""

from __future__ import annotations

from ..analysis import DocPair
from ..lexicon import Lexicon
from .base import Coverage, Scorer, linked_coverage

__all__ = ["LearnedScorer", "SharedLexiconScorer"]


class LearnedScorer(Scorer):
    """Links of a :class:`~align.lexicon.Lexicon` between the two sides' units."""

    name = "learned"

    def __init__(self, lexicon: Lexicon, weight: float = 1.0) -> None:
        super().__init__(weight)
        self.lexicon = lexicon

    def fit(self, doc: DocPair) -> Coverage | None:
        if not self.lexicon.links:
            return None
        src = self.lexicon.src_units.units(doc.src.texts)
        tgt = self.lexicon.tgt_units.units(doc.tgt.texts)
        links = [(s, t) for s, t, _ in self.lexicon.links]
        return linked_coverage(self.name, self.weight, src, tgt, links)

    def describe(self) -> str:
        return f"{self.name}:{self.weight:g}:{len(self.lexicon)}"


class SharedLexiconScorer(LearnedScorer):
    """A lexicon learned beforehand over many documents (a batch's shared lexicon).

    Its evidence is named ``shared`` so that the aligner can tell it from the
    document's own: it guides the first alignment, from which the document learns its
    own lexicon, and stands in for that lexicon when the document is too short to
    learn one.
    """

    name = "shared"
