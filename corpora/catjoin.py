"""Units for sentences that CAT tools keep together.

A CAT tool segments the document to translate with its own rules (SRX), and those
rules do not break everywhere duiqi's segmenter does. OmegaT's defaults (like most
tools') never break after a full stop followed by a closing quote: Chinese 。” or ！」,
English ``does.” He`` — so ``…国界。”他宣布，…。`` is ONE segment there, and no unit
holding either sentence matches it. For every such boundary the translation memory
gets one more unit: the two sentences joined, with their translations joined.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .model import Alignment, TextPair

__all__ = ["kept_together", "joined_units"]

_CJK_END = re.compile(r"[。？！?!][’”\"」』）)]+\s*$")
_LATIN_END = re.compile(r"[.?!][’”\"'»)\]]+\s*$")


def kept_together(text: str, lang: str) -> bool:
    """True when a CAT tool's default rules do not break after the sentence ``text``:
    it ends in a full stop (or ? !) followed by a closing quote or bracket."""
    from .model import is_cjk_lang

    return bool((_CJK_END if is_cjk_lang(lang) else _LATIN_END).search(text))


def joined_units(alignment: "Alignment", units: Sequence["TextPair"]) -> list[tuple[int, "TextPair"]]:
    """(position after which to insert, unit) for each pair of consecutive sentences of
    either side, in one paragraph, that a CAT tool keeps together, when both have a unit of their own
    (a unit whose side is exactly that sentence) and no unit holds the two already."""
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
        for j in range(len(segments) - 1):
            if (j not in own or j + 1 not in own or segments[j].paragraph != segments[j + 1].paragraph
                    or not kept_together(segments[j].text, lang)):
                continue
            a, b = units[own[j]], units[own[j + 1]]
            src = join_segments([a.src, b.src], alignment.src_lang)
            tgt = join_segments([a.tgt, b.tgt], alignment.tgt_lang)
            if (src, tgt) in seen or a.index == b.index and not (a.is_split or b.is_split):
                continue
            seen.add((src, tgt))
            scores = [s for s in (a.score, b.score) if s is not None]
            kind = f"{len(set(a.src_ids + b.src_ids))}-{len(set(a.tgt_ids + b.tgt_ids))}"
            unit = TextPair(a.index, src, tgt, min(scores) if scores else None, kind,
                            tuple(sorted(set(a.src_ids + b.src_ids))), tuple(sorted(set(a.tgt_ids + b.tgt_ids))),
                            joined=(own[j], own[j + 1]))
            out.append((own[j + 1], unit))
    return out
