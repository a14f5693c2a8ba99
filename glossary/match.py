"""Finding a term base's terms in text: one Aho-Corasick pass, maximal exclusive matches.

Chinese (and Japanese) text is matched character by character; the longest match
wins, so 副主任 is not also a hit for 主任. Other languages are matched on word tokens:
whole words only (``CAE`` does not match inside ``CAES``), case-insensitive unless the
term is case-sensitive, and — for English — tolerant of plurals (programs, awards,
facilities), possessives (Lab's, members'), hyphens and spacing (Multi-center,
Multi center, Multicenter; R&D, R & D). Full-width letters and digits count as
their ASCII forms. Overlapping and nested matches are resolved by taking the longest
first, then the leftmost: every character is in at most one hit.

Tolerances (asked for by name; each hit names the one it needed in ``tolerance``;
:func:`glossary.check_pairs` applies them all unless told otherwise):

- ``parenthetical``: a term interrupted by a parenthetical, ``CAE (the Chinese Academy
  of Engineering) Member`` for ``CAE Member``;
- ``apposition``: a term interrupted by an apposition (2–8 words) between commas or dashes,
  ``CAE, the Chinese Academy of Engineering, Member``;
- ``acronym-expansion``: an acronym and its full form together, either order:
  ``the Chinese Academy of Engineering (CAE)``, ``CAE (Chinese Academy of Engineering)``
  are one hit;
- ``inflection``: English inflection beyond the plural (-ed, -ing, a final e):
  ``integrating development`` for ``integrated development``; a term that matches
  exactly always wins over one that matches only through its inflection;
- ``script``: Simplified and Traditional Chinese match each other (OpenCC), in the
  text and in the term base: 之江實驗室 is 之江实验室.

(``nested``, a longer source term accounting for the shorter terms inside it, is a
tolerance of the checks: :mod:`glossary.checks`.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from corpora.hanzi import to_simplified
from corpora.lang import base_lang, is_cjk_lang

from .termbase import Term, TermBase
from .tolerances import (MATCH_TOLERANCES, TOLERANCES, inflection_key, is_acronym, parse_tolerances,
                         tolerance_set, without_insertions)

__all__ = ["TermHit", "TermMatcher", "english_stem", "TOLERANCES", "MATCH_TOLERANCES", "tolerance_set",
           "parse_tolerances"]

_WIDTH = str.maketrans({**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " "})
_TOKEN = re.compile(
    r"(?P<w>[^\W_]+)(?P<pos>['’]s(?![^\W_])|(?<=s)['’](?![^\W_]))?"
    r"|(?P<p>[^\w\s\-\u2010-\u2015])"
)
_WORD_CHAR = re.compile(r"\w")
_HYPHENS = re.compile(r"\s*[\-\u2010-\u2015]\s*")


@dataclass(frozen=True)
class TermHit:
    """A term found in text: its concept id, the glossary term, its status and the span.

    ``text`` is the text as it stands at ``start:end`` (``Lab’s`` for the term ``Lab``).
    """

    concept: str
    term: str
    status: str
    start: int
    end: int
    text: str
    term_type: str | None = None
    tolerance: str = ""  # the tolerance that made it match ("" for an exact match)

    @property
    def approved(self) -> bool:
        """True for a preferred or admitted term."""
        return self.status != "forbidden"


def english_stem(word: str) -> str:
    """Strip an English plural: programs → program, facilities → facility, boxes → box."""
    n = len(word)
    if n <= 3 or word[-1] != "s":
        return word
    if word.endswith("ies") and n > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


def _fold(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class _Pattern:
    concept: str
    term: Term
    tokens: int  # number of word tokens (word mode); 0 in character mode


class TermMatcher:
    """Finds the terms of one language of a term base in text.

    >>> matcher = TermMatcher(load_termbase("glossary.csv"), "en")
    >>> [h.term for h in matcher.find("the Lab’s CPC Committee")]
    ['the Lab', 'CPC Committee']
    """

    def __init__(self, termbase: TermBase, lang: str, terms: Iterable[tuple[str, Term]] | None = None,
                 tolerances: Iterable[str] | None = ()):
        """``tolerances``: the names of :data:`TOLERANCES` to apply (default: none, exact
        matching; ``None`` for all)."""
        self.lang = lang
        self.cjk = is_cjk_lang(lang)
        self.english = base_lang(lang) == "en"
        self.tolerances = tolerance_set(tolerances) & MATCH_TOLERANCES
        self._script = self.cjk and "script" in self.tolerances
        self._inflect = self.english and "inflection" in self.tolerances
        self._patterns: list[_Pattern] = []
        # (case sensitive, stemmed) → key → pattern ids
        self._keys: dict[tuple[bool, bool], dict[str, list[int]]] = {}
        self._stems: dict[tuple[bool, bool], dict[str, str]] = {}
        pairs = terms if terms is not None else ((c.id, t) for c, t in termbase.terms_in(lang))
        for concept_id, term in pairs:
            self._add(concept_id, term)
        self._automata = {mode: self._build(keys) for mode, keys in self._keys.items() if keys}

    def __len__(self) -> int:
        return len(self._patterns)

    # -- building ------------------------------------------------------------------

    def _add(self, concept_id: str, term: Term) -> None:
        text = term.text.translate(_WIDTH)
        if self.cjk:
            if self._script:
                text = to_simplified(text)
            self._register(concept_id, term, 0, text if term.case_sensitive else _fold(text))
            return
        tokens = list(_TOKEN.finditer(text))
        if not tokens:
            return
        modes = [False, True] if self._inflect and not term.case_sensitive else [False]
        for stemmed in modes:
            cs = term.case_sensitive
            key = self._join(self._key(m, cs, stemmed) for m in tokens)
            self._register(concept_id, term, len(tokens), key, stemmed)
            closed = self._closed_compound(text, tokens, cs, stemmed)
            if closed is not None:  # fewer tokens: a pattern of its own
                self._register(concept_id, term, closed[1], closed[0], stemmed)

    def _register(self, concept_id: str, term: Term, ntok: int, key: str, stemmed: bool = False) -> None:
        bucket = self._keys.setdefault((term.case_sensitive, stemmed), {}).setdefault(key, [])
        if any(self._patterns[i].concept == concept_id and self._patterns[i].term == term for i in bucket):
            return
        self._patterns.append(_Pattern(concept_id, term, ntok))
        bucket.append(len(self._patterns) - 1)

    def _closed_compound(self, text: str, tokens, case_sensitive: bool, stemmed: bool = False) -> tuple[str, int] | None:
        """``Multi-center X`` also as ``Multicenter X``."""
        words: list[str] = []
        joined = False
        for k, m in enumerate(tokens):
            gap = text[tokens[k - 1].end():m.start()] if k else ""
            if k and _HYPHENS.fullmatch(gap) and gap.strip() and words:
                words[-1] += m.group(0)
                joined = True
            else:
                words.append(m.group(0))
        if not joined:
            return None
        keys = [self._key(m, case_sensitive, stemmed) for m in _TOKEN.finditer(" ".join(words))]
        return self._join(keys), len(keys)

    @staticmethod
    def _join(keys: Iterable[str]) -> str:
        return " " + " ".join(keys) + " "

    @staticmethod
    def _build(keys: dict[str, list[int]]):
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key, ids in keys.items():
            automaton.add_word(key, (len(key), tuple(ids)))
        automaton.make_automaton()
        return automaton

    def _key(self, m: re.Match, case_sensitive: bool, stemmed: bool = False) -> str:
        return self._token_key(m.group("w") or m.group("p"), case_sensitive, stemmed)

    def _token_key(self, token: str, case_sensitive: bool, stemmed: bool = False) -> str:
        """The comparable form of a token (memoized): folded, plural stripped (or, with
        ``stemmed``, its Snowball stem), & = and."""
        cache = self._stems.setdefault((case_sensitive, stemmed), {})
        key = cache.get(token)
        if key is None:
            key = cache[token] = self._compute_key(token, case_sensitive, stemmed)
        return key

    def _compute_key(self, token: str, case_sensitive: bool, stemmed: bool = False) -> str:
        if not _WORD_CHAR.match(token):  # a punctuation token
            return "and" if token == "&" else token
        if not case_sensitive:
            word = _fold(token)
            if stemmed:
                return inflection_key(word)
            return english_stem(word) if self.english else word
        if self.english and token.endswith("s"):  # CAEs → CAE, but not CAES
            return english_stem(token)
        return token

    # -- matching ------------------------------------------------------------------

    def find(self, text: str) -> list[TermHit]:
        """The terms in ``text``: maximal exclusive matches, in text order.

        Homographs (one text in two concepts) give one hit per concept, same span. An
        exact match wins over a tolerant one of the same span.
        """
        if not self._automata or not text:
            return []
        candidates = self._candidates(text)
        if not candidates:
            return []
        if "acronym-expansion" in self.tolerances and not self.cjk:
            candidates.extend(self._expansions(text.translate(_WIDTH), candidates))
        best: dict[tuple[int, int, int], str] = {}
        for start, end, pid, tol in candidates:
            key = (start, end, pid)
            if key not in best or (best[key] and not tol):
                best[key] = tol
        ordered = sorted(best.items(), key=lambda c: (c[0][0] - c[0][1], c[0][0], bool(c[1])))
        taken: dict[tuple[int, int], bool] = {}  # span → taken by an exact match
        hits: list[TermHit] = []
        for (start, end, pid), tol in ordered:
            span = (start, end)
            if span in taken:
                if taken[span] and tol:
                    continue
            elif any(s < end and start < e for s, e in taken):
                continue
            else:
                taken[span] = not tol
            p = self._patterns[pid]
            hit = TermHit(p.concept, p.term.text, p.term.status, start, end, text[start:end], p.term.term_type,
                          tol or self._script_tolerance(text[start:end], p.term))
            if hit not in hits:
                hits.append(hit)
        hits.sort(key=lambda h: (h.start, h.end))
        return hits

    def all_matches(self, text: str) -> list[tuple[int, int, int, str]]:
        """Every match in ``text``, overlapping and nested ones included:
        ``(start, end, pattern id, tolerance)``; see :meth:`pattern_concept`."""
        return self._candidates(text) if self._automata and text else []

    def pattern_concept(self, pattern_id: int) -> str:
        """The concept id of a pattern of :meth:`all_matches`."""
        return self._patterns[pattern_id].concept

    def _script_tolerance(self, found: str, term: Term) -> str:
        if self._script and found.translate(_WIDTH) != term.text.translate(_WIDTH) and not (
                not term.case_sensitive and _fold(found.translate(_WIDTH)) == _fold(term.text.translate(_WIDTH))):
            return "script"
        return ""

    def _candidates(self, text: str) -> list[tuple[int, int, int, str]]:
        norm = text.translate(_WIDTH)
        out: list[tuple[int, int, int, str]] = []
        if self.cjk:
            if self._script:
                norm = to_simplified(norm)
            for (cs, _), automaton in self._automata.items():
                haystack = norm if cs else _fold(norm)
                for last, (length, ids) in automaton.iter(haystack):
                    start, end = last - length + 1, last + 1
                    if _ascii_edge(norm, start, end):
                        out.extend((start, end, pid, "") for pid in ids)
            return out
        tokens = list(_TOKEN.finditer(norm))
        if not tokens:
            return out
        texts = [m.group("w") or m.group("p") for m in tokens]
        streams = [(list(range(len(tokens))), "")]
        for name in ("parenthetical", "apposition"):
            if name in self.tolerances:
                kept = without_insertions(texts, name)
                if kept is not None:
                    streams.append((kept, name))
        for (cs, stemmed), automaton in self._automata.items():
            for kept, name in streams:
                keys = [self._token_key(texts[k], cs, stemmed) for k in kept]
                haystack = self._join(keys)
                first_token = {}
                pos = 1
                for k, key in enumerate(keys):
                    first_token[pos] = k
                    pos += len(key) + 1
                for last, (length, ids) in automaton.iter(haystack):
                    first = first_token[last - length + 2]
                    for pid in ids:
                        ntok = self._patterns[pid].tokens
                        a, b = kept[first], kept[first + ntok - 1]
                        if name and b - a == ntok - 1:
                            continue  # not interrupted: an ordinary match
                        tol = name or ("inflection" if stemmed else "")
                        out.append((tokens[a].start(), tokens[b].end(), pid, tol))
        return out

    def _expansions(self, norm: str, candidates) -> list[tuple[int, int, int, str]]:
        """An acronym and a full form of one concept, one in parentheses after the other:
        one hit over both, as the full form."""
        out = []
        by_end = sorted(candidates, key=lambda c: c[1])
        for s1, e1, p1, t1 in by_end:
            opened = _PAREN_OPEN.match(norm, e1)
            if not opened:
                continue
            for s2, e2, p2, t2 in candidates:
                if s2 != opened.end() or self._patterns[p1].concept != self._patterns[p2].concept:
                    continue
                closed = _PAREN_CLOSE.match(norm, e2)
                short1, short2 = is_acronym(self._patterns[p1].term), is_acronym(self._patterns[p2].term)
                if closed and short1 != short2:
                    full = p2 if short1 else p1
                    out.append((s1, closed.end(), full, "acronym-expansion"))
        return out


_PAREN_OPEN = re.compile(r"\s*[(\[]\s*")
_PAREN_CLOSE = re.compile(r"\s*[)\]]")


def _ascii_edge(text: str, start: int, end: int) -> bool:
    """In CJK text, a term starting or ending with a Latin letter or digit must not
    continue a Latin word (AI in 人工智能AI芯片 yes, in MAIL no)."""
    def alnum(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isascii() and text[i].isalnum()

    if alnum(start) and alnum(start - 1):
        return False
    if alnum(end - 1) and alnum(end):
        return False
    return True
