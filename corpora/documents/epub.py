"""E-books (.epub): the chapters' XHTML in spine order, each read as a web page."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

import lxml.html

from ..errors import FormatError
from .html import read_tree
from .model import Block, Document
from .package import MAX_MEMBER, open_package, package_xml

__all__ = ["read"]

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"


def _chapter(zf, member: str, name: str) -> list[Block]:
    try:
        info = zf.getinfo(member)
    except KeyError:
        raise FormatError(f"{name}: the spine names {member}, which is missing") from None
    if info.file_size > MAX_MEMBER:
        raise FormatError(f"{name}: {member} unpacks to {info.file_size:,} bytes; refused")
    data = zf.read(info)
    if not data.strip():
        return []
    try:
        root = lxml.html.document_fromstring(data)
    except Exception as e:  # lxml raises several types on broken markup
        raise FormatError(f"{name}: cannot parse {member} ({e})") from None
    return read_tree(root)


def read(data: bytes, name: str) -> Document:
    """The text of an EPUB's chapters in reading (spine) order; navigation
    documents and items marked ``linear="no"`` are left out."""
    zf = open_package(data, name, "EPUB")
    container = package_xml(zf, "META-INF/container.xml", name)
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    if rootfile is None or not rootfile.get("full-path"):
        raise FormatError(f"{name}: META-INF/container.xml names no package document")
    opf_path = rootfile.get("full-path")
    opf = package_xml(zf, opf_path, name)
    base = posixpath.dirname(opf_path)
    manifest = {item.get("id"): item for item in opf.iter(_OPF + "item")}
    blocks: list[Block] = []
    for ref in opf.iter(_OPF + "itemref"):
        if ref.get("linear") == "no":
            continue
        item = manifest.get(ref.get("idref"))
        if item is None or "nav" in (item.get("properties") or "").split():
            continue
        if "html" not in (item.get("media-type") or ""):
            continue
        member = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
        blocks += _chapter(zf, member, name)
    return Document("epub", tuple(blocks))
