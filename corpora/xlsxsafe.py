"""Reading the first sheet of an untrusted XLSX workbook, with bounds (term bases, bilingual tables).

Before openpyxl sees the file, the zip is checked: it must be a zip, each XML part
at most :data:`MAX_PART_BYTES` uncompressed (10 million shared strings in a 781 KB
file is an attack, not a glossary), and no part may declare a DTD or entities. The
sheet is read in openpyxl's streaming mode with its ``<dimension>`` ignored (many
tools write a stale one, which would silently cut rows), and at most
:data:`MAX_CELLS` cells. Anything malformed inside is one :class:`FormatError`.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

from .errors import FormatError
from .textio import reading

__all__ = ["MAX_PART_BYTES", "MAX_CELLS", "read_sheet"]

MAX_PART_BYTES = 64 * 2**20
"""The largest uncompressed XML part (sheet, shared strings) of a workbook read."""

MAX_CELLS = 5_000_000
"""The most cells read from one sheet."""

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def _check_zip(path: Path, source) -> None:
    try:
        with reading(path), zipfile.ZipFile(source) as z:
            infos = z.infolist()
            if not any("worksheets/" in i.filename.lower() for i in infos):
                raise FormatError(f"{path}: not a readable XLSX workbook (it has no worksheet)")
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                if info.file_size > MAX_PART_BYTES:
                    raise FormatError(
                        f"{path}: {info.filename} is {info.file_size // 2**20} MiB uncompressed, more than the "
                        f"{MAX_PART_BYTES // 2**20} MiB duiqi reads from a glossary workbook")
                with z.open(info) as part:
                    head = part.read(4096)
                if _DOCTYPE.search(head):
                    raise FormatError(f"{path}: {info.filename} declares a DTD or entities; duiqi never "
                                        "expands entities (entity-expansion and external-entity attacks)")
    except zipfile.BadZipFile as e:
        raise FormatError(f"{path}: not a readable XLSX workbook (not a zip file: {e})") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, ValueError) as e:
        raise FormatError(f"{path}: not a readable XLSX workbook ({type(e).__name__}: {e})") from None


def read_sheet(path: str | os.PathLike[str], data: bytes | None = None) -> tuple[str, list[tuple[int, tuple]]]:
    """The title of the first sheet of workbook ``path`` (or of its bytes ``data``, e.g.
    read from stdin) and the sheet's rows ``(row number, cell values)``."""
    path = Path(path)

    def source():
        return io.BytesIO(data) if data is not None else path

    _check_zip(path, source())
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - declared dependency
        raise FormatError(f"{path}: reading .xlsx needs openpyxl (pip install openpyxl)") from None
    try:
        book = load_workbook(source(), read_only=True, data_only=True)
    except FormatError:
        raise
    except Exception as e:  # openpyxl raises anything on malformed parts: KeyError, TypeError, XML errors
        raise FormatError(f"{path}: not a readable XLSX workbook ({type(e).__name__}: {_short(e)})") from None
    try:
        if not book.worksheets:
            raise FormatError(f"{path}: not a readable XLSX workbook (it has no worksheet)")
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # a stale <dimension> must not cut rows
        rows: list[tuple[int, tuple]] = []
        cells = 0
        for n, values in enumerate(sheet.iter_rows(values_only=True), 1):
            cells += len(values)
            if cells > MAX_CELLS:
                raise FormatError(f"{path}: more than {MAX_CELLS:,} cells in the first sheet; duiqi reads "
                                    "glossaries up to that size")
            rows.append((n, values))
        return sheet.title, rows
    except FormatError:
        raise
    except Exception as e:
        raise FormatError(f"{path}: not a readable XLSX workbook ({type(e).__name__}: {_short(e)})") from None
    finally:
        book.close()


def _short(e: Exception) -> str:
    text = " ".join(str(e).split())
    return text[:200] + ("…" if len(text) > 200 else "")
