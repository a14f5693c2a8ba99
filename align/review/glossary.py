"""The glossary's findings as review-page annotations: term highlights and term issues.

The one place the review page meets :mod:`glossary`; imported lazily so that the page
works without it.
"""

from __future__ import annotations

import os

from corpora import Alignment

from .page import BeadIssue, Highlight

__all__ = ["glossary_annotations"]


def _issue_message(issue) -> str:
    parts = [f"“{issue.term}”"] if issue.term else []
    if issue.expected:
        parts.append(f"expected “{issue.expected}”")
    if issue.found:
        parts.append(f"found “{issue.found}”")
    return ", ".join(parts) or str(issue.kind)


def glossary_annotations(
    alignment: Alignment, path: str | os.PathLike[str]
) -> tuple[list[Highlight], list[BeadIssue]]:
    """Term hits of the glossary at ``path`` on both sides, and its term issues per bead.

    Hits are classed ``term term-<status>``; a hit naming a term that has an issue in
    its bead also gets ``term-issue``.
    """
    from glossary import TermMatcher, check_pairs, load_termbase

    termbase = load_termbase(path)
    pairs = list(alignment.pairs())
    result = check_pairs(pairs, termbase, alignment.src_lang, alignment.tgt_lang)
    issues = [BeadIssue(i.segment, i.kind, _issue_message(i)) for i in result.issues]
    flagged = {(i.segment, side, span) for i in result.issues
               for side, span in (("src", i.src_span), ("tgt", i.tgt_span)) if span}
    highlights: list[Highlight] = []
    for side, lang in (("src", alignment.src_lang), ("tgt", alignment.tgt_lang)):
        matcher = TermMatcher(termbase, lang, tolerances=None)
        for p in pairs:
            for hit in matcher.find(p.src if side == "src" else p.tgt):
                css = f"term term-{hit.status}"
                if (p.index, side, (hit.start, hit.end)) in flagged:
                    css += " term-issue"
                tip = f"{hit.term} · {hit.status}" + (f" · concept {hit.concept}" if hit.concept else "") + (
                    f" · matched by tolerance: {hit.tolerance}" if hit.tolerance else "")
                highlights.append(Highlight(p.index, side, hit.start, hit.end, css, tip))
    return highlights, issues
