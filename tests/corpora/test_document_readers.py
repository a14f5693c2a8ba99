"""Document readers on small documents built here: what is kept, what is left out."""

from __future__ import annotations

import io
import zipfile

import pytest

from corpora import FormatError, InputError
from corpora.documents import document_format, read_document, sniff

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str, footnotes: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f'<w:document {W_NS}><w:body>{body}</w:body></w:document>')
        if footnotes:
            zf.writestr("word/footnotes.xml", f"<w:footnotes {W_NS}>{footnotes}</w:footnotes>")
    return buf.getvalue()


def _p(*runs: str, style: str = "", extra: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>' if style or extra else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def _r(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def test_docx_tracked_changes_accepted_hidden_text_and_fields_left_out(tmp_path):
    body = (
        _p(_r("Annual report"), style="Heading1")
        + _p(_r("The Lab "), f'<w:ins w:id="1" w:author="a">{_r("quickly ")}</w:ins>',
             f'<w:del w:id="2" w:author="a"><w:r><w:delText>slowly </w:delText></w:r></w:del>', _r("grew."),
             _r(" SECRET", "<w:vanish/>"), '<w:r><w:footnoteReference w:id="1"/></w:r>')
        + _p(_r("Page "), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
             '<w:r><w:instrText> PAGE </w:instrText></w:r>', '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
             _r("7"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>', _r(" ends."))
        + _p(_r("See "), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
             '<w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r>',
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', _r("the site"),
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>', _r("."))
        + _p(_r("First item."), extra='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
        + "<w:tbl><w:tr><w:tc>" + _p(_r("左格")) + "</w:tc><w:tc>" + _p(_r("右格")) + "</w:tc></w:tr></w:tbl>"
        + _p(_r("Half a "), extra='<w:rPr><w:del w:id="3" w:author="a"/></w:rPr>') + _p(_r("paragraph."))
    )
    notes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             f'<w:footnote w:id="1">{_p(_r("A footnote."))}</w:footnote>')
    path = tmp_path / "a.docx"
    path.write_bytes(_docx(body, notes))
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Annual report"),
        ("paragraph", "The Lab quickly grew."),
        ("paragraph", "Page ends."),
        ("paragraph", "See the site."),
        ("item", "First item."),
        ("cell", "左格"),
        ("cell", "右格"),
        ("paragraph", "Half a paragraph."),
        ("footnote", "A footnote."),
    ]
    assert doc.text.split("\n\n")[1] == "The Lab quickly grew."


def _odt(body: str) -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", f'<office:document-content {ns}><office:body><office:text>{body}'
                                   "</office:text></office:body></office:document-content>")
    return buf.getvalue()


def test_odt_changes_notes_fields_lists_tables(tmp_path):
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        "<text:p>gone text</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">标题</text:h>'
        "<text:p>第一句<text:change text:change-id=\"c1\"/>。<text:note text:note-class=\"footnote\">"
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>脚注。</text:p></text:note-body>"
        "</text:note></text:p>"
        "<text:p>Page <text:page-number>3</text:page-number> of<text:s/>the report.</text:p>"
        "<text:list><text:list-item><text:p>An item.</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>Cell.</text:p></table:table-cell>"
        "</table:table-row></table:table>"
        '<text:p>Visible.<text:hidden-text text:is-hidden="true" text:string-value="x">hidden</text:hidden-text></text:p>'
    )
    path = tmp_path / "a.odt"
    path.write_bytes(_odt(body))
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "标题"), ("paragraph", "第一句。"), ("paragraph", "Page of the report."),
        ("item", "An item."), ("cell", "Cell."), ("paragraph", "Visible."), ("footnote", "脚注。"),
    ]


def test_html_boilerplate_dropped_breaks_and_entities(tmp_path):
    page = """<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>
    <script>var x = "不要";</script></head><body>
    <header><nav><a href="/">首页</a> | <a href="/en">English</a></nav></header>
    <div class="content"><h1>之江实验室</h1><p>第一段&nbsp;文字，&ldquo;引号&rdquo;。</p>
    <p>第一行<br>第二行</p><aside>相关新闻</aside><ul><li>一项。</li></ul>
    <div style="display:none">隐藏</div></div>
    <footer>版权所有 © 2020</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == ["之江实验室", "第一段 文字，“引号”。", "第一行", "第二行", "一项。"]
    assert doc.blocks[0].kind == "heading" and doc.blocks[-1].kind == "item"


def test_html_single_main_only(tmp_path):
    page = ("<html><body><div>Site menu</div><main><header><h1>Title.</h1></header><p>Body.</p></main>"
            "<div>Related links</div></body></html>")
    path = tmp_path / "p.htm"
    path.write_text(page, encoding="utf-8")
    assert [b.text for b in read_document(path).blocks] == ["Title.", "Body."]


def test_srt_and_vtt_cues_with_timecodes(tmp_path):
    srt = tmp_path / "a.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,500\n<i>你好，</i>\n世界。\n\n"
                   "2\n00:00:03,000 --> 00:00:04,000\n{\\an8}再见。\n", encoding="utf-8")
    doc = read_document(srt)
    assert doc.segmented and [b.text for b in doc.blocks] == ["你好，世界。", "再见。"]
    assert dict(doc.blocks[0].props) == {"x-start": "00:00:01,000", "x-end": "00:00:02,500"}
    assert doc.text == "你好，世界。\n再见。\n"
    vtt = tmp_path / "a.vtt"
    vtt.write_text("WEBVTT\n\nNOTE a comment\n\nintro\n00:01.000 --> 00:02.000 align:start\n"
                   "<v Roger>Hello &amp; welcome.</v>\n\n00:03.000 --> 00:04.000\nBye.\n", encoding="utf-8")
    doc = read_document(vtt)
    assert [b.text for b in doc.blocks] == ["Hello & welcome.", "Bye."]
    assert dict(doc.blocks[1].props)["x-start"] == "00:03.000"


def test_markdown_markup_removed(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("---\ntitle: x\n---\n\n# 标题\n\n这是**加粗**和[链接](http://a)的\n一段。\n\n"
                  "- 第一项\n- 第二项\n\n```\ncode\n```\n", encoding="utf-8")
    assert [b.text for b in read_document(md).blocks] == ["标题", "这是加粗和链接的一段。", "第一项", "第二项",
                                                           "code"]


def test_format_from_content_when_the_name_does_not_tell(tmp_path):
    page = b"<!doctype html><html><body><p>Hello there.</p></body></html>"
    path = tmp_path / "download"
    path.write_bytes(page)
    assert sniff(page) == "html"
    assert document_format(path, page) == "html"
    assert read_document(path).text == "Hello there.\n"
    wrong = tmp_path / "report.txt"
    wrong.write_bytes(_docx(_p(_r("Word inside."))))
    assert read_document(wrong).fmt == "docx"


def test_plain_text_kept_exactly(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("第一段。\n\n第二段。\n", encoding="utf-8")
    assert read_document(path).text == "第一段。\n\n第二段。\n"


@pytest.mark.parametrize("name, data, message", [
    ("a.docx", b"PK\x03\x04broken", "not a valid DOCX"),
    ("a.pdf", b"%PDF-1.4\nnot really", "PDF"),
    ("a.srt", b"no cues here\n", "no subtitle cues"),
    ("a.epub", b"PK\x03\x04", "EPUB"),
])
def test_broken_documents_are_one_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises((FormatError, InputError), match=message):
        read_document(path)


def test_docx_entities_refused(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
            f'<w:document {W_NS}><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", bomb)
    path = tmp_path / "bomb.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(FormatError, match="entities"):
        read_document(path)


def _image_only_pdf() -> bytes:
    """A one-page PDF whose page is a picture (a scan): an image, no text."""
    image = bytes(range(256)) * 4
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length 31 >>\nstream\nq 500 0 0 700 50 50 cm /Im1 Do Q\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length %d >>\nstream\n" % len(image) + image + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_scanned_pdf_suggests_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_only_pdf())
    with pytest.raises(FormatError, match="no text layer.*OCR"):
        read_document(path)


def test_html_menus_and_footers_without_semantic_tags(tmp_path):
    page = """<html><body><div id="top-menu"><ul><li><a href="/">首页</a></li><li><a href="/x">新闻中心</a>
    </li></ul></div><div class="links"><a href="/a">关于我们</a> <a href="/b">联系我们</a></div>
    <div class="text"><p>正文第一段，有一个<a href="/c">链接</a>。</p><p>第二段。</p></div>
    <div class="site-footer">版权所有</div></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert [b.text for b in read_document(path).blocks] == ["正文第一段，有一个链接。", "第二段。"]
