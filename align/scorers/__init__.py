"""Scorers: kinds of evidence that two sentences translate each other.

They share one interface (:class:`~align.scorers.base.Scorer`) and live in a registry
keyed by name, imported only when used.
"""

from __future__ import annotations

import importlib

from .base import Coverage, Scorer

__all__ = ["Scorer", "Coverage", "scorer_names", "make_scorer", "make_scorers"]

# name → (module, class, default weight)
_REGISTRY: dict[str, tuple[str, str, float]] = {
    "dictionary": ("align.scorers.dictionary", "DictionaryScorer", 1.0),
    "names": ("align.scorers.names", "NameScorer", 2.0),
    "numbers": ("align.scorers.numbers", "NumberScorer", 2.0),
    "cues": ("align.scorers.numbers", "CueScorer", 0.5),
}


def scorer_names() -> list[str]:
    """Names of the scorers that can be chosen by name."""
    return list(_REGISTRY)


def make_scorer(name: str, weight: float | None = None) -> Scorer:
    """A scorer by registry name, with its default weight unless one is given."""
    module, cls, default = _REGISTRY[name]
    return getattr(importlib.import_module(module), cls)(default if weight is None else weight)


def make_scorers(names) -> list[Scorer]:
    """Scorers for a list of names."""
    return [make_scorer(n) for n in names]
