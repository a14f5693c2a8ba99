"""What a check returns: its issues (:class:`TermIssue`), the whole result
(:class:`CheckResult`) and the issue kinds it knows."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .errors import GlossaryError
from .scores import TermScores, TermStat, stats_frame
from .tolerances import TOLERANCES, ToleratedMatch

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["KINDS", "ISSUE_COLUMNS", "TermIssue", "CheckResult", "parse_kinds"]

KINDS = ("missing", "forbidden", "inconsistent", "unexpected", "number")
ISSUE_COLUMNS = ("tu", "kind", "term", "expected", "found", "concept", "note", "tolerance", "src", "tgt")


@dataclass(frozen=True)
class TermIssue:
    """One problem found in one pair.

    ``term`` is the source term concerned (a number's source text for number issues),
    ``expected`` what the target should have, ``found`` what it has ("" for nothing).
    ``src_span``/``tgt_span`` locate the term or number in ``src``/``tgt``. ``segment``
    is the pair's index as given; ``tu`` its number in a TMX (two-sided pairs from 1;
    None for a one-sided pair), the number every report shows. ``tolerance`` names
    the matching tolerance the issue rests on ("" for exact matches).
    """

    segment: int
    src: str
    tgt: str
    kind: str
    term: str
    expected: str
    found: str
    concept: str = ""
    note: str = ""
    src_span: tuple[int, int] | None = None
    tgt_span: tuple[int, int] | None = None
    tu: int | None = None
    tolerance: str = ""

    def as_dict(self) -> dict:
        """Plain data for JSON (numbered by ``tu``)."""
        d = asdict(self)
        d = {"tu": d.pop("tu"), **{k: v for k, v in d.items() if k != "segment"}}
        for k in ("src_span", "tgt_span"):
            d[k] = list(d[k]) if d[k] is not None else None
        return d


@dataclass(frozen=True)
class CheckResult:
    """Issues, scores and the per-term table of one check."""

    issues: tuple[TermIssue, ...]
    scores: TermScores
    terms: tuple[TermStat, ...]
    src_lang: str
    tgt_lang: str
    glossary: str = ""
    signature: str = ""
    checks: tuple[str, ...] = field(default=KINDS)
    tolerated: tuple[ToleratedMatch, ...] = ()
    tolerances: tuple[str, ...] = TOLERANCES

    @property
    def ok(self) -> bool:
        """True when no issue was found."""
        return not self.issues

    def counts(self) -> dict[str, int]:
        """Number of issues of each kind checked."""
        c = Counter(i.kind for i in self.issues)
        return {k: c.get(k, 0) for k in self.checks}

    def issues_frame(self) -> "pandas.DataFrame":
        """One row per issue: segment (the pair's index), kind, term, expected, found,
        concept, note, src, tgt (``issue.tu`` and ``issue.tolerance`` are on the issues)."""
        import pandas as pd

        columns = ["segment", "kind", "term", "expected", "found", "concept", "note", "src", "tgt"]
        return pd.DataFrame([{k: getattr(i, k) for k in columns} for i in self.issues], columns=columns)

    def terms_frame(self) -> "pandas.DataFrame":
        """One row per source term seen: occurrences, accuracy, consistency, renderings."""
        return stats_frame(self.terms)


def parse_kinds(text: str) -> tuple[str, ...]:
    """Issue kinds from a comma-separated list (``missing,forbidden``); GlossaryError
    naming the unknown ones, or saying none was given."""
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise GlossaryError(f"{', '.join(unknown) or 'none given'} (choose from {', '.join(KINDS)})")
    return kinds
