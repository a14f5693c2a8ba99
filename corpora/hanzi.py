"""Simplified and Traditional Chinese: conversion (OpenCC) and telling the scripts apart.

Conversions keep the length of the text, character for character, so that spans found
in a converted text are spans of the original: when OpenCC's phrase conversion would
change the length, the text is converted one character at a time.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["to_simplified", "to_traditional", "chinese_variant", "traditional_share", "refine_chinese"]


@lru_cache(maxsize=None)
def _converter(config: str):
    try:
        import opencc
    except ImportError:  # pragma: no cover - declared dependency
        return None
    return opencc.OpenCC(config)


def _convert(text: str, config: str) -> str:
    converter = _converter(config)
    if converter is None or not text:
        return text
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    chars = [converter.convert(c) for c in text]
    return "".join(c if len(c) == 1 else o for c, o in zip(chars, text))


def to_simplified(text: str) -> str:
    """``text`` with Traditional characters converted to Simplified (same length)."""
    return _convert(text, "t2s")


def to_traditional(text: str, variant: str = "s2t") -> str:
    """``text`` converted to Traditional (``s2t``; ``s2tw`` Taiwan, ``s2hk`` Hong Kong)."""
    return _convert(text, variant)


def _is_han(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def traditional_share(text: str) -> float:
    """Share of the Han characters of ``text`` that Traditional-to-Simplified conversion changes."""
    han = sum(1 for c in text if _is_han(c))
    if not han:
        return 0.0
    return sum(1 for a, b in zip(text, to_simplified(text)) if a != b) / han


def chinese_variant(text: str, sample: int = 20_000) -> str:
    """``zh`` for Simplified Chinese text, ``zh-TW`` for Traditional, ``zh-HK`` for
    Traditional written with Hong Kong character forms (e.g. 着 rather than 著) that
    fit it better than Taiwan's and OpenCC's standard forms.

    Text counts as Traditional when conversion to Simplified changes at least 2% of
    its Han characters.
    """
    head = text[:sample]
    if traditional_share(head) < 0.02:
        return "zh"
    simple = to_simplified(head)
    agree = {variant: sum(a == b for a, b in zip(head, to_traditional(simple, variant)))
             for variant in ("s2t", "s2tw", "s2hk")}
    # Hong Kong only when its forms fit better than both Taiwan's and OpenCC's standard ones
    return "zh-HK" if agree["s2hk"] > max(agree["s2tw"], agree["s2t"]) else "zh-TW"


def refine_chinese(lang: str, text: str) -> str:
    """A bare ``zh`` (Chinese, script unsaid) made ``zh-TW``/``zh-HK`` when ``text`` is
    Traditional; any other code (``zh-CN``, ``zh-Hant``, ``en``) is kept as given."""
    if lang.strip().lower() in ("zh", "zho", "chi", "cmn"):
        variant = chinese_variant(text)
        return variant if variant != "zh" else lang
    return lang
