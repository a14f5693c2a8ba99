"""JSON Lines: one object per bead with ``tu``, ``src``, ``tgt``, ids, type and score.

``tu`` numbers the two-sided beads as the TMX ``tuid`` numbers them (null for a
one-sided bead).

Text is stripped of surrounding white space on reading. Inline tags of a
translation memory are not kept: an object holds the segments' plain text.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import replace
from typing import Iterable, Iterator, TextIO

from ..errors import DuiqiWarning, FormatError
from ..model import Alignment
from ..textio import read_text
from ..units import FROM_BEAD_PROP, MemoryHeader, TranslationUnit, numbered_pairs, plain_pairs, unit_from_pair, write_lines

__all__ = ["write", "iter_units", "write_units"]


def _record(src, tgt, src_ids, tgt_ids, kind, score, src_lang, tgt_lang, tu=None, **extra) -> str:
    return json.dumps({
        "tu": tu,
        "src": src,
        "tgt": tgt,
        "src_ids": list(src_ids),
        "tgt_ids": list(tgt_ids),
        "type": kind,
        "score": None if score is None else round(score, 4),
        "src_lang": src_lang,
        "tgt_lang": tgt_lang,
        **extra,
    }, ensure_ascii=False) + "\n"


def write(alignment: Alignment, out: TextIO, units: str = "sentence") -> None:
    """Write one JSON object a line (UTF-8, not ASCII-escaped), one per unit (see
    :meth:`~corpora.model.Alignment.units`; ``units="bead"``: one per bead); every
    object names its ``bead`` (from 0), a unit cut from a bead its ``part`` (``1/2``)."""
    for p in alignment.units(units):
        extra = {"bead": p.index, **({"part": f"{p.part}/{p.parts}"} if p.is_split else {}),
                 **({"joined": list(p.joined)} if p.joined else {})}
        out.write(_record(p.src, p.tgt, p.src_ids, p.tgt_ids, p.kind, p.score, alignment.src_lang,
                          alignment.tgt_lang, p.tu, **extra))


def write_units(units: Iterable[TranslationUnit], out: TextIO, header: MemoryHeader = MemoryHeader(),
                src_lang: str | None = None, tgt_lang: str | None = None) -> int:
    """Write the plain text of two languages of each unit, one object a line."""
    return write_lines(out, (_record(p.src, p.tgt, (), (), p.kind, p.score, p.src_lang, p.tgt_lang, tu)
                             for p, tu in numbered_pairs(plain_pairs(units, header, src_lang, tgt_lang))))


def iter_units(path: str | os.PathLike[str], src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None) -> Iterator[TranslationUnit]:
    """Yield one two-variant unit per object with ``src`` and/or ``tgt`` keys.

    Languages are ``src_lang``/``tgt_lang``, else the objects' own, else zh (zh-TW/zh-HK
    for Traditional text) and en.
    """
    from ..hanzi import refine_chinese

    text = read_text(path, encoding)
    default_src = refine_chinese("zh", text[:20_000])
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise FormatError(f"{path}:{n}: not JSON ({e.msg})") from None
        except RecursionError:
            raise FormatError(f"{path}:{n}: JSON nested too deeply") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("src", ""), str) or not isinstance(obj.get("tgt", ""), str):
            raise FormatError(f"{path}:{n}: expected an object with string 'src' and 'tgt'")
        if "src" not in obj and "tgt" not in obj:
            raise FormatError(f"{path}:{n}: object has neither 'src' nor 'tgt'")
        slang = src_lang or (str(obj["src_lang"]) if obj.get("src_lang") else default_src)
        tlang = tgt_lang or (str(obj["tgt_lang"]) if obj.get("tgt_lang") else "en")
        score = obj.get("score")
        score = str(float(score)) if isinstance(score, (int, float)) and not isinstance(score, bool) else None
        kind = obj["type"] if isinstance(obj.get("type"), str) else None
        src, tgt = (_no_surrogates(obj.get(k, ""), f"{path}:{n}") for k in ("src", "tgt"))
        unit = unit_from_pair(str(n), src.strip(), tgt.strip(), slang, tlang, score, kind)
        if "part" in obj or "joined" in obj:  # a sentence unit derived from beads of the same file
            unit = replace(unit, props=unit.props + ((FROM_BEAD_PROP, str(obj.get("bead", ""))),))
        yield unit


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str, where: str) -> str:
    """``text`` with lone surrogates (``"\\ud800"`` escapes, which no UTF-8 file can hold)
    replaced by U+FFFD, with a warning."""
    if not _SURROGATE.search(text):
        return text
    warnings.warn(f"{where}: lone surrogate escapes (not characters) replaced by U+FFFD", DuiqiWarning, stacklevel=3)
    return _SURROGATE.sub("\ufffd", text)
