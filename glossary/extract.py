"""Candidate term pairs mined from an aligned corpus, for a terminologist to review.

Source and target n-grams are collected per pair: Chinese (and Japanese) character
n-grams of 2–6 characters inside runs of Han/kana text, not starting or ending with a
function character (的, 了, 是, 在, ...); otherwise word n-grams of 1–4 words inside a
clause, with no stopword at either edge. N-grams seen in fewer than ``min_count``
pairs are dropped, and so is an n-gram that always occurs inside the same longer one
(``色列`` of ``以色列``). Every source n-gram is paired with every target n-gram of the
same pair (a sparse matrix product counts the co-occurrences), and each candidate is
scored by its Dice coefficient and Dunning's log-likelihood ratio; the ranking score
is Dice weighted by how often the pair was seen: ``dice * log2(1 + cooc)``.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from typing import TYPE_CHECKING, Iterable

from corpora import Alignment, TextPair, is_cjk_lang
from corpora.humancsv import write_human_csv

from .errors import GlossaryError
from .match import TermMatcher
from .termbase import TermBase

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["CANDIDATE_COLUMNS", "extract_candidates", "ngrams", "candidates_separator", "write_candidates"]

CANDIDATE_COLUMNS = ["rank", "src", "tgt", "score", "dice", "llr", "cooc", "src_count", "tgt_count"]

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]+")
_CJK_EDGE = set("的了着是在把被与等其")
_CLAUSE = re.compile(r"[^\w\s'’\-&]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each even every few for from
further had has have having he her here hers herself him himself his how however i if in into is
it its itself just let may me might more most must my myself no nor not now of off on once only
or other our ours ourselves out over own said same say says she should so some such than that the
their theirs them themselves then there these they this those through thus to too under until up
upon us very was we were what when where which while who whom whose why will with within without
would yet you your yours yourself yourselves shall unto thee thou thy ye hath saith shalt also
one two many much new well like
""".split())


def ngrams(text: str, lang: str, max_n: int | None = None) -> dict[str, str]:
    """The candidate n-grams of ``text``: key (lower-cased for words) → surface form."""
    out: dict[str, str] = {}
    if is_cjk_lang(lang):
        top = max_n or 6
        for run in _CJK_RUN.findall(text):
            for n in range(2, min(top, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    g = run[i:i + n]
                    if g[0] not in _CJK_EDGE and g[-1] not in _CJK_EDGE:
                        out.setdefault(g, g)
        return out
    top = max_n or 4
    for clause in _CLAUSE.split(text):
        words = _WORD.findall(clause)
        low = [w.lower() for w in words]
        for i in range(len(words)):
            if low[i] in _STOPWORDS or len(low[i]) < 2:
                continue
            for n in range(1, top + 1):
                j = i + n
                if j > len(words):
                    break
                if low[j - 1] in _STOPWORDS:
                    continue
                out.setdefault(" ".join(low[i:j]), " ".join(words[i:j]))
    return out


def _closed(df: Counter, keys: set[str], cjk: bool) -> set[str]:
    """Drop n-grams that always occur inside the same one-longer n-gram."""
    dropped = set()
    for g in keys:
        if cjk:
            parts = (g[:-1], g[1:]) if len(g) > 2 else ()
        else:
            words = g.split(" ")
            parts = (" ".join(words[:-1]), " ".join(words[1:])) if len(words) > 1 else ()
        for p in parts:
            if p in keys and df[p] == df[g]:
                dropped.add(p)
    return keys - dropped


def _llr(c11: int, c1: int, c2: int, n: int) -> float:
    """Dunning's log-likelihood ratio (G²) of a 2×2 contingency table."""
    cells = (c11, c1 - c11, c2 - c11, n - c1 - c2 + c11)
    rows = (c1, n - c1)
    cols = (c2, n - c2)
    g = 0.0
    for k, (r, c) in enumerate(((0, 0), (0, 1), (1, 0), (1, 1))):
        observed = cells[k]
        if observed > 0:
            expected = rows[r] * cols[c] / n
            g += observed * math.log(observed / expected)
    return 2 * g


def _texts(pairs) -> list[tuple[str, str]]:
    if isinstance(pairs, Alignment):
        pairs = pairs.pairs(include_one_sided=False)
    out = []
    for p in pairs:
        src, tgt = (p.src, p.tgt) if isinstance(p, TextPair) else p
        if src and tgt and src.strip() and tgt.strip():
            out.append((src, tgt))
    return out


def _side(texts: list[str], lang: str, min_count: int):
    grams = [ngrams(t, lang) for t in texts]
    df: Counter = Counter()
    surfaces: dict[str, Counter] = {}
    for g in grams:
        df.update(g.keys())
        for key, surface in g.items():
            if key != surface:
                surfaces.setdefault(key, Counter())[surface] += 1
    keys = _closed(df, {k for k, c in df.items() if c >= min_count}, is_cjk_lang(lang))
    vocab = sorted(keys)
    index = {k: i for i, k in enumerate(vocab)}
    names = [surfaces[k].most_common(1)[0][0] if k in surfaces else k for k in vocab]
    return grams, vocab, index, names, df


def _matrix(grams, index, rows: int):
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for g in grams:
        indices.extend(sorted(index[k] for k in g if k in index))
        indptr.append(len(indices))
    data = [1] * len(indices)
    return csr_matrix((data, indices, indptr), shape=(rows, len(index)), dtype="int32")


def _drop_nested(best: dict[int, list[tuple]], s_vocab: list[str], t_vocab: list[str], share: float = 0.9) -> None:
    """Leave out a candidate nested in a longer one that co-occurs about as often:
    伯拉/Abraham beside 亚伯拉罕/Abraham, 赎罪祭/Sin beside 赎罪祭/sin offering."""
    by_target: dict[int, list[tuple[int, int]]] = {}
    for i, cands in best.items():
        for _, _, j, c in cands:
            by_target.setdefault(j, []).append((i, c))

    def nested(short: str, long: str) -> bool:
        return len(short) < len(long) and f" {short} " in f" {long} " if " " in long or " " in short \
            else len(short) < len(long) and short in long

    drop: set[tuple[int, int]] = set()
    for j, items in by_target.items():
        for i, c in items:
            if any(nested(s_vocab[i], s_vocab[k]) and ck >= share * c for k, ck in items if k != i):
                drop.add((i, j))
    for i, cands in best.items():
        for _, _, j, c in cands:
            if any(nested(t_vocab[j], t_vocab[k]) and ck >= share * c for _, _, k, ck in cands if k != j):
                drop.add((i, j))
    for i in list(best):
        best[i] = [x for x in best[i] if (i, x[2]) not in drop]


def _known(termbase: TermBase, lang: str):
    matcher = TermMatcher(termbase, lang)

    def known(text: str) -> bool:
        return any(h.start == 0 and h.end == len(text) for h in matcher.find(text))

    return known


def extract_candidates(
    pairs: Iterable[TextPair] | Iterable[tuple[str, str]] | Alignment,
    src_lang: str,
    tgt_lang: str,
    min_count: int = 2,
    per_term: int = 3,
    limit: int | None = 1000,
    min_dice: float = 0.1,
    termbase: TermBase | None = None,
) -> "pandas.DataFrame":
    """Ranked candidate term pairs: columns rank, src, tgt, score, dice, llr, cooc,
    src_count, tgt_count (counts are numbers of pairs).

    At most ``per_term`` targets are kept for each source n-gram; a pair seen fewer
    than ``min_count`` times or with a Dice below ``min_dice`` is dropped. With a
    ``termbase``, candidates whose source or target already is a term are left out.
    """
    import pandas as pd

    if min_count < 1:
        raise GlossaryError("min_count must be at least 1")
    texts = _texts(pairs)
    if not texts:
        raise GlossaryError("no two-sided pairs to extract terms from")
    n = len(texts)
    s_grams, s_vocab, s_index, s_names, s_df = _side([s for s, _ in texts], src_lang, min_count)
    t_grams, t_vocab, t_index, t_names, t_df = _side([t for _, t in texts], tgt_lang, min_count)
    if not s_vocab or not t_vocab:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    cooc = (_matrix(s_grams, s_index, n).T @ _matrix(t_grams, t_index, n)).tocoo()
    src_known = _known(termbase, src_lang) if termbase is not None else None
    tgt_known = _known(termbase, tgt_lang) if termbase is not None else None
    best: dict[int, list[tuple]] = {}
    for i, j, c in zip(cooc.row.tolist(), cooc.col.tolist(), cooc.data.tolist()):
        if c < min_count:
            continue
        fs, ft = s_df[s_vocab[i]], t_df[t_vocab[j]]
        dice = 2 * c / (fs + ft)
        if dice < min_dice:
            continue
        score = dice * math.log2(1 + c)
        best.setdefault(i, []).append((score, dice, j, c))
    _drop_nested(best, s_vocab, t_vocab)
    rows = []
    for i, cands in best.items():
        if src_known is not None and src_known(s_names[i]):
            continue
        cands.sort(reverse=True)
        kept = 0
        for score, dice, j, c in cands:
            if kept >= per_term:
                break
            if tgt_known is not None and tgt_known(t_names[j]):
                continue
            kept += 1
            fs, ft = s_df[s_vocab[i]], t_df[t_vocab[j]]
            rows.append((s_names[i], t_names[j], score, dice, _llr(c, fs, ft, n), c, fs, ft))
    rows.sort(key=lambda r: (-r[2], -r[5], r[0], r[1]))
    if limit is not None:
        rows = rows[:limit]
    frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS[1:])
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame


def candidates_separator(path: str | os.PathLike[str]) -> str:
    """The column separator of a candidates file by its extension (``.csv`` or ``.tsv``);
    GlossaryError for any other (checked before the work starts)."""
    suffix = "csv" if str(path) == "-" else str(path).lower().rsplit(".", 1)[-1]
    if suffix not in ("csv", "tsv"):
        raise GlossaryError(f"{path}: write candidates to a .csv or .tsv file")
    return "\t" if suffix == "tsv" else ","


def write_candidates(frame: "pandas.DataFrame", path: str | os.PathLike[str]) -> None:
    """Write the candidates of :func:`extract_candidates` to ``path`` (CSV or TSV by the
    extension) as a file for people: atomically, UTF-8 with BOM, formula cells neutralised."""
    write_human_csv(path, list(frame.columns), frame.itertuples(index=False, name=None),
                    delimiter=candidates_separator(path), float_format="%.4f")
