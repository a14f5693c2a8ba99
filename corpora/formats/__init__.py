"""Readers and writers of parallel text, in a registry keyed by format name.

Each format lives in its own module, imported only when used. Readers stream
:class:`~corpora.units.TranslationUnit` s: ``iter_units(path, ...)`` (and optionally
``read_header(path, ...)``). Writers have ``write_units(units, out, header, ...) ->
int`` and/or ``write(alignment, out, ...)``.

The option contract: every reader is offered :data:`READ_OPTIONS` (the pair's
languages, the encoding) and every writer :data:`WRITE_OPTIONS` (the pair's
languages, the signature); a format's own options are declared in its
:class:`Format` entry (``write_options``). A module function takes, by name, exactly
the options it uses (no catch-all), and gets only those; an option the format does
not declare is a FormatError (another format's option set to None asks nothing
and is passed over). ``duiqi convert`` and ``duiqi tmx`` pass
units from reader to writer (:func:`read_units`, :func:`write_units`), so inline
tags, props and notes survive; :func:`read_alignment` and :func:`write_alignment`
give and take the plain-text :class:`~corpora.model.Alignment` the aligner and the
glossary checks use. The CLI takes its ``--format`` choices from
:func:`writer_names` and :func:`reader_names`.
"""

from __future__ import annotations

import importlib
import inspect
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, TextIO

from ..errors import DuiqiError, FormatError, UnknownFormatError
from ..model import UNIT_LEVELS, Alignment
from ..safeio import STDIO
from ..stdin import STDIN_NAME, is_stdin, stdin_bytes, stdin_path
from ..textio import atomic_write
from ..units import (
    SIGNATURE_PROP, UNITS_PROP, MemoryHeader, TranslationUnit, alignment_from_units, units_from_alignment, units_summary,
)

__all__ = [
    "Format",
    "FORMATS",
    "READ_OPTIONS",
    "WRITE_OPTIONS",
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
    "output_format",
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
    write_options: tuple[str, ...] = ()
    document: str = ""  # "module:function" reading one language's text (corpora.documents)
    binary: bool = False  # written as bytes (a zip package), not text

    def load(self):
        """Import the module implementing this format."""
        return importlib.import_module(self.module)

    def check_options(self, given: Mapping[str, Any], common: tuple[str, ...], declared: tuple[str, ...] = ()) -> None:
        """FormatError naming the first option of ``given`` this format does not take."""
        known = (*common, *declared)
        for name, value in given.items():
            if name in known or value is None and name in _ALL_WRITE_OPTIONS:
                continue
            raise FormatError(f"format {self.name!r} has no option {name!r} (it takes: {', '.join(known)})")


READ_OPTIONS = ("src_lang", "tgt_lang", "encoding")
"""What every reader is offered: the languages of the pair and the input encoding."""
WRITE_OPTIONS = ("src_lang", "tgt_lang", "signature")
"""What every writer is offered: the languages of the pair and what made the file
(formats without a place for a signature leave it out)."""

FORMATS: tuple[Format, ...] = (
    Format("tmx", (".tmx",), "corpora.formats.tmx", True, True, "TMX 1.4b translation memory",
           ("creation_date", "renumber", "units")),
    Format("tsv", (".tsv", ".tab"), "corpora.formats.tsv", True, True, "tab-separated pairs with a header",
           ("header", "units")),
    Format("jsonl", (".jsonl", ".ndjson"), "corpora.formats.jsonl", True, True, "one JSON object per unit",
           ("units",)),
    Format("xliff", (".xlf", ".xliff"), "corpora.formats.xliff", True, True, "XLIFF 1.2 (reads 2.0 too)",
           ("original",)),
    Format("xliff2", (".xlf2", ".xliff2"), "corpora.formats.xliff2", True, True, "XLIFF 2.0 (reads 1.2 too)"),
    Format("align", (".align",), "corpora.formats.beads", False, True, "vecalign/bertalign beads: [0,1]:[2]",
           ("scores",)),
    Format("csv", (".csv",), "corpora.formats.table", True, True, "two-column bilingual table", ("units",)),
    Format("xlsx", (".xlsx", ".xlsm"), "corpora.formats.xlsx", True, True,
           "bilingual spreadsheet (reads two-column sheets)", ("units",), binary=True),
    Format("docx", (".docx",), "corpora.formats.docx", True, True,
           "Word: a document, or a two-column bilingual table", ("units",), document="corpora.documents.docx:read",
           binary=True),
    Format("odt", (".odt",), "corpora.documents.odt", False, False, "OpenDocument text",
           document="corpora.documents.odt:read"),
    Format("pdf", (".pdf",), "corpora.documents.pdf", False, False, "PDF with a text layer",
           document="corpora.documents.pdf:read"),
    Format("html", (".html", ".htm", ".xhtml"), "corpora.documents.html", False, False, "web page",
           document="corpora.documents.html:read"),
    Format("epub", (".epub",), "corpora.documents.epub", False, False, "e-book",
           document="corpora.documents.epub:read"),
    Format("srt", (".srt",), "corpora.documents.subtitles", False, False, "SubRip subtitles",
           document="corpora.documents.subtitles:read_srt"),
    Format("vtt", (".vtt",), "corpora.documents.subtitles", False, False, "WebVTT subtitles",
           document="corpora.documents.subtitles:read_vtt"),
    Format("md", (".md", ".markdown"), "corpora.documents.markdown", False, False, "Markdown",
           document="corpora.documents.markdown:read"),
    Format("txt", (".txt", ".text"), "corpora.documents.plain", False, False, "plain text",
           document="corpora.documents.plain:read"),
)
_ALL_WRITE_OPTIONS = frozenset(o for f in FORMATS for o in f.write_options)


def _call(func: Callable[..., Any], *args: Any, **options: Any) -> Any:
    """``func(*args, ...)`` with the options its parameters name (a format takes what it uses)."""
    params = inspect.signature(func).parameters
    return func(*args, **{k: v for k, v in options.items() if k in params})


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


def output_format(path: str | os.PathLike[str] | None, fmt: str | None = None, default: str = "tsv",
                  fallback: bool = False) -> Format:
    """The writable format to write ``path`` in: ``fmt``, else the one its extension
    implies, else (no path or ``-``, or ``fallback`` and an extension naming none) ``default``.

    UnknownFormatError when the extension names no writable format; FormatError when
    ``fmt`` cannot be written.
    """
    if path is not None and str(path) == STDIO:
        path = None
    f = get_format(fmt) if fmt else format_for_path(path) if path is not None else get_format(default)
    if f is None or (not fmt and not f.writable):
        if not fallback:
            raise UnknownFormatError(str(path), writer_names())
        f = get_format(default)
    if not f.writable:
        raise FormatError(f"format {f.name!r} cannot be written")
    return f


def _write(f: Format, alignment: Alignment, out: TextIO, options: Mapping[str, Any], units: str) -> None:
    if units not in UNIT_LEVELS:
        raise FormatError(f"unknown unit level {units!r} (known: {', '.join(UNIT_LEVELS)})")
    module = f.load()
    if hasattr(module, "write"):
        _call(module.write, alignment, out, units=units, **options)  # the bead format takes no units: beads
    else:
        header = MemoryHeader(srclang=alignment.src_lang,
                              props=((UNITS_PROP, units_summary(alignment, units)),) if units == "sentence" else ())
        _call(module.write_units, units_from_alignment(alignment, level=units), out, header,
              **{"src_lang": alignment.src_lang, "tgt_lang": alignment.tgt_lang, "signature": alignment.signature,
                 **options})


def render_alignment(alignment: Alignment, fmt: str, units: str = "sentence", **options: Any) -> str:
    """The alignment written in format ``fmt``, as a string (``options``: the format's;
    ``units`` as for :func:`write_alignment`)."""
    f = get_format(fmt)
    if not f.writable:
        raise FormatError(f"format {f.name!r} cannot be written")
    f.check_options(options, ("src_lang", "tgt_lang"), f.write_options)
    buf = io.StringIO()
    _write(f, alignment, buf, options, units)
    return buf.getvalue()


def write_alignment(
    alignment: Alignment,
    path: str | os.PathLike[str] | None = None,
    fmt: str | None = None,
    stream: TextIO | None = None,
    units: str = "sentence",
    **options: Any,
) -> Format:
    """Write ``alignment`` to ``path`` atomically, or to ``stream`` (default stdout; also
    for ``path`` ``-``).

    The format is ``fmt``, else the one ``path``'s extension implies, else TSV;
    ``options`` are the format's (``src_lang``/``tgt_lang`` and its ``write_options``).
    ``units="sentence"`` (the default) writes the sentence-level units of
    :meth:`~corpora.model.Alignment.units` where the format has units (TMX, XLIFF,
    TSV, JSONL, the CSV/XLSX/DOCX tables); ``"bead"`` one unit per bead. The bead format is always bead-level.
    Returns the format used.
    """
    f = output_format(path, fmt, "tsv")
    f.check_options(options, ("src_lang", "tgt_lang"), f.write_options)
    if path is None or str(path) == STDIO:
        _write(f, alignment, _stream(f, stream), options, units)
    else:
        with atomic_write(path, "wb" if f.binary else "w") as out:
            _write(f, alignment, out, options, units)
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


def read_alignment(path: str | os.PathLike[str], fmt: str | None = None, src_lang: str | None = None,
                   tgt_lang: str | None = None, encoding: str | None = None) -> Alignment:
    """The plain text pairs of two languages of ``path`` (format from ``fmt`` or the
    extension; ``src_lang``/``tgt_lang`` choose the languages, else the file's)."""
    f = input_format(path, fmt)
    header, units = read_units(path, f.name, src_lang=src_lang, tgt_lang=tgt_lang, encoding=encoding)
    signature = next((v for k, v in header.props if k == SIGNATURE_PROP), "")
    return alignment_from_units(units, header, src_lang, tgt_lang, STDIN_NAME if is_stdin(path) else str(path),
                                signature, tuid_numbers=f.name == "tmx")


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
    """The readable format ``fmt``, else the one ``path``'s extension implies, else the
    one its content shows (:func:`corpora.formats.sniff.sniff_format`)."""
    if fmt:
        f = get_format(fmt)
    elif is_stdin(path):
        shown = sniff_pairs(stdin_bytes())
        if shown is None:
            raise FormatError(f"{STDIN_NAME}: cannot tell the format of standard input; give it "
                              f"({', '.join(reader_names())})")
        f = get_format(shown)
    else:
        f = format_for_path(path)
        if f is None or not f.readable:
            from .sniff import sniff_format

            sniffed = sniff_format(path)
            f = get_format(sniffed) if sniffed else f
        if f is None:
            raise UnknownFormatError(str(path), reader_names(), "input")
    if not f.readable:
        raise FormatError(f"format {f.name!r} cannot be read")
    return f


def read_units(
    path: str | os.PathLike[str], fmt: str | None = None, **options: Any
) -> tuple[MemoryHeader, Iterator[TranslationUnit]]:
    """The header of ``path`` and an iterator streaming its translation units.

    ``options``: those of :data:`READ_OPTIONS`. The iterator raises FormatError at
    its end when the file held no unit at all, unless it is a valid empty document
    (a TMX with an empty ``<body>``, an XLIFF ``<file>`` without units).
    """
    f = input_format(path, fmt)
    f.check_options(options, READ_OPTIONS)
    module = f.load()
    name = path
    if is_stdin(path):  # readers take a path: a temporary copy of standard input, named <stdin> in errors
        path = stdin_path(f.extensions[0])
    try:
        header = _call(module.read_header, path, **options) if hasattr(module, "read_header") else MemoryHeader(
            srclang=options.get("src_lang") or "")
    except DuiqiError as e:
        raise _renamed(e, path, name) from None
    return header, _nonempty(_call(module.iter_units, path, **options), path, getattr(module, "CONTAINER", None),
                             options.get("encoding"), name)


def _renamed(error: DuiqiError, path, name) -> DuiqiError:
    """The error with the temporary copy of standard input named ``<stdin>``."""
    if str(path) == str(name):
        return error
    return type(error)(str(error).replace(str(path), STDIN_NAME))


def _nonempty(units: Iterator[TranslationUnit], path, container: tuple[str, str, str] | None,
              encoding: str | None, name=None) -> Iterator[TranslationUnit]:
    """The units; FormatError at the end when there was none, unless the file is a valid
    empty document (its ``container`` element, e.g. a TMX ``<body>``, is there)."""
    name = path if name is None else name
    empty = True
    try:
        for unit in units:
            empty = False
            yield unit
    except DuiqiError as e:
        raise _renamed(e, path, name) from None
    if empty:
        from ..xmlsafe import has_element

        if container is not None and has_element(path, container[0], container[1], container[2], encoding):
            return
        raise FormatError(f"{STDIN_NAME if is_stdin(name) else path}: no translation units found")


def write_units(
    units: Iterable[TranslationUnit],
    path: str | os.PathLike[str] | None = None,
    fmt: str | None = None,
    header: MemoryHeader = MemoryHeader(),
    stream: TextIO | None = None,
    **options: Any,
) -> int:
    """Write units to ``path`` atomically (or to ``stream``) in format ``fmt`` (else
    from the extension); return how many units or rows were written.

    ``options``: those of :data:`WRITE_OPTIONS` and the format's ``write_options``.
    A format without a unit writer (the bead format) gets the units' plain text
    pairs as an alignment.
    """
    f = output_format(path, fmt, "tmx")
    f.check_options(options, WRITE_OPTIONS, f.write_options)
    module = f.load()

    def emit(out: TextIO) -> int:
        if hasattr(module, "write_units"):
            return _call(module.write_units, units, out, header, **options)
        alignment = alignment_from_units(units, header, options.get("src_lang"), options.get("tgt_lang"))
        _call(module.write, alignment, out, **options)
        return len(alignment.beads)

    if path is None or str(path) == STDIO:
        return emit(_stream(f, stream))
    with atomic_write(path, "wb" if f.binary else "w") as out:
        return emit(out)
