"""A translation lexicon learned from the text being aligned.

Units are SentencePiece pieces for Chinese (and any language written without
spaces) and stems or words for Latin-script languages, so the lexicon needs no
dictionary and works for any language pair. Links are learned from the confident
beads of a first alignment by the Dice coefficient of co-occurrence.
"""

from __future__ import annotations

import io
import json
import math
import os
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
from scipy import sparse

from corpora import Alignment, atomic_write, is_cjk_lang, join_segments
from corpora.lang import base_lang, same_lang

from .errors import AlignError
from .tokens import content_stems, letter_words

__all__ = ["Lexicon", "UnitModel", "train_units", "learn_lexicon", "confident_pairs", "train_lexicon"]

_PUNCT = set("，。！？；：、“”‘’《》（）()[]【】…—-,.!?;:'\"·「」『』")


@dataclass(frozen=True)
class UnitModel:
    """How one language's sentences become units: a SentencePiece model or word stems."""

    lang: str
    spm_model: bytes | None = None

    def units(self, texts: Sequence[str], known: Mapping[str, list[str]] | None = None) -> list[list[str]]:
        """The distinct units of each text (``known``: units already worked out, by text)."""
        if known:
            missing = [t for t in dict.fromkeys(texts) if t not in known]
            found = dict(zip(missing, self.units(missing))) if missing else {}
            return [known[t] if t in known else found[t] for t in texts]
        if self.spm_model is None:
            if base_lang(self.lang) == "en":
                return [list(dict.fromkeys(content_stems(t))) for t in texts]
            return [list(dict.fromkeys(w for w in letter_words(t) if len(w) > 2)) for t in texts]
        import sentencepiece as spm

        proc = spm.SentencePieceProcessor(model_proto=self.spm_model)
        unit = _PieceUnits()
        return [list(dict.fromkeys(filter(None, map(unit.__getitem__, pieces))))
                for pieces in proc.encode(list(texts), out_type=str)]


class _PieceUnits(dict):
    """Piece → its unit (without the word-start mark), or "" for punctuation, each
    piece worked out once."""

    def __missing__(self, piece: str) -> str:
        unit = piece.lstrip("▁")
        self[piece] = found = unit if unit and not all(c in _PUNCT for c in unit) else ""
        return found


# SentencePiece training grows faster than its input: beyond this many characters it
# trains on evenly spaced sentences (enough for a 16,000-piece vocabulary).
MAX_TRAINING_CHARS = 400_000


def _sample(lines: list[str], max_chars: int) -> list[str]:
    """Every k-th line, k chosen so that about ``max_chars`` characters remain."""
    chars = sum(len(t) for t in lines)
    if chars <= max_chars:
        return lines
    step = chars / max_chars
    return [lines[int(k * step)] for k in range(int(len(lines) / step))]


def _threads(chars: int) -> int:
    """Two training threads for large inputs (a fixed number: the model depends on it)."""
    return 2 if chars > 100_000 else 1


def train_units(texts: Sequence[str], lang: str, vocab_size: int | None = None) -> UnitModel:
    """A UnitModel for ``lang`` trained on ``texts`` (SentencePiece for CJK languages)."""
    if not is_cjk_lang(lang):
        return UnitModel(lang)
    import sentencepiece as spm

    lines = _sample([t for t in texts if t.strip()], MAX_TRAINING_CHARS)
    chars = sum(len(t) for t in lines)
    distinct = len(set("".join(lines)))
    size = vocab_size or int(min(16000, max(distinct + 100, chars // 8)))
    buf = io.BytesIO()
    try:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines), model_writer=buf, vocab_size=size, model_type="unigram",
            character_coverage=1.0, hard_vocab_limit=False, minloglevel=2, num_threads=_threads(chars),
            max_sentencepiece_length=4, add_dummy_prefix=False, bos_id=-1, eos_id=-1,
        )
    except RuntimeError as e:  # too little text to train on
        raise AlignError(f"cannot train a SentencePiece model on this text: {e}") from None
    return UnitModel(lang, buf.getvalue())


@dataclass(frozen=True)
class Lexicon:
    """Translation links between source and target units, with their unit models."""

    src_units: UnitModel
    tgt_units: UnitModel
    links: tuple[tuple[str, str, float], ...]

    def __len__(self) -> int:
        return len(self.links)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the lexicon as JSON (unit models base64-encoded), atomically."""
        import base64

        def model(u: UnitModel) -> dict:
            return {"lang": u.lang, "spm": base64.b64encode(u.spm_model).decode() if u.spm_model else None}

        data = {"format": "duiqi-lexicon", "version": 1, "src": model(self.src_units),
                "tgt": model(self.tgt_units), "links": [list(x) for x in self.links]}
        with atomic_write(path) as f:
            json.dump(data, f, ensure_ascii=False)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "Lexicon":
        """Read a lexicon written by :meth:`save`."""
        import base64

        from corpora import read_text

        try:
            data = json.loads(read_text(path))
            if not isinstance(data, dict) or data.get("format") != "duiqi-lexicon":
                raise ValueError("not a duiqi lexicon")

            def model(d: object) -> UnitModel:
                if not isinstance(d, dict) or not isinstance(d.get("lang"), str) or not d["lang"]:
                    raise ValueError("a unit model needs a language code")
                spm = d.get("spm")
                if spm is not None and not isinstance(spm, str):
                    raise ValueError("'spm' must be base64 text")
                return UnitModel(d["lang"], base64.b64decode(spm, validate=True) if spm else None)

            if not isinstance(data.get("links"), list):
                raise ValueError("'links' must be a list")
            links = tuple(_link(x) for x in data["links"])
            return cls(model(data["src"]), model(data["tgt"]), links)
        except (ValueError, KeyError, TypeError, RecursionError) as e:
            raise AlignError(f"{path}: not a valid lexicon file ({e})") from None


def _link(x: object) -> tuple[str, str, float]:
    """A ``[source unit, target unit, weight]`` link read from a lexicon file."""
    if not isinstance(x, list) or len(x) != 3 or not all(isinstance(u, str) for u in x[:2]) \
            or isinstance(x[2], bool) or not isinstance(x[2], (int, float)) or not math.isfinite(x[2]):
        raise ValueError(f"bad link {str(x)[:60]}")
    return x[0], x[1], float(x[2])


def learn_lexicon(
    src_units: UnitModel,
    tgt_units: UnitModel,
    pairs: Sequence[tuple[str, str]],
    min_count: int = 2,
    min_dice: float = 0.3,
    max_share: float = 0.2,
    method: str = "dice",
    known: tuple[Mapping[str, list[str]], Mapping[str, list[str]]] | None = None,
) -> Lexicon:
    """Links between units that co-occur in aligned pairs (Dice ≥ ``min_dice``).

    Units in more than ``max_share`` of the pairs on their side are too common to say
    anything and are left out. ``method="em"``: links from IBM Model 1 translation
    probabilities both ways instead (:mod:`align.em`; measured no better on MAC-Dev
    and bible-5k, so not the default). ``known``: the units of texts already worked
    out, source and target (e.g. of the document's sentences).
    """
    if method not in ("dice", "em"):
        raise AlignError(f"unknown lexicon method {method!r} (known: dice, em)")
    su = src_units.units([s for s, _ in pairs], known[0] if known else None)
    tu = tgt_units.units([t for _, t in pairs], known[1] if known else None)
    svocab: dict[str, int] = {}
    tvocab: dict[str, int] = {}
    s_mat = _binary_matrix(su, svocab)
    t_mat = _binary_matrix(tu, tvocab)
    n = len(pairs)
    if n == 0:
        return Lexicon(src_units, tgt_units, ())
    cs = np.asarray(s_mat.sum(axis=0)).ravel()
    ct = np.asarray(t_mat.sum(axis=0)).ravel()
    co = (s_mat.T @ t_mat).tocoo()
    dice = 2.0 * co.data / (cs[co.row] + ct[co.col])
    keep = (co.data >= min_count) & (dice >= min_dice) & (cs[co.row] <= max_share * n + 1) & (ct[co.col] <= max_share * n + 1)
    s_names = {v: k for k, v in svocab.items()}
    t_names = {v: k for k, v in tvocab.items()}
    found: dict[tuple[int, int], float] = {}
    if method == "dice":
        for r, c, d in zip(co.row[keep], co.col[keep], dice[keep]):
            found[(int(r), int(c))] = float(d)
    else:
        from .em import em_links

        common_s, common_t = cs > max_share * n + 1, ct > max_share * n + 1
        r, c, p = em_links([[svocab[u] for u in row] for row in su], [[tvocab[u] for u in row] for row in tu],
                           len(svocab), len(tvocab))
        for a, b, v in zip(r, c, p):
            if not common_s[a] and not common_t[b]:
                found[(int(a), int(b))] = float(v)
    links = tuple((s_names[r], t_names[c], round(d, 4)) for (r, c), d in sorted(found.items()))
    return Lexicon(src_units, tgt_units, links)


def _binary_matrix(rows: Sequence[Sequence[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    for toks in rows:
        for t in toks:
            indices.append(vocab.setdefault(t, len(vocab)))
        indptr.append(len(indices))
    return sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))


def confident_pairs(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    beads: Sequence[tuple[Sequence[int], Sequence[int], float]],
    src_lang: str,
    tgt_lang: str,
    quantile: float = 0.3,
) -> list[tuple[str, str]]:
    """Texts of the two-sided beads whose confidence is at least the ``quantile``-th."""
    two_sided = [(s, t, c) for s, t, c in beads if len(s) and len(t)]
    if not two_sided:
        return []
    cut = float(np.quantile([c for _, _, c in two_sided], quantile))
    return [
        (join_segments([src_texts[i] for i in s], src_lang), join_segments([tgt_texts[j] for j in t], tgt_lang))
        for s, t, c in two_sided
        if c >= cut
    ]


def train_lexicon(alignments: Sequence[Alignment], quantile: float = 0.3, min_dice: float = 0.3,
                  unit_models: tuple[UnitModel, UnitModel] | None = None) -> Lexicon:
    """One lexicon from many aligned documents: unit models trained on all their text
    (or ``unit_models``, if already trained on exactly that text), links from their
    confident beads. All alignments must share one language pair."""
    if not alignments:
        raise AlignError("no alignments to learn a lexicon from")
    src_lang, tgt_lang = alignments[0].src_lang, alignments[0].tgt_lang
    pairs: list[tuple[str, str]] = []
    src_texts: list[str] = []
    tgt_texts: list[str] = []
    for a in alignments:
        if not (same_lang(a.src_lang, src_lang) and same_lang(a.tgt_lang, tgt_lang)):
            raise AlignError(f"mixed language pairs: {src_lang}-{tgt_lang} and {a.src_lang}-{a.tgt_lang}")
        s = [x.text for x in a.src]
        t = [x.text for x in a.tgt]
        src_texts += s
        tgt_texts += t
        beads = [(b.src, b.tgt, b.score or 0.0) for b in a.beads]
        pairs += confident_pairs(s, t, beads, a.src_lang, a.tgt_lang, quantile)
    src_units, tgt_units = unit_models or (train_units(src_texts, src_lang), train_units(tgt_texts, tgt_lang))
    return learn_lexicon(src_units, tgt_units, pairs, min_dice=min_dice)
