"""Telling a text written one sentence a line from running text.

A file of one sentence a line (a corpus, a subtitle dump, the output of ``duiqi
segment``) must be aligned line by line (``--no-split``): split into sentences, each
line becomes a paragraph of its own and the paragraph marks mislead the aligner.
"""

from __future__ import annotations

from dataclasses import dataclass

from .segment import segment_text

__all__ = ["LineStats", "line_stats", "looks_like_sentence_lines"]

_FINAL = tuple(".!?。！？…”’\"'）)」』》:：;；")
MIN_LINES = 5


@dataclass(frozen=True)
class LineStats:
    """What the decision looks at: line count, blank lines between lines, blocks
    (runs of lines between blank lines), the share of lines ending like a sentence,
    and of lines the segmenter would split."""

    lines: int
    blank: int
    blocks: int
    final_share: float
    multi_share: float


def line_stats(text: str, lang: str, sample: int = 2000) -> LineStats:
    """Statistics of the non-empty lines of ``text`` (the first ``sample`` lines are
    segmented)."""
    rows = text.strip("\n").split("\n")
    lines = [ln.strip() for ln in rows if ln.strip()]
    blank = len(rows) - len(lines)
    blocks = sum(1 for k, ln in enumerate(rows) if ln.strip() and (k == 0 or not rows[k - 1].strip()))
    if not lines:
        return LineStats(0, blank, 0, 0.0, 0.0)
    final = sum(1 for ln in lines if ln.endswith(_FINAL)) / len(lines)
    head = lines[:sample]
    multi = sum(1 for ln in head if len(segment_text(ln, lang)) > 1) / len(head)
    return LineStats(len(lines), blank, blocks, final, multi)


def looks_like_sentence_lines(text: str, lang: str) -> bool:
    """True when ``text`` looks like one sentence a line: at least five lines, most
    ending like a sentence, few holding more than one sentence, and no blank lines
    between them — or blank lines between paragraphs of two lines or more on average
    (``duiqi segment``'s output), not between one-line paragraphs."""
    s = line_stats(text, lang)
    no_paragraphs = s.blank <= s.lines // 50
    sentence_paragraphs = s.blocks > 0 and s.lines >= 2 * s.blocks
    return (s.lines >= MIN_LINES and (no_paragraphs or sentence_paragraphs) and s.final_share >= 0.6
            and s.multi_share <= 0.25)
