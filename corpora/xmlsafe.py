"""Parsing untrusted XML (TMX, XLIFF, TBX) safely and in bounded memory.

:func:`iter_xml` streams a file with lxml's ``iterparse`` set up so that nothing
outside the file is ever read: no DTD is loaded, no entity is expanded, no network
is used, and libxml2's limits on huge text nodes and entity amplification stay on.
A document that declares entities in its DTD is refused outright (billion laughs,
quadratic blowup and XXE all need a declaration), and an entity reference left in
the content is an error rather than silently lost text. Every parse error becomes
one :class:`~corpora.errors.FormatError` naming the file and line.

A file without a BOM or an ``encoding`` declaration that is not UTF-8 (a GBK or
Big5 TMX saved by a careless tool) is decoded with the encoding detected from its
first 64 KiB; ``encoding`` forces one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape

from .errors import FormatError, InputError
from .textio import reading

__all__ = ["iter_xml", "has_element", "parse_tree", "attributes", "MAX_ATTRIBUTES", "local_name", "release", "sniff_xml_encoding", "xml_text", "XML_NS"]

XML_NS = "http://www.w3.org/XML/1998/namespace"
_SNIFF_BYTES = 65536
_LIBXML2_NAMES = {"gb18030": "GB18030", "big5": "BIG5", "big5hkscs": "BIG5-HKSCS", "cp1252": "windows-1252"}
_DECLARED = re.compile(rb"^<\?xml[^>]*encoding\s*=", re.I)


def xml_text(text: str) -> str:
    """Text escaped for element content; CR kept as ``&#13;`` (a parser turns a raw CR into LF)."""
    return escape(text, {"\r": "&#13;"})


MAX_ATTRIBUTES = 100
"""More attributes than this on one element is an attack (lxml reads them in quadratic time)."""


def attributes(el, known: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """An element's attributes as ``(name, value)`` pairs, in time linear in their number.

    An element with more than :data:`MAX_ATTRIBUTES` keeps only the ``known`` ones,
    with a DuiqiWarning naming the line.
    """
    if len(el.keys()) <= MAX_ATTRIBUTES:
        return el.items()
    import warnings

    from .errors import DuiqiWarning

    kept = [(k, v) for k in known if (v := el.get(k)) is not None]
    warnings.warn(f"line {el.sourceline}: <{local_name(el)}> has {len(el.keys())} attributes; only "
                  f"{len(kept)} known one(s) kept", DuiqiWarning, stacklevel=2)
    return kept


def local_name(el) -> str:
    """An element's tag without namespace; "" for comments, PIs and entities."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def release(el) -> None:
    """Free a streamed element and its finished siblings (memory stays bounded)."""
    el.clear()
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def sniff_xml_encoding(head: bytes) -> str | None:
    """The encoding to force on an XML file whose start is ``head``, or None.

    None when the file tells its encoding itself (a BOM, UTF-16 without BOM, an
    ``encoding`` declaration), is UTF-8 (or UTF-8 up to a bad byte: the parser then
    reports it), or has no plausible legacy encoding; else GB18030, Big5 or
    Windows-1252 as :func:`corpora.textio.detect_encoding` finds it in the first 64 KiB.
    """
    from .textio import _utf8_before, detect_encoding, utf16_without_bom

    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head[:4096]):
        return None
    if _DECLARED.match(head.lstrip()):
        return None
    try:
        head.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        if _utf8_before(head, e.start) or b"\x00" in head[:4096]:
            return None
    codec = detect_encoding(head, partial=len(head) >= _SNIFF_BYTES)
    return _LIBXML2_NAMES.get(codec or "")


def _check_entities(root, path: Path) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    names = [e.name for e in dtd.iterentities()]
    if names:
        raise FormatError(
            f"{path}: the document declares entities ({', '.join(names[:3])}); duiqi never "
            "expands entities (entity-expansion and external-entity attacks)"
        )


def _open_head(p: Path) -> bytes:
    with reading(p), open(p, "rb") as f:
        head = f.read(_SNIFF_BYTES)
    if not head.strip():
        raise InputError(f"{p}: file is empty")
    return head


def iter_xml(
    path: str | os.PathLike[str],
    root: str | tuple[str, ...],
    kind: str,
    encoding: str | None = None,
    tags: tuple[str, ...] | None = None,
) -> Iterator[tuple[str, object]]:
    """Yield ``(event, element)`` pairs ("start"/"end") of an untrusted XML file.

    ``root`` names the root element(s) allowed (local names); ``kind`` names the
    format in messages (e.g. "TMX"). With ``tags`` only the "end" events of
    elements of those local names are yielded, which is much faster. The caller
    clears elements it is done with (:func:`release`).
    """
    from lxml import etree

    p = Path(path)
    roots = (root,) if isinstance(root, str) else root
    head = _open_head(p)
    if encoding is None:
        encoding = sniff_xml_encoding(head)
    try:
        external_dtd = False  # only then may undeclared entity references pass the parser
        seen_root = False
        for event, el in _parse(p, encoding, ("start", "end"), None):
            if not seen_root:
                seen_root = True
                name = local_name(el)
                if name not in roots:
                    raise FormatError(f"{p}: not a {kind} file (root element <{name}>, expected <{roots[0]}>)")
                _check_entities(el, p)
                docinfo = el.getroottree().docinfo
                external_dtd = bool(docinfo.system_url or docinfo.public_id)
                if tags is not None and not external_dtd:
                    break  # the root is fine: parse again, letting libxml2 pick the elements
            elif external_dtd and event == "end":
                for child in el:
                    if child.tag is etree.Entity:
                        raise FormatError(f"{p}: line {child.sourceline}: unexpanded entity {child.text} "
                                          "(duiqi never expands entities)")
            if tags is None or (event == "end" and local_name(el) in tags):
                yield event, el
        if not seen_root:
            raise FormatError(f"{p}: not a {kind} file (no root element)")
        if tags is not None and not external_dtd:
            yield from _parse(p, encoding, ("end",), tuple(f"{{*}}{t}" for t in tags))
    except etree.XMLSyntaxError as e:
        msg = " ".join(str(e.msg or e).split(", line ")[0].split())
        if "amplification" in msg or "entity" in msg.lower():
            msg += " (duiqi never expands entities)"
        line = f"line {e.lineno}: " if e.lineno else ""
        raise FormatError(f"{p}: malformed {kind} ({line}{msg})") from None
    except LookupError:
        raise InputError(f"{p}: unknown encoding {encoding!r}") from None
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e})") from None


def has_element(path: str | os.PathLike[str], root: str | tuple[str, ...], kind: str, name: str,
                encoding: str | None = None) -> bool:
    """True when the XML file (checked as :func:`iter_xml` does) has an element ``name``."""
    for _event, _el in iter_xml(path, root, kind, encoding, tags=(name,)):
        return True
    return False


def parse_tree(path: str | os.PathLike[str], kind: str, encoding: str | None = None,
               max_bytes: int | None = None):
    """The root element of a whole untrusted XML file (for formats read as a tree, e.g. TBX).

    The same rules as :func:`iter_xml`: no DTD loaded, no entity expanded or
    declared, no network; a file over ``max_bytes`` (default
    :data:`corpora.safeio.MAX_INPUT_BYTES`) is refused. Errors are one-line
    FormatErrors naming the file and line.
    """
    from lxml import etree

    from .safeio import MAX_INPUT_BYTES

    p = Path(path)
    head = _open_head(p)
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    with reading(p):
        size = os.stat(p).st_size
    if size > limit:
        raise InputError(f"{p}: larger than {limit // 2**20} MiB, the most duiqi reads as {kind}")
    if encoding is None:
        encoding = sniff_xml_encoding(head)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True, encoding=encoding,
                             recover=False)
    try:
        with reading(p), open(p, "rb") as f:
            root = etree.parse(f, parser).getroot()
    except etree.XMLSyntaxError as e:
        msg = " ".join(str(e.msg or e).split(", line ")[0].split())
        if "amplification" in msg or "entity" in msg.lower():
            msg += " (duiqi never expands entities)"
        raise FormatError(f"{p}:{e.lineno}: not well-formed XML: {msg} (malformed {kind})") from None
    except LookupError:
        raise InputError(f"{p}: unknown encoding {encoding!r}") from None
    if root is None:
        raise FormatError(f"{p}: not a {kind} file (no root element)")
    _check_entities(root, p)
    for ent in root.iter(etree.Entity):
        raise FormatError(f"{p}: line {ent.sourceline}: unexpanded entity {ent.text} (duiqi never expands entities)")
    return root


def _parse(p: Path, encoding: str | None, events: tuple[str, ...], tags: tuple[str, ...] | None):
    """lxml's iterparse with everything that reaches outside the file turned off."""
    from lxml import etree

    return etree.iterparse(
        str(p), events=events, tag=tags, resolve_entities=False, no_network=True, load_dtd=False,
        dtd_validation=False, huge_tree=False, remove_comments=True, remove_pis=True, encoding=encoding,
        recover=False,
    )
