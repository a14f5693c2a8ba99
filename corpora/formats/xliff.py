"""XLIFF 1.2: bilingual ``<trans-unit>`` s with ``<source>`` and ``<target>``.

Reading streams ``trans-unit`` s of every ``<file>`` (nested ``<group>`` s too;
``alt-trans`` proposals are ignored), one :class:`~corpora.units.TranslationUnit`
each: ``id`` becomes the ``tuid``, the file's ``source-language`` and
``target-language`` the variants' languages, ``<note>`` s the notes, the target's
``state`` a variant prop ``x-state``, ``<prop-group>`` props the unit's props.
Inline elements map onto TMX's: ``<bpt>/<ept>/<ph>/<it>/<sub>`` keep their names,
``<g>`` becomes a ``<bpt>``/``<ept>`` pair around its text and ``<x/>``, ``<bx/>``,
``<ex/>`` become ``<ph>``, ``<bpt>``, ``<ept>`` whose native code is the XLIFF
element itself; ``<mrk>`` becomes ``<hi>``. Plain-text formats keep only the text
(the content of ``<g>`` and ``<mrk>``).

Writing makes one ``<file>`` of the units' first two languages; TMX inline codes
become XLIFF 1.2's (``<hi>`` becomes ``<mrk>``, ``<ut>`` a ``<ph>``), the score a
``<prop-group>`` prop. Characters illegal in XML are removed with a warning.
"""

from __future__ import annotations

import os
import warnings
from typing import Callable, Iterable, Iterator, TextIO
from xml.sax.saxutils import quoteattr

from ..errors import DuiqiWarning
from ..signature import Signature
from ..units import SIGNATURE_PROP, Content, Inline, MemoryHeader, TranslationUnit, Variant
from ..xmlsafe import XML_NS, attributes, iter_xml, local_name, release, xml_text
from .xliff_common import is_xliff2, read_header, side_variant, target_state, write_document

__all__ = ["NS", "iter_units", "read_header", "write_units"]

XML_LANG = f"{{{XML_NS}}}lang"

CONTAINER = ("xliff", "XLIFF", "file")
"""The element a valid file without units still has (an empty file converts to an empty one)."""

NS = "urn:oasis:names:tc:xliff:document:1.2"
_CODES = frozenset({"bpt", "ept", "ph", "it"})


def _native(el) -> str:
    """An empty XLIFF element written as text, e.g. ``<x id="1"/>``."""
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in attributes(el, ("id", "ctype", "equiv-text")) if "}" not in k)
    return f"<{local_name(el)}{attrs}/>"


def _content(el, counter: list[int]) -> Content:
    parts: list = [el.text] if el.text else []
    for child in el:
        name = local_name(child)
        ident = child.get("rid") or child.get("id") or ""
        ctype = (("type", child.get("ctype")),) if child.get("ctype") else ()
        if name == "g":
            counter[0] += 1
            i = ("i", str(counter[0]))
            native = _native(child)[:-2] + ">"
            parts.append(Inline("bpt", (i, *ctype), (native,)))
            parts.extend(_content(child, counter))
            parts.append(Inline("ept", (i,), ("</g>",)))
        elif name in ("x", "bx", "ex"):
            tag = {"x": "ph", "bx": "bpt", "ex": "ept"}[name]
            attrs = (("i", ident or "0"),) if tag != "ph" else (("x", ident),) if ident.isdigit() else ()
            parts.append(Inline(tag, attrs + (ctype if tag != "ept" else ()), (_native(child),)))
        elif name in _CODES:
            if name == "it":
                pos = {"open": "begin", "close": "end"}.get(child.get("pos", ""), "begin")
                attrs = (("pos", pos),) + ctype
            elif name == "ph":
                attrs = ctype
            else:
                attrs = (("i", ident or "0"),) + (ctype if name == "bpt" else ())
            parts.append(Inline(name, attrs, _content(child, counter)))
        elif name == "sub":
            parts.append(Inline("sub", (("type", child.get("ctype")),) if child.get("ctype") else (),
                                _content(child, counter)))
        elif name == "mrk":
            parts.append(Inline("hi", (("type", child.get("mtype", "")),) if child.get("mtype") else (),
                                _content(child, counter)))
        elif name:
            parts.extend(_content(child, counter))
        if child.tail:
            parts.append(child.tail)
    return tuple(parts)


def _target_lang(tu, target, tgt_lang: str, mismatched: set[str]) -> str:
    """The language of a ``<target>``: the file's target-language; its own ``xml:lang``
    only when the file names none. A differing one is warned about once per language."""
    own = (target.get(XML_LANG) or "").strip()
    lang = tgt_lang if tgt_lang != "und" or not own else own
    if own and lang != own and own.lower() not in mismatched:
        mismatched.add(own.lower())
        warnings.warn(f"trans-unit {tu.get('id', '')!r} (line {target.sourceline}): the target's xml:lang "
                      f"{own!r} differs from the file's target-language {lang!r}; read as {lang!r}",
                      DuiqiWarning, stacklevel=4)
    return lang


def _unit(tu, src_lang: str, tgt_lang: str, mismatched: set[str]) -> TranslationUnit:
    """One trans-unit. The target is in the file's target-language (a differing
    ``xml:lang`` of its own is warned about once per language in ``mismatched``)."""
    counter = [0]
    variants, notes, props = [], [], []
    for child in tu:
        name = local_name(child)
        if name in ("source", "target"):
            lang = src_lang if name == "source" else _target_lang(tu, child, tgt_lang, mismatched)
            side_variant(variants, name, lang, _content(child, counter), child.get("state"))
        elif name == "note":
            notes.append(child.text or "")
        elif name == "prop-group":
            props += [(p.get("prop-type", ""), p.text or "") for p in child if local_name(p) == "prop"]
    return TranslationUnit(tuple(variants), tu.get("id", ""), tuple(props), tuple(notes))


def iter_units(path: str | os.PathLike[str], src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None) -> Iterator[TranslationUnit]:
    """Yield the trans-units of an XLIFF 1.2 file one by one (2.0 files go to :mod:`.xliff2`)."""
    from . import xliff2

    if is_xliff2(path, encoding):
        yield from xliff2.iter_units(path, src_lang, tgt_lang, encoding)
        return
    slang, tlang = src_lang or "und", tgt_lang or "und"
    depth_alt = 0
    mismatched: set[str] = set()
    for event, el in iter_xml(path, "xliff", "XLIFF", encoding):
        name = local_name(el)
        if name == "alt-trans":
            depth_alt += 1 if event == "start" else -1
        elif event == "start" and name == "file":
            slang = src_lang or el.get("source-language") or "und"
            tlang = tgt_lang or el.get("target-language") or "und"
        elif event == "end" and name == "trans-unit" and not depth_alt:
            yield _unit(el, slang, tlang, mismatched)
            release(el)


def serialize_content(content: Content, ids: list[int]) -> str:
    """TMX inline parts as XLIFF 1.2 markup."""
    out = []
    for part in content:
        if isinstance(part, str):
            out.append(xml_text(part))
            continue
        ids[0] += 1
        inner = serialize_content(part.content, ids)
        kind = part.attr("type")
        ctype = f" ctype={quoteattr(kind)}" if kind and part.tag != "hi" else ""
        if part.tag in ("bpt", "ept"):
            out.append(f'<{part.tag} id="{ids[0]}" rid={quoteattr(part.attr("i", "0"))}{ctype}>{inner}</{part.tag}>')
        elif part.tag in ("ph", "ut"):
            out.append(f'<ph id="{ids[0]}"{ctype}>{inner}</ph>')
        elif part.tag == "it":
            pos = "close" if part.attr("pos") == "end" else "open"
            out.append(f'<it id="{ids[0]}" pos="{pos}"{ctype}>{inner}</it>')
        elif part.tag == "sub":
            out.append(f"<sub>{inner}</sub>")
        else:
            out.append(f'<mrk mtype={quoteattr(kind or "x-hi")}>{inner}</mrk>')
    return "".join(out)


def _head(original: str, signature: "str | Signature") -> Callable[[str, str], str]:
    from .. import __version__

    signature = str(signature)
    sig = (f'<prop-group name="duiqi"><prop prop-type="{SIGNATURE_PROP}">{xml_text(signature)}</prop></prop-group>'
           if signature else "")

    def head(slang: str, tlang: str) -> str:
        return (f'<xliff version="1.2" xmlns="{NS}">\n'
                f"  <file original={quoteattr(original)} source-language={quoteattr(slang)} "
                f'target-language={quoteattr(tlang)} datatype="plaintext">\n'
                f'    <header><tool tool-id="duiqi" tool-name="duiqi" tool-version={quoteattr(__version__)}/>'
                f"{sig}</header>\n    <body>\n")

    return head


def _unit_xml(unit: TranslationUnit, src: Variant | None, tgt: Variant | None, count: int) -> str:
    ids = [0]
    parts = [f'      <trans-unit id={quoteattr(unit.tuid or str(count))} xml:space="preserve">\n']
    parts.append(f"        <source>{serialize_content(src.content if src else (), ids)}</source>\n")
    if tgt is not None:
        state = target_state(tgt)
        state_attr = f" state={quoteattr(state)}" if state else ""
        parts.append(f"        <target{state_attr}>{serialize_content(tgt.content, ids)}</target>\n")
    if unit.props:
        parts.append('        <prop-group name="tmx">')
        parts.extend(f"<prop prop-type={quoteattr(k)}>{xml_text(v)}</prop>" for k, v in unit.props)
        parts.append("</prop-group>\n")
    parts.extend(f"        <note>{xml_text(n)}</note>\n" for n in unit.notes)
    parts.append("      </trans-unit>\n")
    return "".join(parts)


def write_units(units: Iterable[TranslationUnit], out: TextIO, header: MemoryHeader = MemoryHeader(),
                src_lang: str | None = None, tgt_lang: str | None = None,
                signature: "str | Signature" = "", original: str = "duiqi") -> int:
    """Write units as one XLIFF 1.2 ``<file>``, streaming; return how many were written.

    ``signature`` goes into the file header as a prop ``x-duiqi-signature``;
    ``original`` is the file's ``original`` attribute.
    """
    return write_document(units, out, header, src_lang, tgt_lang, _head(original, signature), _unit_xml,
                          "    </body>\n  </file>\n</xliff>\n")
