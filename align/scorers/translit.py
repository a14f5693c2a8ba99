"""Transliterations: rare English names (Kenaz) found as the sound of Chinese characters (基纳斯).

Neither pinyin (:mod:`align.scorers.names`) nor in the dictionary, such names are
matched by a coarse phonetic key: the consonant skeleton, in classes (b/p, d/t, g/k/c,
s/z/sh/ch/j, l/r, m/n, f/v/ph; h, w, y and vowels dropped, an r before no vowel
dropped, repeats collapsed). A run of two to five Chinese characters that the
dictionary segments as single characters reads as the initials of their pinyin, each
syllable's nasal coda optional and j/q/x either a k or an s (基 for "Ke", 西 for "Si").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..analysis import DocPair
from ..tokens import STOPWORDS, stem
from .base import Coverage, Scorer
from .names import pinyin_split

__all__ = ["TransliterationScorer", "english_key", "syllable_keys"]

_MIN_CHARS, _MAX_CHARS = 2, 5
_MIN_KEY = 2  # consonant classes a name's key needs
_CLASS = {"b": "B", "p": "B", "d": "D", "t": "D", "g": "K", "k": "K", "c": "K", "q": "K", "s": "S", "z": "S",
          "x": "S", "j": "S", "l": "L", "r": "L", "n": "N", "m": "N", "f": "F", "v": "F"}
_DIGRAPHS = (("ph", "f"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("ck", "k"), ("qu", "k"))
_GENTILIC = ("ite", "ites", "itish")  # Amorites: 亚摩利人, the name and a word
# function characters, never a transliteration's: they end a run
_FUNCTION = str.maketrans(dict.fromkeys(
    "的了是在他她它我你们这那说就也都和与要不着过把被给对从向到又将为之其而于所么吗呢吧啊个", "|"))
_RUN = re.compile(f"[^|\\n]{{{_MIN_CHARS},}}")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_VOWELS = frozenset("aeiouy")
_INITIALS = (("zh", "S"), ("ch", "S"), ("sh", "S"), ("j", "J"), ("q", "J"), ("x", "J"))


@lru_cache(maxsize=50_000)
def english_key(word: str) -> str | None:
    """The phonetic key of an English name ("Kenaz" → "KNS"), or None for no letters."""
    w = word.lower()
    if not w.isascii() or not w.isalpha():
        return None
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    key = ""
    for i, ch in enumerate(w):
        if ch == "r" and (i + 1 == len(w) or w[i + 1] not in _VOWELS):
            continue
        c = _CLASS.get(ch)
        if c is not None and not key.endswith(c):
            key += c
    return key


@lru_cache(maxsize=4096)
def syllable_keys(syllable: str) -> tuple[str, ...]:
    """What a pinyin syllable may add to a key: its initial's class, or none, then its
    nasal coda or not ("xin" → ("K", "KN", "S", "SN"), "an" → ("", "N"))."""
    cls = next((c for head, c in _INITIALS if syllable.startswith(head)), None) or _CLASS.get(syllable[:1], "")
    initials = ("K", "S") if cls == "J" else (cls,)
    coda = syllable.endswith("n") or syllable.endswith("ng")
    return tuple(sorted({_extend(i, "N") if coda and with_coda else i for i in initials for with_coda in (0, 1)}))


def _extend(key: str, sound: str) -> str:
    """``key`` followed by ``sound``, a class that repeats the last one collapsed."""
    return key + sound[1:] if key and sound and key[-1] == sound[0] else key + sound


class TransliterationScorer(Scorer):
    """Capitalized English words, neither pinyin nor common, that sound like a run of
    Chinese characters. One-sided evidence, as :class:`~align.scorers.names.NameScorer`."""

    name = "translit"

    def fit(self, doc: DocPair) -> Coverage | None:
        found = doc.with_dictionary()
        if found is None:
            return None
        zh, en, zh_is_src, cedict = found
        syllables = cedict.syllables()
        zh_words = zh.words(cedict)
        # English words the dictionary links to some Chinese word of the document are its
        # evidence, not this scorer's
        glossed = {s for w in {w for words in zh_words for w in words} for s in cedict.stems(w)}
        # a name is never written in lower case
        lower = set(_LOWER_WORD.findall("\n".join(en.texts)))
        en_names = []
        for names in en.capitalized():
            keys = []
            for w in names:
                if (len(w) < 3 or w.lower() in lower or w.lower() in STOPWORDS or w.endswith(_GENTILIC)
                        or cedict.is_gloss_word(w) or stem(w) in glossed or pinyin_split(w, syllables)):
                    continue
                key = english_key(w)
                if key is not None and len(key) >= _MIN_KEY:
                    keys.append(key)
            en_names.append(keys)
        wanted = {k for keys in en_names for k in keys}
        if not wanted:
            return None
        prefixes = {k[:i] for k in wanted for i in range(1, len(k) + 1)}
        char_keys: dict[str, list[str]] = {}

        def keys_of(c: str) -> list[str]:
            got = char_keys.get(c)
            if got is None:
                got = char_keys[c] = sorted({k for r in cedict.readings(c) for k in syllable_keys(r)})
            return got

        def read(window: str) -> frozenset[str]:
            """The wanted keys that ``window`` read from its first character reaches."""
            frontier = {""}
            hits: set[str] = set()
            for n, c in enumerate(window, 1):
                sounds = keys_of(c)
                frontier = {k for k in (_extend(key, sound) for key in frontier for sound in sounds)
                            if not k or k in prefixes}
                if not frontier:
                    break
                if n >= _MIN_CHARS:
                    hits |= frontier & wanted
            return frozenset(hits)

        windows: dict[str, frozenset[str]] = {}

        def read_run(run: str) -> frozenset[str]:
            hits: set[str] = set()
            for i in range(len(run) - _MIN_CHARS + 1):
                window = run[i:i + _MAX_CHARS]
                hit = windows.get(window)
                if hit is None:
                    hit = windows[window] = read(window)
                hits |= hit
            return frozenset(hits)

        memo: dict[str, frozenset[str]] = {}  # runs recur (a name, a phrase): read each once
        zh_keys = []
        # runs of characters the dictionary knows no word for, sentence by sentence
        joined = "\n".join(["".join([w if len(w) == 1 else "|" for w in words]) for words in zh_words])
        for text in joined.translate(_FUNCTION).split("\n"):
            seen: set[str] = set()
            for run in _RUN.findall(text):
                hit = memo.get(run)
                if hit is None:
                    hit = memo[run] = read_run(run)
                seen |= hit
            zh_keys.append(sorted(seen))
        read_keys = {k for keys in zh_keys for k in keys}  # one the Chinese never reads is no evidence
        en_names = [[k for k in keys if k in read_keys] for keys in en_names]
        if not read_keys:
            return None
        return Coverage.one_sided(self.name, self.weight, en_names, zh_keys, held_on_source=not zh_is_src)
