"""The work a batch sends to its workers: align one document pair, report the outcome."""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass
from typing import Any

from corpora import Alignment, DuiqiError, DuiqiWarning
from corpora.lang import base_lang

from ..aligner import Aligner
from ..api import align_files
from ..lexicon import Lexicon
from ..options import AlignOptions
from .manifest import BatchPair

__all__ = ["PairOutcome", "AlignTask", "lexicon_fits"]


def lexicon_fits(lexicon: Lexicon, alignment: Alignment) -> bool:
    """True when ``alignment`` is in the lexicon's language pair."""
    return (base_lang(lexicon.src_units.lang), base_lang(lexicon.tgt_units.lang)) == (
        base_lang(alignment.src_lang), base_lang(alignment.tgt_lang))


@dataclass(frozen=True)
class PairOutcome:
    """A worker's result for one pair: the alignment or a one-line error, the time taken,
    and the DuiqiWarnings raised on the way."""

    alignment: Alignment | None
    seconds: float
    error: str | None = None
    warnings: tuple[str, ...] = ()


class AlignTask:
    """Aligns one :class:`BatchPair` (in a worker) and returns a :class:`PairOutcome`.

    Holds the worker's aligners, made on first use and never pickled, so the
    dictionary is loaded once per worker. ``units``: as for :func:`align.api.align_files`. With a ``lexicon``, a pair in another
    language pair than the lexicon's is aligned without it.
    """

    def __init__(self, options: AlignOptions, lexicon: Lexicon | None = None, units: str = "sentence") -> None:
        self.options = options
        self.lexicon = lexicon
        self.units = units
        self._aligners: dict[bool, Aligner] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "lexicon": self.lexicon, "units": self.units}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"], state["lexicon"], state.get("units", "sentence"))

    def _align(self, pair: BatchPair, shared: bool) -> Alignment:
        if shared not in self._aligners:
            self._aligners[shared] = Aligner(self.options, lexicon=self.lexicon if shared else None)
        return align_files(pair.src, pair.tgt, options=self.options, aligner=self._aligners[shared], units=self.units)

    def __call__(self, pair: BatchPair) -> PairOutcome:
        start = time.perf_counter()
        alignment = error = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                alignment = self._align(pair, self.lexicon is not None)
                if self.lexicon is not None and not lexicon_fits(self.lexicon, alignment):
                    alignment = self._align(pair, False)
            except DuiqiError as e:
                error = str(e)
            except MemoryError:
                error = "out of memory"
            except Exception as e:  # a bug must not stop the other pairs
                error = f"internal error: {type(e).__name__}: {e}"
        notes = tuple(str(w.message) for w in caught if issubclass(w.category, DuiqiWarning))
        return PairOutcome(alignment, time.perf_counter() - start, error, notes)
