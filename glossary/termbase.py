"""The term base model: concepts, each with its terms in several languages.

One model for every file format: a :class:`Term` has a status ``preferred``,
``admitted`` or ``forbidden`` (TBX ``deprecated`` and ``superseded`` terms are
forbidden), a TBX ``termType`` when known (``fullForm``, ``acronym``, ...), a case
flag and a note. :func:`load_termbase` reads CSV, TSV, XLSX and TBX (v2 and v3).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from corpora.lang import base_lang as lang_base
from corpora.lang import same_lang

from .errors import TermBaseError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "PREFERRED",
    "ADMITTED",
    "FORBIDDEN",
    "STATUSES",
    "SHORT_TYPES",
    "Term",
    "Concept",
    "TermBase",
    "normalize_status",
    "MAX_TERM_CHARS",
    "check_term_length",
    "lang_base",
    "same_lang",
    "looks_like_acronym",
    "default_case_sensitive",
    "make_concept",
    "load_termbase",
]

PREFERRED = "preferred"
ADMITTED = "admitted"
FORBIDDEN = "forbidden"
STATUSES = (PREFERRED, ADMITTED, FORBIDDEN)
_RANK = {PREFERRED: 0, ADMITTED: 1, FORBIDDEN: 2}

# termType values naming a short form: using one beside the full form is no inconsistency.
SHORT_TYPES = frozenset({"acronym", "abbreviation", "shortform", "initialism", "clippedterm"})

_STATUS_WORDS = {
    PREFERRED: ("preferred", "approved", "standardized", "standardised", "legal", "regulated",
                "mandatory", "recommended", "official", "preferredterm"),
    ADMITTED: ("admitted", "allowed", "accepted", "acceptable", "permitted", "alternative",
               "variant", "synonym", "tolerated"),
    FORBIDDEN: ("forbidden", "deprecated", "superseded", "obsolete", "banned", "prohibited",
                "rejected", "notrecommended", "donotuse", "avoid", "former", "outdated", "wrong"),
}
_STATUS_LOOKUP = {w: s for s, words in _STATUS_WORDS.items() for w in words}


MAX_TERM_CHARS = 1000
"""The longest term read from a term base: anything longer is a broken or hostile file."""


def check_term_length(text: str, where: str) -> str:
    """``text`` if it is at most :data:`MAX_TERM_CHARS` long; TermBaseError naming ``where`` otherwise."""
    if len(text) > MAX_TERM_CHARS:
        raise TermBaseError(f"{where}: a term of {len(text):,} characters (at most {MAX_TERM_CHARS:,}): "
                            f"{text[:40]!r}…")
    return text


def normalize_status(value: str | None) -> str | None:
    """``preferred``/``admitted``/``forbidden`` for a status word, or None if unknown.

    Empty means preferred. TBX values (``deprecatedTerm-admn-sts``) and common
    synonyms (approved, allowed, superseded, do not use, ...) are understood.
    """
    if value is None or not value.strip():
        return PREFERRED
    key = re.sub(r"[\s_\-]+", "", value.strip().lower().replace("-admn-sts", ""))
    if key.endswith("term") and key != "term":
        key = key[: -len("term")]
    return _STATUS_LOOKUP.get(key)


_ACRONYM = re.compile(r"[A-Z0-9&.\-]*[A-Z][A-Z0-9&.\-]*[A-Z][A-Z0-9&.\-]*s?")


def looks_like_acronym(text: str) -> bool:
    """``CAE``, ``NDRC``, ``R&D``: two or more capitals and no lower-case letter but a plural s."""
    return bool(_ACRONYM.fullmatch(text.strip()))


def default_case_sensitive(text: str, term_type: str | None = None) -> bool:
    """Case rule when the file does not say: acronyms match case-sensitively.

    ``MOST`` must not match "most", ``AI`` not "ai"; other terms ignore case.
    """
    kind = (term_type or "").lower()
    return looks_like_acronym(text) or (kind in ("acronym", "initialism") and text != text.lower())


@dataclass(frozen=True)
class Term:
    """One rendering of a concept in one language."""

    text: str
    lang: str
    status: str = PREFERRED
    term_type: str | None = None
    case_sensitive: bool = False
    note: str = ""

    @property
    def approved(self) -> bool:
        """True for preferred and admitted terms."""
        return self.status != FORBIDDEN

    @property
    def is_short_form(self) -> bool:
        """True when the termType names a short form (acronym, abbreviation, ...)."""
        return (self.term_type or "").replace(" ", "").lower() in SHORT_TYPES


@dataclass(frozen=True)
class Concept:
    """A concept and its terms; ``id`` is the entry's id in the term base."""

    id: str
    terms: tuple[Term, ...]

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """The terms in ``lang`` (compared by primary subtag), preferred first."""
        return tuple(sorted((t for t in self.terms if same_lang(t.lang, lang)),
                            key=lambda t: _RANK[t.status]))

    def approved(self, lang: str) -> tuple[Term, ...]:
        """Preferred and admitted terms in ``lang``, preferred first."""
        return tuple(t for t in self.terms_in(lang) if t.approved)

    def forbidden(self, lang: str) -> tuple[Term, ...]:
        """Forbidden terms in ``lang``."""
        return tuple(t for t in self.terms_in(lang) if not t.approved)

    def preferred(self, lang: str) -> Term | None:
        """The first preferred term in ``lang``, else the first admitted, else None."""
        approved = self.approved(lang)
        return approved[0] if approved else None


@dataclass(frozen=True)
class TermBase:
    """A term base: its concepts and the file it came from."""

    concepts: tuple[Concept, ...]
    name: str = ""

    @property
    def languages(self) -> tuple[str, ...]:
        """Primary subtags of the languages that have terms, sorted."""
        return tuple(sorted({lang_base(t.lang) for c in self.concepts for t in c.terms}))

    def __len__(self) -> int:
        return sum(len(c.terms) for c in self.concepts)

    def concept(self, concept_id: str) -> Concept:
        """The concept with id ``concept_id``; KeyError if there is none."""
        for c in self.concepts:
            if c.id == concept_id:
                return c
        raise KeyError(concept_id)

    def terms_in(self, lang: str) -> Iterator[tuple[Concept, Term]]:
        """Every (concept, term) pair in ``lang``."""
        for c in self.concepts:
            for t in c.terms_in(lang):
                yield c, t

    def require_lang(self, lang: str) -> None:
        """Raise TermBaseError unless the term base has terms in ``lang``."""
        if lang_base(lang) not in self.languages:
            raise TermBaseError(
                f"{self.name or 'glossary'}: no {lang} terms (languages: {', '.join(self.languages) or 'none'})"
            )

    def to_frame(self) -> "pandas.DataFrame":
        """One row per term: concept, lang, term, status, term_type, case_sensitive, note."""
        import pandas as pd

        columns = ["concept", "lang", "term", "status", "term_type", "case_sensitive", "note"]
        rows = [(c.id, t.lang, t.text, t.status, t.term_type, t.case_sensitive, t.note)
                for c in self.concepts for t in c.terms]
        return pd.DataFrame(rows, columns=columns)


def make_concept(concept_id: str, terms: Iterable[Term]) -> Concept:
    """A concept of ``terms``, a term listed twice kept once with its best status.

    A term a row lists as forbidden only for context (e.g. the Chinese of a row that
    forbids an English rendering) stays approved when another row approves it.
    """
    best: dict[tuple[str, str], Term] = {}
    for t in terms:
        key = (lang_base(t.lang), t.text.casefold())
        old = best.get(key)
        if old is None or _RANK[t.status] < _RANK[old.status]:
            if old is not None:
                t = Term(t.text, t.lang, t.status, t.term_type or old.term_type,
                         t.case_sensitive, t.note or old.note)
            best[key] = t
    return Concept(concept_id, tuple(best.values()))


def load_termbase(path: str | os.PathLike[str]) -> TermBase:
    """Read a term base; the format comes from the extension.

    ``.csv``, ``.tsv`` (``.tab``, ``.txt``) and ``.xlsx`` are tables with language-code
    column headers; ``.tbx`` (and ``.xml``) is TBX v2 or v3, told apart by the root.
    Raises TermBaseError naming the file, the line or element, and the problem.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise TermBaseError(f"{p}: no such file")
    if p.is_dir():
        raise TermBaseError(f"{p}: is a directory, not a glossary file")
    if suffix in (".csv", ".tsv", ".tab", ".txt"):
        from .tabular import read_delimited

        tb = read_delimited(p)
    elif suffix in (".xlsx", ".xlsm"):
        from .tabular import read_xlsx

        tb = read_xlsx(p)
    elif suffix in (".tbx", ".xml"):
        from .tbx import read_tbx

        tb = read_tbx(p)
    else:
        raise TermBaseError(f"{p}: unknown glossary format {suffix or '(no extension)'!r} "
                            "(use .csv, .tsv, .xlsx or .tbx)")
    if not tb.concepts:
        raise TermBaseError(f"{p}: no terms found")
    return tb
