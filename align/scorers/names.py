"""Names: English words in pinyin (Chen Qingyang, Bao-yu) found in the Chinese characters."""

from __future__ import annotations

import re
from functools import lru_cache

from ..analysis import DocPair
from .base import Coverage, Scorer

__all__ = ["NameScorer", "pinyin_split"]

_MAX_CHARS = 3


def pinyin_split(word: str, syllables: frozenset[str], max_syllables: int = _MAX_CHARS) -> tuple[str, ...] | None:
    """Split a romanized word into pinyin syllables ("qingyang" → ("qing", "yang")), or None."""
    w = word.lower().replace("'", "").replace("’", "").replace("-", "")
    if not w.isalpha() or not w.isascii():
        return None
    return _split(w, syllables, max_syllables)


@lru_cache(maxsize=50_000)
def _split(w: str, syllables: frozenset[str], max_syllables: int) -> tuple[str, ...] | None:
    if not w:
        return ()
    if max_syllables == 0:
        return None
    for k in range(min(6, len(w)), 0, -1):
        head = w[:k]
        if head in syllables:
            rest = _split(w[k:], syllables, max_syllables - 1)
            if rest is not None:
                return (head, *rest)
    return None


class NameScorer(Scorer):
    """Capitalized English words that read as pinyin of characters in the Chinese.

    One-sided evidence: the English names hold the mass; a Chinese sentence covers a
    name when one to three consecutive characters can be read as it.
    """

    name = "names"

    def fit(self, doc: DocPair) -> Coverage | None:
        found = doc.with_dictionary()
        if found is None:
            return None
        zh, en, zh_is_src, cedict = found
        syllables = cedict.syllables()
        en_names = []
        for names in en.capitalized():
            toks = []
            for w in names:
                split = pinyin_split(w, syllables)
                if split:
                    toks.append("".join(split))
            en_names.append(toks)
        wanted = {t for toks in en_names for t in toks}
        if not wanted:
            return None
        prefixes = {w[:k] for w in wanted for k in range(1, len(w) + 1)}
        texts = zh.han_text()
        # the readings of each character that can start a name; only positions holding
        # such a character are visited
        starts = {c: [r for r in cedict.readings(c) if r in prefixes] for c in set("".join(texts))}
        starts = {c: found for c, found in starts.items() if found}
        starters = re.compile("[" + "".join(sorted(starts)) + "]") if starts else None

        def names_read(window: str) -> set[str]:
            """The wanted names that the characters of ``window`` read as, from its first on."""
            frontier = set(starts[window[0]])
            found = frontier & wanted
            for c in window[1:]:
                frontier = {f + r for f in frontier for r in cedict.readings(c) if f + r in prefixes}
                if not frontier:
                    break
                found |= frontier & wanted
            return found

        memo: dict[str, set[str]] = {}  # the same characters recur: read each window once
        zh_readings = []
        for text in texts:
            seen: set[str] = set()
            for m in starters.finditer(text) if starters else ():
                i = m.start()
                window = text[i:i + _MAX_CHARS]
                found = memo.get(window)
                if found is None:
                    found = memo[window] = names_read(window)
                seen |= found
            zh_readings.append(sorted(seen))
        return Coverage.one_sided(self.name, self.weight, en_names, zh_readings, held_on_source=not zh_is_src)
