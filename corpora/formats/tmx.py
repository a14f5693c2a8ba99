"""TMX 1.4b: writing translation memories CAT tools load, and reading them back.

The writer streams one ``<tu>`` per bead with both sides non-empty. Each ``tu`` has a
``tuid`` and, before its ``tuv``s as the DTD requires, the bead's score and type as
``<prop type="x-score">`` and ``<prop type="x-bead">``. Characters illegal in XML 1.0
are removed with a :class:`~corpora.errors.DuiqiWarning` naming the segment.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import warnings
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from ..errors import DuiqiWarning, FormatError
from ..model import Alignment

__all__ = ["write", "read", "tmx_lang", "strip_illegal_xml"]

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DEFAULT_REGION = {"zh": "zh-CN", "en": "en-US", "ja": "ja-JP", "ko": "ko-KR", "fr": "fr-FR",
                   "de": "de-DE", "es": "es-ES", "it": "it-IT", "pt": "pt-PT", "nl": "nl-NL", "ru": "ru-RU"}


def tmx_lang(code: str) -> str:
    """A language code as TMX tools expect it: ``zh`` → ``zh-CN``, ``en-us`` → ``en-US``."""
    parts = code.replace("_", "-").split("-")
    if len(parts) == 1:
        return _DEFAULT_REGION.get(parts[0].lower(), parts[0].lower())
    head = parts[0].lower()
    rest = [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in parts[1:]]
    return "-".join([head, *rest])


def strip_illegal_xml(text: str, where: str = "") -> str:
    """Remove characters XML 1.0 forbids, warning once for the segment ``where``."""
    cleaned, n = _ILLEGAL_XML.subn("", text)
    if n:
        warnings.warn(
            f"{where or 'text'}: removed {n} character(s) illegal in XML", DuiqiWarning, stacklevel=3
        )
    return cleaned


def _creation_date() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = (
        _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
        if epoch.isdigit()
        else _dt.datetime.now(_dt.timezone.utc)
    )
    return when.strftime("%Y%m%dT%H%M%SZ")


def _version() -> str:
    from .. import __version__

    return __version__


def write(
    alignment: Alignment,
    out: TextIO,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    creation_date: str | None = None,
    **_: object,
) -> None:
    """Write a TMX 1.4b document of the alignment's two-sided beads."""
    slang = tmx_lang(src_lang or alignment.src_lang)
    tlang = tmx_lang(tgt_lang or alignment.tgt_lang)
    date = creation_date or _creation_date()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
    out.write('<tmx version="1.4">\n')
    out.write(
        "  <header creationtool=\"duiqi\" creationtoolversion={} segtype=\"sentence\" "
        "o-tmf=\"duiqi\" adminlang=\"en-US\" srclang={} datatype=\"plaintext\" "
        "creationdate={}>\n".format(quoteattr(_version()), quoteattr(slang), quoteattr(date))
    )
    if alignment.signature:
        out.write(
            '    <prop type="x-duiqi-signature">{}</prop>\n'.format(
                escape(strip_illegal_xml(alignment.signature, "signature"))
            )
        )
    out.write("  </header>\n  <body>\n")
    tuid = 0
    for p in alignment.pairs(include_one_sided=False):
        tuid += 1
        src = strip_illegal_xml(p.src, f"segment {tuid} (source)")
        tgt = strip_illegal_xml(p.tgt, f"segment {tuid} (target)")
        out.write(f'    <tu tuid="{tuid}">\n')
        if p.score is not None:
            out.write(f'      <prop type="x-score">{p.score:.4f}</prop>\n')
        out.write(f'      <prop type="x-bead">{p.kind}</prop>\n')
        out.write(f"      <tuv xml:lang={quoteattr(slang)}><seg>{escape(src)}</seg></tuv>\n")
        out.write(f"      <tuv xml:lang={quoteattr(tlang)}><seg>{escape(tgt)}</seg></tuv>\n")
        out.write("    </tu>\n")
    out.write("  </body>\n</tmx>\n")


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODE_ELEMENTS = {"bpt", "ept", "ph", "it", "ut"}


def _seg_text(seg) -> str:
    """Plain text of a ``<seg>``: inline codes dropped, ``<hi>``/``<sub>`` text kept."""
    parts = [seg.text or ""]
    for child in seg:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag not in _CODE_ELEMENTS and tag:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lang_of(tuv) -> str:
    return (tuv.get(_XML_LANG) or tuv.get("lang") or "").strip()


def _same_lang(a: str, b: str) -> bool:
    a, b = a.lower().replace("_", "-"), b.lower().replace("_", "-")
    return a == b or a.split("-")[0] == b.split("-")[0]


def read(
    path: str | os.PathLike[str],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    **_: object,
) -> Alignment:
    """Read the pairs of a TMX file (streaming; entities and DTDs are never loaded).

    The source language is ``src_lang``, else the header's ``srclang``, else the
    first ``tuv``'s; the target is ``tgt_lang``, else the first other language.
    """
    from lxml import etree

    pairs: list[tuple[str, str]] = []
    scores: list[float | None] = []
    slang, tlang = src_lang, tgt_lang
    try:
        context = etree.iterparse(
            str(path), events=("start", "end"), resolve_entities=False, no_network=True,
            load_dtd=False, huge_tree=False, remove_comments=True,
        )
        root_seen = False
        for event, el in context:
            tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
            if event == "start":
                if not root_seen:
                    root_seen = True
                    if tag != "tmx":
                        raise FormatError(f"{path}: not a TMX file (root element <{tag}>)")
                continue
            if tag == "header" and not slang:
                header_lang = el.get("srclang", "")
                if header_lang and header_lang != "*all*":
                    slang = header_lang
            elif tag == "tu":
                variants = [(_lang_of(tuv), tuv) for tuv in el if isinstance(tuv.tag, str) and tuv.tag.rsplit("}", 1)[-1] == "tuv"]
                if variants and not slang:
                    slang = variants[0][0]
                if not tlang and slang:
                    tlang = next((lang for lang, _ in variants if lang and not _same_lang(lang, slang)), None)
                src = tgt = ""
                for lang, tuv in variants:
                    seg = next((c for c in tuv if isinstance(c.tag, str) and c.tag.rsplit("}", 1)[-1] == "seg"), None)
                    if seg is None:
                        continue
                    if slang and _same_lang(lang, slang) and not src:
                        src = _seg_text(seg).strip()
                    elif tlang and _same_lang(lang, tlang) and not tgt:
                        tgt = _seg_text(seg).strip()
                score = None
                for prop in el:
                    if isinstance(prop.tag, str) and prop.tag.rsplit("}", 1)[-1] == "prop" and prop.get("type") == "x-score":
                        try:
                            score = float(prop.text or "")
                        except ValueError:
                            score = None
                if src or tgt:
                    pairs.append((src, tgt))
                    scores.append(score)
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
    except etree.XMLSyntaxError as e:
        raise FormatError(f"{path}: malformed TMX (line {e.lineno}: {e.msg})") from None
    except OSError as e:
        raise FormatError(f"{path}: cannot read ({e})") from None
    if not pairs:
        raise FormatError(f"{path}: no translation units found")
    return Alignment.from_pairs(pairs, slang or "und", tlang or "und", scores)
