"""Language codes: the one place that knows BCP 47 subtags.

A code such as ``zh-Hant-TW`` is a primary language subtag (ISO 639-1 ``zh``, or its
ISO 639-2/3 equivalents ``zho``/``chi``/``cmn``), an optional script (``Hans``,
``Hant``), an optional region (``CN``, ``TW``, ``HK``) and optional variants.
Everything in duiqi that compares, normalises or prints language codes calls this
module; language *detection* from text is the aligner's job (``align.lang``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import CorporaError

__all__ = [
    "LanguageError", "LangTag", "parse_lang", "canonical_lang", "base_lang", "same_lang",
    "script_of", "is_traditional", "is_cjk_lang", "output_lang",
]


class LanguageError(CorporaError):
    """A string that is not a language code, or a language that is not supported."""


# ISO 639-2/3 codes (and Chinese individual languages) with an ISO 639-1 equivalent.
_EQUIVALENT = {
    "zho": "zh", "chi": "zh", "cmn": "zh", "yue": "zh",
    "eng": "en", "jpn": "ja", "kor": "ko", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de",
    "spa": "es", "ita": "it", "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru",
}
# Written without spaces between words.
_CJK = frozenset({"zh", "ja", "ko", "wuu", "lzh"})
# Scripts implied by a region for Chinese.
_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})
_SIMPLIFIED_REGIONS = frozenset({"CN", "SG", "MY"})
# What a bare language becomes in files for CAT tools (TMX, XLIFF).
_DEFAULT_REGION = {"zh": "CN", "en": "US", "ja": "JP", "ko": "KR", "fr": "FR", "de": "DE", "es": "ES",
                   "it": "IT", "pt": "PT", "nl": "NL", "ru": "RU"}
_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")
_PRIMARY = re.compile(r"[A-Za-z]{2,3}")


@dataclass(frozen=True)
class LangTag:
    """A parsed language code; ``str()`` gives its canonical BCP 47 form."""

    language: str
    script: str = ""
    region: str = ""
    variants: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "-".join(p for p in (self.language, self.script, self.region, *self.variants) if p)


def _subtags(code: str) -> list[str]:
    return code.strip().replace("_", "-").split("-")


def parse_lang(code: str) -> LangTag:
    """Parse ``code`` (``zh``, ``zh_TW``, ``zho``, ``zh-Hant-HK``, ``en-us``); LanguageError if it is none.

    ISO 639-2/3 primary subtags become their ISO 639-1 equivalent (``zho`` → ``zh``),
    the script is title-cased and the region upper-cased.
    """
    parts = _subtags(code)
    if not _PRIMARY.fullmatch(parts[0]) or not all(_SUBTAG.fullmatch(p) for p in parts[1:]):
        raise LanguageError(f"not a language code: {code.strip()!r} (e.g. zh, zh-CN, zh-TW, en, en-US)")
    language = parts[0].lower()
    language = _EQUIVALENT.get(language, language)
    rest = parts[1:]
    script = region = ""
    if rest and len(rest[0]) == 4 and rest[0].isalpha():
        script = rest.pop(0).title()
    if rest and (len(rest[0]) == 2 and rest[0].isalpha() or len(rest[0]) == 3 and rest[0].isdigit()):
        region = rest.pop(0).upper()
    return LangTag(language, script, region, tuple(p.lower() for p in rest))


def canonical_lang(code: str) -> str:
    """``code`` in canonical form: ``zh_tw`` → ``zh-TW``, ``zho`` → ``zh``, ``zh-hant`` → ``zh-Hant``."""
    return str(parse_lang(code))


def base_lang(code: str) -> str:
    """The primary language, ISO 639-1 where one exists: ``zh-CN``, ``zho``, ``cmn`` → ``zh``.

    Never raises: a string that is no language code gives its lower-cased first part.
    """
    first = _subtags(code)[0].lower()
    return _EQUIVALENT.get(first, first)


def same_lang(a: str, b: str) -> bool:
    """True when two codes name the same language: ``zh-CN`` ~ ``zh`` ~ ``zho`` ~ ``zh-TW``."""
    return base_lang(a) == base_lang(b)


def script_of(code: str) -> str:
    """The script of a code, given or implied by its region: ``zh-TW`` → ``Hant``, ``zh-CN`` → ``Hans``.

    Empty when neither says (``zh``, ``en``).
    """
    try:
        tag = parse_lang(code)
    except LanguageError:
        return ""
    if tag.script or tag.language != "zh":
        return tag.script
    if tag.region in _TRADITIONAL_REGIONS:
        return "Hant"
    return "Hans" if tag.region in _SIMPLIFIED_REGIONS else ""


def is_traditional(code: str) -> bool:
    """True for Chinese in Traditional characters: ``zh-Hant``, ``zh-TW``, ``zh-HK``, ``zh-MO``."""
    return base_lang(code) == "zh" and script_of(code) == "Hant"


def is_cjk_lang(code: str) -> bool:
    """True for languages written without spaces between words (zh, ja, ...)."""
    return base_lang(code) in _CJK


def output_lang(code: str) -> str:
    """The code as CAT tools expect it in TMX/XLIFF: ``zh`` → ``zh-CN``, ``zh-Hant`` → ``zh-TW``,
    ``zh-Hant-HK`` → ``zh-HK``, ``en`` → ``en-US``, ``en-gb`` → ``en-GB``.

    A string that is no language code comes back stripped, unchanged otherwise.
    """
    try:
        tag = parse_lang(code)
    except LanguageError:
        return code.strip()
    if tag.language == "zh" and tag.script in ("Hans", "Hant") and not tag.variants:
        implied = "Hant" if tag.region in _TRADITIONAL_REGIONS else "Hans" if tag.region in _SIMPLIFIED_REGIONS else ""
        if not tag.region:
            return "zh-TW" if tag.script == "Hant" else "zh-CN"
        if implied == tag.script:
            return f"zh-{tag.region}"
    if not tag.script and not tag.region and not tag.variants:
        region = _DEFAULT_REGION.get(tag.language)
        return f"{tag.language}-{region}" if region else tag.language
    return str(tag)
