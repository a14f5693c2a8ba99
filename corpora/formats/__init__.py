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

from ..errors import FormatError
from ..model import Alignment
from ..textio import atomic_write
from ..units import (
    SIGNATURE_PROP, UNITS_PROP, MemoryHeader, TranslationUnit, alignment_from_units, units_from_alignment, units_summary,
)

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
        level = options.get("units", "sentence")
        header = MemoryHeader(srclang=alignment.src_lang, props=((UNITS_PROP, units_summary(alignment, level)),))
        module.write_units(units_from_alignment(alignment, level=level), out, header, src_lang=alignment.src_lang,
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
    ``units="sentence"`` (the default) writes the sentence-level units of
    :meth:`~corpora.model.Alignment.units` where the format has units (TMX, XLIFF,
    TSV, JSONL); ``"bead"`` one unit per bead. The bead format is always bead-level.
    Returns the format used.
    """
    f = _resolve(fmt, path, "tsv")
    if not f.writable:
        raise FormatError(f"format {f.name!r} cannot be written")
    module = f.load()
    if path is None:
        _write(module, alignment, stream if stream is not None else sys.stdout, **options)
    else:
        with atomic_write(path) as out:
            _write(module, alignment, out, **options)
    return f


def read_alignment(path: str | os.PathLike[str], fmt: str | None = None, **options) -> Alignment:
    """The plain text pairs of two languages of ``path`` (format from ``fmt`` or the
    extension; ``src_lang``/``tgt_lang`` choose the languages, else the file's)."""
    f = _resolve(fmt, path, "tsv")
    if not f.readable:
        raise FormatError(f"format {f.name!r} cannot be read as pairs")
    header, units = read_units(path, f.name, **options)
    signature = next((v for k, v in header.props if k == SIGNATURE_PROP), "")
    return alignment_from_units(units, header, options.get("src_lang"), options.get("tgt_lang"), str(path),
                                signature)


def input_format(path: str | os.PathLike[str], fmt: str | None = None) -> Format:
    """The readable format ``fmt``, else the one ``path``'s extension implies."""
    if fmt:
        f = get_format(fmt)
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
    module = input_format(path, fmt).load()
    header = module.read_header(path, **options) if hasattr(module, "read_header") else MemoryHeader(
        srclang=options.get("src_lang") or "")
    return header, _nonempty(module.iter_units(path, **options), path)


def _nonempty(units: Iterator[TranslationUnit], path) -> Iterator[TranslationUnit]:
    empty = True
    for unit in units:
        empty = False
        yield unit
    if empty:
        raise FormatError(f"{path}: no translation units found")


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
        return emit(stream if stream is not None else sys.stdout)
    with atomic_write(path) as out:
        return emit(out)
