"""Numbers, dates and punctuation cues: tokens that survive translation as they are."""

from __future__ import annotations

from ..analysis import DocPair
from .base import Coverage, Scorer

__all__ = ["NumberScorer", "CueScorer"]


class NumberScorer(Scorer):
    """Arabic and Chinese numerals, 万/亿 scales, number words, months and years."""

    name = "numbers"

    def fit(self, doc: DocPair) -> Coverage | None:
        src = [[k for k in ks if k != "num:1"] for ks in doc.src.numbers()]
        tgt = [[k for k in ks if k != "num:1"] for ks in doc.tgt.numbers()]
        if not any(src) and not any(tgt):
            return None
        return Coverage.symmetric(self.name, self.weight, src, tgt)


class CueScorer(Scorer):
    """Question and exclamation marks, quotation marks and 《》, brackets."""

    name = "cues"

    def fit(self, doc: DocPair) -> Coverage | None:
        return Coverage.symmetric(self.name, self.weight, doc.src.cues(), doc.tgt.cues())
