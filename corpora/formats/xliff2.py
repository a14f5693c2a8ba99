"""XLIFF 2.0: ``<unit>`` s of ``<segment>`` s with ``<source>`` and ``<target>``.

Reading yields one :class:`~corpora.units.TranslationUnit` per ``<segment>``
(``tuid`` = the unit's ``id``, ``/`` and the segment's position when a unit has
several); ``<ignorable>`` text is left out. Inline codes map onto TMX's: ``<ph>``
→ ``<ph>``, ``<pc>`` → ``<bpt>``…``<ept>`` around its text, ``<sc>``/``<ec>`` →
``<bpt>``/``<ept>`` (``<it>`` when isolated), ``<mrk>`` → ``<hi>``, each code's
native text taken from ``<originalData>``; ``<cp>`` becomes its character. Notes
become notes, Metadata-module ``<mda:meta>`` props, a segment's ``state`` the target
variant's prop ``x-state``.

Writing makes one ``<file>`` of the units' first two languages, codes as
``<sc>/<ec>/<ph>`` with their native text in ``<originalData>``, props as
``<mda:meta>``. Files whose root is XLIFF 1.2 are read by :mod:`.xliff`, and the
other way round, whichever format name was given.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator, TextIO
from xml.sax.saxutils import quoteattr

from ..signature import Signature
from ..units import SIGNATURE_PROP, Content, Inline, MemoryHeader, TranslationUnit, Variant
from ..xmlsafe import iter_xml, local_name, release, xml_text
from .xliff_common import is_xliff2, read_header, side_variant, target_state, write_document

__all__ = ["NS", "MDA_NS", "iter_units", "read_header", "write_units"]

CONTAINER = ("xliff", "XLIFF", "file")
"""The element a valid file without units still has (an empty file converts to an empty one)."""

NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"


def _content(el, data: dict[str, str]) -> Content:
    parts: list = [el.text] if el.text else []
    for child in el:
        name = local_name(child)
        if name == "ph":
            parts.append(Inline("ph", (), (data.get(child.get("dataRef", ""), ""),)))
        elif name == "pc":
            i = ("i", child.get("id", "0"))
            parts.append(Inline("bpt", (i,), (data.get(child.get("dataRefStart", ""), ""),)))
            parts.extend(_content(child, data))
            parts.append(Inline("ept", (i,), (data.get(child.get("dataRefEnd", ""), ""),)))
        elif name in ("sc", "ec"):
            native = (data.get(child.get("dataRef", ""), ""),)
            if child.get("isolated") == "yes":
                parts.append(Inline("it", (("pos", "begin" if name == "sc" else "end"),), native))
            else:
                i = ("i", child.get("id") if name == "sc" else child.get("startRef", "0"))
                parts.append(Inline("bpt" if name == "sc" else "ept", (i,), native))
        elif name == "mrk":
            parts.append(Inline("hi", (), _content(child, data)))
        elif name == "cp":
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                pass
        elif name and name not in ("sm", "em"):
            parts.extend(_content(child, data))
        if child.tail:
            parts.append(child.tail)
    return tuple(parts)


def _units(unit, src_lang: str, tgt_lang: str) -> Iterator[TranslationUnit]:
    data: dict[str, str] = {}
    notes, props = [], []
    for el in unit.iter():
        name = local_name(el)
        if name == "data":
            data[el.get("id", "")] = "".join(el.itertext())
        elif name == "note":
            notes.append(el.text or "")
        elif name == "meta":
            props.append((el.get("type", ""), el.text or ""))
    segments = [s for s in unit if local_name(s) == "segment"]
    for k, seg in enumerate(segments, 1):
        variants = []
        for side in seg:
            name = local_name(side)
            if name in ("source", "target"):
                lang = src_lang if name == "source" else tgt_lang
                side_variant(variants, name, lang, _content(side, data), seg.get("state"))
        tuid = unit.get("id", "") if len(segments) == 1 else f"{unit.get('id', '')}/{k}"
        yield TranslationUnit(tuple(variants), tuid, tuple(props), tuple(notes))


def iter_units(path: str | os.PathLike[str], src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None) -> Iterator[TranslationUnit]:
    """Yield one unit per segment of an XLIFF 2.0 file (1.2 files go to :mod:`.xliff`)."""
    if not is_xliff2(path, encoding):
        from . import xliff

        yield from xliff.iter_units(path, src_lang, tgt_lang, encoding)
        return
    slang, tlang = src_lang or "und", tgt_lang or "und"
    for event, el in iter_xml(path, "xliff", "XLIFF", encoding):
        name = local_name(el)
        if event == "start" and name == "xliff":
            slang = src_lang or el.get("srcLang") or "und"
            tlang = tgt_lang or el.get("trgLang") or "und"
        elif event == "end" and name == "unit":
            yield from _units(el, slang, tlang)
            release(el)


def _code_text(content: Content) -> str:
    return "".join(p if isinstance(p, str) else _code_text(p.content) for p in content)


def serialize_content(content: Content, data: list[str], side: str, marks: list[int] | None = None) -> str:
    """TMX inline parts as XLIFF 2.0 markup; native codes appended to ``data``."""
    marks = [0] if marks is None else marks
    out = []
    for part in content:
        if isinstance(part, str):
            out.append(xml_text(part))
        elif part.tag == "hi":
            marks[0] += 1
            inner = serialize_content(part.content, data, side, marks)
            out.append(f'<mrk id="{side}m{marks[0]}">{inner}</mrk>')
        elif part.tag != "sub":
            data.append(_code_text(part.content))
            ref = f'dataRef="d{len(data)}"'
            i = quoteattr(part.attr('i', '0'))
            if part.tag == "bpt":
                out.append(f"<sc id={i} {ref}/>")
            elif part.tag == "ept":
                out.append(f"<ec startRef={i} {ref}/>")
            elif part.tag == "it":
                tag = "ec" if part.attr("pos") == "end" else "sc"
                out.append(f'<{tag} id="{side}i{len(data)}" isolated="yes" {ref}/>')
            else:
                out.append(f'<ph id="{side}p{len(data)}" {ref}/>')
    return "".join(out)


def _head(signature: "str | Signature") -> Callable[[str, str], str]:
    signature = str(signature)
    sig = (f'  <mda:metadata><mda:metaGroup category="duiqi"><mda:meta type="{SIGNATURE_PROP}">'
           f"{xml_text(signature)}</mda:meta></mda:metaGroup></mda:metadata>\n" if signature else "")

    def head(slang: str, tlang: str) -> str:
        return (f'<xliff xmlns="{NS}" xmlns:mda="{MDA_NS}" version="2.0" '
                f"srcLang={quoteattr(slang)} trgLang={quoteattr(tlang)}>\n"
                f' <file id="f1">\n{sig}')

    return head


def _unit_xml(unit: TranslationUnit, src: Variant | None, tgt: Variant | None, count: int) -> str:
    data: list[str] = []
    source = serialize_content(src.content if src else (), data, "s")
    target = serialize_content(tgt.content, data, "t") if tgt is not None else None
    parts = [f"  <unit id={quoteattr(unit.tuid or str(count))}>\n"]
    if unit.props:
        parts.append('   <mda:metadata><mda:metaGroup category="tmx">')
        parts.extend(f"<mda:meta type={quoteattr(k or 'x-unknown')}>{xml_text(v)}</mda:meta>" for k, v in unit.props)
        parts.append("</mda:metaGroup></mda:metadata>\n")
    if unit.notes:
        parts.append("   <notes>" + "".join(f"<note>{xml_text(n)}</note>" for n in unit.notes) + "</notes>\n")
    if data:
        parts.append("   <originalData>" + "".join(
            f'<data id="d{k}">{xml_text(d)}</data>' for k, d in enumerate(data, 1)) + "</originalData>\n")
    state = target_state(tgt)
    state_attr = f" state={quoteattr(state)}" if state in ("initial", "translated", "reviewed", "final") else ""
    parts.append(f"   <segment{state_attr}>\n    <source>{source}</source>\n")
    if target is not None:
        parts.append(f"    <target>{target}</target>\n")
    parts.append("   </segment>\n  </unit>\n")
    return "".join(parts)


def write_units(units: Iterable[TranslationUnit], out: TextIO, header: MemoryHeader = MemoryHeader(),
                src_lang: str | None = None, tgt_lang: str | None = None, signature: "str | Signature" = "") -> int:
    """Write units as one XLIFF 2.0 ``<file>``, streaming; return how many were written.

    ``signature`` goes into the file's metadata as ``<mda:meta type="x-duiqi-signature">``.
    """
    return write_document(units, out, header, src_lang, tgt_lang, _head(signature), _unit_xml,
                          " </file>\n</xliff>\n")
