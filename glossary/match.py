"""Finding a term base's terms in text: one Aho-Corasick pass, maximal exclusive matches.

Chinese (and Japanese) text is matched character by character; the longest match
wins, so 副主任 is not also a hit for 主任. Other languages are matched on word tokens:
whole words only (``CAE`` does not match inside ``CAES``), case-insensitive unless the
term is case-sensitive, and — for English — tolerant of plurals (programs, awards,
facilities), possessives (Lab's, members'), hyphens and spacing (Multi-center,
Multi center, Multicenter; R&D, R & D). Full-width letters and digits count as
their ASCII forms. Overlapping and nested matches are resolved by taking the longest
first, then the leftmost: every character is in at most one hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from corpora.lang import base_lang, is_cjk_lang

from .termbase import Term, TermBase

__all__ = ["TermHit", "TermMatcher", "english_stem"]

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

    def __init__(self, termbase: TermBase, lang: str, terms: Iterable[tuple[str, Term]] | None = None):
        self.lang = lang
        self.cjk = is_cjk_lang(lang)
        self.english = base_lang(lang) == "en"
        self._patterns: list[_Pattern] = []
        self._keys: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
        self._stems: dict[bool, dict[str, str]] = {}
        pairs = terms if terms is not None else ((c.id, t) for c, t in termbase.terms_in(lang))
        for concept_id, term in pairs:
            self._add(concept_id, term)
        self._automata = {cs: self._build(keys) for cs, keys in self._keys.items() if keys}

    def __len__(self) -> int:
        return len(self._patterns)

    # -- building ------------------------------------------------------------------

    def _add(self, concept_id: str, term: Term) -> None:
        text = term.text.translate(_WIDTH)
        if self.cjk:
            keys = {text if term.case_sensitive else _fold(text)}
            ntok = 0
        else:
            tokens = list(_TOKEN.finditer(text))
            if not tokens:
                return
            ntok = len(tokens)
            keys = {self._join(self._key(m, term.case_sensitive) for m in tokens)}
            closed = self._closed_compound(text, tokens, term.case_sensitive)
            if closed is not None:  # fewer tokens: a pattern of its own
                self._register(concept_id, term, closed[1], closed[0])
        for key in keys:
            self._register(concept_id, term, ntok, key)

    def _register(self, concept_id: str, term: Term, ntok: int, key: str) -> None:
        bucket = self._keys[term.case_sensitive].setdefault(key, [])
        if any(self._patterns[i].concept == concept_id and self._patterns[i].term == term for i in bucket):
            return
        self._patterns.append(_Pattern(concept_id, term, ntok))
        bucket.append(len(self._patterns) - 1)

    def _closed_compound(self, text: str, tokens, case_sensitive: bool) -> tuple[str, int] | None:
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
        keys = [self._key(m, case_sensitive) for m in _TOKEN.finditer(" ".join(words))]
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

    def _key(self, m: re.Match, case_sensitive: bool) -> str:
        return self._token_key(m.group("w") or m.group("p"), case_sensitive)

    def _token_key(self, token: str, case_sensitive: bool) -> str:
        """The comparable form of a token (memoized): folded, plural stripped, & = and."""
        cache = self._stems.setdefault(case_sensitive, {})
        key = cache.get(token)
        if key is None:
            key = cache[token] = self._compute_key(token, case_sensitive)
        return key

    def _compute_key(self, token: str, case_sensitive: bool) -> str:
        if not _WORD_CHAR.match(token):  # a punctuation token
            return "and" if token == "&" else token
        if not case_sensitive:
            word = _fold(token)
            return english_stem(word) if self.english else word
        if self.english and token.endswith("s"):  # CAEs → CAE, but not CAES
            return english_stem(token)
        return token

    # -- matching ------------------------------------------------------------------

    def find(self, text: str) -> list[TermHit]:
        """The terms in ``text``: maximal exclusive matches, in text order.

        Homographs (one text in two concepts) give one hit per concept, same span.
        """
        if not self._automata or not text:
            return []
        candidates = self._candidates(text)
        if not candidates:
            return []
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int]] = []
        hits: list[TermHit] = []
        for start, end, pid in candidates:
            if (start, end) not in taken and any(s < end and start < e for s, e in taken):
                continue
            if (start, end) not in taken:
                taken.append((start, end))
            p = self._patterns[pid]
            hit = TermHit(p.concept, p.term.text, p.term.status, start, end, text[start:end], p.term.term_type)
            if hit not in hits:
                hits.append(hit)
        hits.sort(key=lambda h: (h.start, h.end))
        return hits

    def _candidates(self, text: str) -> list[tuple[int, int, int]]:
        norm = text.translate(_WIDTH)
        out: list[tuple[int, int, int]] = []
        if self.cjk:
            for cs, automaton in self._automata.items():
                haystack = norm if cs else _fold(norm)
                for last, (length, ids) in automaton.iter(haystack):
                    start, end = last - length + 1, last + 1
                    if _ascii_edge(norm, start, end):
                        out.extend((start, end, pid) for pid in ids)
            return out
        tokens = list(_TOKEN.finditer(norm))
        if not tokens:
            return out
        texts = [m.group("w") or m.group("p") for m in tokens]
        for cs, automaton in self._automata.items():
            keys = [self._token_key(t, cs) for t in texts]
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
                    out.append((tokens[first].start(), tokens[first + ntok - 1].end(), pid))
        return out


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
