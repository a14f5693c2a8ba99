"""Sentence segmentation for English (and other Latin-script languages) and Chinese.

Paragraphs are kept: a sentence never crosses a paragraph boundary, and each
:class:`~corpora.Segment` records its paragraph number.
"""

from __future__ import annotations

import re
from corpora import Segment, is_cjk_lang

__all__ = ["split_paragraphs", "split_sentences", "segment_text", "segment_lines"]

# ---------------------------------------------------------------- paragraphs

_END_PUNCT = tuple(".!?。！？…”’\"'）)：:;；")


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs.

    Blank lines separate paragraphs. Inside a block of several lines, each line is a
    paragraph of its own unless the block is hard-wrapped (most lines end without
    sentence-final punctuation), in which case its lines are joined.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if len(lines) > 1 and _hard_wrapped(lines):
            paragraphs.append(_join_wrapped(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    open_ends = sum(1 for ln in lines[:-1] if not ln.endswith(_END_PUNCT))
    return open_ends * 2 > len(lines) - 1


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for ln in lines[1:]:
        if _is_cjk_char(out[-1]) and _is_cjk_char(ln[0]):
            out += ln
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and ln[:1].islower():
            out = out[:-1] + ln
        else:
            out += " " + ln
    return out


def _is_cjk_char(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF


# ---------------------------------------------------------------- English

# Abbreviations that do not end a sentence when followed by a word (lower-cased, no dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt rev hon gen col lt sgt capt cmdr adm gov pres sen rep
    messrs mme mlle
    vs etc al eg ie cf viz approx ca circa dept univ assn bros corp inc ltd co plc
    fig figs vol vols pp ed eds no nos art sec ch chap para op cit ibid
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    a.m p.m am pm u.s u.k u.n e.u u.s.a p.r.c d.c
    e.g i.e et
    """.split()
)
# Abbreviations after which a capitalized word still usually starts a new sentence.
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc", "inc", "ltd", "co", "corp", "plc", "bros"})
# Abbreviations that are titles: the next word is a name, never a new sentence.
_TITLES = frozenset(
    "mr mrs ms dr prof sr jr st mt rev hon gen col lt sgt capt cmdr adm gov pres sen rep messrs mme mlle".split()
)

_CLOSERS = "\"'”’)]}»›"
_OPENERS = "\"'“‘([{«‹"
_EN_BOUNDARY = re.compile(r"(\.{3,}|…+|[.!?]+)([" + re.escape(_CLOSERS) + r"]*)(\s+)")


def _word_before(text: str, end: int) -> str:
    """The token ending at ``end`` (the position of the terminal dot)."""
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    return text[start:end]


def _split_latin(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for m in _EN_BOUNDARY.finditer(paragraph):
        punct, closers = m.group(1), m.group(2)
        nxt = paragraph[m.end() : m.end() + 1]
        if not nxt:
            continue
        if not _is_boundary(paragraph, m.start(), punct, closers, paragraph[m.end():]):
            continue
        sentence = paragraph[start : m.start(3)].strip()
        if sentence:
            sentences.append(sentence)
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_boundary(text: str, pos: int, punct: str, closers: str, rest: str) -> bool:
    first = rest[0]
    starts_upper = first.isupper() or first.isdigit() or first in _OPENERS or _is_cjk_char(first)
    if first in _OPENERS:
        following = rest[1:2]
        starts_upper = bool(following) and (following.isupper() or following.isdigit() or following in _OPENERS)
    if punct in ("!", "?") or punct[0] in "!?" or (len(punct) > 1 and punct[-1] in "!?"):
        return starts_upper
    if punct.startswith("..") or punct.startswith("…"):
        return starts_upper
    # a single period (maybe several)
    if not starts_upper:
        return False
    if closers:
        return True
    word = _word_before(text, pos)
    bare = word.rstrip(".").lower()
    if not bare:
        return True
    if bare in _TITLES:
        return False
    if bare in ("no", "nos", "art", "fig", "figs", "vol", "p", "pp", "sec", "ch"):
        # "No. 5" is an abbreviation; "said no. Then" is not.
        return not first.isdigit()
    if bare in _SENTENCE_FINAL_ABBREVIATIONS:
        return True
    if bare in _ABBREVIATIONS or bare.replace(".", "") in _ABBREVIATIONS:
        return False
    core = word.strip(_OPENERS + _CLOSERS)
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", core + "."):
        # initials (J. K. Rowling) and dotted acronyms (U.S., e.g.)
        return len(core.replace(".", "")) > 1 and first.isdigit()
    return True


# ---------------------------------------------------------------- Chinese

_ZH_TERMINATORS = "。！？!?"
_ZH_CLOSERS = "”’」』）)》〕】\"'"


def _zh_boundary(terminators: str) -> re.Pattern[str]:
    return re.compile(
        r"(?:[" + terminators + r"]+|…{2,}|\.{6})[" + re.escape(_ZH_CLOSERS) + r"]*"
    )


_ZH_BOUNDARY = _zh_boundary(_ZH_TERMINATORS)
_ZH_BOUNDARY_SEMICOLON = _zh_boundary(_ZH_TERMINATORS + "；")


def _split_cjk(paragraph: str, semicolon: bool = False) -> list[str]:
    pattern = _ZH_BOUNDARY_SEMICOLON if semicolon else _ZH_BOUNDARY
    sentences: list[str] = []
    start = 0
    depth = 0  # nesting of 《…》 at ``scanned``
    scanned = 0
    for m in pattern.finditer(paragraph):
        end = m.end()
        depth = _title_depth(paragraph, scanned, m.start(), depth)
        scanned = m.start()
        if depth > 0:
            continue
        # ASCII ?! inside Latin text ("Yahoo!Inc") is not a boundary
        if m.group(0)[0] in "!?" and end < len(paragraph) and paragraph[end : end + 1].isascii() and paragraph[end : end + 1].isalnum():
            continue
        sentence = paragraph[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return _merge_orphans(sentences)


def _title_depth(text: str, start: int, end: int, depth: int) -> int:
    """Nesting depth of 《…》 at ``end``, given ``depth`` at ``start`` (titles are never split)."""
    opened = text.count("《", start, end)
    if not opened and not depth:
        return 0
    for ch in text[start:end]:
        if ch == "《":
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
    return depth


def _merge_orphans(sentences: list[str]) -> list[str]:
    """Attach a 'sentence' made only of closing punctuation to the one before it."""
    out: list[str] = []
    for s in sentences:
        if out and all(ch in _ZH_CLOSERS or ch in _ZH_TERMINATORS or ch in "…" for ch in s):
            out[-1] += s
        else:
            out.append(s)
    return out


# ---------------------------------------------------------------- public API


def split_sentences(paragraph: str, lang: str, semicolon: bool = False) -> list[str]:
    """Split one paragraph into sentences by the rules of ``lang``.

    ``semicolon`` also splits Chinese text at ；.
    """
    if is_cjk_lang(lang):
        return _split_cjk(paragraph, semicolon)
    return _split_latin(paragraph)


def segment_text(text: str, lang: str, semicolon: bool = False) -> tuple[Segment, ...]:
    """Paragraphs, then sentences: every sentence as a Segment with its paragraph."""
    return tuple(
        Segment(sentence, p)
        for p, paragraph in enumerate(split_paragraphs(text))
        for sentence in split_sentences(paragraph, lang, semicolon)
    )


def segment_lines(text: str) -> tuple[Segment, ...]:
    """``--no-split``: each non-empty line a segment; a blank line ends a paragraph."""
    segments: list[Segment] = []
    paragraph = 0
    pending_break = False
    for line in text.split("\n"):
        if not line.strip():
            pending_break = bool(segments)
            continue
        if pending_break:
            paragraph += 1
            pending_break = False
        segments.append(Segment(line.strip(), paragraph))
    return tuple(segments)

