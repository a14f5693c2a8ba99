"""Bilingual tables: rows of a source and a target cell (CSV, TSV, XLSX, DOCX tables).

This module reads and writes CSV (line breaks inside a cell written as LF, NUL
dropped); the others use its header and column rules.

A first row naming the columns' languages is a header, not a unit: language codes
(``zh``, ``zh-CN``, ``en_US``), names (``Chinese``, ``中文``, ``English``, ``英文``) or
``source``/``target`` (``原文``/``译文``), whose languages are then told from the
script of the cells. Columns named ``score`` and ``type``/``bead`` are read as the
unit's score and bead type. Without a header, the first two columns are source and
target and their languages are told from their script (Chinese, else English).

An alignment is written with the units of :meth:`~corpora.model.Alignment.units`
(sentence level by default, as a TMX): a cut bead's row, then one row per sentence
cut from it, whose type says so (``1-1 part 1/2``), and a row joining two sentences
a CAT tool keeps together (``2-2 joined``). Reading a table back leaves such derived
rows out, as it does for a TMX, so the table reads back as its beads.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from typing import TextIO

from ..errors import FormatError
from ..model import LOW_CONFIDENCE, Alignment
from ..textio import read_text
from ..units import FROM_BEAD_PROP, JOINED_PROP, MemoryHeader, TranslationUnit, plain_pairs, unit_from_pair

__all__ = ["TableColumns", "table_columns", "table_units", "iter_units", "read_rows_delimited", "write",
           "write_units", "alignment_rows", "unit_rows", "derived_kind", "low_confidence"]

_NAMES = {"chinese": "zh", "中文": "zh", "汉语": "zh", "漢語": "zh", "简体中文": "zh-CN", "繁體中文": "zh-TW",
          "繁体中文": "zh-TW", "english": "en", "英文": "en", "英语": "en", "英語": "en", "french": "fr",
          "german": "de", "spanish": "es", "japanese": "ja", "日文": "ja", "korean": "ko", "russian": "ru"}
_SOURCE = {"source", "src", "source text", "source_text", "original", "原文", "源文", "源语言", "source language"}
_TARGET = {"target", "tgt", "target text", "target_text", "translation", "译文", "譯文", "目标语言",
           "target language"}
_SCORE = {"score", "x-score", "confidence", "分数"}
_TYPE = {"type", "bead", "bead type", "bead_type", "x-bead"}
_CODE = re.compile(r"^(?:[a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$", re.I)
_KNOWN_CODES = {"zh", "en", "fr", "de", "es", "ja", "ko", "ru", "it", "pt", "ar", "nl", "vi", "th", "yue",
                "cmn", "zho", "eng", "chi", "lzh", "wuu"}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DERIVED = re.compile(r"^(\d+-\d+) (?:(part) \d+/\d+|(joined))$")  # the type of a derived row


def _lang_of(cell: str) -> str | None:
    """The language a header cell names; "" for source/target; None if it names none."""
    text = cell.strip().strip("\ufeff").lower()
    text = re.sub(r"\s*\((?:source|target|原文|译文)\)$", "", text)
    if text in _NAMES:
        return _NAMES[text]
    if text in _SOURCE or text in _TARGET:
        return ""
    if _CODE.match(text) and text.replace("_", "-").split("-")[0] in _KNOWN_CODES:
        code = text.replace("_", "-")
        base = {"cmn": "zh", "zho": "zh", "chi": "zh", "eng": "en"}.get(code.split("-")[0], code.split("-")[0])
        return base + code[len(code.split("-")[0]):]
    return None


@dataclass(frozen=True)
class TableColumns:
    """Where a table's source, target, score and type are, and their languages
    ("" when the table does not tell)."""

    src: int = 0
    tgt: int = 1
    score: int | None = None
    kind: int | None = None
    src_lang: str = ""
    tgt_lang: str = ""
    header: bool = False


def table_columns(first: Sequence[str]) -> TableColumns:
    """The columns of a table whose first row is ``first`` (a header or a unit)."""
    cells = [c.strip() for c in first]
    langs = [(k, _lang_of(c)) for k, c in enumerate(cells)]
    named = [(k, lang) for k, lang in langs if lang is not None]
    if len(named) < 2:
        return TableColumns()
    (s, s_lang), (t, t_lang) = named[0], named[1]
    if cells[t].lower() in _SOURCE and cells[s].lower() in _TARGET:
        s, t, s_lang, t_lang = t, s, t_lang, s_lang
    score = next((k for k, c in enumerate(cells) if c.lower() in _SCORE), None)
    kind = next((k for k, c in enumerate(cells) if c.lower() in _TYPE), None)
    return TableColumns(s, t, score, kind, s_lang or "", t_lang or "", True)


def _script_lang(texts: Iterable[str]) -> str:
    texts = [t for t in texts if t][:200]
    cjk = sum(1 for t in texts if _CJK.search(t))
    return "zh" if texts and cjk * 2 >= len(texts) else "en"


def table_units(rows: Sequence[Sequence[str]], name: str, src_lang: str | None = None,
                tgt_lang: str | None = None) -> Iterator[TranslationUnit]:
    """Units of a bilingual table's rows (the header, if any, skipped); empty rows skipped."""
    rows = [[("" if c is None else str(c)).strip() for c in r] for r in rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        raise FormatError(f"{name}: the table is empty")
    cols = table_columns(rows[0])
    body = rows[1:] if cols.header else rows
    if max(len(r) for r in rows) < 2:
        raise FormatError(f"{name}: a bilingual table needs two columns (source and target), found one")

    def cell(r: Sequence[str], k: int | None) -> str:
        return r[k] if k is not None and k < len(r) else ""

    s_lang = src_lang or cols.src_lang or _script_lang(cell(r, cols.src) for r in body)
    t_lang = tgt_lang or cols.tgt_lang or _script_lang(cell(r, cols.tgt) for r in body)
    if s_lang == t_lang and not (src_lang and tgt_lang):
        t_lang = "en" if s_lang.startswith("zh") else "zh"
    for n, r in enumerate(body, 2 if cols.header else 1):
        src, tgt = cell(r, cols.src), cell(r, cols.tgt)
        if not src and not tgt:
            continue
        score = cell(r, cols.score)
        try:
            score = str(float(score)) if score else None
        except ValueError:
            score = None
        kind = cell(r, cols.kind) or None
        derived = _DERIVED.match(kind) if kind else None
        unit = unit_from_pair(str(n), src, tgt, s_lang, t_lang, score, derived.group(1) if derived else kind)
        if derived:  # a sentence row cut from the bead above it, or one joining two rows
            prop = (FROM_BEAD_PROP, "") if derived.group(2) else (JOINED_PROP, "")
            unit = TranslationUnit(unit.variants, unit.tuid, unit.props + (prop,))
        yield unit


def _delimiter(text: str) -> str:
    """The separator of a CSV file: the one of ``,`` ``;`` and tab most frequent in its
    first row (outside quotes); a comma when there is none."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in text[:100_000]:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            if ch == "\n":
                break
            if ch in counts:
                counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


def read_rows_delimited(text: str) -> list[list[str]]:
    """Rows of CSV (comma, semicolon or tab separated, told from the first row)."""
    return [row for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))]


def iter_units(path: str | os.PathLike[str], src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None) -> Iterator[TranslationUnit]:
    """Units of a two-column CSV file."""
    text = read_text(path, encoding).lstrip("\ufeff")
    try:
        rows = read_rows_delimited(text)
    except csv.Error as e:
        raise FormatError(f"{path}: not valid CSV ({e})") from None
    yield from table_units(rows, str(path), src_lang, tgt_lang)


def derived_kind(kind: str) -> bool:
    """True for the type of a derived row (``1-1 part 1/2``, ``2-2 joined``)."""
    return bool(_DERIVED.match(kind))


def low_confidence(score: float | None, kind: str) -> bool:
    """True for a row worth a look: a two-sided bead type (no ``0`` side) scoring below
    :data:`~corpora.model.LOW_CONFIDENCE`."""
    return score is not None and score < LOW_CONFIDENCE and "0" not in kind.split("-")


def _write_rows(rows: Iterable[tuple[str, str, float | None, str]], out: TextIO, src_lang: str,
                tgt_lang: str) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([src_lang, tgt_lang, "score", "type"])
    count = 0
    for src, tgt, score, kind in rows:
        src, tgt = (_cell_text(t) for t in (src, tgt))
        writer.writerow([src, tgt, "" if score is None else f"{score:.4f}", kind])
        count += 1
    return count


def _cell_text(text: str) -> str:
    """A cell as CSV keeps it: line breaks as LF (the reader normalizes them), no NUL."""
    if "\x00" in text:
        import warnings

        from ..errors import DuiqiWarning

        warnings.warn(f"removed NUL characters from {text.replace(chr(0), '')[:40]!r}", DuiqiWarning, stacklevel=4)
        text = text.replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write(alignment: Alignment, out: TextIO, units: str = "sentence") -> None:
    """Write a CSV table: a header of the two languages, then one unit a row
    (``units="bead"``: one bead a row)."""
    _write_rows(alignment_rows(alignment, units), out, alignment.src_lang, alignment.tgt_lang)


def alignment_rows(alignment: Alignment, units: str = "sentence") -> Iterator[tuple[str, str, float | None, str]]:
    """(source, target, score, type) of every unit of :meth:`Alignment.units` at level
    ``units``, one-sided ones included: what every table writer (CSV, XLSX, DOCX)
    writes for an alignment. A derived unit's type says so: ``1-1 part 1/2``, ``2-2 joined``."""
    for p in alignment.units(units):
        kind = f"{p.kind} part {p.part}/{p.parts}" if p.is_split else f"{p.kind} joined" if p.joined else p.kind
        yield p.src, p.tgt, p.score, kind


def write_units(units: Iterable[TranslationUnit], out: TextIO, header: MemoryHeader = MemoryHeader(),
                src_lang: str | None = None, tgt_lang: str | None = None) -> int:
    """Write the plain text pair of each unit, one a row; return the row count."""
    rows, slang, tlang = unit_rows(units, header, src_lang, tgt_lang)
    return _write_rows(rows, out, slang, tlang)


def unit_rows(units: Iterable[TranslationUnit], header: MemoryHeader = MemoryHeader(),
              src_lang: str | None = None, tgt_lang: str | None = None) -> tuple[list[tuple], str, str]:
    """The (source, target, score, kind) rows of the units' plain text pairs and their two
    languages (``src_lang``/``tgt_lang``, else zh and en when there are no units): what
    every table writer (CSV, XLSX, DOCX) writes."""
    pairs = list(plain_pairs(units, header, src_lang, tgt_lang))
    slang = pairs[0].src_lang if pairs else (src_lang or "zh")
    tlang = pairs[0].tgt_lang if pairs else (tgt_lang or "en")
    return [(p.src, p.tgt, p.score, p.kind) for p in pairs], slang, tlang
