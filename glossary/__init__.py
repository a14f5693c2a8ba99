"""Terminology QA: term bases, term matching, checks, scores, reports, term extraction.

>>> from glossary import load_termbase, check_pairs
>>> result = check_pairs(alignment.pairs(), load_termbase("glossary.tbx"), "zh", "en")
>>> result.issues_frame()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpora.lazy import lazy_names

from .errors import GlossaryError, TermBaseError

if TYPE_CHECKING:  # pragma: no cover
    from .checks import KINDS, CheckResult, TermIssue, check_pairs
    from .match import TermHit, TermMatcher
    from .scores import TermScores, TermStat, TranslationScores, translation_scores
    from .termbase import ADMITTED, FORBIDDEN, PREFERRED, Concept, Term, TermBase, load_termbase
    from .tolerances import TOLERANCES, ToleratedMatch

# public name → the submodule that defines it (imported on first use, so that the
# aligner's ``glossary.numbers`` does not load the checks, matching and reports)
_LAZY = {
    **dict.fromkeys(("KINDS", "CheckResult", "TermIssue", "check_pairs"), "checks"),
    **dict.fromkeys(("TermHit", "TermMatcher"), "match"),
    **dict.fromkeys(("TermScores", "TermStat", "TranslationScores", "translation_scores"), "scores"),
    **dict.fromkeys(("ADMITTED", "FORBIDDEN", "PREFERRED", "Concept", "Term", "TermBase", "load_termbase"),
                    "termbase"),
    **dict.fromkeys(("TOLERANCES", "ToleratedMatch"), "tolerances"),
}

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

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
