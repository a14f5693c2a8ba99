"""The transliteration scorer on bible-5k: rare names (Kenaz ↔ 基纳斯) found by their sound."""

from __future__ import annotations

import numpy as np
import pytest

from align.analysis import DocPair, Side
from align.cedict import Cedict
from align.scorers import make_scorer
from align.scorers.translit import english_key, syllable_keys
from corpora import read_text
from corpora.formats.beads import read_beads


def test_keys_of_names_and_syllables():
    assert english_key("Kenaz") == "KNS"
    assert english_key("Gatam") == "KDN"
    assert english_key("Omar") == "N"  # an r before no vowel is not heard
    assert syllable_keys("ji") == ("K", "S")
    assert syllable_keys("men") == ("N",)
    assert syllable_keys("an") == ("", "N")


@pytest.fixture(scope="module")
def bible(bible_5k):
    en = read_text(bible_5k / "en").rstrip("\n").split("\n")
    zh = read_text(bible_5k / "zh").rstrip("\n").split("\n")
    doc = DocPair(Side(en, "en"), Side(zh, "zh"), Cedict())
    return en, zh, doc, read_beads(bible_5k / "gold")


def _covered(cov, src: list[int], tgt: list[int]) -> tuple[float, float]:
    held = np.asarray(cov.src_held[src].sum(axis=0)).ravel()
    covers = np.asarray(cov.tgt_covers[tgt].sum(axis=0)).ravel() > 0
    return float((held * covers).sum()), float(held.sum())


def test_rare_names_are_covered_by_their_verse(bible):
    en, zh, doc, gold = bible
    cov = make_scorer("translit").fit(doc)
    assert cov is not None and cov.src_held is not None  # English names hold the evidence
    # the verse naming Kenaz, Teman and Gatam and its translation (基纳斯, 提幔, 迦坦)
    i = next(k for k, s in enumerate(en) if "Kenaz" in s and "Gatam" in s)
    bead = next(b for b in gold if i in b.src)
    assert "基纳斯" in "".join(zh[j] for j in bead.tgt)
    got, mass = _covered(cov, list(bead.src), list(bead.tgt))
    far, _ = _covered(cov, list(bead.src), [j + 5 for j in bead.tgt])
    assert mass > 0 and got / mass > 0.3 and far < got / 2
    # over the whole book: a gold bead's Chinese covers far more of its names than a bead
    # five verses away does
    own, other, total = 0.0, 0.0, 0.0
    for b in gold:
        if not b.src or not b.tgt or max(b.tgt) + 5 >= len(zh):
            continue
        got, mass = _covered(cov, list(b.src), list(b.tgt))
        far, _ = _covered(cov, list(b.src), [j + 5 for j in b.tgt])
        own, other, total = own + got, other + far, total + mass
    assert total > 100
    assert own / total > 0.4 and own > 3 * other
