"""Word documents (.docx): paragraphs, headings, list items, table cells, footnotes.

Read with lxml straight from the package's WordprocessingML. Tracked changes are
taken as accepted (``w:ins`` kept, ``w:del`` and moved-away text dropped, a deleted
paragraph mark joins two paragraphs); hidden text (``w:vanish``), field codes and
the results of page, date and table-of-contents fields are left out.
"""

from __future__ import annotations

from typing import Iterator

from .model import Block, Document
from .package import open_package, package_xml
from .text import clean_block

__all__ = ["read", "W", "body_items", "paragraph_text"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DROPPED_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES", "DATE", "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE",
                   "TOC", "FILENAME", "AUTHOR", "USERNAME", "LASTSAVEDBY", "EDITTIME", "NUMWORDS", "NUMCHARS",
                   "TITLE", "SUBJECT", "DOCPROPERTY", "SEQ", "INDEX", "TOA", "PAGEREF"}
_SKIPPED = {W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "footnoteReference",
            W + "endnoteReference", W + "commentReference", W + "rPr", W + "pPr", W + "delInstrText",
            _MC + "Fallback", W + "sectPr", W + "fldData"}


def _on(el) -> bool:
    """A WordprocessingML toggle (``<w:vanish/>``, ``w:val="0"`` turns it off)."""
    return el is not None and el.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


class _Fields:
    """The state of complex fields (``w:fldChar``) across the runs of a paragraph."""

    def __init__(self) -> None:
        self.stack: list[list] = []  # [instruction, in_result]

    def char(self, el) -> None:
        kind = el.get(W + "fldCharType")
        if kind == "begin":
            self.stack.append(["", False])
        elif kind == "separate" and self.stack:
            self.stack[-1][1] = True
        elif kind == "end" and self.stack:
            self.stack.pop()

    def instr(self, text: str) -> None:
        if self.stack:
            self.stack[-1][0] += text

    @property
    def hiding(self) -> bool:
        for instruction, in_result in self.stack:
            if not in_result:
                return True  # between begin and separate: the field code
            words = instruction.split()
            if words and words[0].upper() in _DROPPED_FIELDS:
                return True
        return False


def paragraph_text(p, fields: _Fields | None = None, raw: bool = False) -> str:
    """The visible text of a ``w:p`` with tracked changes accepted; white space
    collapsed unless ``raw`` (a table cell read as a segment: tabs and breaks kept)."""
    fields = fields or _Fields()
    parts: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "instrText":
                fields.instr(child.text or "")
                continue
            if tag in _SKIPPED:
                continue
            if tag == W + "r":
                if _on(child.find(f"{W}rPr/{W}vanish")):
                    continue
                walk(child)
            elif tag == W + "fldChar":
                fields.char(child)
            elif tag == W + "fldSimple":
                words = (child.get(W + "instr") or "").split()
                if not (words and words[0].upper() in _DROPPED_FIELDS):
                    walk(child)
            elif fields.hiding:
                continue
            elif tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t" if raw else " ")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                char = child.get(W + "char", "")
                try:
                    parts.append(chr(int(char, 16)) if char else "")
                except ValueError:
                    pass
            else:
                walk(child)

    walk(p)
    return "".join(parts) if raw else clean_block("".join(parts))


def _kind(p, styles: dict[str, str]) -> str:
    ppr = p.find(W + "pPr")
    if ppr is None:
        return "paragraph"
    style = ppr.find(W + "pStyle")
    sid = style.get(W + "val", "") if style is not None else ""
    name = styles.get(sid, sid).lower().replace(" ", "")
    if ppr.find(W + "outlineLvl") is not None or name.startswith(("heading", "title", "subtitle")):
        return "heading"
    if ppr.find(W + "numPr") is not None or name.startswith("list"):
        return "item"
    return "paragraph"


def _mark_deleted(p) -> bool:
    return p.find(f"{W}pPr/{W}rPr/{W}del") is not None


def _hidden_paragraph(p) -> bool:
    return _on(p.find(f"{W}pPr/{W}rPr/{W}vanish")) and not paragraph_text(p)


def body_items(container, styles: dict[str, str], in_cell: bool = False) -> Iterator[tuple[str, str, bool]]:
    """(kind, text, mark_deleted) of every paragraph of a body, table cells included."""
    for el in container:
        tag = el.tag
        if tag == W + "p":
            if _hidden_paragraph(el):
                continue
            kind = "cell" if in_cell else _kind(el, styles)
            yield kind, paragraph_text(el), _mark_deleted(el)
        elif tag == W + "tbl":
            for row in el.iter(W + "tr"):
                for cell in row.findall(W + "tc"):
                    yield from body_items(cell, styles, True)
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
            yield from body_items(el, styles, in_cell)


def _blocks(items: Iterator[tuple[str, str, bool]]) -> list[Block]:
    blocks: list[Block] = []
    carry: tuple[str, str] | None = None
    for kind, text, deleted in items:
        if carry is not None:
            kind, text = carry[0], clean_block(carry[1] + "\n" + text) if text else carry[1]
            carry = None
        if deleted:
            carry = (kind, text)
            continue
        if text:
            blocks.append(Block(text, kind))
    if carry is not None and carry[1]:
        blocks.append(Block(carry[1], carry[0]))
    return blocks


def _styles(zf, name: str) -> dict[str, str]:
    root = package_xml(zf, "word/styles.xml", name, required=False)
    if root is None:
        return {}
    return {s.get(W + "styleId", ""): (s.find(W + "name").get(W + "val", "") if s.find(W + "name") is not None else "")
            for s in root.iter(W + "style")}


def _notes(zf, part: str, tag: str, name: str) -> list[Block]:
    root = package_xml(zf, part, name, required=False)
    if root is None:
        return []
    blocks = []
    for note in root.iter(W + tag):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        for p in note.iter(W + "p"):
            text = paragraph_text(p)
            if text:
                blocks.append(Block(text, "footnote"))
    return blocks


def read(data: bytes, name: str) -> Document:
    """The blocks of a DOCX file: body in order, then footnotes and endnotes."""
    zf = open_package(data, name, "DOCX")
    root = package_xml(zf, "word/document.xml", name)
    body = root.find(W + "body")
    if body is None:
        return Document("docx")
    blocks = _blocks(body_items(body, _styles(zf, name)))
    blocks += _notes(zf, "word/footnotes.xml", "footnote", name)
    blocks += _notes(zf, "word/endnotes.xml", "endnote", name)
    return Document("docx", tuple(blocks))
