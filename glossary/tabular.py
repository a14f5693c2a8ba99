"""Term bases as tables: CSV, TSV and XLSX with language-code column headers.

A header row names the columns: language codes (``zh``, ``en``, ``zh-CN``, ``en_US``;
also ``Chinese``/``English``, or ``source``/``target``/``term`` whose language is told
from the script of their cells) and, optionally, ``id`` (rows with the same id are
one concept), ``status`` (preferred | admitted | forbidden; TBX values and synonyms
such as deprecated, superseded, approved are understood; empty = preferred),
``note``, ``case_sensitive`` (true/false; empty = acronyms only) and ``term_type``.
A cell may hold several renderings separated by ``|``. A ``rank`` column (the candidates
``glossary extract`` writes) is an id: each candidate row is its own concept. Without an
``id`` column, rows
that share a term are one concept, so ``中国工程院,China Academy of Engineering,forbidden``
adds a forbidden rendering to the concept of ``中国工程院``. Other columns are ignored.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from corpora import read_text
from corpora.errors import CorporaError
from corpora.lang import canonical_lang

from .errors import TermBaseError
from .termbase import Term, TermBase, check_term_length, default_case_sensitive, make_concept, normalize_status

__all__ = ["read_delimited", "read_xlsx", "rows_to_termbase"]

_META = {
    "id": "id", "concept": "id", "conceptid": "id", "concept_id": "id", "entry": "id", "entryid": "id",
    "entry_id": "id", "termentry": "id", "rank": "id",
    "status": "status", "administrativestatus": "status", "administrative_status": "status",
    "note": "note", "notes": "note", "comment": "note", "comments": "note", "remark": "note",
    "remarks": "note",
    "case_sensitive": "case", "casesensitive": "case", "case": "case", "match_case": "case",
    "matchcase": "case",
    "term_type": "type", "termtype": "type", "type": "type",
    "no": "skip", "nr": "skip", "#": "skip", "n": "skip",
}
_LANG_NAMES = {"chinese": "zh", "中文": "zh", "汉语": "zh", "english": "en", "英文": "en", "英语": "en",
               "french": "fr", "german": "de", "spanish": "es", "japanese": "ja"}
_GENERIC = {"source", "target", "src", "tgt", "term", "translation", "source_term", "target_term",
            "sourceterm", "targetterm"}
_LANG_CODE = re.compile(r"[a-z]{2}(?:[-_][a-z0-9]{2,8})*|(?:yue|cmn|zho|eng|fil)(?:[-_][a-z0-9]{2,8})*")
_TRUE = {"true", "yes", "y", "1", "x", "t"}
_FALSE = {"false", "no", "n", "0", "", "f"}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")


@dataclass(frozen=True)
class _Columns:
    langs: tuple[tuple[int, str], ...]
    meta: dict


def _columns(header: Sequence[str], rows: Sequence[tuple[int, list[str]]], where: str) -> _Columns:
    langs: list[tuple[int, str]] = []
    meta: dict[str, int] = {}
    for i, raw in enumerate(header):
        key = raw.strip().lower().replace(" ", "_")
        if not key:
            continue
        if key in _META:
            if _META[key] != "skip":
                meta.setdefault(_META[key], i)
        elif key in _LANG_NAMES:
            langs.append((i, _LANG_NAMES[key]))
        elif key in _GENERIC:
            langs.append((i, _script_lang(rows, i)))
        elif _LANG_CODE.fullmatch(key):
            langs.append((i, canonical_lang(key)))
    if len(langs) < 1:
        raise TermBaseError(
            f"{where}: no language columns in the header ({', '.join(h for h in header if h) or 'empty'}); "
            "expected language codes such as zh, en"
        )
    return _Columns(tuple(langs), meta)


def _script_lang(rows: Sequence[tuple[int, list[str]]], col: int) -> str:
    cjk = latin = 0
    for _, cells in rows:
        cell = cells[col] if col < len(cells) else ""
        if _CJK.search(cell):
            cjk += 1
        elif cell.strip():
            latin += 1
    return "zh" if cjk > latin else "en"


def _cell(cells: list[str], i: int | None) -> str:
    if i is None or i >= len(cells):
        return ""
    return cells[i].strip()


def rows_to_termbase(
    header: Sequence[str],
    rows: Iterable[tuple[int, list[str]]],
    name: str,
    where: Callable[[int], str],
) -> TermBase:
    """Build a term base from a header and ``(line number, cells)`` rows.

    ``where(line)`` names a row in error messages (``file:12``, ``file (sheet 1) row 12``).
    """
    rows = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    cols = _columns(header, rows, where(1))
    groups: dict[str, list[Term]] = {}
    order: list[str] = []
    row_keys: list[tuple[str, list[Term], list[tuple[str, str]]]] = []
    for line, cells in rows:
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            raise TermBaseError(f"{where(line)}: {len(cells)} fields, but the header has {len(header)}")
        raw_status = _cell(cells, cols.meta.get("status"))
        status = normalize_status(raw_status)
        if status is None:
            raise TermBaseError(
                f"{where(line)}: unknown status {raw_status!r} (use preferred, admitted or forbidden)"
            )
        raw_case = _cell(cells, cols.meta.get("case")).lower()
        if raw_case not in _TRUE and raw_case not in _FALSE:
            raise TermBaseError(f"{where(line)}: case_sensitive must be true or false, not {raw_case!r}")
        term_type = _cell(cells, cols.meta.get("type")) or None
        note = _cell(cells, cols.meta.get("note"))
        terms = []
        for i, lang in cols.langs:
            for text in _cell(cells, i).split("|"):
                text = " ".join(text.split())
                if not text:
                    continue
                check_term_length(text, where(line))
                case = raw_case in _TRUE if raw_case else default_case_sensitive(text, term_type)
                terms.append(Term(text, lang, status, term_type, case, note))
        if not terms:
            langs = ", ".join(h for _, h in cols.langs)
            raise TermBaseError(f"{where(line)}: no term in the language columns ({langs})")
        concept_id = _cell(cells, cols.meta.get("id"))
        row_keys.append((concept_id or f"r{line}", terms, [(t.lang.lower(), t.text.casefold()) for t in terms]))
    if "id" not in cols.meta:
        row_keys = _merge_rows_sharing_terms(row_keys)
    for concept_id, terms, _ in row_keys:
        if concept_id not in groups:
            groups[concept_id] = []
            order.append(concept_id)
        groups[concept_id].extend(terms)
    return TermBase(tuple(make_concept(cid, groups[cid]) for cid in order), name)


def _merge_rows_sharing_terms(row_keys):
    """Rows without ids that share a term (same language and text) become one concept."""
    owner: dict[tuple[str, str], str] = {}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for cid, _, keys in row_keys:
        parent.setdefault(cid, cid)
        for k in keys:
            if k in owner:
                a, b = find(owner[k]), find(cid)
                if a != b:
                    parent[b] = a
            else:
                owner[k] = cid
    return [(find(cid), terms, keys) for cid, terms, keys in row_keys]


def read_delimited(path: Path) -> TermBase:
    """Read a CSV (comma, semicolon or tab, sniffed) or TSV term base."""
    try:
        text = read_text(path)
    except CorporaError as e:
        raise TermBaseError(str(e)) from None
    first = text.split("\n", 1)[0]
    if path.suffix.lower() in (".tsv", ".tab"):
        delimiter = "\t"
    else:
        delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            if header is None:
                if any(c.strip() for c in cells):
                    header = cells
                start = reader.line_num + 1
                continue
            _check_stray_quote(path, start, cells, len(header), delimiter)
            if any(c.strip() for c in cells) and len(cells) != len(header) and not _short_row_ok(cells, header):
                raise TermBaseError(f"{path}:{start}: {len(cells)} fields, but the header has {len(header)}")
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as e:
        raise TermBaseError(f"{path}:{start}: {e} (a stray quote?)") from None
    if header is None:
        raise TermBaseError(f"{path}: no header row")
    return rows_to_termbase(header, rows, str(path), lambda n: f"{path}:{n}")


def _short_row_ok(cells: list[str], header: list[str]) -> bool:
    """More fields than the header are fine when the extra ones are empty (trailing
    delimiters); fewer are an error."""
    return len(cells) > len(header) and not any(c.strip() for c in cells[len(header):])


def _check_stray_quote(path: Path, start: int, cells: list[str], width: int, delimiter: str) -> None:
    """TermBaseError when a quoted cell swallowed whole rows: a stray ``"`` opened a
    quote that ran on over lines holding as many fields as the header."""
    for cell in cells:
        if "\n" not in cell:
            continue
        if any(line.count(delimiter) >= max(1, width - 1) for line in cell.split("\n")[1:]):
            raise TermBaseError(f"{path}:{start}: a quoted cell runs over the following rows (a stray '\"' "
                                "on this line?); fix the quote or quote the whole cell")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path) -> TermBase:
    """Read the first sheet of an XLSX workbook: a header row, then one term row each
    (bounded and checked by :func:`corpora.xlsxsafe.read_sheet`)."""
    from corpora.xlsxsafe import read_sheet

    try:
        title, sheet_rows = read_sheet(path)
    except CorporaError as e:
        raise TermBaseError(str(e)) from None
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for n, values in sheet_rows:
        cells = [_cell_text(v) for v in values]
        if header is None:
            if any(c.strip() for c in cells):
                header = cells
            continue
        rows.append((n, cells))
    if header is None:
        raise TermBaseError(f"{path}: the first sheet is empty")
    return rows_to_termbase(header, rows, str(path), lambda n: f"{path} (sheet {title!r}) row {n}")
