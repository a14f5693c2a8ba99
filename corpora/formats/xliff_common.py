"""What XLIFF 1.2 (:mod:`.xliff`) and 2.0 (:mod:`.xliff2`) share: the header, telling
the versions apart, the writing loop, and the signature in the file header."""

from __future__ import annotations

import os
from typing import Callable, Iterable, TextIO

from ..units import SIGNATURE_PROP, Content, MemoryHeader, TranslationUnit, Variant, peek_languages
from ..xmlsafe import iter_xml, local_name
from .tmx import strip_illegal_xml

__all__ = ["read_header", "is_xliff2", "write_document", "target_state", "side_variant"]

UnitXml = Callable[[TranslationUnit, "Variant | None", "Variant | None", int], str]


def read_header(path: str | os.PathLike[str], encoding: str | None = None) -> MemoryHeader:
    """The source language of the first ``<file>`` (1.2) or of the root (2.0), and the
    signature a duiqi writer put in the header; only the start of the file is parsed."""
    version = srclang = signature = ""
    for event, el in iter_xml(path, "xliff", "XLIFF", encoding):
        name = local_name(el)
        if event == "start" and name == "xliff":
            version, srclang = el.get("version", ""), el.get("srcLang", "")
        elif event == "start" and name == "file" and not version.startswith("2"):
            srclang = el.get("source-language", "")
        elif event == "end" and name == "prop" and el.get("prop-type") == SIGNATURE_PROP:
            signature = el.text or ""
        elif event == "end" and name == "meta" and el.get("type") == SIGNATURE_PROP:
            signature = el.text or ""
        elif event == "start" and name in ("body", "unit", "group"):
            break
    props = ((SIGNATURE_PROP, signature),) if signature else ()
    return MemoryHeader(srclang=srclang, props=props, version=version)


def is_xliff2(path: str | os.PathLike[str], encoding: str | None = None) -> bool:
    """True when the file's root says XLIFF 2.x."""
    for event, el in iter_xml(path, "xliff", "XLIFF", encoding):
        return el.get("version", "").startswith("2")
    return False  # pragma: no cover - iter_xml raises on an empty document


def side_variant(variants: list[Variant], side: str, lang: str, content: Content, state: str | None) -> None:
    """Put a ``source`` first in ``variants`` or a ``target`` after it; a target's XLIFF
    ``state`` becomes its prop ``x-state``."""
    if side == "source":
        variants.insert(0, Variant(lang, content))
    else:
        variants.append(Variant(lang, content, (("x-state", state),) if state else ()))


def target_state(variant: Variant | None) -> str:
    """The ``x-state`` prop of a target variant (its XLIFF ``state``), or ''."""
    return next((v for k, v in variant.props if k == "x-state"), "") if variant is not None else ""


def write_document(
    units: Iterable[TranslationUnit],
    out: TextIO,
    header: MemoryHeader,
    src_lang: str | None,
    tgt_lang: str | None,
    head: Callable[[str, str], str],
    unit_xml: UnitXml,
    tail: str,
) -> int:
    """Write an XLIFF document of the units' first two languages (or those given), streaming.

    ``head(src, tgt)`` is the markup up to the first unit, ``unit_xml(unit, source,
    target, n)`` one unit's, ``tail`` the rest; units with neither language are left
    out. Characters illegal in XML are removed with a warning. Returns the unit count.
    """
    slang, tlang, units = peek_languages(units, header, src_lang, tgt_lang)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(strip_illegal_xml(head(slang, tlang), "file header"))
    count = 0
    for unit in units:
        src, tgt = unit.variant(slang), unit.variant(tlang)
        if src is None and tgt is None:
            continue
        count += 1
        out.write(strip_illegal_xml(unit_xml(unit, src, tgt, count), f"segment {unit.tuid or count}"))
    out.write(tail)
    return count
