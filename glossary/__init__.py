"""Terminology QA: term bases, term matching, checks, scores, reports, term extraction.

>>> from glossary import load_termbase, check_pairs
>>> result = check_pairs(alignment.pairs(), load_termbase("glossary.tbx"), "zh", "en")
>>> result.issues_frame()
"""

from __future__ import annotations

from .checks import KINDS, CheckResult, TermIssue, check_pairs
from .errors import GlossaryError, TermBaseError
from .match import TermHit, TermMatcher
from .scores import TermScores, TermStat, TranslationScores, translation_scores
from .termbase import ADMITTED, FORBIDDEN, PREFERRED, Concept, Term, TermBase, load_termbase
from .tolerances import TOLERANCES, ToleratedMatch

__all__ = [
    "load_termbase",
    "TermBase",
    "Concept",
    "Term",
    "PREFERRED",
    "ADMITTED",
    "FORBIDDEN",
    "TermMatcher",
    "TermHit",
    "check_pairs",
    "CheckResult",
    "TermIssue",
    "KINDS",
    "TOLERANCES",
    "ToleratedMatch",
    "TermScores",
    "TermStat",
    "TranslationScores",
    "translation_scores",
    "GlossaryError",
    "TermBaseError",
]
