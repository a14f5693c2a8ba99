"""OpenDocument text (.odt): paragraphs, headings, list items, table cells, notes.

Read with lxml from ``content.xml``. Tracked changes are taken as accepted (the
deleted text kept in ``text:tracked-changes`` is left out, inserted text is in
the body already); hidden text and paragraphs, page-number, date and other
fields are left out. Footnotes follow the body.
"""

from __future__ import annotations

from .model import Block, Document
from .package import open_package, package_xml
from .text import clean_block

__all__ = ["read"]

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_SKIPPED = {TEXT + t for t in (
    "tracked-changes", "note-citation", "page-number", "page-count", "date", "time", "sequence",
    "chapter", "file-name", "author-name", "author-initials", "word-count", "character-count",
    "sequence-ref", "bookmark-ref", "table-of-content", "alphabetical-index", "illustration-index",
    "hidden-text", "hidden-paragraph", "conditional-text", "variable-decl", "user-field-decls",
    "sequence-decls", "soft-page-break")} | {OFFICE + "annotation", OFFICE + "annotation-end"}
_BLOCKS = {TEXT + "p": "paragraph", TEXT + "h": "heading"}


def _inline(el, parts: list[str], notes: list[str]) -> None:
    """The text of a paragraph's content; notes collected apart."""
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIPPED:
            if tag == TEXT + "s":
                parts.append(" " * int(child.get(TEXT + "c", "1") or 1))
            elif tag == TEXT + "tab":
                parts.append(" ")
            elif tag == TEXT + "line-break":
                parts.append("\n")
            elif tag == TEXT + "note":
                body = child.find(TEXT + "note-body")
                if body is not None:
                    for p in body.iter(TEXT + "p"):
                        sub: list[str] = [p.text or ""]
                        _inline(p, sub, notes)
                        notes.append(clean_block("".join(sub)))
            else:
                parts.append(child.text or "")
                _inline(child, parts, notes)
        if child.tail:
            parts.append(child.tail)


def _walk(el, kind: str | None, blocks: list[Block], notes: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag in _BLOCKS:
            if child.get(TEXT + "is-hidden") == "true":
                continue
            parts = [child.text or ""]
            _inline(child, parts, notes)
            text = clean_block("".join(parts))
            if text:
                blocks.append(Block(text, kind or _BLOCKS[tag]))
        elif tag == TEXT + "list-item" or tag == TEXT + "list-header":
            _walk(child, "item" if kind is None else kind, blocks, notes)
        elif tag == TABLE + "table-cell":
            _walk(child, "cell", blocks, notes)
        elif tag == TEXT + "section" and child.get(TEXT + "display") == "none":
            continue
        else:
            _walk(child, kind, blocks, notes)


def read(data: bytes, name: str) -> Document:
    """The blocks of an ODT file: body in order, then its notes."""
    zf = open_package(data, name, "ODT")
    root = package_xml(zf, "content.xml", name)
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        return Document("odt")
    blocks: list[Block] = []
    notes: list[str] = []
    _walk(body, None, blocks, notes)
    return Document("odt", tuple(blocks) + tuple(Block(n, "footnote") for n in notes if n))
