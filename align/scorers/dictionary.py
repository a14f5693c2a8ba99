"""Lexical evidence from CC-CEDICT: Chinese words whose glosses meet English stems."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from ..analysis import DocPair
from .base import Coverage, Scorer, Vocabulary, idf_weights, token_matrix

__all__ = ["DictionaryScorer", "ZH_FUNCTION_WORDS"]

# Function characters whose dictionary glosses say nothing about a sentence's content.
ZH_FUNCTION_WORDS = frozenset(
    "的 了 着 过 是 在 有 和 与 及 或 也 都 就 又 还 把 被 让 给 对 向 从 于 以 之 其 这 那 些 个 我 你 "
    "他 她 它 们 吗 呢 吧 啊 呀 么 得 地 所 而 但 却 并 则 即 乃 矣 焉 哉 乎 兮 者 也 啦 嘛 哪 哦 嗯 "
    "一 这个 那个 这样 那样 我们 你们 他们 她们 它们 自己 什么 怎么 没有 不 没".split()
)


def _binarize(m: sparse.csr_matrix) -> sparse.csr_matrix:
    m = m.tocsr()
    m.data = np.ones_like(m.data)
    return m


class DictionaryScorer(Scorer):
    """Matches Chinese dictionary words to English stems through CC-CEDICT glosses.

    Both directions count: English stems accounted for by the glosses of the Chinese
    words, and Chinese words with a gloss among the English stems. Words and stems are
    weighted by their inverse document frequency, so rare words count more than
    "the" ↔ 的; only tokens that can match anywhere in the document carry mass.
    """

    name = "dictionary"

    def fit(self, doc: DocPair) -> Coverage | None:
        found = doc.zh_en
        if found is None or doc.cedict is None:
            return None
        zh, en, zh_is_src = found
        cedict = doc.cedict
        zh_words = [
            [w for w in ws if w not in ZH_FUNCTION_WORDS] + ["lat:" + s for s in latin]
            for ws, latin in zip(zh.words(cedict), zh.stems())
        ]
        en_stems = en.stems()
        zvocab, evocab = Vocabulary(), Vocabulary()
        z = token_matrix(zh_words, zvocab)
        e = token_matrix(en_stems, evocab)
        # gloss links between the document's Chinese words and English stems
        rows, cols = [], []
        for word, u in zvocab.ids.items():
            if word.startswith("lat:"):
                t = evocab.ids.get(word[4:])
                if t is not None:
                    rows.append(u)
                    cols.append(t)
                continue
            for s in cedict.stems(word):
                t = evocab.ids.get(s)
                if t is not None:
                    rows.append(u)
                    cols.append(t)
        g = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(zvocab), len(evocab)))
        g = _binarize(g)
        zb, eb = _binarize(z), _binarize(e)
        z_reach = np.asarray(g.sum(axis=1)).ravel() > 0  # Chinese words some English stem matches
        e_reach = np.asarray(g.sum(axis=0)).ravel() > 0
        z_held = (zb @ sparse.diags(idf_weights(zb) * z_reach)).tocsr()
        e_held = (eb @ sparse.diags(idf_weights(eb) * e_reach)).tocsr()
        z_covers = _binarize(zb @ g)  # English stems each Chinese sentence accounts for
        e_covers = _binarize(eb @ g.T)  # Chinese words each English sentence accounts for
        z_held.eliminate_zeros()
        e_held.eliminate_zeros()
        if zh_is_src:
            return Coverage(self.name, self.weight, len(zh), len(en), z_held, e_covers, e_held, z_covers)
        return Coverage(self.name, self.weight, len(en), len(zh), e_held, z_covers, z_held, e_covers)
