"""Orthographic evidence for pairs written in one script: cognates and shared names.

Two words are taken as cognates when their first four letters agree, accents aside
(Simard, Foster & Isabelle 1992): *Regierung*/*regieren*, *nation*/*Nation*,
*président*/*Präsident* do not, *Parlament*/*parlement* and *Europa*/*européen* do.
Shared rare prefixes are weighted by inverse document frequency, so function words
that happen to agree count for little. Applies when neither side is written in
Chinese or Japanese characters (Cyrillic pairs such as Russian–Ukrainian get it too) (where CC-CEDICT and pinyin names serve instead).
"""

from __future__ import annotations

import unicodedata

from ..analysis import DocPair
from ..tokens import letter_words
from .base import Coverage, Scorer

__all__ = ["CognateScorer", "cognate_keys"]

PREFIX = 4


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def cognate_keys(text: str) -> list[str]:
    """The four-letter prefixes (lower case, accents removed) of the words of at least
    four letters (of any alphabet), distinct, in order."""
    return list(dict.fromkeys(_fold(w)[:PREFIX] for w in letter_words(text) if len(w) >= PREFIX))


class CognateScorer(Scorer):
    """Words of the two sides that share their first four letters."""

    name = "cognates"

    def fit(self, doc: DocPair) -> Coverage | None:
        if doc.src.cjk or doc.tgt.cjk:
            return None
        src = [cognate_keys(t) for t in doc.src.texts]
        tgt = [cognate_keys(t) for t in doc.tgt.texts]
        if not any(src) or not any(tgt):
            return None
        return Coverage.symmetric(self.name, self.weight, src, tgt)
