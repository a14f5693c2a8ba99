"""Tab-separated pairs: ``src  tgt  score  type  src_ids  tgt_ids  tu`` with a header row.

``tu`` numbers the two-sided rows as the TMX ``tuid`` numbers them (empty for a
one-sided row).

Reading accepts any file whose first two columns are source and target text, with
or without that header. Tabs and line breaks inside a text become spaces and NUL
characters are removed (with a warning); text is
stripped of surrounding white space. Inline tags of a translation memory are not
kept: a row holds the segments' plain text.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import replace
from typing import Iterable, Iterator, TextIO

from ..errors import DuiqiWarning, FormatError
from ..model import Alignment
from ..textio import read_text
from ..units import FROM_BEAD_PROP, MemoryHeader, TranslationUnit, numbered_pairs, plain_pairs, unit_from_pair, write_lines

__all__ = ["COLUMNS", "write", "iter_units", "write_units"]

COLUMNS = ("src", "tgt", "score", "type", "src_ids", "tgt_ids", "tu")


def _clean(text: str) -> str:
    """Tabs and line breaks become spaces; NUL (which marks a binary file) is removed."""
    if "\x00" in text:
        warnings.warn(f"removed NUL characters from {text.replace(chr(0), '')[:40]!r}", DuiqiWarning, stacklevel=3)
        text = text.replace("\x00", "")
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _row(src: str, tgt: str, score: float | None, kind: str, src_ids=(), tgt_ids=(), tu: int | None = None,
         *extra: str) -> str:
    return "\t".join((
        _clean(src),
        _clean(tgt),
        "" if score is None else f"{score:.4f}",
        kind,
        ",".join(map(str, src_ids)),
        ",".join(map(str, tgt_ids)),
        "" if tu is None else str(tu),
        *extra,
    )) + "\n"


def write(alignment: Alignment, out: TextIO, header: bool = True, units: str = "sentence") -> None:
    """Write one unit a row (see :meth:`~corpora.model.Alignment.units`; ``units="bead"``:
    one bead a row). When beads were cut, a last column ``bead`` numbers the bead
    (from 0) each row belongs to: a cut bead's row comes first, then its sentence rows."""
    split = units == "sentence" and bool(alignment.splits or alignment.cat_splits)
    if header:
        out.write("\t".join(COLUMNS + (("bead",) if split else ())) + "\n")
    for p in alignment.units(units):
        out.write(_row(p.src, p.tgt, p.score, p.kind, p.src_ids, p.tgt_ids, p.tu, *((str(p.index),) if split else ())))


def write_units(units: Iterable[TranslationUnit], out: TextIO, header: MemoryHeader = MemoryHeader(),
                src_lang: str | None = None, tgt_lang: str | None = None) -> int:
    """Write the plain text of two languages of each unit, one a row; return the row count."""
    out.write("\t".join(COLUMNS) + "\n")
    return write_lines(out, (_row(p.src, p.tgt, p.score, p.kind, tu=tu)
                             for p, tu in numbered_pairs(plain_pairs(units, header, src_lang, tgt_lang))))


def iter_units(path: str | os.PathLike[str], src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None) -> Iterator[TranslationUnit]:
    """Yield one two-variant unit per row. A header row (duiqi's, or one naming
    languages such as ``zh<TAB>en``, ``中文<TAB>English``, ``source<TAB>target``) is
    skipped and gives the languages; else they default to zh (zh-TW/zh-HK for
    Traditional text) and en. With a ``bead`` column, a row of a bead already seen is a
    sentence unit derived from it (prop ``x-duiqi-bead``)."""
    from ..hanzi import refine_chinese
    from .table import table_columns

    text = read_text(path, encoding).lstrip("\ufeff")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    first = next((ln for ln in lines if ln.strip()), "")
    head = table_columns(first.split("\t")) if tuple(first.split("\t")[:2]) != COLUMNS[:2] else None
    swap = head is not None and head.header and (head.src, head.tgt) == (1, 0)
    slang = src_lang or (head.src_lang if head is not None and head.header else "") or refine_chinese(
        "zh", text[:20_000])
    tlang = tgt_lang or (head.tgt_lang if head is not None and head.header else "") or "en"
    header_seen = False
    bead_column = False
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        cols = line.split("\t")
        if not header_seen and line.strip():
            header_seen = True
            if tuple(cols[:2]) == COLUMNS[:2]:
                bead_column = len(cols) > len(COLUMNS) and cols[len(COLUMNS)] == "bead"
                continue
            if head is not None and head.header:
                continue
        if swap and len(cols) >= 2:
            cols[0], cols[1] = cols[1], cols[0]
        if not line.strip():
            continue
        if len(cols) < 2:
            raise FormatError(f"{path}:{n}: expected source<TAB>target, found no tab")
        score = None
        if len(cols) > 2 and cols[2].strip():
            try:
                score = str(float(cols[2]))
            except ValueError:
                pass
        kind = cols[3].strip() if len(cols) > 3 else None
        unit = unit_from_pair(str(n), cols[0].strip(), cols[1].strip(), slang, tlang, score, kind)
        bead = cols[len(COLUMNS)].strip() if bead_column and len(cols) > len(COLUMNS) else ""
        if bead and bead in seen:  # a sentence unit of a bead whose row came before
            unit = replace(unit, props=unit.props + ((FROM_BEAD_PROP, bead),))
        if bead:
            seen.add(bead)
        yield unit
