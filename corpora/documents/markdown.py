"""Markdown (.md): rendered by markdown-it-py, then read as a web page, so the
markup (emphasis, links, headings, lists, code fences) is gone and each block
is a paragraph."""

from __future__ import annotations

import re

import lxml.html

from ..errors import FormatError
from ..textio import decode_bytes
from .html import read_tree
from .model import Document

__all__ = ["read"]

# YAML front matter (pandoc's title block, Jekyll's metadata) is not text
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def read(data: bytes, name: str) -> Document:
    """The paragraphs of a Markdown file without their markup."""
    from markdown_it import MarkdownIt

    source = _FRONT_MATTER.sub("", decode_bytes(data, name), count=1)
    html = MarkdownIt("commonmark", {"typographer": True}).enable("table").enable("strikethrough").enable("smartquotes").render(source)
    if not html.strip():
        raise FormatError(f"{name}: no text")
    root = lxml.html.document_fromstring(f"<html><body>{html}</body></html>")
    return Document("md", tuple(read_tree(root)))
