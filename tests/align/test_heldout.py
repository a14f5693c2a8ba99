"""Two news pairs written for testing only (never used for tuning): one Chinese → English,
one English → Chinese, each with a hand-made gold alignment."""

from __future__ import annotations

import pytest

from align.api import align_files
from align.evaluate import score_alignments
from align.segment import segment_text
from corpora import read_text
from corpora.formats.beads import read_beads
from tests.conftest import FIXTURES

HELDOUT = FIXTURES / "heldout"
PAIRS = [("a", "zh", "en"), ("b", "en", "zh")]


@pytest.mark.parametrize("name, lang", [("a", "zh"), ("a", "en"), ("b", "en"), ("b", "zh")])
def test_segmentation_of_unseen_texts(name, lang):
    expected = [s for s in (HELDOUT / f"{name}.{lang}.sentences.txt").read_text(encoding="utf-8").split("\n") if s]
    assert [s.text for s in segment_text(read_text(HELDOUT / f"{name}.{lang}.txt"), lang)] == expected


@pytest.mark.parametrize("name, src, tgt", PAIRS)
def test_alignment_of_unseen_pairs(name, src, tgt):
    alignment = align_files(HELDOUT / f"{name}.{src}.txt", HELDOUT / f"{name}.{tgt}.txt")
    alignment.validate()
    assert (alignment.src_lang, alignment.tgt_lang) == (src, tgt)
    scores = score_alignments([read_beads(HELDOUT / f"{name}.gold")], [alignment.beads])
    assert scores.f1_strict >= 0.9
    assert scores.f1_lax == 1.0
