"""Telling a document's format from its first bytes when the name does not tell it."""

from __future__ import annotations

import io
import re
import zipfile

__all__ = ["sniff"]

_SRT = re.compile(rb"^\s*\d+\s*\r?\n\s*(\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->")
_HTML = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]", re.I | re.S)
_ZIP_MIMETYPES = {b"application/vnd.oasis.opendocument.text": "odt", b"application/epub+zip": "epub"}


def _zip_kind(data: bytes) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names:
        mime = zipfile.ZipFile(io.BytesIO(data)).read("mimetype").strip()
        return _ZIP_MIMETYPES.get(mime)
    if "META-INF/container.xml" in names:
        return "epub"
    return None


def sniff(data: bytes) -> str | None:
    """The format name the content of ``data`` shows (pdf, docx, odt, epub, xlsx,
    html, srt, vtt), or None for anything else (plain text)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and head[:1] != b"<"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.lstrip().startswith(b"WEBVTT"):
        return "vtt"
    if _SRT.match(head):
        return "srt"
    if _HTML.match(head):
        return "html"
    return None
