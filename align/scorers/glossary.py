"""Glossary terms as evidence: a concept's renderings found on both sides.

Terms are evidence, not constraints: a concept shared by a source and a target
sentence counts like a dictionary word both share (weighted by its rarity in the
document, times the scorer's weight), so a frequent term (实验室 / "the Lab") cannot
outvote everything else a sentence holds, and a term the translator left out only
costs what a missing word costs. Four safeguards:

- concepts in more than ``MAX_SHARE`` of a side's sentences are left out;
- a sentence's glossary evidence weighs at most ``SENTENCE_CAP`` of its dictionary's;
- the aligner first aligns without the glossary and keeps only the concepts that agree
  with that alignment (:func:`consistent_concepts`), so a wrong entry cannot pull;
- glossary terms never anchor the first pass's band (see :mod:`align.aligner`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from ..analysis import DocPair
from .base import Coverage, Scorer

if TYPE_CHECKING:  # pragma: no cover
    from glossary import TermBase

__all__ = ["GlossaryScorer", "as_lexical_evidence", "consistent_concepts"]

# A glossary concept weighs this many dictionary tokens of the same rarity.
TOKEN_WEIGHT = 2.0
# Concepts in more than this share of a side's sentences (实验室 / "the Lab") say nothing about
# which sentence translates which, and are left out.
MAX_SHARE = 0.1
# Share of a concept's sentences whose bead (without the glossary) holds it on the other side.
AGREEMENT = 0.5
# A sentence's glossary evidence weighs at most this share of its dictionary evidence.
SENTENCE_CAP = 0.3


class GlossaryScorer(Scorer):
    """Sentences sharing a glossary concept (any rendering, forbidden ones included:
    a wrong rendering is still a translation of the term). ``weight``: how many
    dictionary tokens of the same rarity one shared concept is worth."""

    name = "glossary"

    def __init__(self, termbase: "TermBase", weight: float = TOKEN_WEIGHT) -> None:
        super().__init__(weight)
        self.termbase = termbase

    def fit(self, doc: DocPair) -> Coverage | None:
        from glossary import TermMatcher

        src_matcher = TermMatcher(self.termbase, doc.src.lang, tolerances=None)
        tgt_matcher = TermMatcher(self.termbase, doc.tgt.lang, tolerances=None)
        src = [[h.concept for h in src_matcher.find(t)] for t in doc.src.texts]
        tgt = [[h.concept for h in tgt_matcher.find(t)] for t in doc.tgt.texts]
        both = _informative(src, MAX_SHARE) & _informative(tgt, MAX_SHARE)
        if not both:
            return None
        src = [[c for c in row if c in both] for row in src]
        tgt = [[c for c in row if c in both] for row in tgt]
        return Coverage.symmetric(self.name, self.weight, src, tgt)


def _informative(rows: list[list[str]], max_share: float) -> set[str]:
    """Concepts found in at most ``max_share`` of the sentences (and at least one)."""
    df = Counter(c for row in rows for c in set(row))
    limit = max(2.0, max_share * len(rows))
    return {c for c, k in df.items() if k <= limit}


def as_lexical_evidence(glossary: Coverage, reference: Coverage | None) -> Coverage:
    """``glossary`` reweighted so that one unit of its mass weighs ``glossary.weight``
    units of ``reference`` (the dictionary's) mass.

    The aligner gives each scorer the weight of a typical sentence holding its
    evidence; a sentence holds one or two glossary concepts but dozens of dictionary
    tokens, so without this one shared term would weigh as much as all the words of
    a sentence. A sentence's glossary evidence is also capped at ``SENTENCE_CAP`` of
    its dictionary evidence: a list of four ministries must not tie its sentence to
    one target sentence so hard that the sentence translated with it goes elsewhere.
    Without a reference (another language pair) the glossary's tokens weigh a sixth
    of a sentence's evidence.
    """
    if reference is None or reference.typical_mass() <= 0:
        return replace(glossary, weight=glossary.weight / 6.0)
    per_unit = reference.weight / reference.typical_mass()
    limit = SENTENCE_CAP / max(glossary.weight, 1e-9)
    capped = replace(glossary, src_held=_capped(glossary.src_held, reference.src_mass * limit),
                     tgt_held=_capped(glossary.tgt_held, reference.tgt_mass * limit))
    return replace(capped, weight=glossary.weight * per_unit * capped.typical_mass())


def _capped(held: sparse.csr_matrix | None, limit: np.ndarray) -> sparse.csr_matrix | None:
    """Rows of ``held`` scaled down to at most ``limit`` (rows with no limit kept)."""
    if held is None:
        return None
    mass = np.asarray(held.sum(axis=1)).ravel()
    factor = np.ones(len(mass))
    over = (mass > limit) & (limit > 0)
    factor[over] = limit[over] / mass[over]
    return (sparse.diags(factor) @ held).tocsr()


def consistent_concepts(glossary: Coverage, beads, min_agreement: float = AGREEMENT) -> Coverage | None:
    """``glossary`` keeping only the concepts that agree with an alignment made without it.

    A concept agrees when at least ``min_agreement`` of the source sentences holding
    it have a sentence holding it on the other side in their bead (or a sentence next
    to it), and the same the other way round. A wrong glossary entry, or one whose
    renderings the translator does not use, then cannot pull sentences apart; a term
    that is right where the text is right can only confirm or repair a few beads.
    ``beads``: ``((i0, i1, j0, j1), confidence)`` of the alignment without the glossary.
    None when no concept agrees.
    """
    n, m = glossary.n_src, glossary.n_tgt
    if glossary.src_held is None or glossary.tgt_held is None or not n or not m:
        return None
    rows, cols = [], []
    for (i0, i1, j0, j1), _ in beads:
        lo, hi = max(0, j0 - 1), min(m, max(j1, j0 + 1) + 1)
        for i in range(i0, i1):
            rows.extend([i] * (hi - lo))
            cols.extend(range(lo, hi))
        if i0 == i1:  # a target-only bead: its sentences may belong to the source next to it
            for i in range(max(0, i0 - 1), min(n, i0 + 1)):
                rows.extend([i] * (j1 - j0))
                cols.extend(range(j0, j1))
    window = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, m))
    window.data[:] = 1.0
    src = (glossary.src_held > 0).astype(np.float64)
    tgt = (glossary.tgt_held > 0).astype(np.float64)
    src_ok = src.multiply((window @ tgt) > 0)
    tgt_ok = tgt.multiply((window.T @ src) > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        agree_src = np.asarray(src_ok.sum(axis=0)).ravel() / np.asarray(src.sum(axis=0)).ravel()
        agree_tgt = np.asarray(tgt_ok.sum(axis=0)).ravel() / np.asarray(tgt.sum(axis=0)).ravel()
    keep = (np.nan_to_num(agree_src) >= min_agreement) & (np.nan_to_num(agree_tgt) >= min_agreement)
    if not keep.any():
        return None
    mask = sparse.diags(keep.astype(np.float64))

    def masked(x):
        out = (x @ mask).tocsr()
        out.eliminate_zeros()
        return out

    return replace(glossary, src_held=masked(glossary.src_held), tgt_covers=masked(glossary.tgt_covers),
                   tgt_held=masked(glossary.tgt_held), src_covers=masked(glossary.src_covers))
