"""The data model of parallel text: segments, beads and alignments.

All classes are frozen dataclasses holding plain data. An :class:`Alignment` is two
sequences of :class:`Segment` (usually sentences) and the :class:`Bead` list that pairs
them: every segment of both sides in exactly one bead, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterator, Sequence

from .errors import CorporaError
from .lang import is_cjk_lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Segment", "Bead", "Split", "Alignment", "TextPair", "join_segments", "is_cjk_lang", "UNIT_LEVELS", "LOW_CONFIDENCE"]

UNIT_LEVELS = ("sentence", "bead")  # what a translation memory's units are
LOW_CONFIDENCE = 0.2  # a two-sided bead scoring below this is worth a look (tables, summaries, stderr)

def join_segments(texts: Sequence[str], lang: str) -> str:
    """Join the texts of a bead's segments: no space for Chinese/Japanese, else one."""
    sep = "" if is_cjk_lang(lang) else " "
    return sep.join(t for t in texts if t)


@dataclass(frozen=True)
class Segment:
    """One unit of text (a sentence, or a line with ``--no-split``).

    ``paragraph`` numbers the paragraph the segment belongs to, from 0. ``props``
    keep what the source document knew of it (a subtitle cue's ``x-start`` and
    ``x-end`` timecodes); they become the TMX variant's props.
    """

    text: str
    paragraph: int = 0
    props: tuple[tuple[str, str], ...] = ()


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
    part: int = 0
    parts: int = 0
    joined: tuple[int, ...] = ()
    tu: int | None = None

    @property
    def is_split(self) -> bool:
        """True for one sentence-level unit cut from a bead (``part`` of ``parts``)."""
        return self.part > 0


@dataclass(frozen=True)
class Split:
    """A many-to-one bead cut into sentence-level units.

    The bead (``bead``: its index) joins several sentences of one side to a single
    sentence of the other, ``side`` (``"src"`` or ``"tgt"``); that sentence is cut
    before the character offsets ``cuts`` (increasing), one piece per sentence of the
    many side, in order. ``scores`` holds each unit's confidence in [0, 1].

    ``segments`` (a sentence that a CAT tool segments into several segments, see
    :func:`corpora.catjoin.cat_segments`): the (start, end) offsets of those segments in
    that sentence of the other side, ``sentence`` (its id; -1: the bead's only one); the
    pieces go to them, not to sentences. ``within``: the (start, end) of the part of the
    cut sentence that is cut (a many-to-one bead's piece for that sentence; empty: all).
    """

    bead: int
    side: str
    cuts: tuple[int, ...]
    scores: tuple[float, ...]
    segments: tuple[tuple[int, int], ...] = ()
    sentence: int = -1
    within: tuple[int, ...] = ()

    def pieces(self, text: str) -> tuple[str, ...]:
        """The pieces of the cut sentence ``text``, stripped of surrounding space."""
        start, end = self.within if self.within else (0, len(text))
        bounds = (start, *self.cuts, end)
        return tuple(text[a:b].strip() for a, b in zip(bounds, bounds[1:]))


@dataclass(frozen=True)
class Alignment:
    """Source and target segments and the beads pairing them.

    ``signature`` records the tool version and settings that produced the beads.
    ``splits`` cut many-to-one beads into sentence-level units (see :meth:`units`);
    ``kept_whole`` lists the many-to-one beads that were looked at and not cut, for
    want of a confident cut. ``cat_splits`` cut 1-1 beads whose sentence a CAT tool
    segments into several segments (:attr:`Split.segments`), one unit per segment.
    """

    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    beads: tuple[Bead, ...]
    src_lang: str = "zh"
    tgt_lang: str = "en"
    signature: str = ""
    meta: tuple[tuple[str, str], ...] = field(default=())
    splits: tuple[Split, ...] = ()
    kept_whole: tuple[int, ...] = ()
    tus: tuple[int | None, ...] = ()  # each bead's tu as a file numbered it (empty: computed)
    cat_splits: tuple[Split, ...] = ()

    def validate(self) -> None:
        """Raise CorporaError unless every segment is in exactly one bead, in order, and
        every split cuts a many-to-one bead's single sentence once per extra sentence."""
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
        for sp in (*self.splits, *self.cat_splits):
            bead = self.beads[sp.bead] if 0 <= sp.bead < len(self.beads) else None
            one, many = ((bead.src, bead.tgt) if sp.side == "src" else (bead.tgt, bead.src)) if bead else ((), ())
            pieces = len(sp.segments) if sp.segments else len(many)
            sentence = sp.sentence if sp.sentence >= 0 else many[0] if len(many) == 1 else None
            if (bead is None or len(one) != 1 or pieces != len(sp.cuts) + 1 or len(sp.scores) != pieces
                    or sp.segments and sentence not in many):
                raise CorporaError(f"split of bead {sp.bead} does not fit the bead")
            text = (self.src if sp.side == "src" else self.tgt)[one[0]].text
            start, end = sp.within if len(sp.within) == 2 else (0, len(text))
            if (list(sp.cuts) != sorted(set(sp.cuts)) or not all(start < c < end for c in sp.cuts)
                    or not 0 <= start < end <= len(text)):
                raise CorporaError(f"split of bead {sp.bead}: cuts must increase inside the sentence")
            other = (self.tgt if sp.side == "src" else self.src)[sentence].text if sp.segments else ""
            ends = [e for span in sp.segments for e in span]
            if ends != sorted(ends) or any(a >= b for a, b in sp.segments) or ends and ends[-1] > len(other):
                raise CorporaError(f"split of bead {sp.bead}: segments must follow each other inside the sentence")

    def src_text(self, bead: Bead) -> str:
        """The source text of a bead, its segments joined."""
        return join_segments([self.src[i].text for i in bead.src], self.src_lang)

    def tgt_text(self, bead: Bead) -> str:
        """The target text of a bead, its segments joined."""
        return join_segments([self.tgt[i].text for i in bead.tgt], self.tgt_lang)

    def pairs(self, include_one_sided: bool = True) -> Iterator[TextPair]:
        """Yield the text of every bead (one-sided beads only if asked), with its ``tu``:
        the ``tuid`` of the bead's unit in the TMX of :meth:`units` (sentence level, as
        ``duiqi align -o x.tmx`` writes it), None for a one-sided bead."""
        if len(self.tus) == len(self.beads):
            numbers = {k: tu if b.is_pair else None for k, (b, tu) in enumerate(zip(self.beads, self.tus))}
        else:
            numbers = {u.index: u.tu for u in self.units("sentence") if not u.is_split and not u.joined}
        for p in self._bead_pairs(include_one_sided):
            yield replace(p, tu=numbers.get(p.index))

    def _bead_pairs(self, include_one_sided: bool = True) -> Iterator[TextPair]:
        for k, b in enumerate(self.beads):
            if include_one_sided or b.is_pair:
                yield TextPair(k, self.src_text(b), self.tgt_text(b), b.score, b.kind, b.src, b.tgt)

    def units(self, level: str = "sentence", include_one_sided: bool = True) -> Iterator[TextPair]:
        """The units of a translation memory.

        ``level="bead"``: one per bead, as :meth:`pairs`. ``"sentence"``: a split bead
        (see :attr:`splits`) gives its whole bead first, then one unit per sentence of
        its many side (``part`` 1..``parts``), so that every sentence of either side is
        one side of some unit; other beads are one unit each; two consecutive sentences
        that CAT tools keep in one segment also get a unit joining them (``joined``: the
        positions of the two units, see :mod:`corpora.catjoin`).
        """
        yield from _numbered(self._units(level, include_one_sided))

    def _units(self, level: str, include_one_sided: bool) -> Iterator[TextPair]:
        if level not in UNIT_LEVELS:
            raise CorporaError(f"unknown unit level {level!r} (known: {', '.join(UNIT_LEVELS)})")
        cut: dict[int, list[Split]] = {}
        for sp in (*self.splits, *self.cat_splits) if level == "sentence" else ():
            cut.setdefault(sp.bead, []).append(sp)
        units: list[TextPair] = []
        for p in self._bead_pairs(include_one_sided):
            units.append(p)
            for split in cut.get(p.index, ()):
                units.extend(self._split_units(self.beads[p.index], split))
        if level != "sentence":
            yield from units
            return
        from .catjoin import joined_units

        extra: dict[int, list[TextPair]] = {}
        for after, unit in joined_units(self, units):
            extra.setdefault(after, []).append(unit)
        # joined units name the positions of the units they join: renumber for the insertions
        final: list[int] = []
        for pos in range(len(units)):
            final.append(pos + sum(len(v) for k, v in extra.items() if k < pos))
        for pos, unit in enumerate(units):
            yield unit
            for j in extra.get(pos, ()):
                yield replace(j, joined=tuple(final[k] for k in j.joined))

    def _split_units(self, bead: Bead, split: Split) -> Iterator[TextPair]:
        many, one = (bead.tgt, bead.src) if split.side == "src" else (bead.src, bead.tgt)
        one_seg = (self.src if split.side == "src" else self.tgt)[one[0]]
        many_segs = self.tgt if split.side == "src" else self.src
        pieces = split.pieces(one_seg.text)
        if split.segments:  # the other sentence's CAT segments, each with its piece
            sentence = split.sentence if split.sentence >= 0 else many[0]
            text = many_segs[sentence].text
            wholes = [(sentence, text[a:b]) for a, b in split.segments]
        else:
            wholes = [(i, many_segs[i].text) for i in many]
        for k, ((i, whole), piece, score) in enumerate(zip(wholes, pieces, split.scores), 1):
            if split.side == "src":
                yield TextPair(split.bead, piece, whole, score, "1-1", one, (i,), part=k, parts=len(pieces))
            else:
                yield TextPair(split.bead, whole, piece, score, "1-1", (i,), one, part=k, parts=len(pieces))

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
        tus: Sequence[int | None] | None = None,
    ) -> "Alignment":
        """Build an alignment of 1-1 beads from text pairs (e.g. a read TMX).

        An empty side becomes a one-sided bead. ``tus``: each pair's number in its file
        (a TMX ``tuid``), kept as the beads' ``tu``.
        """
        kept_tus: list[int | None] = []
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
                kept_tus.append(tus[k] if tus is not None else None)
        return cls(tuple(src), tuple(tgt), tuple(beads), src_lang, tgt_lang, signature,
                   tus=tuple(kept_tus) if tus is not None else ())


def _numbered(units: Iterator[TextPair]) -> Iterator[TextPair]:
    """Units with their ``tu``: two-sided ones 1, 2, 3, ... as a TMX numbers them."""
    tu = 0
    for u in units:
        if u.src and u.tgt:
            tu += 1
            yield replace(u, tu=tu)
        else:
            yield replace(u, tu=None)
