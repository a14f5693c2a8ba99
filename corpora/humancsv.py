"""Tables for people: CSV that spreadsheets open safely, and text safe for a terminal.

:func:`write_human_csv` writes the CSV files people open in Excel or LibreOffice
(batch ``summary.csv``, ``check -o report.csv``, ``glossary extract`` candidates):
UTF-8 with a BOM (so Excel shows Chinese), CRLF rows (so a CR or LF inside a cell
is quoted, never a new row), and OWASP's rule against formula injection: a text
cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a CR gets a leading ``'``.
Data files (TSV and JSONL bitexts) are never written this way: their text is data.

:func:`terminal_safe` makes text safe to print: control characters, ANSI/OSC
escape sequences and bidirectional overrides are shown as visible ``\\x1b``-style
escapes instead of acting on the terminal.
"""

from __future__ import annotations

import csv
import math
import os
import re
from typing import Any, Iterable, Sequence

from .safeio import STDIO, safe_write

__all__ = ["human_cell", "write_human_csv", "terminal_safe", "strip_escapes"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte escapes.
_ESCAPE_SEQ = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def human_cell(value: Any) -> str:
    """A cell for a spreadsheet: None and NaN empty, a formula-like text quoted with ``'``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool) or not isinstance(value, str):
        return str(value)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_human_csv(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    delimiter: str = ",",
    float_format: str | None = None,
) -> int:
    """Write a header and rows as CSV for people (see the module docstring), atomically
    (``-``: to standard output, without BOM).

    ``float_format`` (e.g. ``"%.4f"``) formats float cells. Returns the number of rows.
    """
    count = 0
    bom = str(path) != STDIO  # no BOM in a pipe
    with safe_write(path, encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([human_cell(h) for h in header])
        for row in rows:
            writer.writerow([
                float_format % v if float_format and isinstance(v, float) and math.isfinite(v) else human_cell(v)
                for v in row])
            count += 1
    return count


def strip_escapes(text: str) -> str:
    """``text`` without ANSI/OSC escape sequences (each replaced by spaces of its length,
    so offsets into the text stay valid)."""
    if "\x1b" not in text and "\x9b" not in text:
        return text
    return _ESCAPE_SEQ.sub(lambda m: " " * len(m.group()), text)


def terminal_safe(text: str) -> str:
    """``text`` with control characters (but tab and newline), escape sequences and
    bidi overrides made visible (``\\x1b``, ``\\u202e``), so printing it cannot move the
    cursor, retitle the window or reorder what is shown."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       text)
