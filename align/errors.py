"""Errors of the aligner and its command line."""

from __future__ import annotations

from corpora.errors import DuiqiError
from corpora.lang import LanguageError as CodeError

__all__ = ["AlignError", "LanguageError"]


class AlignError(DuiqiError):
    """Bad options or input for the aligner."""


class LanguageError(AlignError, CodeError):
    """A language that cannot be detected or is not supported (also a ``corpora.lang.LanguageError``)."""
