"""Languages the aligner supports, and their detection from the text itself.

Code logic (subtags, ISO 639 equivalence, scripts) lives in ``corpora.lang``."""

from __future__ import annotations

import re
from collections import Counter

from corpora.lang import LanguageError as CodeError
from corpora.lang import base_lang, parse_lang

from .errors import LanguageError

__all__ = ["SUPPORTED", "normalize_lang", "detect_language", "base_lang"]

# Languages duiqi can segment: CJK rules for zh/ja, Latin-script rules for the rest.
SUPPORTED = ("zh", "ja", "en", "fr", "de", "es", "it", "pt", "nl")

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is that it was for with as on be by this are from at".split()),
    "fr": frozenset("le la les de des et est un une du que qui dans pour pas sur au".split()),
    "de": frozenset("der die das und ist nicht ein eine zu den mit von sich des auf dem".split()),
    "es": frozenset("el la los las de y que en un una es por con para del se no".split()),
    "it": frozenset("il la di che e un una per non in del della sono è con".split()),
    "pt": frozenset("o a os as de e que em um uma do da para com não no".split()),
    "nl": frozenset("de het een en van is dat niet op te in zijn met voor".split()),
}


def normalize_lang(code: str) -> str:
    """Validate the code of a language duiqi can segment; LanguageError otherwise.

    The code comes back in canonical form (``corpora.lang.canonical_lang``):
    ``zh_TW`` → ``zh-TW``, ``zho`` → ``zh``, ``en-us`` → ``en-US``.
    """
    try:
        tag = parse_lang(code)
    except CodeError as e:
        raise LanguageError(str(e)) from None
    if tag.language not in SUPPORTED:
        raise LanguageError(f"unsupported language {code.strip()!r} (supported: {', '.join(SUPPORTED)})")
    return str(tag)


_HAN_CHARS = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_KANA_CHARS = re.compile("[\u3040-\u30ff]")
_LATIN_CHARS = re.compile("[A-Za-z\u00c0-\u024f]")


def detect_language(text: str, name: str = "<text>") -> str:
    """Guess the language of ``text`` from its script and, for Latin script, stopwords.

    Chinese is ``zh`` when Simplified, ``zh-TW`` (``zh-HK`` with Hong Kong character
    forms) when Traditional."""
    sample = text[:100_000]
    han, kana, latin = (len(sample) - len(chars.sub("", sample)) for chars in (_HAN_CHARS, _KANA_CHARS, _LATIN_CHARS))
    if kana > 0.05 * (han + kana + 1) and kana >= 10:
        return "ja"
    if han >= 0.2 * latin and han > 0:
        from corpora.hanzi import chinese_variant

        return chinese_variant(sample)
    if latin == 0:
        raise LanguageError(f"{name}: cannot detect the language; give the source and target languages")
    words = Counter(re.findall(r"[^\W\d_]+", sample.lower()))
    counts = {lang: sum(words[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else "en"
