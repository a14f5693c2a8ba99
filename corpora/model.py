"""The data model of parallel text: segments, beads and alignments.

All classes are frozen dataclasses holding plain data. An :class:`Alignment` is two
sequences of :class:`Segment` (usually sentences) and the :class:`Bead` list that pairs
them: every segment of both sides in exactly one bead, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Sequence

from .errors import CorporaError
from .lang import is_cjk_lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Segment", "Bead", "Alignment", "TextPair", "join_segments", "is_cjk_lang"]

def join_segments(texts: Sequence[str], lang: str) -> str:
    """Join the texts of a bead's segments: no space for Chinese/Japanese, else one."""
    sep = "" if is_cjk_lang(lang) else " "
    return sep.join(t for t in texts if t)


@dataclass(frozen=True)
class Segment:
    """One unit of text (a sentence, or a line with ``--no-split``).

    ``paragraph`` numbers the paragraph the segment belongs to, from 0.
    """

    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class Bead:
    """A minimal aligned pair of segment groups: source ids, target ids, score.

    Either side may be empty (a deletion ``1-0`` or an insertion ``0-1``).
    ``score`` is the aligner's confidence in [0, 1], or None when unknown.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float | None = None

    @property
    def kind(self) -> str:
        """The bead type, e.g. ``"2-1"``."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_pair(self) -> bool:
        """True when both sides are non-empty."""
        return bool(self.src) and bool(self.tgt)


@dataclass(frozen=True)
class TextPair:
    """A bead's texts, as written to a translation memory.

    ``index`` is the bead's index in the alignment (from 0); ``tu`` its number as the
    TMX ``tuid`` numbers it: the two-sided beads 1, 2, 3, ... (None for a one-sided
    bead, which a TMX leaves out). Every output and report numbers pairs by ``tu``.
    """

    index: int
    src: str
    tgt: str
    score: float | None
    kind: str
    src_ids: tuple[int, ...] = ()
    tgt_ids: tuple[int, ...] = ()
    tu: int | None = None


@dataclass(frozen=True)
class Alignment:
    """Source and target segments and the beads pairing them.

    ``signature`` records the tool version and settings that produced the beads.
    """

    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    beads: tuple[Bead, ...]
    src_lang: str = "zh"
    tgt_lang: str = "en"
    signature: str = ""
    meta: tuple[tuple[str, str], ...] = field(default=())

    def validate(self) -> None:
        """Raise CorporaError unless every segment is in exactly one bead, in order."""
        for side, segments, ids in (
            ("source", self.src, [i for b in self.beads for i in b.src]),
            ("target", self.tgt, [i for b in self.beads for i in b.tgt]),
        ):
            if ids != list(range(len(segments))):
                raise CorporaError(
                    f"beads do not cover the {side} segments 0..{len(segments) - 1} "
                    "exactly once and in order"
                )
        for b in self.beads:
            if not b.src and not b.tgt:
                raise CorporaError("a bead has neither source nor target segments")

    def src_text(self, bead: Bead) -> str:
        """The source text of a bead, its segments joined."""
        return join_segments([self.src[i].text for i in bead.src], self.src_lang)

    def tgt_text(self, bead: Bead) -> str:
        """The target text of a bead, its segments joined."""
        return join_segments([self.tgt[i].text for i in bead.tgt], self.tgt_lang)

    def pairs(self, include_one_sided: bool = True) -> Iterator[TextPair]:
        """Yield the text of every bead (one-sided beads only if asked), with its ``tu``."""
        tu = 0
        for k, b in enumerate(self.beads):
            if b.is_pair:
                tu += 1
            if include_one_sided or b.is_pair:
                yield TextPair(k, self.src_text(b), self.tgt_text(b), b.score, b.kind, b.src, b.tgt,
                               tu if b.is_pair else None)

    def to_dataframe(self) -> "pandas.DataFrame":
        """One row per bead: src_ids, tgt_ids, type, score, src, tgt, paragraph."""
        import pandas as pd

        rows = [
            {
                "src_ids": list(p.src_ids),
                "tgt_ids": list(p.tgt_ids),
                "type": p.kind,
                "score": p.score,
                "src": p.src,
                "tgt": p.tgt,
                "paragraph": self._paragraph_of(self.beads[p.index]),
            }
            for p in self.pairs()
        ]
        return pd.DataFrame(
            rows, columns=["src_ids", "tgt_ids", "type", "score", "src", "tgt", "paragraph"]
        )

    def _paragraph_of(self, bead: Bead) -> int:
        if bead.src:
            return self.src[bead.src[0]].paragraph
        return self.tgt[bead.tgt[0]].paragraph

    @classmethod
    def from_pairs(
        cls,
        pairs: Sequence[tuple[str, str]],
        src_lang: str,
        tgt_lang: str,
        scores: Sequence[float | None] | None = None,
        signature: str = "",
    ) -> "Alignment":
        """Build an alignment of 1-1 beads from text pairs (e.g. a read TMX).

        An empty side becomes a one-sided bead.
        """
        src: list[Segment] = []
        tgt: list[Segment] = []
        beads: list[Bead] = []
        for k, (s, t) in enumerate(pairs):
            s_ids: tuple[int, ...] = ()
            t_ids: tuple[int, ...] = ()
            if s:
                s_ids = (len(src),)
                src.append(Segment(s, k))
            if t:
                t_ids = (len(tgt),)
                tgt.append(Segment(t, k))
            if s_ids or t_ids:
                score = scores[k] if scores is not None else None
                beads.append(Bead(s_ids, t_ids, score))
        return cls(tuple(src), tuple(tgt), tuple(beads), src_lang, tgt_lang, signature)
