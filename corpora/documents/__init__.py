"""Document readers: one language's text from Word, OpenDocument, PDF, HTML, EPUB,
subtitle, Markdown and plain text files, for the aligner.

Each family has its own module; the formats are entries of the registry in
:mod:`corpora.formats` (their ``document`` reader). The format comes from the
name's extension, else from the content (PDF, zip packages, HTML, SRT, WebVTT),
else the file is plain text. Document structure becomes paragraphs (one block a
paragraph, a blank line between), the marks the segmenter keeps; subtitle cues
are segments already (:attr:`Document.segmented`).
"""

from __future__ import annotations

import importlib
import os

from ..errors import FormatError, InputError
from ..safeio import read_bytes
from ..stdin import stdin_bytes
from .model import Block, Document
from .sniff import sniff

__all__ = ["Block", "Document", "read_document", "read_input", "document_format", "sniff", "STDIN"]

STDIN = "-"


def read_input(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file (at most :data:`~corpora.safeio.MAX_INPUT_BYTES`), or of
    standard input when ``path`` is ``-``."""
    data = stdin_bytes() if str(path) == STDIN else read_bytes(path)
    if not data:
        raise InputError(f"{_name(path)}: file is empty")
    return data


def _name(path) -> str:
    return "<stdin>" if str(path) == STDIN else str(path)


def document_format(path: str | os.PathLike[str], data: bytes, fmt: str | None = None) -> str:
    """The document format of a file: ``fmt``, else the content's for a format the
    content shows, else the extension's, else plain text."""
    from ..formats import format_for_path, get_format

    if fmt:
        f = get_format(fmt)
        if not f.document:
            raise FormatError(f"format {f.name!r} is not a document format")
        return f.name
    shown = sniff(data)
    by_name = format_for_path(path) if str(path) != STDIN else None
    if by_name is not None and by_name.document and by_name.name not in ("txt",):
        if shown is None or shown == by_name.name or by_name.name == "md":
            return by_name.name
    if shown is not None:
        return shown
    return "txt"  # any other name (.tsv, .tmx too) is read as plain text, as it always was


def read_document(path: str | os.PathLike[str], fmt: str | None = None, encoding: str | None = None,
                  data: bytes | None = None) -> Document:
    """Read one language's text from a document (``-`` is standard input)."""
    from ..formats import get_format

    if data is None:
        data = read_input(path)
    name = _name(path)
    fmt_name = document_format(path, data, fmt)
    if fmt_name == "xlsx":
        raise FormatError(f"{name}: a spreadsheet holds pairs, not one language's text; "
                          "use 'duiqi convert' or --pairs")
    module_name, func = get_format(fmt_name).document.split(":")
    reader = getattr(importlib.import_module(module_name), func)
    if fmt_name == "txt":
        return reader(data, name, encoding)
    doc = reader(data, name)
    if not any(b.text for b in doc.blocks):
        raise InputError(f"{name}: the {fmt_name} document has no text")
    return doc
