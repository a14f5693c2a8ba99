"""Evidence from a machine translation of the source (like Bleualign): the translation
of each source sentence is compared with the target sentences, on words and on the
character n-grams of sacrebleu's chrF."""

from __future__ import annotations

from typing import Sequence

from ..analysis import DocPair
from ..errors import AlignError
from ..tokens import content_stems, is_han
from .base import Coverage, Scorer

__all__ = ["TranslationScorer", "ChrfScorer"]


def _words(text: str, cjk: bool) -> list[str]:
    """Content stems, or for Chinese/Japanese the character bigrams."""
    if not cjk:
        return content_stems(text)
    han = [c for c in text if is_han(c)]
    return [a + b for a, b in zip(han, han[1:])]


class TranslationScorer(Scorer):
    """Content words shared by the source's translation and the target."""

    name = "translation"

    def __init__(self, translation: Sequence[str], weight: float = 1.0) -> None:
        super().__init__(weight)
        self.translation = list(translation)

    def _check(self, doc: DocPair) -> None:
        if len(self.translation) != len(doc.src):
            raise AlignError(
                f"the source has {len(doc.src)} sentences but its translation has "
                f"{len(self.translation)} lines; give one translated line per source sentence "
                "(with --no-split, one per source line)"
            )

    def fit(self, doc: DocPair) -> Coverage | None:
        self._check(doc)
        cjk = doc.tgt.cjk
        return Coverage.symmetric(self.name, self.weight, [_words(t, cjk) for t in self.translation],
                                  [_words(t, cjk) for t in doc.tgt.texts])



class ChrfScorer(TranslationScorer):
    """Character n-grams (sacrebleu's chrF extraction, orders 1–6) shared by the
    source's translation and the target."""

    name = "chrf"
    orders = (1, 2, 3, 4, 5, 6)

    def fit(self, doc: DocPair) -> Coverage | None:
        self._check(doc)
        return Coverage.symmetric(self.name, self.weight, [self._grams(t) for t in self.translation],
                                  [self._grams(t) for t in doc.tgt.texts])

    def _grams(self, text: str) -> list[str]:
        from sacrebleu.metrics.helpers import extract_all_char_ngrams

        counters = extract_all_char_ngrams(text.lower(), max(self.orders), False)
        return [f"{n}:{g}" for n in self.orders for g in counters[n - 1]]
