"""Word bilingual tables (.docx, 中英对照): a two-column table, source and target.

Writing makes a minimal WordprocessingML package by hand: a header row naming the
languages, one unit a row; when some rows are sentence units derived from a bead
(cut from it, or joining two), a narrow third column ``type`` says which
(``1-1 part 1/2``), so that reading the table back leaves them out. Reading takes every table of two (or more) columns in
the document, in order, as a bilingual table (see :mod:`corpora.formats.table`);
a document without such a table is an error (align it as a document instead).
"""

from __future__ import annotations

import os
import zipfile
from typing import BinaryIO, Iterable, Iterator

from ..errors import FormatError
from ..model import Alignment
from ..units import MemoryHeader, TranslationUnit
from .table import alignment_rows, derived_kind, low_confidence, table_units, unit_rows

__all__ = ["write", "write_units", "iter_units", "table_rows"]

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _xml(text: str) -> str:
    from ..xmlsafe import xml_text
    from .tmx import strip_illegal_xml

    return xml_text(strip_illegal_xml(text, "a table cell"))


def _cell(text: str, bold: bool = False, shade: bool = False, width: int = 4680) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    tcpr = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>' + (
        '<w:shd w:val="clear" w:color="auto" w:fill="F4CCCC"/>' if shade else "") + "</w:tcPr>"
    return f'<w:tc>{tcpr}<w:p><w:r>{rpr}<w:t xml:space="preserve">{_xml(text)}</w:t></w:r></w:p></w:tc>'


def _save(rows: Iterable[tuple[str, str, float | None, str]], out: BinaryIO, src_lang: str, tgt_lang: str) -> int:
    rows = list(rows)
    typed = any(derived_kind(kind) for _, _, _, kind in rows)
    width = 4080 if typed else 4680
    head = _cell("type", True, width=1200) if typed else ""
    body = [f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{_cell(src_lang, True, width=width)}'
            f'{_cell(tgt_lang, True, width=width)}{head}</w:tr>']
    count = 0
    for src, tgt, score, kind in rows:
        low = low_confidence(score, kind)
        extra = _cell(kind, shade=low, width=1200) if typed else ""
        body.append(f"<w:tr>{_cell(src, shade=low, width=width)}{_cell(tgt, shade=low, width=width)}{extra}</w:tr>")
        count += 1
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_W}><w:body>'
                f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
                f'</w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/><w:gridCol w:w="{width}"/>'
                + ('<w:gridCol w:w="1200"/>' if typed else "") + "</w:tblGrid>" + "".join(body) + '</w:tbl><w:p/></w:body></w:document>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document)
    return count


def write(alignment: Alignment, out: BinaryIO, units: str = "sentence") -> None:
    """Write a two-column table, one unit a row (``units="bead"``: one bead a row)."""
    _save(alignment_rows(alignment, units), out, alignment.src_lang, alignment.tgt_lang)


def write_units(units: Iterable[TranslationUnit], out: BinaryIO, header: MemoryHeader = MemoryHeader(),
                src_lang: str | None = None, tgt_lang: str | None = None) -> int:
    """Write the plain text pair of each unit, one a row; return the row count."""
    rows, slang, tlang = unit_rows(units, header, src_lang, tgt_lang)
    return _save(rows, out, slang, tlang)


def table_rows(data: bytes, name: str) -> list[list[str]]:
    """The rows (cell texts) of every table of two or more columns of a DOCX file."""
    from ..documents.docx import W, paragraph_text
    from ..documents.package import open_package, package_xml

    root = package_xml(open_package(data, name, "DOCX"), "word/document.xml", name)
    rows: list[list[str]] = []
    for table in root.iter(W + "tbl"):
        if any(a.tag == W + "tbl" for a in table.iterancestors()):
            continue  # nested tables are part of a cell
        own = [tr for tr in table.iter(W + "tr") if next(tr.iterancestors(W + "tbl")) is table]
        cells = [["\n".join(paragraph_text(p, raw=True) for p in tc.iter(W + "p")) for tc in tr.findall(W + "tc")]
                 for tr in own]
        if cells and max(len(r) for r in cells) >= 2:
            rows += cells
    return rows


def iter_units(path: str | os.PathLike[str], src_lang: str | None = None,
               tgt_lang: str | None = None) -> Iterator[TranslationUnit]:
    """Units of a DOCX file's bilingual (two-column) tables."""
    from ..documents import read_input

    rows = table_rows(read_input(path), str(path))
    if not rows:
        raise FormatError(f"{path}: no two-column table in the document; a document in one language "
                          "is aligned with 'duiqi align', not read as pairs")
    yield from table_units(rows, str(path), src_lang, tgt_lang)
