"""The evidence of the sentence splitter (align/split.py): each cut problem's matched
mass between the sentences of its many side and the spans of its one sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np
from scipy import sparse

from .analysis import DocPair, Side

if TYPE_CHECKING:  # pragma: no cover
    from .aligner import Aligner
    from .lexicon import Lexicon
    from .split import CutProblem

__all__ = ["cut_evidence"]


def cut_evidence(problems: Sequence["CutProblem"], chunks: Sequence[Sequence[str]], aligner: "Aligner",
                 lexicon: "Lexicon | None") -> list:
    """For each problem: matched mass (many sentences × spans of the one sentence), the
    many sentences' and the spans' held mass, pooled over the scorers with their weights.

    All problems of one orientation are one document for the scorers (one fit each), so
    rare words weigh more, as in the aligner.
    """
    from .aligner import DEFAULT_SCORERS, WEIGHTS
    from .scorers import make_scorers

    scorers = make_scorers(DEFAULT_SCORERS, WEIGHTS)
    lexicon = lexicon if lexicon is not None else aligner.lexicon
    if lexicon is not None:
        from .scorers.learned import LearnedScorer

        scorers.append(LearnedScorer(lexicon, WEIGHTS.scorer("learned")))
    out: list = [None] * len(problems)
    for one_is_src in (False, True):
        ids = [k for k, p in enumerate(problems) if p.one_is_src == one_is_src]
        if not ids:
            continue
        many_rows = [0]
        one_rows = [0]
        for k in ids:
            many_rows.append(many_rows[-1] + len(problems[k].many))
            one_rows.append(one_rows[-1] + len(chunks[k]))
        many_side = Side([t for k in ids for t in problems[k].many], problems[ids[0]].many_lang)
        one_side = Side([t for k in ids for t in chunks[k]], problems[ids[0]].one_lang)
        doc = DocPair(one_side, many_side) if one_is_src else DocPair(many_side, one_side)
        if doc.zh_en is not None:
            doc.cedict = aligner.cedict
        many_rows, one_rows = np.array(many_rows), np.array(one_rows)
        many_counts = np.diff(many_rows)
        one_counts = np.diff(one_rows)
        many_block = np.repeat(np.arange(len(ids)), many_counts)
        one_block = np.repeat(np.arange(len(ids)), one_counts)
        # every problem's matched mass, a (many × spans) matrix, in one flat array
        offsets = np.concatenate([[0], np.cumsum(many_counts * one_counts)])
        matched = np.zeros(int(offsets[-1]))
        many_mass_all = np.zeros(many_rows[-1])
        one_mass_all = np.zeros(one_rows[-1])
        src_block, tgt_block = (one_block, many_block) if one_is_src else (many_block, one_block)
        for cov in (sc.fit(doc) for sc in scorers):
            if cov is None:
                continue
            products = [p for p in (_block_products(cov.src_held, cov.tgt_covers, src_block, tgt_block),
                                    _block_products(cov.src_covers, cov.tgt_held, src_block, tgt_block))
                        if p is not None]
            if products:
                pairs = sum(products[1:], products[0]).tocoo()
                many, one = (pairs.col, pairs.row) if one_is_src else (pairs.row, pairs.col)
                n = many_block[many]
                block = np.zeros(len(matched))
                block[offsets[n] + (many - many_rows[n]) * one_counts[n] + (one - one_rows[n])] = pairs.data
                matched += cov.weight * block
            many_mass, one_mass = (cov.tgt_mass, cov.src_mass) if one_is_src else (cov.src_mass, cov.tgt_mass)
            many_mass_all += cov.weight * many_mass
            one_mass_all += cov.weight * one_mass
        for n, k in enumerate(ids):
            out[k] = (matched[offsets[n]:offsets[n + 1]].reshape(many_counts[n], one_counts[n]),
                      many_mass_all[many_rows[n]:many_rows[n + 1]], one_mass_all[one_rows[n]:one_rows[n + 1]])
    return out


def _block_products(a, b, a_block: np.ndarray, b_block: np.ndarray):
    """``a · bᵀ`` (sparse) for the row pairs of one block only (``a_block``, ``b_block``:
    each row's block), in one product: each token becomes one token per block."""
    if a is None or b is None:
        return None
    a, b = a.tocsr(), b.tocsr()
    keys_a = a_block[np.repeat(np.arange(a.shape[0]), np.diff(a.indptr))].astype(np.int64) * a.shape[1] + a.indices
    keys_b = b_block[np.repeat(np.arange(b.shape[0]), np.diff(b.indptr))].astype(np.int64) * b.shape[1] + b.indices
    keys, column = np.unique(np.concatenate([keys_a, keys_b]), return_inverse=True)
    a = sparse.csr_matrix((a.data, column[:len(keys_a)], a.indptr), shape=(a.shape[0], len(keys)))
    b = sparse.csr_matrix((b.data, column[len(keys_a):], b.indptr), shape=(b.shape[0], len(keys)))
    return a @ b.T
