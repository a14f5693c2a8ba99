"""Per-sentence analysis shared by the scorers: words, stems, numbers, cues, lengths.

A :class:`DocPair` holds the two sides of one document and computes each analysis
once, on first use, so that every scorer reads the same tokens.
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Sequence

import numpy as np

from corpora.lang import base_lang, is_cjk_lang
from glossary.numbers import extract_numbers, may_hold_numbers

from .cedict import Cedict
from .tokens import content_stems_many, is_han, latin_words, punctuation_cues, stem

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import UnitModel

__all__ = ["DocPair", "Side", "text_length", "to_simplified", "MAX_ANALYSED"]

_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_NON_HAN = re.compile(r"[^\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
MAX_ANALYSED = 4000


def text_length(text: str) -> int:
    """Length in characters, white space runs counted once."""
    return len(" ".join(text.split()))  # str.split and re's \s agree on what white space is


class Side:
    """One side of a document pair: its sentences and their analyses."""

    def __init__(self, texts: Sequence[str], lang: str, paragraphs: Sequence[int] | None = None) -> None:
        # lexical analysis reads at most MAX_ANALYSED characters of a sentence, so that a
        # pathological "sentence" cannot make alignment slow; lengths count everything
        self.texts = tuple(t[:MAX_ANALYSED] for t in texts)
        self.lang = lang
        self.cjk = is_cjk_lang(lang)
        self.english = base_lang(lang) == "en"
        self.paragraphs = np.asarray(paragraphs if paragraphs is not None else [0] * len(self.texts), dtype=np.int64)
        self.lengths = np.array([text_length(t) for t in texts], dtype=np.float64)
        self._cache: dict[str, object] = {}
        self._units: Future | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def memo(self, key: str, make):
        """``make()``, computed once per side and key."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    _memo = memo

    def forget(self, keep: Sequence[str] = ()) -> None:
        """Drop the memoized analyses (all but ``keep``): the token lists are only needed
        until the scorers have turned them into evidence."""
        self._cache = {k: v for k, v in self._cache.items() if k in keep}

    def start_unit_model(self) -> None:
        """Start training :meth:`unit_model` in a thread, if it needs training (CJK text):
        SentencePiece releases the GIL, so it runs on the other core beside the scorers."""
        if self.cjk and self._units is None:
            from .lexicon import train_units

            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="duiqi-units")
            self._units = pool.submit(train_units, self.texts, self.lang)
            pool.shutdown(wait=False)

    def unit_model(self) -> "UnitModel":
        """The lexicon's units of this side (:func:`align.lexicon.train_units` on its
        texts), from the early start if :meth:`start_unit_model` was called."""
        if self._units is None:
            from .lexicon import train_units

            return train_units(self.texts, self.lang)
        return self._units.result()

    def lookup_texts(self) -> tuple[str, ...]:
        """The texts as dictionary lookups see them: Traditional Chinese converted to
        Simplified (OpenCC), everything else unchanged. Output keeps the original text."""
        return self._memo("lookup", lambda: to_simplified(self.texts) if self.cjk else self.texts)

    def numbers(self) -> list[list[str]]:
        """Number keys of each sentence (``num:1100``, ``month:1``)."""
        return self._memo("numbers", lambda: [[n.key for n in extract_numbers(t, self.lang)]
                                              if may_hold_numbers(t, self.lang) else [] for t in self.texts])

    def cues(self) -> list[list[str]]:
        """Punctuation cue tokens of each sentence."""
        return self._memo("cues", lambda: [punctuation_cues(t) for t in self.texts])

    def stems(self) -> list[list[str]]:
        """English content stems (for a CJK side: stems of its Latin-script words)."""
        if self.cjk:
            return self._memo("stems", lambda: [[stem(w) for w in latin_words(t) if len(w) > 1] for t in self.texts])
        return self._memo("stems", lambda: content_stems_many(self.texts))

    def words(self, cedict: Cedict) -> list[list[str]]:
        """Chinese dictionary words of each sentence (fewest-words path, Han only)."""
        return self._memo("words", lambda: cedict.segment_many(self.lookup_texts()))

    def capitalized(self) -> list[list[str]]:
        """Capitalized words not at the start of the sentence (name candidates)."""

        def make() -> list[list[str]]:
            out = []
            for toks in map(_LATIN_TOKEN.findall, self.texts):
                names = [w for w in toks[1:] if w[0].isupper()]
                if toks and toks[0][0].isupper() and (len(toks) == 1 or toks[0].lower() not in _COMMON_INITIALS):
                    names.insert(0, toks[0])
                out.append(names)
            return out

        return self._memo("capitalized", make)

    def han_text(self) -> list[str]:
        """Each sentence's Chinese characters only."""
        return self._memo("han", lambda: [_NON_HAN.sub("", t) for t in self.lookup_texts()])


def to_simplified(texts: Sequence[str]) -> tuple[str, ...]:
    """Texts converted from Traditional to Simplified Chinese when they are Traditional.

    The text counts as Traditional when conversion changes at least 2% of its Chinese
    characters (Simplified text is left exactly as it is).
    """
    try:
        import opencc
    except ImportError:  # pragma: no cover - declared dependency
        return tuple(texts)
    converter = opencc.OpenCC("t2s")
    sample = "".join(texts[:2000])
    han = sum(1 for c in sample if is_han(c))
    converted = converter.convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    if han == 0 or changed < 0.02 * han or len(converted) != len(sample):
        return tuple(texts)
    return tuple(converter.convert(t) for t in texts)


_COMMON_INITIALS = frozenset(
    "the a an i he she it we they you this that these those there then when what why how but and or so "
    "if in on at as after before yes no oh well now just all his her my our your their".split()
)


class DocPair:
    """The two sides of one document, and the resources the scorers share."""

    def __init__(self, src: Side, tgt: Side, cedict: Cedict | None = None) -> None:
        self.src = src
        self.tgt = tgt
        self.cedict = cedict

    @property
    def zh_en(self) -> tuple[Side, Side, bool] | None:
        """(Chinese side, English side, whether Chinese is the source), if this is zh/en."""
        if self.src.cjk and self.tgt.english:
            return self.src, self.tgt, True
        if self.tgt.cjk and self.src.english:
            return self.tgt, self.src, False
        return None

    def with_dictionary(self) -> tuple[Side, Side, bool, Cedict] | None:
        """:attr:`zh_en` and the dictionary, when this is zh/en and a dictionary is loaded."""
        found = self.zh_en
        return None if found is None or self.cedict is None else (*found, self.cedict)
