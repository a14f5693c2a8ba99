"""Operations on streams of translation units: convert, merge, filter, dedupe.

Each takes and returns an iterator of :class:`~corpora.units.TranslationUnit`, so a
memory of any size passes through in bounded memory (``dedupe`` keeps a 16-byte
digest per distinct unit). Units are passed on unchanged: inline tags, props,
notes and attributes survive.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

from .signature import Signature
from .textio import check_distinct
from .units import MemoryHeader, TranslationUnit, pick_languages, same_lang

__all__ = [
    "FilterOptions", "filter_units", "dedupe_units", "merge_headers", "length_ratio",
    "check_distinct", "convert_file", "UnitTally",
]


@dataclass(frozen=True)
class FilterOptions:
    """What ``tmx filter`` drops.

    ``min_score``: units whose ``x-score`` is below it (units without a score are
    kept). ``max_length_ratio``: units whose longer side has more than this many
    times the characters of the shorter. ``langs``: keep only variants in these
    languages (``zh`` matches ``zh-CN``) and drop units missing any of them.
    ``drop_empty``: units with an empty side or fewer than two variants.
    ``drop_identical``: units whose source and target text are the same.
    Source and target are ``src_lang``/``tgt_lang``, else as
    :func:`~corpora.units.pick_languages` finds them.
    """

    min_score: float | None = None
    max_length_ratio: float | None = None
    langs: tuple[str, ...] = ()
    drop_empty: bool = False
    drop_identical: bool = False
    src_lang: str | None = None
    tgt_lang: str | None = None


def length_ratio(a: str, b: str) -> float:
    """Characters of the longer text over those of the shorter (inf if one is empty)."""
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0 if la == lb else float("inf")
    return max(la, lb) / min(la, lb)


def _drop_reason(unit: TranslationUnit, header: MemoryHeader, o: FilterOptions) -> str | None:
    if o.min_score is not None and unit.score is not None and unit.score < o.min_score:
        return "score"
    slang, tlang = pick_languages(unit, header, o.src_lang, o.tgt_lang)
    src = unit.text(slang).strip() if slang else ""
    tgt = unit.text(tlang).strip() if tlang else ""
    if o.drop_empty and (not src or not tgt or len(unit.variants) < 2
                         or any(not v.text.strip() for v in unit.variants)):
        return "empty"
    if o.drop_identical and src and src == tgt:
        return "identical"
    if o.max_length_ratio is not None and src and tgt and length_ratio(src, tgt) > o.max_length_ratio:
        return "length ratio"
    return None


def filter_units(
    units: Iterable[TranslationUnit],
    options: FilterOptions,
    header: MemoryHeader = MemoryHeader(),
    dropped: Counter | None = None,
) -> Iterator[TranslationUnit]:
    """The units ``options`` keep; ``dropped`` (if given) counts the others by reason."""
    for unit in units:
        if options.langs:
            variants = tuple(v for v in unit.variants if any(same_lang(v.lang, lang) for lang in options.langs))
            if not all(any(same_lang(v.lang, lang) for v in variants) for lang in options.langs):
                if dropped is not None:
                    dropped["language"] += 1
                continue
            unit = replace(unit, variants=variants)
        reason = _drop_reason(unit, header, options)
        if reason is None:
            yield unit
        elif dropped is not None:
            dropped[reason] += 1


def _key(unit: TranslationUnit) -> bytes:
    text = "\x00".join(f"{v.lang.lower()}\x01{v.text.strip()}" for v in unit.variants)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def dedupe_units(units: Iterable[TranslationUnit], dropped: Counter | None = None) -> Iterator[TranslationUnit]:
    """The units whose languages and plain texts were not seen before (the first is kept,
    with its own props and notes; inline tags and white space around texts are ignored
    in the comparison)."""
    seen: set[bytes] = set()
    for unit in units:
        key = _key(unit)
        if key in seen:
            if dropped is not None:
                dropped["duplicate"] += 1
            continue
        seen.add(key)
        yield unit


def merge_headers(headers: Sequence[MemoryHeader]) -> MemoryHeader:
    """The header of merged memories: the first one's, with ``srclang`` ``*all*``
    unless all agree, and the props and notes of all (without repeats)."""
    first = headers[0]
    langs = {h.srclang.lower() for h in headers}
    props = tuple(dict.fromkeys(p for h in headers for p in h.props))
    notes = tuple(dict.fromkeys(n for h in headers for n in h.notes))
    return replace(first, srclang=first.srclang if len(langs) == 1 else "*all*", props=props, notes=notes)


def convert_file(
    src: str | os.PathLike[str],
    out: str | os.PathLike[str],
    from_fmt: str | None = None,
    to_fmt: str | None = None,
    signature: "str | Signature" = "",
    dropped: Counter | None = None,
    **options: str | None,
) -> int:
    """Convert ``src`` to ``out`` (formats from the names or the extensions),
    streaming units through; return how many were written. ``options``
    (``src_lang``, ``tgt_lang``, ``encoding``) go to the reader and the writer.
    ``dropped`` (if given) counts the units left out, by reason: a plain-text
    format (TSV, JSONL) has no row for a unit with no text in either language."""
    from .formats import read_units, write_units

    check_distinct(out, [src])
    header, units = read_units(src, from_fmt, **options)
    opts = {k: v for k, v in options.items() if k != "encoding"}
    tally = UnitTally(units)
    written = write_units(tally, out, to_fmt, header, signature=signature, **opts)
    if dropped is not None:
        tally.left_out(written, dropped)
    return written


class UnitTally:
    """An iterator over units that counts them, so that a writer's shortfall can be said:
    a plain-text format (TSV, JSONL) has no row for a unit with no text in either language."""

    REASON = "with no text in either language"

    def __init__(self, units: Iterable[TranslationUnit]) -> None:
        self._units = iter(units)
        self.count = 0

    def __iter__(self) -> "UnitTally":
        return self

    def __next__(self) -> TranslationUnit:
        unit = next(self._units)
        self.count += 1
        return unit

    def left_out(self, written: int, dropped: Counter) -> None:
        """Count in ``dropped`` the units read but not ``written``."""
        if written < self.count:
            dropped[self.REASON] += self.count - written
