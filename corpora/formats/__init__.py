"""Readers and writers of parallel text, in a registry keyed by format name.

Each format lives in its own module, imported only when used. Readers stream
:class:`~corpora.units.TranslationUnit` s: ``iter_units(path, **options)`` (and
optionally ``read_header(path, **options)``). Writers have
``write_units(units, out, header, **options) -> int`` and/or
``write(alignment, out, **options)``. ``duiqi convert`` and ``duiqi tmx`` pass
units from reader to writer (:func:`read_units`, :func:`write_units`), so inline
tags, props and notes survive; :func:`read_alignment` and :func:`write_alignment`
give and take the plain-text :class:`~corpora.model.Alignment` the aligner and the
glossary checks use. The CLI takes its ``--format`` choices from
:func:`writer_names` and :func:`reader_names`.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from ..errors import DuiqiError, FormatError
from ..stdin import STDIN_NAME, is_stdin, stdin_bytes, stdin_path
from ..model import Alignment
from ..textio import atomic_write
from ..units import SIGNATURE_PROP, MemoryHeader, TranslationUnit, alignment_from_units, units_from_alignment

__all__ = [
    "Format",
    "FORMATS",
    "get_format",
    "format_for_path",
    "writer_names",
    "reader_names",
    "write_alignment",
    "read_alignment",
    "render_alignment",
    "read_units",
    "write_units",
    "input_format",
    "sniff_pairs",
]


@dataclass(frozen=True)
class Format:
    """A file format duiqi reads and/or writes."""

    name: str
    extensions: tuple[str, ...]
    module: str
    readable: bool
    writable: bool
    description: str
    document: str = ""  # "module:function" reading one language's text (corpora.documents)
    binary: bool = False  # written as bytes (a zip package), not text

    def load(self):
        """Import the module implementing this format."""
        return importlib.import_module(self.module)


FORMATS: tuple[Format, ...] = (
    Format("tmx", (".tmx",), "corpora.formats.tmx", True, True, "TMX 1.4b translation memory"),
    Format("tsv", (".tsv", ".tab"), "corpora.formats.tsv", True, True, "tab-separated pairs with a header"),
    Format("jsonl", (".jsonl", ".ndjson"), "corpora.formats.jsonl", True, True, "one JSON object per bead"),
    Format("xliff", (".xlf", ".xliff"), "corpora.formats.xliff", True, True, "XLIFF 1.2 (reads 2.0 too)"),
    Format("xliff2", (".xlf2",), "corpora.formats.xliff2", True, True, "XLIFF 2.0 (reads 1.2 too)"),
    Format("align", (".align",), "corpora.formats.beads", False, True, "vecalign/bertalign beads: [0,1]:[2]"),
    Format("csv", (".csv",), "corpora.formats.table", True, True, "two-column bilingual table"),
    Format("xlsx", (".xlsx", ".xlsm"), "corpora.formats.xlsx", True, True,
           "bilingual spreadsheet (reads two-column sheets)", binary=True),
    Format("docx", (".docx",), "corpora.formats.docx", True, True,
           "Word: a document, or a two-column bilingual table", "corpora.documents.docx:read", True),
    Format("odt", (".odt",), "", False, False, "OpenDocument text", "corpora.documents.odt:read"),
    Format("pdf", (".pdf",), "", False, False, "PDF with a text layer", "corpora.documents.pdf:read"),
    Format("html", (".html", ".htm", ".xhtml"), "", False, False, "web page", "corpora.documents.html:read"),
    Format("epub", (".epub",), "", False, False, "e-book", "corpora.documents.epub:read"),
    Format("srt", (".srt",), "", False, False, "SubRip subtitles", "corpora.documents.subtitles:read_srt"),
    Format("vtt", (".vtt",), "", False, False, "WebVTT subtitles", "corpora.documents.subtitles:read_vtt"),
    Format("md", (".md", ".markdown"), "", False, False, "Markdown", "corpora.documents.markdown:read"),
    Format("txt", (".txt", ".text"), "", False, False, "plain text", "corpora.documents.plain:read"),
)


def get_format(name: str) -> Format:
    """The format called ``name``; FormatError if there is none."""
    for f in FORMATS:
        if f.name == name.lower():
            return f
    raise FormatError(f"unknown format {name!r} (known: {', '.join(f.name for f in FORMATS)})")


def format_for_path(path: str | os.PathLike[str]) -> Format | None:
    """The format a file name's extension implies, or None."""
    suffix = Path(path).suffix.lower()
    for f in FORMATS:
        if suffix in f.extensions:
            return f
    return None


def writer_names() -> list[str]:
    """Names of the formats duiqi can write."""
    return [f.name for f in FORMATS if f.writable]


def reader_names() -> list[str]:
    """Names of the formats duiqi can read pairs from."""
    return [f.name for f in FORMATS if f.readable]


def _resolve(fmt: str | None, path: str | os.PathLike[str] | None, default: str) -> Format:
    if fmt:
        return get_format(fmt)
    if path is not None:
        found = format_for_path(path)
        if found is None:
            raise FormatError(
                f"{path}: cannot tell the format from the extension; give --format "
                f"({', '.join(writer_names())})"
            )
        return found
    return get_format(default)


def _write(module, alignment: Alignment, out: TextIO, **options) -> None:
    if hasattr(module, "write"):
        module.write(alignment, out, **options)
    else:
        header = MemoryHeader(srclang=alignment.src_lang)
        module.write_units(units_from_alignment(alignment), out, header, src_lang=alignment.src_lang,
                           tgt_lang=alignment.tgt_lang, signature=alignment.signature)


def render_alignment(alignment: Alignment, fmt: str, **options) -> str:
    """The alignment written in format ``fmt``, as a string."""
    f = get_format(fmt)
    if not f.writable:
        raise FormatError(f"format {f.name!r} cannot be written")
    buf = io.StringIO()
    _write(f.load(), alignment, buf, **options)
    return buf.getvalue()


def write_alignment(
    alignment: Alignment,
    path: str | os.PathLike[str] | None = None,
    fmt: str | None = None,
    stream: TextIO | None = None,
    **options,
) -> Format:
    """Write ``alignment`` to ``path`` atomically, or to ``stream`` (default stdout).

    The format is ``fmt``, else the one ``path``'s extension implies, else TSV.
    Returns the format used.
    """
    f = _resolve(fmt, path, "tsv")
    if not f.writable:
        raise FormatError(f"format {f.name!r} cannot be written")
    module = f.load()
    if path is None:
        _write(module, alignment, _stream(f, stream), **options)
    else:
        with atomic_write(path, "wb" if f.binary else "w") as out:
            _write(module, alignment, out, **options)
    return f


def _stream(f: Format, stream):
    """Where to write without a path: ``stream``, else stdout (its bytes for a binary format)."""
    stream = stream if stream is not None else sys.stdout
    if f.binary and not isinstance(stream, (io.BytesIO, io.BufferedIOBase)):
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise FormatError(f"format {f.name!r} is binary; give an output file")
        return buffer
    return stream


def read_alignment(path: str | os.PathLike[str], fmt: str | None = None, **options) -> Alignment:
    """The plain text pairs of two languages of ``path`` (format from ``fmt`` or the
    extension; ``src_lang``/``tgt_lang`` choose the languages, else the file's)."""
    f = input_format(path, fmt) if is_stdin(path) else _resolve(fmt, path, "tsv")
    if not f.readable:
        raise FormatError(f"format {f.name!r} cannot be read as pairs")
    header, units = read_units(path, f.name, **options)
    signature = next((v for k, v in header.props if k == SIGNATURE_PROP), "")
    return alignment_from_units(units, header, options.get("src_lang"), options.get("tgt_lang"),
                                STDIN_NAME if is_stdin(path) else str(path), signature)


def sniff_pairs(data: bytes) -> str | None:
    """The pair format ``data`` shows: a zip package (xlsx, docx), TMX, XLIFF,
    JSONL, or a table (TSV with tabs, else CSV); None when nothing fits."""
    from ..documents.sniff import sniff

    shown = sniff(data)
    if shown in ("xlsx", "docx"):
        return shown
    head = data[:8192].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        if "<tmx" in head:
            return "tmx"
        if "<xliff" in head:
            return "xliff2" if 'version="2' in head else "xliff"
        return None
    if head.startswith("{"):
        return "jsonl"
    first = head.split("\n", 1)[0]
    if "\t" in first:
        return "tsv"
    if "," in first or ";" in first:
        return "csv"
    return None


def input_format(path: str | os.PathLike[str], fmt: str | None = None) -> Format:
    """The readable format ``fmt``, else the one ``path``'s extension implies
    (for ``-``, standard input, the one its content shows)."""
    if fmt:
        f = get_format(fmt)
    elif is_stdin(path):
        shown = sniff_pairs(stdin_bytes())
        if shown is None:
            raise FormatError(f"{STDIN_NAME}: cannot tell the format of standard input; give --from "
                              f"({', '.join(reader_names())})")
        f = get_format(shown)
    else:
        f = format_for_path(path)
        if f is None:
            raise FormatError(
                f"{path}: cannot tell the format from the extension; give --from "
                f"({', '.join(reader_names())})"
            )
    if not f.readable:
        raise FormatError(f"format {f.name!r} cannot be read")
    return f


def read_units(
    path: str | os.PathLike[str], fmt: str | None = None, **options
) -> tuple[MemoryHeader, Iterator[TranslationUnit]]:
    """The header of ``path`` and an iterator streaming its translation units.

    The iterator raises FormatError at its end when the file held no unit at all.
    """
    f = input_format(path, fmt)
    module = f.load()
    name = path
    if is_stdin(path):
        path = stdin_path(f.extensions[0])
    try:
        header = module.read_header(path, **options) if hasattr(module, "read_header") else MemoryHeader(
            srclang=options.get("src_lang") or "")
    except DuiqiError as e:
        raise _renamed(e, path, name) from None
    return header, _nonempty(module.iter_units(path, **options), path, name)


def _renamed(error: DuiqiError, path, name) -> DuiqiError:
    """The error with the temporary copy of standard input named ``<stdin>``."""
    if str(path) == str(name):
        return error
    return type(error)(str(error).replace(str(path), STDIN_NAME))


def _nonempty(units: Iterator[TranslationUnit], path, name=None) -> Iterator[TranslationUnit]:
    name = path if name is None else name
    empty = True
    try:
        for unit in units:
            empty = False
            yield unit
    except DuiqiError as e:
        raise _renamed(e, path, name) from None
    if empty:
        raise FormatError(f"{STDIN_NAME if is_stdin(name) else path}: no translation units found")


def write_units(
    units: Iterable[TranslationUnit],
    path: str | os.PathLike[str] | None = None,
    fmt: str | None = None,
    header: MemoryHeader = MemoryHeader(),
    stream: TextIO | None = None,
    **options,
) -> int:
    """Write units to ``path`` atomically (or to ``stream``) in format ``fmt`` (else
    from the extension); return how many units or rows were written.

    A format without a unit writer (the bead format) gets the units' plain text
    pairs as an alignment.
    """
    f = _resolve(fmt, path, "tmx")
    if not f.writable:
        raise FormatError(f"format {f.name!r} cannot be written")
    module = f.load()

    def emit(out: TextIO) -> int:
        if hasattr(module, "write_units"):
            return module.write_units(units, out, header, **options)
        alignment = alignment_from_units(units, header, options.get("src_lang"), options.get("tgt_lang"))
        module.write(alignment, out, **options)
        return len(alignment.beads)

    if path is None:
        return emit(_stream(f, stream))
    with atomic_write(path, "wb" if f.binary else "w") as out:
        return emit(out)
