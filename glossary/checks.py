"""Terminology and number checks on aligned pairs.

Five kinds of issue, each tied to a pair (bead) index:

- ``missing``: a source term is present, but no preferred or admitted rendering of its
  concept is in the target;
- ``forbidden``: a forbidden rendering (deprecated, superseded: e.g. a former ministry
  name) is in the target — reported instead of ``missing`` for that concept;
- ``inconsistent``: one source term is rendered with different full-form renderings
  across the document; reported where the less frequent ones occur, with the counts
  (short forms such as acronyms are no inconsistency);
- ``unexpected``: a target term is present without any source term of its concept;
- ``number``: a number on one side is not on the other (see :mod:`glossary.numbers`).

Only two-sided pairs are checked for missing, unexpected and number issues; a
forbidden rendering is an issue wherever it is. Issues are numbered by ``tu``, the
number the pair's TMX unit has (two-sided pairs 1, 2, 3, ...).

Matching tolerances (:data:`~glossary.match.TOLERANCES`) can be switched off one by
one; the check's own is ``nested``: a longer source term accounts for the shorter
terms inside it (中国工程院院士 for 中国工程院), so their renderings in the target are
not ``unexpected``. Every match that counted only thanks to a tolerance is listed in
:attr:`CheckResult.tolerated`, and an issue resting on one names it. The check works in either direction:
terms are taken from the term base by the source and target language codes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Iterable, Sequence

from corpora import Alignment, TextPair, join_segments
from corpora.humancsv import strip_escapes
from corpora.signature import Signature

from .errors import GlossaryError
from .issues import KINDS, CheckResult, TermIssue, parse_kinds
from .match import TermHit, TermMatcher
from .tolerances import TOLERANCES, NestedTerms, ToleratedMatch, tolerance_set
from .number_checks import number_mismatches
from .scores import Occurrence, TranslationScores, rendering_counts, term_scores, translation_scores
from .termbase import Concept, TermBase, looks_like_acronym

__all__ = ["KINDS", "TOLERANCES", "TermIssue", "ToleratedMatch", "CheckResult", "check_pairs", "short_forms",
           "parse_kinds"]

def short_forms(concept: Concept, lang: str) -> frozenset[str]:
    """The approved terms of ``concept`` in ``lang`` that are short forms.

    A term is a short form when its termType says so (acronym, abbreviation,
    shortForm), or, with no termType, when it is an acronym or its words (less a
    leading article) begin or end a longer approved term: ``Cyberspace Administration``
    of ``Cyberspace Administration of China``, ``the Lab`` of ``Zhejiang Lab``.
    """
    approved = concept.approved(lang)
    words = {t.text: _words(t.text) for t in approved}
    out = set()
    for t in approved:
        if t.is_short_form:
            out.add(t.text)
        elif t.term_type is None or not t.term_type.strip():
            w = words[t.text]
            if looks_like_acronym(t.text) or any(
                len(w) < len(o) and (o[:len(w)] == w or o[-len(w):] == w)
                for text, o in words.items() if text != t.text
            ):
                out.add(t.text)
    return frozenset(out)


_ARTICLES = ("the", "a", "an")


def _words(text: str) -> list[str]:
    w = re.findall(r"[^\W_]+", text.lower())
    return w[1:] if len(w) > 1 and w[0] in _ARTICLES else w


def _pairs(pairs) -> list[tuple[int, str, str]]:
    if isinstance(pairs, Alignment):
        pairs = pairs.pairs()
    out = []
    for k, p in enumerate(pairs):
        if isinstance(p, TextPair):
            out.append((p.index, p.src or "", p.tgt or "", p.tu))
        else:
            try:
                src, tgt = p
            except (TypeError, ValueError):
                raise GlossaryError(f"pair {k}: expected a TextPair or a (source, target) tuple") from None
            out.append((k, src or "", tgt or "", None))
    # pairs given without a tu are numbered as a TMX numbers them: two-sided ones from 1
    tu = 0
    numbered = []
    for seg, src, tgt, given in out:
        two_sided = bool(src.strip() and tgt.strip())
        tu += two_sided
        numbered.append((seg, src, tgt, given if given is not None else (tu if two_sided else None)))
    return numbered


def check_pairs(
    pairs: Iterable[TextPair] | Iterable[tuple[str, str]] | Alignment,
    termbase: TermBase,
    src_lang: str,
    tgt_lang: str,
    checks: Sequence[str] = KINDS,
    references: Sequence[str] | None = None,
    tolerances: Iterable[str] | None = None,
) -> CheckResult:
    """Check aligned pairs against a term base; return issues and scores.

    ``pairs`` are the :class:`~corpora.TextPair` of an alignment (or ``(src, tgt)``
    tuples, indexed from 0). ``checks`` selects issue kinds (all by default).
    ``references`` (one per pair, or any number to score the document as one
    segment) adds BLEU/chrF/TER of the targets. ``tolerances``: the names of
    :data:`~glossary.match.TOLERANCES` to apply (default: all; ``()`` for exact matching).
    """
    unknown = [k for k in checks if k not in KINDS]
    if unknown:
        raise GlossaryError(f"unknown check(s) {', '.join(unknown)} (known: {', '.join(KINDS)})")
    tolerance_names = tolerance_set(tolerances)
    termbase.require_lang(src_lang)
    termbase.require_lang(tgt_lang)
    rows = _pairs(pairs)
    src_matcher = TermMatcher(termbase, src_lang, tolerances=tolerance_names)
    tgt_matcher = TermMatcher(termbase, tgt_lang, tolerances=tolerance_names)
    nested = NestedTerms(src_matcher) if "nested" in tolerance_names else None
    tolerated: list[ToleratedMatch] = []
    concepts = {c.id: c for c in termbase.concepts}
    shorts = {c.id: short_forms(c, tgt_lang) for c in termbase.concepts}
    approved_src = {c.id: c.approved(src_lang) for c in termbase.concepts}
    approved_tgt = {c.id: c.approved(tgt_lang) for c in termbase.concepts}
    issues: list[TermIssue] = []
    occurrences: list[Occurrence] = []
    first_render: dict[tuple[int, str, str], TermHit] = {}
    first_source: dict[tuple[int, str], TermHit] = {}
    two_sided = 0
    for seg, src, tgt, tu in rows:
        s_hits = src_matcher.find(src)
        t_hits = tgt_matcher.find(tgt)
        tolerated.extend(ToleratedMatch(tu, side, h.concept, h.term, h.text, h.tolerance, h.start, h.end)
                         for side, hits in (("src", s_hits), ("tgt", t_hits)) for h in hits if h.tolerance)
        s_concepts = {h.concept: h for h in reversed(s_hits)}  # first hit of each concept
        inside = nested.concepts(s_hits) if nested is not None else {}
        forbidden = _forbidden(seg, src, tgt, s_hits, t_hits, s_concepts, concepts, src_lang, tgt_lang)
        if "forbidden" in checks:
            issues.extend(forbidden.values())
        if not (src.strip() and tgt.strip()):
            continue
        two_sided += 1
        approved: dict[str, list[TermHit]] = {}
        for h in t_hits:
            if h.approved:
                approved.setdefault(h.concept, []).append(h)
        for concept_id, first in s_concepts.items():
            hits = [h for h in s_hits if h.concept == concept_id]
            rendered = concept_id in approved
            full = []
            if rendered and len({h.term for h in hits}) == 1:
                full = sorted({h.term for h in approved[concept_id]} - shorts[concept_id])
                first_source[(seg, concept_id)] = first
                for h in approved[concept_id]:
                    first_render.setdefault((seg, concept_id, h.term), h)
            occurrences.extend(Occurrence(seg, concept_id, h.term, rendered, concept_id in forbidden, tuple(full))
                               for h in hits)
            if not rendered and concept_id not in forbidden and "missing" in checks and approved_tgt[concept_id]:
                issues.append(TermIssue(
                    seg, src, tgt, "missing", first.term, " | ".join(t.text for t in approved_tgt[concept_id]),
                    "", concept_id, f"no rendering of {first.text!r} in the target", (first.start, first.end),
                    tolerance=first.tolerance))
        for concept_id, (outer, _) in inside.items():
            if concept_id in approved and concept_id not in s_concepts:
                h = approved[concept_id][0]
                tolerated.append(ToleratedMatch(tu, "tgt", concept_id, h.term, h.text, "nested", h.start, h.end))
        if "unexpected" in checks:
            issues.extend(_unexpected(seg, src, tgt, t_hits, approved, {**inside, **s_concepts}, approved_src,
                                      src_lang))
        if "number" in checks:
            issues.extend(_number_issues(seg, src, tgt, src_lang, tgt_lang))
    if "inconsistent" in checks:
        issues.extend(_inconsistent(occurrences, rows, first_source, first_render, concepts, tgt_lang))
    tus = {seg: tu for seg, _, _, tu in rows}
    issues = [replace(i, tu=tus.get(i.segment)) for i in issues]
    issues.sort(key=lambda i: (i.segment, KINDS.index(i.kind), (i.src_span or i.tgt_span or (0, 0))[0]))
    expected_terms = {cid: (c.preferred(tgt_lang).text if c.preferred(tgt_lang) else "")
                      for cid, c in concepts.items()}
    scores, stats = term_scores(occurrences, expected_terms, Counter(i.kind for i in issues), two_sided,
                                [c.id for c in termbase.concepts])
    if references is not None:
        scores = replace(scores, translation=_translation(rows, references, tgt_lang))
    chosen = tuple(t for t in TOLERANCES if t in tolerance_names)
    signature = str(Signature.of(("glossary", f"{_name(termbase.name)}({len(termbase)} terms)"), ("src", src_lang),
                                 ("tgt", tgt_lang), ("checks", "+".join(checks)),
                                 ("tolerances", "+".join(chosen) or "none")))
    return CheckResult(tuple(issues), scores, stats, src_lang, tgt_lang, termbase.name, signature, tuple(checks),
                       tuple(tolerated), chosen)


def _name(path: str) -> str:
    return re.split(r"[\\/]", path)[-1] if path else "-"


def _forbidden(seg, src, tgt, s_hits, t_hits, s_concepts, concepts, src_lang, tgt_lang) -> dict[str, TermIssue]:
    """Forbidden target renderings, by concept (the first one of each concept)."""
    out: dict[str, TermIssue] = {}
    for h in t_hits:
        if h.approved or h.concept in out:
            continue
        # a homograph approved for a concept of the source is no error
        if any(o.approved and o.concept in s_concepts and (o.start, o.end) == (h.start, h.end) for o in t_hits):
            continue
        concept = concepts[h.concept]
        source = s_concepts.get(h.concept)
        src_term = source.term if source else (concept.preferred(src_lang).text if concept.preferred(src_lang) else "")
        expected = " | ".join(t.text for t in concept.approved(tgt_lang))
        note = next((t.note for t in concept.forbidden(tgt_lang) if t.text == h.term), "")
        out[h.concept] = TermIssue(
            seg, src, tgt, "forbidden", src_term, expected, h.text, h.concept,
            note or f"{h.term!r} is a forbidden rendering",
            (source.start, source.end) if source else None, (h.start, h.end), tolerance=h.tolerance)
    return out


def _unexpected(seg, src, tgt, t_hits, approved, s_concepts, approved_src, src_lang) -> list[TermIssue]:
    """Approved target terms whose concept has no term in the source (one issue per concept)."""
    out = []
    explained = {(h.start, h.end) for h in t_hits if h.concept in s_concepts}  # homographs
    for concept_id, hits in approved.items():
        sources = approved_src[concept_id]
        hits = [h for h in hits if (h.start, h.end) not in explained]
        if concept_id in s_concepts or not sources or not hits:
            continue
        h = hits[0]
        out.append(TermIssue(
            seg, src, tgt, "unexpected", sources[0].text, " | ".join(t.text for t in sources), h.text,
            concept_id, f"{h.text!r} in the target, but no {src_lang} term of its concept in the source",
            None, (h.start, h.end), tolerance=h.tolerance))
    return out


def _number_issues(seg: int, src: str, tgt: str, src_lang: str, tgt_lang: str) -> list[TermIssue]:
    out = []
    # the digits of terminal escape sequences (ESC]0;...) are no numbers; offsets stay valid
    for s, t in number_mismatches(strip_escapes(src), strip_escapes(tgt), src_lang, tgt_lang):
        if s is not None and t is not None:
            note = f"{_describe(s)} became {_describe(t)}"
        elif s is not None:
            note = f"{_describe(s)} is not in the target"
        else:
            note = f"{_describe(t)} is not in the source"
        out.append(TermIssue(
            seg, src, tgt, "number", s.text if s else "", _value(s) if s else "", t.text if t else "",
            "", note, (s.start, s.end) if s else None, (t.start, t.end) if t else None))
    return out


def _describe(n) -> str:
    value = _value(n)
    return n.text if value == n.text else f"{n.text} ({value})"


def _value(n) -> str:
    v = int(n.value) if float(n.value).is_integer() else n.value
    label = {"month": "month ", "percent": "", "year": "year ", "day": "day "}.get(n.kind, "")
    text = f"{label}{v}{'%' if n.kind == 'percent' else ''}"
    if n.ordinal:
        text = f"ordinal {text}"
    return f"about {text}" if n.approximate else text


def _inconsistent(occurrences, rows, first_source, first_render, concepts, tgt_lang) -> list[TermIssue]:
    """Issues where a source term uses a less frequent rendering than its usual one."""
    texts = {seg: (src, tgt) for seg, src, tgt, _ in rows}
    out = []
    for (concept_id, term), counts in rendering_counts(occurrences).items():
        if len(counts) < 2:
            continue
        preferred = {t.text for t in concepts[concept_id].terms_in(tgt_lang) if t.status == "preferred"}
        order = {}
        for o in occurrences:
            if o.concept == concept_id and o.term == term:
                for r in o.renderings:
                    order.setdefault(r, len(order))
        usual = max(counts, key=lambda r: (counts[r], r in preferred, -order[r]))
        summary = ", ".join(f"{r} ×{n}" for r, n in counts.most_common())
        seen = set()
        for o in occurrences:
            if o.concept != concept_id or o.term != term or o.segment in seen:
                continue
            seen.add(o.segment)
            for r in o.renderings:
                if r == usual:
                    continue
                h = first_render[(o.segment, concept_id, r)]
                s = first_source[(o.segment, concept_id)]
                src, tgt = texts[o.segment]
                out.append(TermIssue(
                    o.segment, src, tgt, "inconsistent", term, usual, h.text, concept_id,
                    f"{term} is rendered {summary}", (s.start, s.end), (h.start, h.end),
                    tolerance=h.tolerance or s.tolerance))
    return out


def _translation(rows, references: Sequence[str], tgt_lang: str) -> TranslationScores:
    hyps = [tgt for _, _, tgt, _ in rows]
    refs = [r.strip() for r in references]
    if len(refs) == len(hyps):
        return translation_scores(hyps, refs, tgt_lang, "segment")
    return translation_scores([join_segments(hyps, tgt_lang)], [join_segments(refs, tgt_lang)],
                              tgt_lang, "document")
