"""The scorer interface: evidence that a source and a target sentence translate each other.

A scorer turns a :class:`~align.analysis.DocPair` into a :class:`Coverage`: what each
sentence *holds* (weighted tokens, summing to its mass) and what each sentence of the
other side *covers* (the tokens it can account for). For a candidate bead, the matched
mass over the total mass of both sides is the scorer's vote; the aligner pools the
votes of all scorers. The search never sees scorers, only the costs made from them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Iterable, Sequence

import numpy as np
from scipy import sparse

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import DocPair

__all__ = ["Scorer", "Coverage", "Vocabulary", "token_matrix", "idf_weights", "row_offsets", "band_rowdot",
           "band_rowdot_flat", "ragged_to_dense", "linked_coverage"]


class Vocabulary:
    """Token → column id, growing as tokens are added."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def id(self, token: str) -> int:
        """The id of ``token``, assigned on first sight."""
        found = self.ids.get(token)
        if found is None:
            found = self.ids[token] = len(self.ids)
        return found


def token_matrix(rows: Sequence[Sequence[str]], vocab: Vocabulary, size: int | None = None) -> sparse.csr_matrix:
    """Count matrix (sentences × vocabulary) of token lists."""
    ids = vocab.ids
    # a new token gets the next id (len(ids) is read before setdefault inserts it)
    indices = [ids.setdefault(t, len(ids)) for toks in rows for t in toks]
    indptr = np.concatenate([[0], np.cumsum([len(toks) for toks in rows])]).astype(np.int64)
    data = np.ones(len(indices), dtype=np.float64)
    m = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), size or len(vocab)))
    m.sum_duplicates()
    return m


def idf_weights(m: sparse.csr_matrix) -> np.ndarray:
    """Inverse document frequency of each column: log(1 + rows / df)."""
    df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float64)
    return np.log1p(m.shape[0] / np.maximum(df, 1.0))


def _binary(m: sparse.spmatrix) -> sparse.csr_matrix:
    """``m`` as a 0/1 CSR matrix, in place (every caller passes a matrix it just made:
    copying products of half a million entries costs more than computing them)."""
    b = m.tocsr()
    b.eliminate_zeros()
    b.data.fill(1.0)
    return b


def _shared_binary(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """0/1 matrices of two lists of token lists over one vocabulary."""
    vocab = Vocabulary()
    ma, mb = token_matrix(a, vocab), token_matrix(b, vocab)
    ma.resize((ma.shape[0], len(vocab)))
    mb.resize((mb.shape[0], len(vocab)))
    return _binary(ma), _binary(mb)


def _sorted_keys(m: sparse.spmatrix) -> tuple[np.ndarray, sparse.csc_matrix]:
    """Entries of ``m`` sorted by (column, row), as keys column × (rows + 1) + row."""
    mc = m.tocsc()
    mc.sort_indices()
    cols = np.repeat(np.arange(mc.shape[1], dtype=np.int64), np.diff(mc.indptr))
    return cols * (mc.shape[0] + 1) + mc.indices, mc


def _expand(keys: np.ndarray, tok: np.ndarray, span: int, first: np.ndarray, last: np.ndarray):
    """For each query i, the positions in ``keys`` of rows first[i]..last[i]-1 holding
    token tok[i]: (query of each hit, position of each hit)."""
    left = np.searchsorted(keys, tok * span + first)
    right = np.searchsorted(keys, tok * span + np.maximum(last, first))
    count = right - left
    query = np.repeat(np.arange(len(tok)), count)
    pos = np.arange(len(query)) - np.repeat(np.cumsum(count) - count, count) + left[query]
    return query, pos


def row_offsets(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Where each row of a ragged band (row k: columns lo[k]..hi[k]-1) starts in its flat
    storage, plus the total at the end."""
    widths = np.maximum(np.asarray(hi, dtype=np.int64) - np.asarray(lo, dtype=np.int64), 0)
    return np.concatenate([[0], np.cumsum(widths)]).astype(np.int64)


HITS_BLOCK = 1 << 20  # (entry, row) hits of band_rowdot_flat handled at once
BLOCKS_FROM = 100_000  # entries of both matrices from which band products go by blocks of rows


def band_rowdot_flat(a: sparse.csr_matrix, b: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``a[k] · b[l]`` for every row k and every l in lo[k]..hi[k]-1, stored row after row
    at each row's real width (flat, laid out by :func:`row_offsets`).

    Linear in the number of entries, no loop over sentences: for every entry (k, v)
    of ``a``, binary search in ``b``'s entries sorted by (token, row) finds the rows of
    ``b`` in row k's range holding token v. When ``a`` has many more entries than
    ``b``, or both many, sparse products over blocks of rows are cheaper (the same sums,
    added in the same order).
    """
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.maximum(np.asarray(hi, dtype=np.int64), lo)
    offsets = row_offsets(lo, hi)
    total = int(offsets[-1])
    m = b.shape[0]
    if not total or not a.nnz or not b.nnz:
        return np.zeros(total)
    if a.nnz > 4 * b.nnz or a.nnz + b.nnz > BLOCKS_FROM:
        return _band_rowdot_blocks(a, b, lo, hi, offsets)
    bc = b.tocsc()
    bc.sort_indices()
    keys = np.repeat(np.arange(bc.shape[1], dtype=np.int64), np.diff(bc.indptr)) * (m + 1) + bc.indices
    ao = a.tocsr()  # entries in the order tocoo() gives them
    rows = np.repeat(np.arange(a.shape[0], dtype=np.int64), np.diff(ao.indptr))
    tok = ao.indices.astype(np.int64)
    left = np.searchsorted(keys, tok * (m + 1) + lo[rows])
    right = np.searchsorted(keys, tok * (m + 1) + hi[rows])
    count = right - left
    out = np.empty(total)
    # in blocks of whole rows of about HITS_BLOCK hits, so that the temporaries stay
    # small; every cell's hits fall in one block, summed in the same order as at once
    hits = np.concatenate([[0], np.cumsum(count)])
    row_hits = hits[ao.indptr]
    cuts = np.unique(np.searchsorted(row_hits, np.arange(0, int(hits[-1]), HITS_BLOCK), side="right") - 1)
    bounds = [*sorted({0, *cuts.tolist()}), a.shape[0]]
    for r0, r1 in zip(bounds, bounds[1:]):
        e0, e1 = int(ao.indptr[r0]), int(ao.indptr[r1])
        c = count[e0:e1]
        entry = np.repeat(np.arange(e0, e1), c)
        pos = np.arange(len(entry)) - np.repeat(np.cumsum(c) - c, c) + left[entry]
        k = rows[entry]
        flat = offsets[k] - offsets[r0] + (bc.indices[pos].astype(np.int64) - lo[k])
        out[offsets[r0]:offsets[r1]] = np.bincount(flat, weights=ao.data[entry] * bc.data[pos],
                                                   minlength=int(offsets[r1] - offsets[r0]))
    return out


def _band_rowdot_blocks(a: sparse.csr_matrix, b: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray,
                        offsets: np.ndarray, chunk: int = 128) -> np.ndarray:
    """:func:`band_rowdot_flat` by sparse products over blocks of ``chunk`` rows."""
    n = a.shape[0]
    out = np.zeros(int(offsets[-1]))
    bt = b.T.tocsc()
    widths = hi - lo
    for k0 in range(0, n, chunk):
        k1 = min(n, k0 + chunk)
        c0 = int(lo[k0:k1].min())
        c1 = int(hi[k0:k1].max())
        if c1 <= c0:
            continue
        block = (a[k0:k1] @ bt[:, c0:c1]).toarray()
        # row r of the block holds columns c0..c1; row k of the band starts at lo[k]
        cols = np.arange(int(widths[k0:k1].max()))
        idx = np.minimum((lo[k0:k1] - c0)[:, None] + cols[None, :], c1 - c0 - 1)
        inside = cols[None, :] < widths[k0:k1, None]
        out[offsets[k0]:offsets[k1]] = np.take_along_axis(block, idx, axis=1)[inside]
    return out


def band_rowdot(a: sparse.csr_matrix, b: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray,
                width: int) -> np.ndarray:
    """``out[k, c] = a[k] · b[lo[k] + c]`` for ``lo[k] <= lo[k] + c < hi[k]``, else 0
    (:func:`band_rowdot_flat` as an n × width array)."""
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.minimum(np.maximum(np.asarray(hi, dtype=np.int64), lo), lo + width)
    return ragged_to_dense(band_rowdot_flat(a, b, lo, hi), row_offsets(lo, hi), width)


def ragged_to_dense(flat: np.ndarray, offsets: np.ndarray, width: int) -> np.ndarray:
    """A flat ragged band (:func:`row_offsets`) as an array of rows padded with zeros."""
    widths = np.diff(offsets)
    rows = np.repeat(np.arange(len(widths)), widths)
    out = np.zeros((len(widths), width))
    out[rows, np.arange(len(flat)) - offsets[rows]] = flat
    return out


@dataclass(frozen=True)
class Coverage:
    """Tokens held and covered by each sentence of both sides, for one scorer.

    ``src_held`` (n × V) holds the weighted tokens of source sentences; ``tgt_covers``
    (m × V) marks the tokens each target sentence accounts for; ``tgt_held`` and
    ``src_covers`` the same the other way round (another token space W). Either pair
    may be None for one-sided evidence.
    """

    name: str
    weight: float
    n_src: int
    n_tgt: int
    src_held: sparse.csr_matrix | None = None
    tgt_covers: sparse.csr_matrix | None = None
    tgt_held: sparse.csr_matrix | None = None
    src_covers: sparse.csr_matrix | None = None

    @property
    def src_mass(self) -> np.ndarray:
        if self.src_held is None:
            return np.zeros(self.n_src)
        return np.asarray(self.src_held.sum(axis=1)).ravel()

    @property
    def tgt_mass(self) -> np.ndarray:
        if self.tgt_held is None:
            return np.zeros(self.n_tgt)
        return np.asarray(self.tgt_held.sum(axis=1)).ravel()

    def typical_mass(self) -> float:
        """Mean mass of the sentences (of both sides) that hold any of this evidence."""
        masses = np.concatenate([self.src_mass, self.tgt_mass])
        held = masses[masses > 0]
        return float(held.mean()) if len(held) else 1.0

    def band_match(self, lo: np.ndarray, hi: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
        """Matched source and target mass of every sentence pair in a band (n × width)."""
        lo = np.asarray(lo, dtype=np.int64)
        hi = np.minimum(np.maximum(np.asarray(hi, dtype=np.int64), lo), lo + width)
        offsets = row_offsets(lo, hi)
        ms, mt = self.band_match_flat(lo, hi)
        return ragged_to_dense(ms, offsets, width), ragged_to_dense(mt, offsets, width)

    def band_match_flat(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Matched source and target mass of the pairs (k, lo[k]..hi[k]-1), flat at each
        row's real width (:func:`row_offsets`)."""
        total = int(row_offsets(lo, hi)[-1])
        ms = np.zeros(total) if self.src_held is None else band_rowdot_flat(self.src_held, self.tgt_covers, lo, hi)
        mt = np.zeros(total) if self.tgt_held is None else band_rowdot_flat(self.src_covers, self.tgt_held, lo, hi)
        return ms, mt

    @classmethod
    def symmetric(cls, name: str, weight: float, src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]]) -> "Coverage":
        """Evidence from tokens both sides share as such (numbers, cues, translations)."""
        sb, tb = _shared_binary(src, tgt)
        w = sparse.diags(idf_weights(sparse.vstack([sb, tb]).tocsr()))
        return cls(name, weight, sb.shape[0], tb.shape[0], (sb @ w).tocsr(), tb, (tb @ w).tocsr(), sb)

    @classmethod
    def one_sided(cls, name: str, weight: float, held: Sequence[Sequence[str]], covering: Sequence[Sequence[str]],
                  held_on_source: bool) -> "Coverage":
        """Evidence only one side holds (e.g. romanized names), which the other side's
        sentences cover."""
        hb, cb = _shared_binary(held, covering)
        held_m = (hb @ sparse.diags(idf_weights(hb))).tocsr()
        if held_on_source:
            return cls(name, weight, hb.shape[0], cb.shape[0], held_m, cb, None, None)
        return cls(name, weight, cb.shape[0], hb.shape[0], None, None, held_m, cb)


def linked_coverage(
    name: str,
    weight: float,
    src_tokens: Sequence[Sequence[str]],
    tgt_tokens: Sequence[Sequence[str]],
    links: Iterable[tuple[str, str]],
) -> Coverage:
    """Evidence from translation links between source and target tokens.

    A source token is accounted for by a target sentence holding any token it is
    linked to, and the other way round. Only tokens with a link to a token present in
    the document carry mass, weighted by inverse document frequency.
    """
    svocab, tvocab = Vocabulary(), Vocabulary()
    s = _binary(token_matrix(src_tokens, svocab))
    t = _binary(token_matrix(tgt_tokens, tvocab))
    rows, cols = [], []
    for a, b in links:
        i, j = svocab.ids.get(a), tvocab.ids.get(b)
        if i is not None and j is not None:
            rows.append(i)
            cols.append(j)
    g = _binary(sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(svocab), len(tvocab))))
    s_reach = np.asarray(g.sum(axis=1)).ravel() > 0
    t_reach = np.asarray(g.sum(axis=0)).ravel() > 0
    s_held = (s @ sparse.diags(idf_weights(s) * s_reach)).tocsr()
    t_held = (t @ sparse.diags(idf_weights(t) * t_reach)).tocsr()
    s_held.eliminate_zeros()
    t_held.eliminate_zeros()
    s_covers = _binary(t @ g.T)  # source tokens each target sentence accounts for
    t_covers = _binary(s @ g)  # target tokens each source sentence accounts for
    return Coverage(name, weight, s.shape[0], t.shape[0], s_held, s_covers, t_held, t_covers)


class Scorer(ABC):
    """One kind of evidence. ``fit`` reads a document pair and returns its Coverage,
    or None when the evidence does not apply (e.g. a dictionary for another pair)."""

    name: ClassVar[str]

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    @abstractmethod
    def fit(self, doc: "DocPair") -> Coverage | None:
        """The evidence this scorer finds in ``doc``."""

    def describe(self) -> str:
        """Short name with its settings, for the signature."""
        return f"{self.name}:{self.weight:g}"
