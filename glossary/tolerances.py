"""The tolerances of term matching and checking: their names, and the helpers that
implement them (see :mod:`glossary.match` for what each one accepts).

- ``parenthetical``/``apposition``: :func:`without_insertions` gives the token stream with
  the interruptions left out, where the matcher looks again;
- ``acronym-expansion``: :func:`is_acronym` tells the short form of a pair;
- ``inflection``: :func:`inflection_key`, English -ed/-ing/-e beyond the plural;
- ``script``: :func:`corpora.hanzi.to_simplified` on text and terms;
- ``nested``: :class:`NestedTerms`, the shorter terms inside a longer source term.

Every match that counted thanks to one is a :class:`ToleratedMatch` of the check.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from .errors import GlossaryError
from .termbase import Term, looks_like_acronym

if TYPE_CHECKING:  # pragma: no cover
    from .match import TermHit, TermMatcher

__all__ = ["TOLERANCES", "MATCH_TOLERANCES", "tolerance_set", "parse_tolerances", "ToleratedMatch", "NestedTerms",
           "without_insertions", "inflection_key", "is_acronym"]

_WORD_CHAR = re.compile(r"\w")
_OPEN, _CLOSE = "([", ")]"
_APPOSITION_MARKS = (",", "\u2014", "\u2013")
_MAX_APPOSITION = 8  # words


# Every tolerance of matching and checking, in the order reports list them.
TOLERANCES = ("parenthetical", "apposition", "acronym-expansion", "nested", "inflection", "script")
MATCH_TOLERANCES = frozenset(TOLERANCES) - {"nested"}


def tolerance_set(names: Iterable[str] | None) -> frozenset[str]:
    """The tolerances named (all when None); GlossaryError on an unknown name."""
    if names is None:
        return frozenset(TOLERANCES)
    chosen = frozenset(n.strip() for n in names if n.strip())
    unknown = sorted(chosen - set(TOLERANCES))
    if unknown:
        raise GlossaryError(f"unknown tolerance(s) {', '.join(unknown)} (known: {', '.join(TOLERANCES)})")
    return chosen

def parse_tolerances(text: str) -> tuple[str, ...]:
    """Tolerances from a comma-separated list (``script,nested``; ``none`` for none);
    GlossaryError naming the unknown ones."""
    if text.strip().lower() == "none":
        return ()
    names = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in names if k not in TOLERANCES]
    if unknown:
        raise GlossaryError(f"{', '.join(unknown)} (choose from {', '.join(TOLERANCES)}, or none)")
    return names


@dataclass(frozen=True)
class ToleratedMatch:
    """A term match that counted only thanks to a tolerance: why a match counted."""

    tu: int | None
    side: str  # "src" or "tgt"
    concept: str
    term: str
    found: str
    tolerance: str
    start: int
    end: int

    def as_dict(self) -> dict:
        """Plain data for JSON."""
        return asdict(self)


def is_acronym(term: Term) -> bool:
    return looks_like_acronym(term.text) or (term.term_type or "").lower() in ("acronym", "initialism", "abbreviation")


def without_insertions(texts: list[str], kind: str) -> list[int] | None:
    """Token indices with every parenthetical (``kind`` parenthetical) or apposition
    between commas or dashes left out; None when there is none."""
    drop: set[int] = set()
    if kind == "parenthetical":
        stack: list[int] = []
        for k, t in enumerate(texts):
            if t in _OPEN:
                stack.append(k)
            elif t in _CLOSE and stack:
                start = stack.pop()
                if not stack:
                    drop.update(range(start, k + 1))
    else:
        marks = [k for k, t in enumerate(texts) if t in _APPOSITION_MARKS]
        for a, b in zip(marks, marks[1:]):
            inner = texts[a + 1:b]
            if 2 <= len(inner) <= _MAX_APPOSITION and all(_WORD_CHAR.match(t) for t in inner):
                drop.update(range(a, b + 1))
    if not drop:
        return None
    return [k for k in range(len(texts)) if k not in drop]


_VOWELS = frozenset("aeiouy")


def inflection_key(word: str) -> str:
    """The inflection key of an English word: plural, -ed and -ing stripped, a final e
    and a doubled final consonant dropped (integrated, integrating, integrate →
    integrat; planned → plan; studies, studied → study). Unlike a stemmer it leaves
    derivations alone (directorate is not director, industrial not industry)."""
    from .match import english_stem

    w = english_stem(word)
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS and w[-1] not in "ls":
        w = w[:-1]
    return w


class NestedTerms:
    """The concepts of the shorter terms inside a source hit (中国工程院 in 中国工程院院士)."""

    def __init__(self, matcher: "TermMatcher") -> None:
        self.matcher = matcher
        self._cache: dict[str, frozenset[str]] = {}

    def inside(self, hit: TermHit) -> frozenset[str]:
        found = self._cache.get(hit.text)
        if found is None:
            found = self._cache[hit.text] = frozenset(
                self.matcher.pattern_concept(pid) for start, end, pid, _ in self.matcher.all_matches(hit.text)
                if (start, end) != (0, len(hit.text)))
        return found - {hit.concept}

    def concepts(self, hits: Sequence[TermHit]) -> dict[str, tuple[TermHit, str]]:
        """Concept → (the source hit holding it, "nested")."""
        out: dict[str, tuple[TermHit, str]] = {}
        for h in hits:
            for c in self.inside(h):
                out.setdefault(c, (h, "nested"))
        return out
