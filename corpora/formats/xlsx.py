"""Bilingual spreadsheets (.xlsx): source, target, score, bead type, a review mark.

Written with openpyxl: a frozen header row naming the languages, one unit a row,
rows of low confidence (score below 0.2) marked ``low`` and shaded; every cell is
a string (a text starting with ``=`` is never a formula). Reading takes the first
sheet as a bilingual table (see :mod:`corpora.formats.table`).
"""

from __future__ import annotations

import io
import os
from typing import BinaryIO, Iterable, Iterator

from ..errors import FormatError
from ..model import Alignment
from ..units import MemoryHeader, TranslationUnit
from .table import alignment_rows, low_confidence, table_units, unit_rows

__all__ = ["write", "write_units", "iter_units"]

_WIDTHS = (60, 80, 8, 7, 8)


def _save(rows: Iterable[tuple[str, str, float | None, str]], out: BinaryIO, src_lang: str, tgt_lang: str) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = f"{src_lang}-{tgt_lang}"[:31]
    sheet.append([src_lang, tgt_lang, "score", "type", "check"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    shade = PatternFill("solid", start_color="FFF4CCCC", end_color="FFF4CCCC")
    wrap = CellAlignment(wrap_text=True, vertical="top")
    count = 0
    from .tmx import strip_illegal_xml

    for src, tgt, score, kind in rows:
        low = low_confidence(score, kind)
        src, tgt = strip_illegal_xml(src, f"row {count + 2}"), strip_illegal_xml(tgt, f"row {count + 2}")
        sheet.append([src, tgt, None if score is None else round(score, 4), kind, "low" if low else ""])
        count += 1
        row = sheet[sheet.max_row]
        for cell in row[:2] + row[3:]:
            cell.data_type = "s"  # text stays text: no formula from a cell starting with =
        for cell in row[:2]:
            cell.alignment = wrap
        if low:
            for cell in row:
                cell.fill = shade
    for k, width in enumerate(_WIDTHS):
        sheet.column_dimensions["ABCDE"[k]].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:E{max(sheet.max_row, 1)}"
    book.save(out)
    return count


def write(alignment: Alignment, out: BinaryIO, units: str = "sentence") -> None:
    """Write one unit a row (see :func:`corpora.formats.table.alignment_rows`; ``units="bead"``: one bead a row)."""
    _save(alignment_rows(alignment, units), out, alignment.src_lang, alignment.tgt_lang)


def write_units(units: Iterable[TranslationUnit], out: BinaryIO, header: MemoryHeader = MemoryHeader(),
                src_lang: str | None = None, tgt_lang: str | None = None) -> int:
    """Write the plain text pair of each unit, one a row; return the row count."""
    rows, slang, tlang = unit_rows(units, header, src_lang, tgt_lang)
    return _save(rows, out, slang, tlang)


def iter_units(path: str | os.PathLike[str], src_lang: str | None = None,
               tgt_lang: str | None = None) -> Iterator[TranslationUnit]:
    """Units of the first sheet of a workbook, read as a bilingual table."""
    from openpyxl import load_workbook

    from ..documents import read_input

    data = read_input(path)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises zipfile, KeyError and its own errors on bad files
        raise FormatError(f"{path}: not a readable .xlsx workbook ({type(e).__name__})") from None
    try:
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    yield from table_units(rows, str(path), src_lang, tgt_lang)
