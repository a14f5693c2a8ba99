"""Telling a file's format from its content, for names whose extension says nothing
(``cs.xliff2``, ``memory.xml``, ``pairs.txt``).

Only the first few KiB are read. XML is named by its root element (``<tmx>``;
``<xliff version="2.0">`` is XLIFF 2.0, other ``<xliff>`` 1.2), a first line that
is a JSON object means JSON Lines, a tab in the first line a TSV.
"""

from __future__ import annotations

import os
import re

__all__ = ["sniff_format"]

_HEAD_BYTES = 8192
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)([^>]*)>", re.S)
_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I)


def _head_text(path: str | os.PathLike[str]) -> str:
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError:
        return ""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="ignore")
    if head[:1] == b"<" and head[1:2] == b"\x00":
        return head.decode("utf-16-le", errors="ignore")
    if head[:1] == b"\x00" and head[1:2] == b"<":
        return head.decode("utf-16-be", errors="ignore")
    return head.decode("utf-8", errors="ignore")


def sniff_format(path: str | os.PathLike[str]) -> str | None:
    """The name of the format ``path``'s content looks like (``tmx``, ``xliff``,
    ``xliff2``, ``jsonl``, ``tsv``), or None."""
    text = _head_text(path).lstrip()
    if text.startswith("<"):
        pos = 0
        while True:
            m = _SKIP.match(text, pos)
            if not m or m.end() == pos:
                break
            pos = m.end()
        root = _ROOT.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
        if root is None:
            return None
        name, attrs = root.group(2).lower(), root.group(3)
        if name == "tmx":
            return "tmx"
        if name == "xliff":
            return "xliff2" if re.search(r"""\bversion\s*=\s*["']2""", attrs) else "xliff"
        return None
    first = text.split("\n", 1)[0]
    if first.startswith("{"):
        return "jsonl"
    if "\t" in first:
        return "tsv"
    return None
