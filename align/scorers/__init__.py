"""Scorers: kinds of evidence that two sentences translate each other.

They share one interface (:class:`~align.scorers.base.Scorer`) and live in a registry
keyed by name, imported only when used.
"""

from __future__ import annotations

import importlib

from .base import Coverage, Scorer

__all__ = ["Scorer", "Coverage", "scorer_names", "make_scorer", "make_scorers", "default_weight", "RUN_SCORERS",
           "tunable_scorers"]

# name → (module, class, default weight)
_REGISTRY: dict[str, tuple[str, str, float]] = {
    "dictionary": ("align.scorers.dictionary", "DictionaryScorer", 1.0),
    "names": ("align.scorers.names", "NameScorer", 2.0),
    "translit": ("align.scorers.translit", "TransliterationScorer", 2.0),
    "numbers": ("align.scorers.numbers", "NumberScorer", 2.0),
    "cues": ("align.scorers.numbers", "CueScorer", 0.5),
    "cognates": ("align.scorers.cognates", "CognateScorer", 1.0),
}


# Scorers a run adds itself, not chosen by name: name → default weight. ``learned``
# comes from a lexicon, ``translation`` and ``chrf`` from a machine translation.
RUN_SCORERS: dict[str, float] = {"learned": 1.0, "translation": 1.0, "chrf": 1.0}


def tunable_scorers(translation: bool = False) -> list[str]:
    """The scorers whose weights ``benchmarks/tune_weights.py`` tunes, in order."""
    return [*_REGISTRY, "learned", *(["translation", "chrf"] if translation else [])]


def scorer_names() -> list[str]:
    """Names of the scorers that can be chosen by name."""
    return list(_REGISTRY)


def make_scorer(name: str, weight: float | None = None) -> Scorer:
    """A scorer by registry name, with its default weight unless one is given."""
    module, cls, default = _REGISTRY[name]
    return getattr(importlib.import_module(module), cls)(default if weight is None else weight)


def default_weight(name: str) -> float:
    """The weight a scorer's evidence gets unless told otherwise."""
    return _REGISTRY[name][2] if name in _REGISTRY else RUN_SCORERS.get(name, 1.0)


def make_scorers(names, weights=None) -> list[Scorer]:
    """Scorers for a list of names, weighted by ``weights.scorer(name)`` when given."""
    return [make_scorer(n, None if weights is None else weights.scorer(n, default_weight(n))) for n in names]
