"""Zip packages (DOCX, ODT, EPUB, XLSX) and the XML inside them, read safely."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..errors import FormatError

__all__ = ["open_package", "package_xml", "parse_xml", "MAX_MEMBER"]

MAX_MEMBER = 256 * 1024 * 1024  # an XML part larger than this unpacked is refused (zip bomb)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def open_package(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The zip archive ``data`` (a ``kind`` file such as DOCX); FormatError if it is none."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FormatError(f"{name}: not a valid {kind} file (a broken zip archive)") from None


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse XML without loading a DTD, expanding entities or using the network."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as e:
        raise FormatError(f"{name}: malformed XML ({e})") from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None and len(tree.docinfo.internalDTD.entities()):
        raise FormatError(f"{name}: declares XML entities; refused")
    return root


def package_xml(zf: zipfile.ZipFile, member: str, name: str, required: bool = True) -> etree._Element | None:
    """The parsed XML part ``member`` of a package; None when absent and not ``required``."""
    try:
        info = zf.getinfo(member)
    except KeyError:
        if required:
            raise FormatError(f"{name}: {member} is missing from the package") from None
        return None
    if info.file_size > MAX_MEMBER:
        raise FormatError(f"{name}: {member} unpacks to {info.file_size:,} bytes; refused")
    try:
        data = zf.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as e:
        raise FormatError(f"{name}: cannot unpack {member} ({e})") from None
    return parse_xml(data, f"{name}:{member}")
