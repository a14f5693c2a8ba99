"""Translation units: what a translation memory holds beyond plain text pairs.

A :class:`TranslationUnit` has any number of language :class:`Variant` s, each with
its segment content (text and inline :class:`Inline` codes), and the properties,
notes and attributes of the unit and of each variant. This is the model of TMX;
the other formats map onto it (XLIFF's inline codes become TMX's, a TSV row becomes
a unit of two variants). Readers stream units one at a time; ``tmx merge``,
``filter``, ``dedupe`` and ``convert`` pass them through, so inline tags, props and
notes survive. :class:`~corpora.model.Alignment` (plain text, two languages) is
built from units with :func:`alignment_from_units` and turned into units with
:func:`units_from_alignment`.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Iterable, Iterator, TextIO, Union

from .errors import FormatError
from .lang import same_lang
from .model import Alignment

__all__ = [
    "Inline",
    "Content",
    "Variant",
    "TranslationUnit",
    "MemoryHeader",
    "plain_text",
    "same_lang",
    "write_lines",
    "numbered_pairs",
    "units_from_alignment",
    "units_summary",
    "is_derived",
    "unit_from_pair",
    "alignment_from_units",
    "PlainPair",
    "plain_pairs",
    "pick_languages",
    "peek_languages",
    "SCORE_PROP",
    "BEAD_PROP",
    "SIGNATURE_PROP",
    "FROM_BEAD_PROP",
    "PART_PROP",
    "JOINED_PROP",
    "UNITS_PROP",
]

SCORE_PROP = "x-score"  # the aligner's score of a unit
BEAD_PROP = "x-bead"  # the bead type of a unit, e.g. "2-1"
SIGNATURE_PROP = "x-duiqi-signature"  # the header prop recording what made a file
FROM_BEAD_PROP = "x-duiqi-bead"  # a sentence-level unit: the tuid of the bead it was cut from
PART_PROP = "x-duiqi-part"  # a sentence-level unit: "1/2", "2/2", ...
JOINED_PROP = "x-duiqi-joined"  # a unit joining two units a CAT tool segments as one: "12+13" (their tuids)
UNITS_PROP = "x-duiqi-units"  # the header prop saying what the units are and how many beads were cut

# Elements whose content is part of the running text; all other inline elements
# are codes (formatting, placeholders) left out of the plain text.
_TRANSPARENT = frozenset({"hi", "g", "mrk", "pc"})


@dataclass(frozen=True)
class Inline:
    """An inline element of a segment, in TMX terms (``bpt``, ``ept``, ``ph``,
    ``it``, ``ut``, ``hi``, ``sub``), with its attributes and content."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    content: tuple["str | Inline", ...] = ()

    def attr(self, name: str, default: str = "") -> str:
        """The value of attribute ``name``."""
        return next((v for k, v in self.attrs if k == name), default)


Content = tuple[Union[str, Inline], ...]


def plain_text(content: Content) -> str:
    """The text of segment content: inline codes left out, ``<hi>`` text kept."""
    parts = []
    for part in content:
        if isinstance(part, str):
            parts.append(part)
        elif part.tag in _TRANSPARENT:
            parts.append(plain_text(part.content))
    return "".join(parts)


@dataclass(frozen=True)
class Variant:
    """One language's version of a unit (a TMX ``<tuv>``)."""

    lang: str
    content: Content = ()
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        """The plain text of the segment."""
        return plain_text(self.content)

    @property
    def has_tags(self) -> bool:
        """True when the segment holds inline elements."""
        return any(isinstance(p, Inline) for p in self.content)


@dataclass(frozen=True)
class TranslationUnit:
    """A TMX ``<tu>``: variants in several languages, props, notes, attributes."""

    variants: tuple[Variant, ...]
    tuid: str = ""
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    def variant(self, lang: str) -> Variant | None:
        """The first variant in language ``lang`` (``zh`` matches ``zh-CN``)."""
        exact = next((v for v in self.variants if v.lang.lower() == lang.lower()), None)
        return exact or next((v for v in self.variants if same_lang(v.lang, lang)), None)

    def text(self, lang: str) -> str:
        """The plain text in language ``lang`` ("" when there is none)."""
        v = self.variant(lang)
        return v.text if v is not None else ""

    def prop(self, name: str) -> str | None:
        """The value of the first unit-level prop of type ``name``."""
        return next((v for k, v in self.props if k == name), None)

    @property
    def score(self) -> float | None:
        """The aligner's score (prop ``x-score``), when there is one and it is a finite number."""
        value = self.prop(SCORE_PROP)
        try:
            score = float(value) if value is not None else None
        except ValueError:
            return None
        return score if score is None or math.isfinite(score) else None  # nan/inf: no score


@dataclass(frozen=True)
class MemoryHeader:
    """What a translation memory says about itself (a TMX ``<header>``).

    ``srclang`` may be ``*all*`` (any variant can be the source). ``attrs`` keeps
    the other header attributes as read, ``version`` the TMX version.
    """

    srclang: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    version: str = "1.4"

    def attr(self, name: str, default: str = "") -> str:
        """The value of header attribute ``name``."""
        return next((v for k, v in self.attrs if k == name), default)


def unit_from_pair(
    tuid: str, src: str, tgt: str, src_lang: str, tgt_lang: str, score: str | None = None, kind: str | None = None,
    src_props: tuple[tuple[str, str], ...] = (), tgt_props: tuple[tuple[str, str], ...] = (),
) -> TranslationUnit:
    """A unit of two plain-text variants; ``score`` and ``kind`` (bead type) become
    props; ``src_props``/``tgt_props`` are the variants' own (a cue's timecodes)."""
    props = ((SCORE_PROP, score),) if score is not None else ()
    props += ((BEAD_PROP, kind),) if kind else ()
    return TranslationUnit(
        (Variant(src_lang, (src,) if src else (), src_props), Variant(tgt_lang, (tgt,) if tgt else (), tgt_props)),
        tuid, props,
    )


def _span_props(segments) -> tuple[tuple[str, str], ...]:
    """The props of a bead side: the first segment's start and the last one's end
    (``x-start``/``x-end``), any other prop of its segments once."""
    props: list[tuple[str, str]] = []
    for seg in segments:
        for key, value in seg.props:
            if key == "x-end":
                props = [(k, v) for k, v in props if k != "x-end"]
            elif any(k == key for k, _ in props):
                continue
            props.append((key, value))
    return tuple(props)


def units_from_alignment(alignment: Alignment, include_one_sided: bool = False,
                         level: str = "sentence") -> Iterator[TranslationUnit]:
    """The units of :meth:`Alignment.units` at ``level``, numbered from 1, with the
    score and bead type as props; a unit cut from a bead also names that bead's
    ``tuid`` (prop ``x-duiqi-bead``) and its place in it (``x-duiqi-part``, ``1/2``)."""
    whole = ""
    for n, p in enumerate(alignment.units(level, include_one_sided), 1):
        score = f"{p.score:.4f}" if p.score is not None else None
        unit = unit_from_pair(str(n), p.src, p.tgt, alignment.src_lang, alignment.tgt_lang, score, p.kind,
                              _span_props(alignment.src[i] for i in p.src_ids),
                              _span_props(alignment.tgt[i] for i in p.tgt_ids))
        if p.is_split:
            unit = TranslationUnit(unit.variants, unit.tuid,
                                   unit.props + ((FROM_BEAD_PROP, whole), (PART_PROP, f"{p.part}/{p.parts}")))
        elif p.joined:
            unit = TranslationUnit(unit.variants, unit.tuid,
                                   unit.props + ((JOINED_PROP, "+".join(str(k + 1) for k in p.joined)),))
        else:
            whole = str(n)
        yield unit


def is_derived(unit: TranslationUnit) -> bool:
    """True for a sentence-level unit duiqi derived from beads of the same memory: cut
    from one (prop ``x-duiqi-bead``) or joining two (``x-duiqi-joined``)."""
    return any(k in (FROM_BEAD_PROP, JOINED_PROP) for k, _ in unit.props)


def units_summary(alignment: Alignment, level: str = "sentence") -> str:
    """What the units of an alignment are, for a header prop and for users:
    ``sentence; 7 many-to-one beads cut, 2 kept whole`` (and ``; 1 sentences cut as CAT
    tools segment them``, see :attr:`Alignment.cat_splits`) or ``bead``."""
    if level != "sentence":
        return "bead"
    out = f"sentence; {len(alignment.splits)} many-to-one beads cut, {len(alignment.kept_whole)} kept whole"
    if alignment.cat_splits:
        out += f"; {len(alignment.cat_splits)} sentences cut as CAT tools segment them"
    return out


def pick_languages(
    unit: TranslationUnit, header: MemoryHeader, src_lang: str | None, tgt_lang: str | None
) -> tuple[str | None, str | None]:
    """Source and target languages: as given, else the header's ``srclang`` (or the
    unit's, or its first variant's) and the first other language in the unit."""
    src = src_lang
    if not src:
        for candidate in (header.srclang, dict(unit.attrs).get("srclang", "")):
            if candidate and candidate != "*all*":
                src = candidate
                break
        else:
            src = unit.variants[0].lang if unit.variants else None
    tgt = tgt_lang
    if not tgt and src:
        tgt = next((v.lang for v in unit.variants if v.lang and not same_lang(v.lang, src)), None)
    return src, tgt


@dataclass(frozen=True)
class PlainPair:
    """The plain text of a unit in two languages, for formats without markup."""

    src: str
    tgt: str
    src_lang: str
    tgt_lang: str
    score: float | None
    kind: str


def plain_pairs(
    units: Iterable[TranslationUnit],
    header: MemoryHeader = MemoryHeader(),
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Iterator[PlainPair]:
    """The plain text pairs of two languages (stripped of surrounding white space).

    Languages are chosen by :func:`pick_languages` on the first unit that has both;
    units with text in neither language are skipped.
    """
    slang, tlang = src_lang, tgt_lang
    for unit in units:
        if not (slang and tlang):
            slang, tlang = pick_languages(unit, header, slang, tlang)
        src = unit.text(slang).strip() if slang else ""
        tgt = unit.text(tlang).strip() if tlang else ""
        if src or tgt:
            kind = unit.prop(BEAD_PROP) or f"{int(bool(src))}-{int(bool(tgt))}"
            yield PlainPair(src, tgt, slang or "und", tlang or "und", unit.score, kind)


def peek_languages(
    units: Iterable[TranslationUnit],
    header: MemoryHeader = MemoryHeader(),
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> tuple[str, str, Iterator[TranslationUnit]]:
    """Source and target language (see :func:`pick_languages`) found on the first
    units, and an iterator over all the units, those looked at included."""
    it = iter(units)
    seen: list[TranslationUnit] = []
    slang, tlang = src_lang, tgt_lang
    for unit in it:
        seen.append(unit)
        slang, tlang = pick_languages(unit, header, slang, tlang)
        if slang and tlang:
            break
    return slang or "und", tlang or "und", itertools.chain(seen, it)


def numbered_pairs(pairs: Iterable[PlainPair]) -> Iterator[tuple[PlainPair, int | None]]:
    """Each pair with its ``tu``: two-sided pairs numbered 1, 2, ... as a TMX numbers its
    units, one-sided ones None."""
    tu = 0
    for p in pairs:
        if p.src and p.tgt:
            tu += 1
            yield p, tu
        else:
            yield p, None


def write_lines(out: TextIO, lines: Iterable[str]) -> int:
    """Write ``lines`` (each ending in a newline) to ``out``; return how many."""
    count = 0
    for line in lines:
        out.write(line)
        count += 1
    return count


def alignment_from_units(
    units: Iterable[TranslationUnit],
    header: MemoryHeader = MemoryHeader(),
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    name: str = "<input>",
    signature: str = "",
    tuid_numbers: bool = False,
) -> Alignment:
    """An alignment of the units' plain text pairs (see :func:`plain_pairs`); units
    derived from a bead in the same file (cut from it or joining two, see
    :func:`is_derived`) are left out, so duiqi's own memory reads back as its beads.
    ``tuid_numbers``: the units' ``tuid``s number them (TMX), and become the beads' ``tu``.

    FormatError when no unit has text in either language.
    """
    pairs: list[tuple[str, str]] = []
    scores: list[float | None] = []
    tuids: list[str] = []
    current = [""]

    def kept() -> Iterator[TranslationUnit]:
        for u in units:
            if not is_derived(u):
                current[0] = u.tuid
                yield u

    last = None
    for last in plain_pairs(kept(), header, src_lang, tgt_lang):
        pairs.append((last.src, last.tgt))
        scores.append(last.score)
        tuids.append(current[0])
    if last is None:
        raise FormatError(f"{name}: no translation units found")
    # the file's own numbers, when it numbers its two-sided units 1, 2, 3, ... (with gaps
    # where derived units were left out), as duiqi's TMX does
    numbers = [int(t) if t.isdigit() else None for t, (s, g) in zip(tuids, pairs) if s and g]
    tus = None
    if tuid_numbers and numbers and None not in numbers and numbers == sorted(set(numbers)):
        tus = [int(t) if s and g else None for t, (s, g) in zip(tuids, pairs)]
    from .hanzi import refine_chinese

    s_lang = refine_chinese(last.src_lang, "".join(s for s, _ in pairs[:2000]))
    t_lang = refine_chinese(last.tgt_lang, "".join(t for _, t in pairs[:2000]))
    return Alignment.from_pairs(pairs, s_lang, t_lang, scores, signature, tus)
