"""Anchors: sentence pairs sharing rare evidence, chained monotonically.

Tokens that occur in few sentences on each side (a name, a number, a rare word and
its dictionary translation) pair up sentences cheaply through sparse products; the
heaviest chain of pairs increasing on both sides is a skeleton of the alignment. The
first search pass then runs in a band around that skeleton, so that large offsets
(a missing chapter, a long insertion) do not need a band as wide as the offset:
time and memory stay linear in the number of sentences.

The skeleton is then refined: tokens far more common (in up to ``REFINE_MAX_DF``
sentences a side) pair up only the sentences near the first chain, and the heaviest
chain of those pairs gives the centers. Rare tokens alone grow sparse as a text
grows (a text that repeats itself has no rare tokens at all: bible-5k repeated 8
times put 305 gold beads farther than the first band from the chain, and strict F1
fell from 0.975 to 0.962); near the chain, common tokens are cheap and unambiguous.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy import sparse

from .scorers.base import Coverage, _expand, _sorted_keys

__all__ = ["anchor_pairs", "heaviest_chain", "anchor_centers"]

REFINE_MAX_DF = 100  # tokens of the refining pass: in at most this many sentences a side
REFINE_WINDOW = 100  # ... pairing sentences at most this far (target sentences) from the first chain
# ... of which the chain, one pair a row, is sought among each row's heaviest few: near
# the first chain the heaviest are the right ones (bible-5k's refined pairs 65,715 and
# 99,436 → 16,507 and 18,269; the same beads on bible-5k, MAC-Dev and the bundled report).
# Not the first chain's pairs: in a text that repeats itself a row's pairs tie.
REFINE_PER_ROW = 4


def _rare_columns(held: sparse.csr_matrix, covers: sparse.csr_matrix, max_df: int) -> np.ndarray:
    df_held = np.bincount(held.indices, minlength=held.shape[1])
    df_cov = np.bincount(covers.indices, minlength=covers.shape[1])
    return ((df_held >= 1) & (df_held <= max_df) & (df_cov >= 1) & (df_cov <= max_df)).astype(np.float64)


def anchor_pairs(coverages: Sequence[Coverage], max_df: int = 2,
                 near: tuple[np.ndarray, float] | None = None) -> sparse.coo_matrix:
    """Weighted candidate pairs (source × target) sharing tokens rare on both sides.

    ``near=(centers, window)``: only the pairs (i, j) with j within ``window`` of
    ``centers[i]`` (found without the full product: time and memory stay linear).
    """
    total = None
    for cov in coverages:
        for held, covers, transpose in (
            (cov.src_held, cov.tgt_covers, False),
            (cov.tgt_held, cov.src_covers, True),
        ):
            if held is None or covers is None:
                continue
            rare = np.flatnonzero(_rare_columns(held, covers, max_df))
            if near is None:
                pairs = held[:, rare] @ covers[:, rare].T
            else:
                pairs = _pairs_near(held[:, rare].tocsr(), covers[:, rare].tocsr(), transpose, *near)
            if transpose:
                pairs = pairs.T
            pairs = cov.weight * pairs.tocsr()
            total = pairs if total is None else total + pairs
    if total is None:
        return sparse.coo_matrix((0, 0))
    return total.tocoo()


def _pairs_near(held: sparse.csr_matrix, covers: sparse.csr_matrix, transpose: bool, centers: np.ndarray,
                window: float) -> sparse.csr_matrix:
    """``held @ covers.T`` reduced to the pairs near the centers (rows of ``held`` are
    target sentences when ``transpose``), without the full product: each entry of
    ``held`` finds by binary search the rows of ``covers`` in its window holding its token."""
    rows = np.arange(held.shape[0], dtype=np.float64)
    if transpose:  # target row j: the source rows i whose center lies within the window of j
        first = np.searchsorted(centers[:-1], rows + 0.5 - window, side="left")
        last = np.searchsorted(centers[:-1], rows + 0.5 + window, side="right")
    else:  # source row i: the target rows j with |j + 0.5 - centers[i]| <= window
        first = np.ceil(centers[:-1] - 0.5 - window)
        last = np.floor(centers[:-1] - 0.5 + window) + 1
    first = np.clip(first, 0, covers.shape[0]).astype(np.int64)
    last = np.clip(last, 0, covers.shape[0]).astype(np.int64)
    keys, cc = _sorted_keys(covers)
    h = held.tocoo()
    r, tok = h.row.astype(np.int64), h.col.astype(np.int64)
    query, pos = _expand(keys, tok, covers.shape[0] + 1, first[r], last[r])
    return sparse.csr_matrix((h.data[query] * cc.data[pos], (r[query], cc.indices[pos])),
                             shape=(held.shape[0], covers.shape[0]))


def heaviest_chain(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray) -> list[tuple[int, int]]:
    """The chain of pairs strictly increasing in row and column with the largest total weight.

    O(K log K) for K pairs, with a Fenwick tree of prefix maxima over columns.
    """
    if len(rows) == 0:
        return []
    order = np.lexsort((-cols, rows))  # by row, and within a row by decreasing column
    rows, cols, weights = rows[order], cols[order], weights[order]
    size = int(cols.max()) + 2
    tree_val = np.zeros(size + 1)
    tree_arg = np.full(size + 1, -1, dtype=np.int64)
    best = np.zeros(len(rows))
    back = np.full(len(rows), -1, dtype=np.int64)
    # Pairs of one row must not chain with each other: process a row's pairs by
    # querying all first, then updating. (Plain lists: faster than numpy element access.)
    tv = tree_val.tolist()
    ta = tree_arg.tolist()
    cl = cols.tolist()
    wl = weights.tolist()
    bl = [0.0] * len(cl)
    bk = [-1] * len(cl)
    bounds = np.flatnonzero(np.diff(rows)) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), len(cl)]
    size1 = len(tv)
    for start, end in zip(starts, ends):
        for q in range(start, end):
            i = cl[q]  # max over tree positions 1..cols[q], i.e. columns < cols[q]
            v, arg = 0.0, -1
            while i > 0:
                if tv[i] > v:
                    v, arg = tv[i], ta[i]
                i -= i & -i
            bl[q] = v + wl[q]
            bk[q] = arg
        for q in range(start, end):
            i, value = cl[q] + 1, bl[q]
            while i < size1:
                if value > tv[i]:
                    tv[i] = value
                    ta[i] = q
                i += i & -i
    best = np.array(bl)
    back = np.array(bk, dtype=np.int64)
    q = int(np.argmax(best))
    chain = []
    while q >= 0:
        chain.append((int(rows[q]), int(cols[q])))
        q = int(back[q])
    chain.reverse()
    return chain


def _query(tree_val: np.ndarray, tree_arg: np.ndarray, i: int) -> tuple[float, int]:
    """Max over positions 1..i (columns 0..i-1)."""
    v, arg = 0.0, -1
    while i > 0:
        if tree_val[i] > v:
            v, arg = tree_val[i], int(tree_arg[i])
        i -= i & -i
    return v, arg


def _update(tree_val: np.ndarray, tree_arg: np.ndarray, i: int, value: float, arg: int) -> None:
    while i < len(tree_val):
        if value > tree_val[i]:
            tree_val[i] = value
            tree_arg[i] = arg
        i += i & -i


def anchor_centers(coverages: Sequence[Coverage], n: int, m: int, max_df: int | None = None,
                   min_weight: float = 0.0, refine: bool = True) -> np.ndarray:
    """Target position expected at each source position 0..n, through the anchor chain.

    Tokens in at most ``max_df`` sentences per side pair sentences up (by default a
    number growing with the square root of the length: longer texts need more
    anchors, and the heaviest chain keeps out the noise). Falls back to the diagonal
    when no anchors are found. ``refine``: then the chain of the pairs of tokens in up
    to ``REFINE_MAX_DF`` sentences within ``REFINE_WINDOW`` of that first chain.
    """
    if max_df is None:
        max_df = int(np.clip(round(np.sqrt(max(n, m)) / 6), 2, 20))
    centers = _chain_centers(anchor_pairs(coverages, max_df), n, m, min_weight)
    if refine and REFINE_MAX_DF > max_df:
        near = anchor_pairs(coverages, REFINE_MAX_DF, near=(centers, REFINE_WINDOW))
        if near.nnz:
            centers = _chain_centers(near, n, m, min_weight, REFINE_PER_ROW)
    return centers


def _top_per_row(rows: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    """Positions (ascending) of the ``k`` heaviest pairs of each row."""
    order = np.lexsort((-weights, rows))
    r = rows[order]
    start = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
    rank = np.arange(len(r)) - np.repeat(start, np.diff(np.r_[start, len(r)]))
    return np.sort(order[rank < k])


def _chain_centers(pairs: sparse.coo_matrix, n: int, m: int, min_weight: float, per_row: int = 0) -> np.ndarray:
    """Target position at each source position 0..n, interpolated along the heaviest
    chain of ``pairs`` (the diagonal without pairs); ``per_row``: of the ``per_row``
    heaviest pairs of each row only."""
    xs = [0.0]
    ys = [0.0]
    if pairs.nnz:
        keep = np.flatnonzero(pairs.data > min_weight)
        if per_row:
            keep = keep[_top_per_row(pairs.row[keep], pairs.data[keep], per_row)]
        chain = heaviest_chain(pairs.row[keep], pairs.col[keep], pairs.data[keep])
        for r, c in chain:
            # anchor (r, c): the bead holding r and c ends around (r + 1, c + 1)
            if r + 0.5 > xs[-1] and c + 0.5 > ys[-1]:
                xs.append(r + 0.5)
                ys.append(c + 0.5)
    xs.append(float(n))
    ys.append(float(m))
    return np.interp(np.arange(n + 1, dtype=np.float64), xs, ys)
