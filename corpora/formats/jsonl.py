"""JSON Lines: one object per bead with ``src``, ``tgt``, ids, type and score."""

from __future__ import annotations

import json
import os
from typing import TextIO

from ..errors import FormatError
from ..model import Alignment
from ..textio import read_text

__all__ = ["write", "read"]


def write(alignment: Alignment, out: TextIO, **_: object) -> None:
    """Write one JSON object a line (UTF-8, not ASCII-escaped)."""
    for p in alignment.pairs():
        record = {
            "src": p.src,
            "tgt": p.tgt,
            "src_ids": list(p.src_ids),
            "tgt_ids": list(p.tgt_ids),
            "type": p.kind,
            "score": None if p.score is None else round(p.score, 4),
            "src_lang": alignment.src_lang,
            "tgt_lang": alignment.tgt_lang,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def read(
    path: str | os.PathLike[str],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    encoding: str | None = None,
    **_: object,
) -> Alignment:
    """Read objects with ``src`` and ``tgt`` keys, one a line."""
    pairs: list[tuple[str, str]] = []
    scores: list[float | None] = []
    langs: tuple[str, str] | None = None
    for n, line in enumerate(read_text(path, encoding).split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise FormatError(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("src", ""), str) or not isinstance(obj.get("tgt", ""), str):
            raise FormatError(f"{path}:{n}: expected an object with string 'src' and 'tgt'")
        if "src" not in obj and "tgt" not in obj:
            raise FormatError(f"{path}:{n}: object has neither 'src' nor 'tgt'")
        pairs.append((obj.get("src", "").strip(), obj.get("tgt", "").strip()))
        score = obj.get("score")
        scores.append(float(score) if isinstance(score, (int, float)) else None)
        if langs is None and obj.get("src_lang") and obj.get("tgt_lang"):
            langs = (str(obj["src_lang"]), str(obj["tgt_lang"]))
    if not pairs:
        raise FormatError(f"{path}: no pairs found")
    s_lang = src_lang or (langs[0] if langs else "zh")
    t_lang = tgt_lang or (langs[1] if langs else "en")
    return Alignment.from_pairs(pairs, s_lang, t_lang, scores)
