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

    def fit(self, doc: DocPair, units: tuple[list[list[str]], list[list[str]]] | None = None) -> Coverage | None:
        """``units``: the units of the two sides' sentences under the lexicon's unit
        models, if already worked out."""
        if not self.lexicon.links:
            return None
        if units is None:
            units = self.lexicon.src_units.units(doc.src.texts), self.lexicon.tgt_units.units(doc.tgt.texts)
        src, tgt = units
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
