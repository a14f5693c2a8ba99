"""Scores of a translation: terminology (accuracy, consistency, per term) and sacrebleu.

Term accuracy is the share of source-term occurrences whose target segment carries a
preferred or admitted rendering of the concept — the exact-match term accuracy of the
WMT terminology task. Consistency is, per source term, the share of its rendered
occurrences that use its most frequent rendering; micro over all occurrences, macro
as the mean over terms. Short forms (acronyms, abbreviations, ``the Lab`` after
``Zhejiang Lab``) are not counted as competing renderings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from corpora import is_cjk_lang

from .errors import GlossaryError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Occurrence",
    "TermStat",
    "TermScores",
    "TranslationScores",
    "rendering_counts",
    "stats_frame",
    "term_scores",
    "translation_scores",
]


@dataclass(frozen=True)
class Occurrence:
    """One source-term occurrence in a two-sided pair, and how the target renders it.

    ``renderings`` are the full-form approved target terms of the concept found in the
    segment (empty when only a short form, or nothing, renders it).
    """

    segment: int
    concept: str
    term: str
    rendered: bool
    forbidden: bool
    renderings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermStat:
    """One row of the per-term table."""

    concept: str
    term: str
    expected: str
    occurrences: int
    rendered: int
    forbidden: int
    accuracy: float
    consistency: float | None
    renderings: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class TranslationScores:
    """sacrebleu's BLEU, chrF and TER of hypotheses against one reference."""

    bleu: float
    chrf: float
    ter: float
    segments: int
    level: str  # "segment": line by line; "document": each side joined into one segment
    signature: str


@dataclass(frozen=True)
class TermScores:
    """The summary scores of a check (None where there was nothing to measure)."""

    segments: int
    occurrences: int
    rendered: int
    term_accuracy: float | None
    consistency_micro: float | None
    consistency_macro: float | None
    issues: int
    missing: int
    forbidden: int
    inconsistent: int
    unexpected: int
    number: int
    translation: TranslationScores | None = None

    def as_dict(self) -> dict:
        """Plain data for JSON (rounded to 6 places)."""
        d = asdict(self)
        for k, v in list(d.items()):
            if isinstance(v, float):
                d[k] = round(v, 6)
        if d["translation"] is not None:
            d["translation"] = {k: round(v, 4) if isinstance(v, float) else v
                                for k, v in d["translation"].items()}
        return d


def rendering_counts(occurrences: Iterable[Occurrence]) -> dict[tuple[str, str], Counter]:
    """Per (concept, source term): how many occurrences used each full-form rendering."""
    counts: dict[tuple[str, str], Counter] = {}
    for o in occurrences:
        if o.renderings:
            c = counts.setdefault((o.concept, o.term), Counter())
            for r in o.renderings:
                c[r] += 1
    return counts


def term_scores(
    occurrences: Sequence[Occurrence],
    expected: dict[str, str],
    issue_counts: Counter,
    segments: int,
    order: Sequence[str] = (),
) -> tuple[TermScores, tuple[TermStat, ...]]:
    """Summary scores and the per-term table.

    ``expected`` maps a concept id to its preferred target term; ``issue_counts``
    counts issues by kind; ``order`` lists concept ids in term base order.
    """
    counts = rendering_counts(occurrences)
    rank = {cid: i for i, cid in enumerate(order)}
    by_term: dict[tuple[str, str], list[Occurrence]] = {}
    for o in occurrences:
        by_term.setdefault((o.concept, o.term), []).append(o)
    stats = []
    for key in sorted(by_term, key=lambda k: (rank.get(k[0], len(rank)), by_term[k][0].segment)):
        occ = by_term[key]
        rendered = sum(o.rendered for o in occ)
        c = counts.get(key, Counter())
        total = sum(c.values())
        stats.append(TermStat(
            concept=key[0],
            term=key[1],
            expected=expected.get(key[0], ""),
            occurrences=len(occ),
            rendered=rendered,
            forbidden=sum(o.forbidden for o in occ),
            accuracy=rendered / len(occ),
            consistency=max(c.values()) / total if total else None,
            renderings=tuple(c.most_common()),
        ))
    n = len(occurrences)
    rendered = sum(o.rendered for o in occurrences)
    totals = [sum(c.values()) for c in counts.values()]
    tops = [max(c.values()) for c in counts.values()]
    scores = TermScores(
        segments=segments,
        occurrences=n,
        rendered=rendered,
        term_accuracy=rendered / n if n else None,
        consistency_micro=sum(tops) / sum(totals) if totals else None,
        consistency_macro=sum(t / s for t, s in zip(tops, totals)) / len(totals) if totals else None,
        issues=sum(issue_counts.values()),
        missing=issue_counts.get("missing", 0),
        forbidden=issue_counts.get("forbidden", 0),
        inconsistent=issue_counts.get("inconsistent", 0),
        unexpected=issue_counts.get("unexpected", 0),
        number=issue_counts.get("number", 0),
    )
    return scores, tuple(stats)


def stats_frame(stats: Sequence[TermStat]) -> "pandas.DataFrame":
    """The per-term table as a DataFrame (renderings as ``text ×count; ...``)."""
    import pandas as pd

    columns = ["concept", "term", "expected", "occurrences", "rendered", "forbidden", "accuracy",
               "consistency", "renderings"]
    rows = [(s.concept, s.term, s.expected, s.occurrences, s.rendered, s.forbidden, s.accuracy,
             s.consistency, "; ".join(f"{r} ×{n}" for r, n in s.renderings)) for s in stats]
    return pd.DataFrame(rows, columns=columns)


def translation_scores(
    hypotheses: Sequence[str], references: Sequence[str], lang: str, level: str = "segment"
) -> TranslationScores:
    """BLEU, chrF and TER (sacrebleu) of ``hypotheses`` against ``references``.

    ``lang`` is the language of both: for Chinese (and other CJK) text BLEU uses
    sacrebleu's ``zh`` tokenizer and TER its Asian support; otherwise ``13a``.
    """
    from sacrebleu.metrics import BLEU, CHRF, TER

    if len(hypotheses) != len(references):
        raise GlossaryError(
            f"{len(hypotheses)} hypothesis segment(s) but {len(references)} reference segment(s): "
            "give one reference line per hypothesis line"
        )
    if not hypotheses:
        raise GlossaryError("no segments to score")
    cjk = is_cjk_lang(lang)
    bleu = BLEU(tokenize="zh" if cjk else "13a")
    chrf = CHRF()
    ter = TER(normalized=cjk, asian_support=cjk)
    refs = [list(references)]
    hyps = list(hypotheses)
    b = bleu.corpus_score(hyps, refs).score
    c = chrf.corpus_score(hyps, refs).score
    t = ter.corpus_score(hyps, refs).score
    signature = f"BLEU {bleu.get_signature()} | chrF {chrf.get_signature()} | TER {ter.get_signature()}"
    return TranslationScores(b, c, t, len(hyps), level, signature)
