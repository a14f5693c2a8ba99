"""What a second process does for the aligner, and the unit models it may train.

The aligner forks a worker (:class:`align.parallel.Worker`) for a long text: it builds
the evidence that reads the Chinese side's dictionary words, then trains the learned
lexicon's unit models, while the aligner's own process builds the other evidence and
runs the first round.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, Sequence

from .analysis import DocPair
from .parallel import Worker
from .phases import phase
from .scorers.base import Scorer

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import UnitModel

__all__ = ["WORKER_SCORERS", "background_tasks", "DocumentUnits"]

WORKER_SCORERS = ("dictionary", "translit")  # the evidence a worker builds, if there is one


def background_tasks(doc: DocPair, scorers: Sequence[Scorer], learn: bool) -> dict[str, Callable]:
    """Work for a second process, in the order this one takes the results: the evidence
    that reads the Chinese side's dictionary words (the dictionary's, the longest to
    build, and the transliterations', which segment it once between them), then the
    learned lexicon's unit models (SentencePiece training needs the texts only)."""
    tasks: dict[str, Callable] = {}
    if doc.zh_en is not None:
        for scorer in scorers:
            if scorer.name in WORKER_SCORERS:
                tasks[f"evidence: {scorer.name}"] = functools.partial(scorer.fit, doc)
    if learn:
        # the units of the sentences too: sent with the models (a second result would
        # wait in the pipe until this process reads the first)
        tasks["lexicon: units"] = functools.partial(_units_and_sentences, doc)
    return tasks


def _train_units(doc: DocPair) -> "tuple[UnitModel, UnitModel]":
    """Both sides' unit models (a side's early start in a thread, if any, is used)."""
    return doc.src.unit_model(), doc.tgt.unit_model()


def _units_and_sentences(doc: DocPair):
    """Both sides' unit models and the units of each of their sentences."""
    src, tgt = _train_units(doc)
    return (src, tgt), (src.units(doc.src.texts), tgt.units(doc.tgt.texts))


class DocumentUnits:
    """The unit models of the learned lexicon of a document and the units of its
    sentences: worked out once, by the worker when there is one."""

    def __init__(self, doc: DocPair, worker: Worker | None = None) -> None:
        self.doc, self.worker = doc, worker
        self.models: "tuple[UnitModel, UnitModel] | None" = None
        self.sentences: tuple[list[list[str]], list[list[str]]] | None = None

    def get(self) -> "tuple[UnitModel, UnitModel]":
        """Both sides' unit models (from the worker, if it trains them)."""
        if self.models is None:
            if self.worker is not None:
                self.models, self.sentences = self.worker.result()
            else:
                with phase("lexicon: units"):
                    self.models = _train_units(self.doc)
        return self.models

    def of_sentences(self) -> tuple[list[list[str]], list[list[str]]]:
        """The units of each sentence of both sides (after :meth:`get`)."""
        if self.sentences is None:
            with phase("lexicon: sentence units"):
                src, tgt = self.get()
                self.sentences = src.units(self.doc.src.texts), tgt.units(self.doc.tgt.texts)
        return self.sentences
