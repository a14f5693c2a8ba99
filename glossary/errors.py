"""Errors of the glossary package: term bases, checks and scores."""

from __future__ import annotations

from corpora.errors import DuiqiError

__all__ = ["GlossaryError", "TermBaseError"]


class GlossaryError(DuiqiError):
    """Bad input or options for terminology QA."""


class TermBaseError(GlossaryError):
    """A term base file that cannot be read: the message names the file, place and problem."""
