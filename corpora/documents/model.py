"""What a document reader gives: the text blocks of a document, in reading order."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Block", "Document", "BLOCK_KINDS"]

BLOCK_KINDS = ("paragraph", "heading", "item", "cell", "footnote", "cue")


@dataclass(frozen=True)
class Block:
    """One paragraph-level piece of a document: a paragraph, a heading, a list item,
    a table cell, a footnote or a subtitle cue. ``text`` is one line (white space
    collapsed); ``props`` keep what the text lost (a cue's timecodes)."""

    text: str
    kind: str = "paragraph"
    props: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Document:
    """A document read for alignment.

    ``fmt`` names the format it was read as. ``segmented`` is True when every
    block is one segment already (subtitle cues) and must not be split into
    sentences. A plain text document keeps its ``raw`` text exactly.
    """

    fmt: str
    blocks: tuple[Block, ...] = ()
    segmented: bool = False
    raw: str | None = None

    @property
    def text(self) -> str:
        """The text as the aligner reads it: one block a paragraph, a blank line
        between paragraphs (with ``segmented``, one block a line)."""
        if self.raw is not None:
            return self.raw
        sep = "\n" if self.segmented else "\n\n"
        return sep.join(b.text for b in self.blocks if b.text) + "\n"
