"""Text clean-up shared by the document readers: joining lines into one paragraph."""

from __future__ import annotations

import re

__all__ = ["is_cjk_char", "join_lines", "clean_block"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def is_cjk_char(ch: str) -> bool:
    """True for CJK ideographs, kana, hangul and full-width punctuation."""
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF)


def _glue(left: str, right: str, dehyphenate: bool) -> str:
    """Join two pieces of one paragraph broken by a line end."""
    if not left:
        return right
    if not right:
        return left
    if is_cjk_char(left[-1]) or is_cjk_char(right[0]):
        # no space beside a Chinese character: a line end there is layout
        return left + right
    if dehyphenate and left[-1] in "—/":
        return left + right  # a printed line may break after an em dash or a slash: no space there
    if dehyphenate and left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[:1].islower():
        return left[:-1] + right
    return left + " " + right


def join_lines(lines: list[str], dehyphenate: bool = False) -> str:
    """Join the lines of one paragraph: no space between Chinese characters, one
    space between Latin words. With ``dehyphenate`` (line ends of a printed page,
    not spaces of the text), ``inter-`` + ``national`` is ``international`` and a
    line ending in an em dash or a slash is joined without a space."""
    out = ""
    for line in lines:
        line = clean_block(line)
        if line:
            out = _glue(out, line, dehyphenate)
    return out


def clean_block(text: str) -> str:
    """One line of text: zero-width characters and soft hyphens removed, runs of
    white space collapsed (line breaks joined the Chinese-aware way)."""
    text = _ZERO_WIDTH.sub("", text)
    if "\n" in text or "\r" in text:
        return join_lines(re.split(r"[\r\n]+", text))
    return _SPACES.sub(" ", text).strip()
