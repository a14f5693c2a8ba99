"""TMX: reading translation memories of any tool (TMX 1.1–1.4b) and writing TMX 1.4b.

Reading streams ``<tu>`` elements one at a time (:func:`iter_units`), so memory
does not grow with the file. It accepts what Trados, memoQ, OmegaT, Okapi and
translate-toolkit write: ``xml:lang`` or TMX 1.1's ``lang``, a header ``srclang``
of ``*all*``, any number of ``<tuv>`` per ``<tu>``, UTF-8 or UTF-16, inline
``<bpt>/<ept>/<ph>/<it>/<ut>/<hi>/<sub>`` kept as :class:`~corpora.units.Inline`
parts, ``<prop>``/``<note>`` of units and variants kept. Unknown elements inside a
segment are dropped, their text kept. Nothing outside the file is ever read
(see :mod:`corpora.xmlsafe`).

Writing (:func:`write_units`) produces TMX 1.4b valid against the TMX 1.4 DTD:
``version="1.4"``, ``xml:lang``, props and notes before the ``tuv`` s, only the
attributes the DTD allows (others are dropped; a missing required ``i`` or ``pos``
gets a placeholder), inline elements where the DTD allows them (elsewhere
unwrapped to their content). Characters illegal in XML 1.0 are removed with a
:class:`~corpora.errors.DuiqiWarning` naming the unit.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import warnings
from dataclasses import replace
from typing import Iterable, Iterator, TextIO
from xml.sax.saxutils import quoteattr

from ..errors import DuiqiWarning
from ..lang import output_lang
from ..signature import Signature
from ..model import Alignment
from ..units import (
    SIGNATURE_PROP, UNITS_PROP, Content, Inline, MemoryHeader, TranslationUnit, Variant, units_from_alignment,
    units_summary,
)
from ..xmlsafe import XML_NS, attributes, iter_xml, local_name, release, xml_text

__all__ = [
    "write", "read", "write_units", "iter_units", "read_header", "tmx_lang", "strip_illegal_xml",
    "SIGNATURE_PROP",
]

CONTAINER = ("tmx", "TMX", "body")
"""The element a valid file without units still has (an empty file converts to an empty one)."""

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_LANG = f"{{{XML_NS}}}lang"
_INLINE = frozenset({"bpt", "ept", "ph", "it", "ut", "hi", "sub"})
_SEGTYPES = ("block", "paragraph", "sentence", "phrase")

# What the TMX 1.4 DTD allows: attributes of each element, children of each inline element.
_COMMON = ("o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
           "creationtoolversion", "creationdate", "creationid", "changedate", "changeid", "o-tmf")
_TU_ATTRS = _COMMON + ("segtype", "srclang")
_TUV_ATTRS = _COMMON
_HEADER_OPTIONAL = ("o-encoding", "creationdate", "creationid", "changedate", "changeid")
_INLINE_ATTRS = {
    "bpt": ("i", "x", "type"), "ept": ("i",), "sub": ("datatype", "type"),
    "it": ("pos", "x", "type"), "ph": ("x", "assoc", "type"), "hi": ("x", "type"), "ut": ("x",),
}
_REQUIRED = {"bpt": (("i", "0"),), "ept": (("i", "0"),), "it": (("pos", "begin"),)}
_CODES = frozenset({"bpt", "ept", "ph", "it", "hi", "ut"})
_CHILDREN = {"seg": _CODES, "hi": _CODES, "sub": _CODES,
             "bpt": {"sub"}, "ept": {"sub"}, "it": {"sub"}, "ph": {"sub"}, "ut": {"sub"}}


def tmx_lang(code: str) -> str:
    """A language code as TMX tools expect it: ``zh`` → ``zh-CN``, ``en-us`` → ``en-US`` (``corpora.lang.output_lang``)."""
    return output_lang(code)


def strip_illegal_xml(text: str, where: str = "") -> str:
    """Remove characters XML 1.0 forbids, warning once for the segment ``where``."""
    cleaned, n = _ILLEGAL_XML.subn("", text)
    if n:
        warnings.warn(
            f"{where or 'text'}: removed {n} character(s) illegal in XML", DuiqiWarning, stacklevel=3
        )
    return cleaned


def _version() -> str:
    from .. import __version__

    return __version__


# --- reading -------------------------------------------------------------------------


_KNOWN_ATTRS = ("tuid", "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
                "creationtoolversion", "creationdate", "creationid", "changedate", "changeid", "segtype", "o-tmf",
                "srclang", "adminlang", "i", "x", "type", "pos", "assoc")


def _attrs(el, skip: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """Attributes without namespace (``xml:lang`` and ``skip`` left out)."""
    return tuple((k, v) for k, v in attributes(el, _KNOWN_ATTRS) if "}" not in k and k not in skip)


def _lang(el) -> str:
    return (el.get(_XML_LANG) or el.get("lang") or "").strip()


def _content(el) -> Content:
    """The parts of a segment or inline element: strings and Inline elements."""
    parts: list = [el.text] if el.text else []
    for child in el:
        name = local_name(child)
        if name in _INLINE:
            parts.append(Inline(name, _attrs(child), _content(child)))
        elif name:
            parts.extend(_content(child))
        if child.tail:
            parts.append(child.tail)
    merged: list = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return tuple(merged)


def _props_notes(el) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    props, notes = [], []
    for child in el:
        name = local_name(child)
        if name == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif name == "note":
            notes.append(child.text or "")
    return tuple(props), tuple(notes)


def _variant(tuv) -> Variant:
    seg = next((c for c in tuv if local_name(c) == "seg"), None)
    props, notes = _props_notes(tuv)
    return Variant(
        lang=_lang(tuv),
        content=_content(seg) if seg is not None else (),
        props=props,
        notes=notes,
        attrs=_attrs(tuv, ("lang",)),
    )


def _unit(tu) -> TranslationUnit:
    props, notes = _props_notes(tu)
    return TranslationUnit(
        variants=tuple(_variant(c) for c in tu if local_name(c) == "tuv"),
        tuid=tu.get("tuid", ""),
        props=props,
        notes=notes,
        attrs=_attrs(tu, ("tuid",)),
    )


def _header(root, header) -> MemoryHeader:
    props, notes = _props_notes(header) if header is not None else ((), ())
    attrs = _attrs(header) if header is not None else ()
    return MemoryHeader(
        srclang=dict(attrs).get("srclang", "").strip(),
        attrs=tuple((k, v) for k, v in attrs if k != "srclang"),
        props=props,
        notes=notes,
        version=root.get("version", ""),
    )


def read_header(path: str | os.PathLike[str], encoding: str | None = None) -> MemoryHeader:
    """The ``<header>`` of a TMX file (only the start of the file is parsed)."""
    root = None
    for event, el in iter_xml(path, "tmx", "TMX", encoding):
        name = local_name(el)
        if root is None:
            root = el
        elif event == "end" and name == "header":
            return _header(root, el)
        elif event == "start" and name in ("body", "tu"):
            break
    return _header(root, None)


def iter_units(path: str | os.PathLike[str], encoding: str | None = None) -> Iterator[TranslationUnit]:
    """Yield the translation units of a TMX file one by one, in bounded memory."""
    for _event, el in iter_xml(path, "tmx", "TMX", encoding, tags=("tu",)):
        yield _unit(el)
        release(el)


def read(path: str | os.PathLike[str], src_lang: str | None = None, tgt_lang: str | None = None,
         encoding: str | None = None) -> Alignment:
    """The plain text pairs of two languages of a TMX file (see
    :func:`corpora.formats.read_alignment`): the source is ``src_lang``, else the
    header's ``srclang``, else the first ``tuv``'s; the target ``tgt_lang``, else the
    first other language."""
    from . import read_alignment

    return read_alignment(path, "tmx", src_lang=src_lang, tgt_lang=tgt_lang, encoding=encoding)


# --- writing -------------------------------------------------------------------------


def _attr_text(attrs: Iterable[tuple[str, str]]) -> str:
    return "".join(f" {k}={quoteattr(v)}" for k, v in attrs)


def _allowed(attrs: tuple[tuple[str, str], ...], names: tuple[str, ...]) -> list[tuple[str, str]]:
    kept = [(k, v) for k, v in attrs if k in names]
    return [(k, v.lower()) if k == "segtype" else (k, v) for k, v in kept
            if k != "segtype" or v.lower() in _SEGTYPES]


def _inline_attrs(part: Inline) -> list[tuple[str, str]]:
    attrs = _allowed(part.attrs, _INLINE_ATTRS[part.tag])
    if part.tag == "it":
        attrs = [(k, v) for k, v in attrs if k != "pos" or v in ("begin", "end")]
    present = {k for k, _ in attrs}
    return [(k, v) for k, v in _REQUIRED.get(part.tag, ()) if k not in present] + attrs


def serialize_content(content: Content, parent: str = "seg") -> str:
    """Segment content as TMX 1.4 markup (inline elements the DTD forbids here unwrapped)."""
    out = []
    allowed = _CHILDREN[parent]
    for part in content:
        if isinstance(part, str):
            out.append(xml_text(part))
        elif part.tag in allowed:
            out.append(f"<{part.tag}{_attr_text(_inline_attrs(part))}>"
                       f"{serialize_content(part.content, part.tag)}</{part.tag}>")
        else:
            out.append(serialize_content(part.content, parent))
    return "".join(out)


def _props_notes_xml(props, notes, indent: str) -> str:
    lines = [f"{indent}<prop type={quoteattr(k or 'x-unknown')}>{xml_text(v)}</prop>\n" for k, v in props]
    lines += [f"{indent}<note>{xml_text(n)}</note>\n" for n in notes]
    return "".join(lines)


def _unit_xml(unit: TranslationUnit, tuid: str, where: str) -> str:
    """A ``<tu>``; characters illegal in XML removed, with a warning naming the segment."""
    attrs = ([("tuid", tuid)] if tuid else []) + _allowed(unit.attrs, _TU_ATTRS)
    out = [f"    <tu{_attr_text(attrs)}>\n", _props_notes_xml(unit.props, unit.notes, "      ")]
    for v in unit.variants:
        out.append(f"      <tuv xml:lang={quoteattr(v.lang or 'und')}{_attr_text(_allowed(v.attrs, _TUV_ATTRS))}>\n")
        out.append(_props_notes_xml(v.props, v.notes, "        "))
        seg = strip_illegal_xml(serialize_content(v.content), f"{where} ({v.lang or 'und'})")
        out.append(f"        <seg>{seg}</seg>\n      </tuv>\n")
    out.append("    </tu>\n")
    return strip_illegal_xml("".join(out), f"{where} (attributes, props or notes)")


def _header_xml(header: MemoryHeader, srclang: str, date: str | None) -> str:
    a = dict(header.attrs)
    segtype = a.get("segtype", "").lower()
    attrs = [
        ("creationtool", "duiqi"),
        ("creationtoolversion", _version()),
        ("segtype", segtype if segtype in _SEGTYPES else "sentence"),
        ("o-tmf", a.get("o-tmf") or "duiqi"),
        ("adminlang", a.get("adminlang") or "en-US"),
        ("srclang", srclang),
        ("datatype", a.get("datatype") or "plaintext"),
    ]
    attrs += [(k, a[k]) for k in _HEADER_OPTIONAL if a.get(k) and k != "creationdate"]
    attrs.append(("creationdate", date or a.get("creationdate") or _creation_date()))
    return f"  <header{_attr_text(attrs)}>\n" + _props_notes_xml(header.props, header.notes, "    ") + "  </header>\n"


def _creation_date() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = (
        _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
        if epoch.isdigit()
        else _dt.datetime.now(_dt.timezone.utc)
    )
    return when.strftime("%Y%m%dT%H%M%SZ")


def write_units(
    units: Iterable[TranslationUnit],
    out: TextIO,
    header: MemoryHeader = MemoryHeader(),
    signature: "str | Signature" = "",
    creation_date: str | None = None,
    renumber: bool = False,
) -> int:
    """Write units as a TMX 1.4b document, streaming; return how many were written.

    ``signature`` is added as a header prop ``x-duiqi-signature`` after those the
    header has (so a filtered memory still records the aligner's settings). Units without variants are skipped. With ``renumber`` the units get
    ``tuid`` 1, 2, ...; else their own ``tuid`` is kept.
    """
    units = iter(units)
    first = next(units, None)
    srclang = header.srclang or (first.variants[0].lang if first is not None and first.variants else "") or "*all*"
    props, signature = header.props, str(signature)
    if signature and (SIGNATURE_PROP, signature) not in props:
        props += ((SIGNATURE_PROP, signature),)
    head = _header_xml(replace(header, props=props), srclang, creation_date)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
    out.write(strip_illegal_xml(head, "header"))
    out.write("  <body>\n")
    count = 0
    for unit in _chain(first, units):
        if not unit.variants:
            continue
        count += 1
        tuid = str(count) if renumber else unit.tuid
        out.write(_unit_xml(unit, tuid, f"segment {tuid or count}"))
    out.write("  </body>\n</tmx>\n")
    return count


def _chain(first, rest):
    if first is not None:
        yield first
    yield from rest


def write(
    alignment: Alignment,
    out: TextIO,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    creation_date: str | None = None,
    units: str = "sentence",
) -> None:
    """Write a TMX 1.4b document of the alignment's two-sided units (see
    :meth:`~corpora.model.Alignment.units`; ``units="bead"``: one per bead), with each
    unit's score and bead type as props ``x-score`` and ``x-bead``, a unit cut from a
    bead naming it in ``x-duiqi-bead``; the header says what the units are in
    ``x-duiqi-units``."""
    aligned = replace(alignment, src_lang=tmx_lang(src_lang or alignment.src_lang),
                      tgt_lang=tmx_lang(tgt_lang or alignment.tgt_lang))
    header = MemoryHeader(srclang=aligned.src_lang,
                          props=((UNITS_PROP, units_summary(alignment, units)),) if units == "sentence" else ())
    write_units(units_from_alignment(aligned, level=units), out, header, alignment.signature, creation_date)
