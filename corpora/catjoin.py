"""Units for sentences that CAT tools segment otherwise than duiqi.

A CAT tool segments the document to translate with its own rules (SRX), and those
rules do not break everywhere duiqi's segmenter does. OmegaT's defaults (like most
tools') never break after a full stop followed by a closing quote: Chinese 。” or ！」,
English ``does.” He`` — so ``…国界。”他宣布，…。`` is ONE segment there, and no unit
holding either sentence matches it. For every such boundary the translation memory
gets one more unit: the two sentences joined, with their translations joined.

The other way round, the default rules break where duiqi knows better: after an
abbreviation they do not list (``the U.S. and``), after ！ inside a title
(``《智造，向未来！》``). :func:`cat_segments` tells where (OmegaT 3.6's default
rules: the English exceptions, the Chinese rules, then the default rule), so that the
splitter (``align/split.py``) can give each such segment a unit of its own.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .model import Alignment, TextPair

__all__ = ["kept_together", "joined_units", "cat_segments"]

_CJK_END = re.compile(r"[。？！?!][’”\"」』）)]+\s*$")
_LATIN_END = re.compile(r"[.?!][’”\"'»)\]]+\s*$")

# (break?, before, after): the first rule whose ``before`` ends and ``after`` starts at a
# position decides it; ``None`` as ``after`` is "not followed by an upper-case letter"
_ENGLISH_RULES = tuple((False, before, after) for before, after in (
    (r"etc\.", None), (r"Dr\.", r"\s"), (r"U\.K\.", r"\s"), (r"M\.", r"\s"), (r"Mr\.", r"\s"),
    (r"Mrs\.", r"\s"), (r"Ms\.", r"\s"), (r"Prof\.", r"\s"), (r"(?i:e\.g\.)", r"\s"), (r"(?i:i\.e\.)", r"\s"),
    (r"resp\.", r"\s"), (r"\stel\.", r"\s"), (r"(?i:fig\.)", r"\s"), (r"St\.", r"\s"), (r"\s[A-Z]\.", r"\s"),
    (r"[apAP]\.?[mM]\.", r"\s[a-z]"), (r"Mt\.", r"\s"), (r"No\.", r"\s\d"), (r"[Aa]pprox\.", r"\s"),
    (r"\d\smi?n\.", r"\s"), (r"\d\ssec\.", r"\s"), (r"\s[vV][sS]?\.", r"\s")))
_CHINESE_RULES = ((False, r"[。？！—]", r"[’”\"」）』？—]"), (False, r"[、,.．]", r"."), (True, r"[。？！]", r"."))
_DEFAULT_RULES = ((False, r"\.\.\.", None), (True, r"[.?!]+", r"\s"))
_ENDS = frozenset(".?!。？！．")
_CONTEXT = 16  # characters either side of a position that the rules can see


def kept_together(text: str, lang: str) -> bool:
    """True when a CAT tool's default rules do not break after the sentence ``text``:
    it ends in a full stop (or ? !) followed by a closing quote or bracket."""
    from .model import is_cjk_lang

    return bool((_CJK_END if is_cjk_lang(lang) else _LATIN_END).search(text))


def joined_units(alignment: "Alignment", units: Sequence["TextPair"]) -> list[tuple[int, "TextPair"]]:
    """(position after which to insert, unit) for each run of consecutive sentences of
    either side, in one paragraph, that a CAT tool keeps in one segment (every sentence
    of the run but the last :func:`kept_together`), when each has a unit of its own (a
    unit whose side is exactly that sentence) and no unit holds them all already."""
    from .model import TextPair, join_segments

    out: list[tuple[int, TextPair]] = []
    seen = {(u.src, u.tgt) for u in units}
    for side in ("src", "tgt"):
        segments = alignment.src if side == "src" else alignment.tgt
        lang = alignment.src_lang if side == "src" else alignment.tgt_lang
        own: dict[int, int] = {}
        for pos, u in enumerate(units):
            ids, text = (u.src_ids, u.src) if side == "src" else (u.tgt_ids, u.tgt)
            if len(ids) == 1 and ids[0] not in own and text == segments[ids[0]].text.strip() and u.src and u.tgt:
                own[ids[0]] = pos
        j = 0
        while j < len(segments) - 1:
            k = j
            while (k + 1 < len(segments) and segments[k].paragraph == segments[k + 1].paragraph
                   and kept_together(segments[k].text, lang)):
                k += 1
            run = list(range(j, k + 1))
            j = k + 1
            if len(run) < 2 or any(i not in own for i in run):
                continue
            parts = [units[own[i]] for i in run]
            src = join_segments([p.src for p in _distinct(parts, "src")], alignment.src_lang)
            tgt = join_segments([p.tgt for p in _distinct(parts, "tgt")], alignment.tgt_lang)
            if (src, tgt) in seen or len({p.index for p in parts}) == 1 and not any(p.is_split for p in parts):
                continue
            seen.add((src, tgt))
            scores = [p.score for p in parts if p.score is not None]
            src_ids = tuple(sorted({i for p in parts for i in p.src_ids}))
            tgt_ids = tuple(sorted({i for p in parts for i in p.tgt_ids}))
            unit = TextPair(parts[0].index, src, tgt, min(scores) if scores else None,
                            f"{len(src_ids)}-{len(tgt_ids)}", src_ids, tgt_ids,
                            joined=tuple(own[i] for i in run))
            out.append((own[run[-1]], unit))
    return out


def _distinct(parts: Sequence["TextPair"], side: str) -> list["TextPair"]:
    """The parts whose ``side`` text is not the same as the previous part's (two
    sentences of a run in one bead share its other side: it is written once)."""
    kept: list["TextPair"] = []
    for p in parts:
        if not kept or getattr(p, side) != getattr(kept[-1], side) or getattr(p, side + "_ids") != getattr(kept[-1], side + "_ids"):
            kept.append(p)
    return kept


@functools.lru_cache(maxsize=64)
def _rules(lang: str):
    from .lang import base_lang
    from .model import is_cjk_lang

    own = _CHINESE_RULES if is_cjk_lang(lang) else _ENGLISH_RULES if base_lang(lang) == "en" else ()
    return tuple((brk, re.compile(f"(?:{before})$"), after if after is None else re.compile(after))
                 for brk, before, after in (*own, *_DEFAULT_RULES))


def _follows(after, rest: str) -> bool:
    if after is None:  # \s+\P{Lu}
        word = rest.lstrip()
        return len(word) < len(rest) and bool(word) and not word[0].isupper()
    return bool(after.match(rest))


def cat_segments(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of the segments a CAT tool's default rules make of
    ``text`` (OmegaT 3.6's defaults for Chinese, English and other languages), white
    space at their ends left out; one span when the rules do not break inside it."""
    rules = _rules(lang)
    cuts = [0]
    for k in range(1, len(text)):
        if text[k - 1] not in _ENDS:
            continue
        head, rest = text[max(0, k - _CONTEXT):k], text[k:k + _CONTEXT]  # the rules look no further
        for brk, before, after in rules:
            if before.search(head) and _follows(after, rest):
                if brk:
                    cuts.append(k)
                break
    cuts.append(len(text))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        start = a + len(piece) - len(piece.lstrip())
        end = b - (len(piece) - len(piece.rstrip()))
        if end > start:
            spans.append((start, end))
    return tuple(spans)
