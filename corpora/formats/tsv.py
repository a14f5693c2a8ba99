"""Tab-separated pairs: ``src  tgt  score  type  src_ids  tgt_ids`` with a header row.

Reading accepts any file whose first two columns are source and target text, with
or without that header.
"""

from __future__ import annotations

import os
from typing import TextIO

from ..errors import FormatError
from ..model import Alignment
from ..textio import read_text

__all__ = ["COLUMNS", "write", "read"]

COLUMNS = ("src", "tgt", "score", "type", "src_ids", "tgt_ids")


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def write(alignment: Alignment, out: TextIO, header: bool = True, **_: object) -> None:
    """Write one bead a row."""
    if header:
        out.write("\t".join(COLUMNS) + "\n")
    for p in alignment.pairs():
        score = "" if p.score is None else f"{p.score:.4f}"
        out.write(
            "\t".join(
                (
                    _clean(p.src),
                    _clean(p.tgt),
                    score,
                    p.kind,
                    ",".join(map(str, p.src_ids)),
                    ",".join(map(str, p.tgt_ids)),
                )
            )
            + "\n"
        )


def read(
    path: str | os.PathLike[str],
    src_lang: str = "zh",
    tgt_lang: str = "en",
    encoding: str | None = None,
    **_: object,
) -> Alignment:
    """Read pairs from the first two columns (a duiqi header row is skipped)."""
    text = read_text(path, encoding)
    pairs: list[tuple[str, str]] = []
    scores: list[float | None] = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines, 1):
        cols = line.split("\t")
        if n == 1 and tuple(cols[:2]) == COLUMNS[:2]:
            continue
        if not line.strip():
            continue
        if len(cols) < 2:
            raise FormatError(f"{path}:{n}: expected source<TAB>target, found no tab")
        score = None
        if len(cols) > 2 and cols[2].strip():
            try:
                score = float(cols[2])
            except ValueError:
                score = None
        pairs.append((cols[0].strip(), cols[1].strip()))
        scores.append(score)
    if not pairs:
        raise FormatError(f"{path}: no pairs found")
    return Alignment.from_pairs(pairs, src_lang, tgt_lang, scores)
