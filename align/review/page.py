"""The review page: one self-contained HTML file to see, fix and export an alignment.

:func:`render_review` turns an :class:`~corpora.Alignment` plus plain annotations
(:class:`Highlight` spans and :class:`BeadIssue` messages, e.g. from the glossary
checks) into an HTML page that needs no network and no server. The page embeds the
segments and beads as JSON; its script (``templates/review.html``) edits the beads and
exports TMX and TSV written by the same rules as :mod:`corpora.formats`.

Annotations are given per bead (offsets into ``alignment.src_text(bead)`` or
``tgt_text``) and are stored per segment, so that they stay on their sentence when the
reviewer merges, splits or moves sentences.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Sequence

from corpora import Alignment, __version__, atomic_write, is_cjk_lang
from corpora.formats.tmx import tmx_lang

from ..errors import AlignError

__all__ = ["Highlight", "BeadIssue", "ReviewOptions", "render_review", "write_review", "script_json"]

SIDES = ("src", "tgt")


@dataclass(frozen=True)
class Highlight:
    """A span to mark in bead ``bead``'s text on ``side`` ("src" or "tgt").

    ``start``/``end`` are character offsets into the bead's joined text (as
    :meth:`Alignment.pairs` gives it); ``css`` names the mark's classes (``term``,
    ``term-preferred``, ``term-admitted``, ``term-forbidden``, ``term-issue`` are
    styled); ``tooltip`` is shown on hover.
    """

    bead: int
    side: str
    start: int
    end: int
    css: str = "term"
    tooltip: str = ""


@dataclass(frozen=True)
class BeadIssue:
    """A problem found in bead ``bead`` (an index into ``alignment.beads``)."""

    bead: int
    kind: str
    message: str


@dataclass(frozen=True)
class ReviewOptions:
    """How the page is labelled and which beads it shades.

    ``threshold``: beads scoring below it are low-confidence (the reviewer can change
    it in the page). ``export_name``: file name stem of the TMX/TSV downloads.
    ``sources``: the input file names shown in the header.
    """

    title: str = "alignment"
    threshold: float = 0.5
    export_name: str = "alignment"
    sources: tuple[str, ...] = ()


def _utf16(text: str, offset: int) -> int:
    """A code-point offset as a JavaScript (UTF-16) string offset."""
    return offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)


def _segment_spans(alignment: Alignment, bead: int, side: str) -> list[tuple[int, int, int]]:
    """(segment id, start, end) of each segment inside the bead's joined text."""
    ids = alignment.beads[bead].src if side == "src" else alignment.beads[bead].tgt
    segments = alignment.src if side == "src" else alignment.tgt
    lang = alignment.src_lang if side == "src" else alignment.tgt_lang
    sep = 0 if is_cjk_lang(lang) else 1
    spans, pos = [], 0
    for i in ids:
        text = segments[i].text
        if not text:  # join_segments skips empty texts
            continue
        spans.append((i, pos, pos + len(text)))
        pos += len(text) + sep
    return spans


def _segment_marks(
    alignment: Alignment, highlights: Iterable[Highlight]
) -> dict[tuple[str, int], list[tuple[int, int, str, str]]]:
    """Highlights moved onto the segments they cover: (side, id) → [(start, end, css, tip)]."""
    marks: dict[tuple[str, int], list[tuple[int, int, str, str]]] = {}
    n = len(alignment.beads)
    for h in highlights:
        if h.side not in SIDES:
            raise AlignError(f"highlight side must be 'src' or 'tgt', not {h.side!r}")
        if not 0 <= h.bead < n:
            raise AlignError(f"highlight for bead {h.bead}, but the alignment has {n} beads")
        spans = _segment_spans(alignment, h.bead, h.side)
        length = spans[-1][2] if spans else 0
        if not 0 <= h.start < h.end <= length:
            raise AlignError(
                f"highlight {h.start}..{h.end} outside bead {h.bead}'s {h.side} text (length {length})"
            )
        for seg, a, b in spans:
            start, end = max(h.start, a), min(h.end, b)
            if start < end:
                marks.setdefault((h.side, seg), []).append((start - a, end - a, h.css, h.tooltip))
    return marks


def _non_overlapping(marks: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Spans sorted; identical spans merged (classes and tooltips joined), overlaps dropped."""
    merged: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    for start, end, css, tip in marks:
        classes, tips = merged.setdefault((start, end), ([], []))
        classes.extend(c for c in css.split() if c not in classes)
        if tip and tip not in tips:
            tips.append(tip)
    out: list[tuple[int, int, str, str]] = []
    for (start, end), (classes, tips) in sorted(merged.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if out and start < out[-1][1]:
            continue
        out.append((start, end, " ".join(classes), "\n".join(tips)))
    return out


def _side_data(alignment: Alignment, side: str, marks) -> list[dict]:
    segments = alignment.src if side == "src" else alignment.tgt
    rows = []
    for i, seg in enumerate(segments):
        row: dict = {"t": seg.text, "p": seg.paragraph}
        found = marks.get((side, i))
        if found:
            row["m"] = [
                [_utf16(seg.text, s), _utf16(seg.text, e), css, tip]
                for s, e, css, tip in _non_overlapping(found)
            ]
        rows.append(row)
    return rows


def _issue_data(alignment: Alignment, issues: Iterable[BeadIssue]) -> list[dict]:
    n = len(alignment.beads)
    out = []
    for issue in issues:
        if not 0 <= issue.bead < n:
            raise AlignError(f"issue for bead {issue.bead}, but the alignment has {n} beads")
        b = alignment.beads[issue.bead]
        out.append({"kind": issue.kind, "msg": issue.message, "s": list(b.src), "t": list(b.tgt)})
    return out


def _page_data(
    alignment: Alignment,
    highlights: Iterable[Highlight],
    issues: Iterable[BeadIssue],
    options: ReviewOptions,
) -> dict:
    marks = _segment_marks(alignment, highlights)
    data = {
        "src": _side_data(alignment, "src", marks),
        "tgt": _side_data(alignment, "tgt", marks),
        "beads": [
            {"s": list(b.src), "t": list(b.tgt), "score": score,
             "st": "" if score is None else f"{score:.4f}", "tu": p.tu or 0}
            for b, p in zip(alignment.beads, alignment.pairs())
            for score in [b.score if b.score is not None and math.isfinite(b.score) else None]  # JSON has no NaN
        ],
    }
    doc_id = hashlib.sha1(json.dumps(data, sort_keys=True).encode("utf-8", "surrogatepass")).hexdigest()
    data.update(
        issues=_issue_data(alignment, issues),
        doc_id=doc_id[:16],
        version=__version__,
        title=options.title,
        sources=list(options.sources),
        export_name=options.export_name,
        threshold=options.threshold,
        signature=alignment.signature,
        src_lang=alignment.src_lang,
        tgt_lang=alignment.tgt_lang,
        tmx_src_lang=tmx_lang(alignment.src_lang),
        tmx_tgt_lang=tmx_lang(alignment.tgt_lang),
        src_sep="" if is_cjk_lang(alignment.src_lang) else " ",
        tgt_sep="" if is_cjk_lang(alignment.tgt_lang) else " ",
    )
    return data


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def script_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``.

    Lone surrogates (which UTF-8 cannot hold) are written as ``\\uXXXX`` escapes.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = re.sub("[<>&]", lambda m: _SCRIPT_UNSAFE[m.group()], text)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _template() -> str:
    return (resources.files("align.review") / "templates" / "review.html").read_text(encoding="utf-8")


def render_review(
    alignment: Alignment,
    highlights: Sequence[Highlight] = (),
    issues: Sequence[BeadIssue] = (),
    options: ReviewOptions | None = None,
) -> str:
    """The review page of ``alignment`` as one self-contained HTML document."""
    alignment.validate()
    if not alignment.beads:
        raise AlignError("nothing to review: the alignment has no beads")
    options = options or ReviewOptions()
    if not 0.0 <= options.threshold <= 1.0:
        raise AlignError(f"threshold must be between 0 and 1, not {options.threshold}")
    values = {
        "TITLE": html.escape(options.title),
        "DATA": script_json(_page_data(alignment, highlights, issues, options)),
    }
    return re.sub(r"\{\{(TITLE|DATA)\}\}", lambda m: values[m.group(1)], _template())


def write_review(
    alignment: Alignment,
    path: str | os.PathLike[str],
    highlights: Sequence[Highlight] = (),
    issues: Sequence[BeadIssue] = (),
    options: ReviewOptions | None = None,
) -> None:
    """Write the review page to ``path`` atomically."""
    page = render_review(alignment, highlights, issues, options)
    with atomic_write(path) as out:
        out.write(page)
