"""Lexical evidence from CC-CEDICT: Chinese words whose glosses meet English stems."""

from __future__ import annotations

from ..analysis import DocPair
from .base import Coverage, Scorer, linked_coverage

__all__ = ["DictionaryScorer", "ZH_FUNCTION_WORDS"]

# Function characters whose dictionary glosses say nothing about a sentence's content.
ZH_FUNCTION_WORDS = frozenset(
    "的 了 着 过 是 在 有 和 与 及 或 也 都 就 又 还 把 被 让 给 对 向 从 于 以 之 其 这 那 些 个 我 你 "
    "他 她 它 们 吗 呢 吧 啊 呀 么 得 地 所 而 但 却 并 则 即 乃 矣 焉 哉 乎 兮 者 也 啦 嘛 哪 哦 嗯 "
    "一 这个 那个 这样 那样 我们 你们 他们 她们 它们 自己 什么 怎么 没有 不 没".split()
)


class DictionaryScorer(Scorer):
    """Matches Chinese dictionary words to English stems through CC-CEDICT glosses.

    Both directions count: English stems accounted for by the glosses of the Chinese
    words, and Chinese words with a gloss among the English stems. Words and stems are
    weighted by their inverse document frequency, so rare words count more than
    "the" ↔ 的; only tokens that can match anywhere in the document carry mass.
    """

    name = "dictionary"

    def fit(self, doc: DocPair) -> Coverage | None:
        found = doc.with_dictionary()
        if found is None:
            return None
        zh, en, zh_is_src, cedict = found
        zh_words = [
            [w for w in ws if w not in ZH_FUNCTION_WORDS] + ["lat:" + s for s in latin]
            for ws, latin in zip(zh.words(cedict), zh.stems())
        ]
        en_stems = en.stems()
        vocab = {w for ws in zh_words for w in ws}
        # a Latin word in the Chinese links to the same stem; a Chinese word to its glosses
        pairs = [(w, s) for w in vocab for s in ((w[4:],) if w.startswith("lat:") else cedict.stems(w))]
        if zh_is_src:
            return linked_coverage(self.name, self.weight, zh_words, en_stems, pairs)
        return linked_coverage(self.name, self.weight, en_stems, zh_words, [(e, z) for z, e in pairs])
