"""The bead format of vecalign and bertalign: one bead a line, ``[0,1]:[2]``.

Source ids come first, ids count from 0; a score may follow after a second colon
(``[0]:[1]:0.8123``). Deletions are written ``[3]:[]``.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

from ..errors import FormatError
from ..model import Alignment, Bead
from ..textio import read_text

__all__ = ["write", "format_bead", "parse_beads", "read_beads"]

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*(\S+)\s*)?$")


def format_bead(bead: Bead, with_score: bool = True) -> str:
    """``[0,1]:[2]`` (plus ``:score`` when known and asked for)."""
    text = "[{}]:[{}]".format(",".join(map(str, bead.src)), ",".join(map(str, bead.tgt)))
    if with_score and bead.score is not None:
        text += f":{bead.score:.4f}"
    return text


def write(alignment: Alignment, out: TextIO, scores: bool = True) -> None:
    """Write one bead a line."""
    for bead in alignment.beads:
        out.write(format_bead(bead, scores) + "\n")


def _ids(field: str) -> tuple[int, ...]:
    return tuple(int(x) for x in field.replace(" ", "").split(",") if x)


def parse_beads(text: str, name: str = "<beads>") -> list[Bead]:
    """Parse bead lines; FormatError naming the line on anything else."""
    beads = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            raise FormatError(f"{name}:{n}: not a bead line like [0,1]:[2]: {line.strip()[:60]!r}")
        score = None
        if m.group(3) is not None:
            try:
                score = float(m.group(3))
            except ValueError:
                raise FormatError(f"{name}:{n}: score is not a number: {m.group(3)!r}") from None
        beads.append(Bead(_ids(m.group(1)), _ids(m.group(2)), score))
    return beads


def read_beads(path: str | os.PathLike[str]) -> list[Bead]:
    """Read a bead file."""
    return parse_beads(read_text(path), str(path))
