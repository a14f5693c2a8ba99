"""Side analyses (align/analysis.py): the lexicon's units trained early, lengths, name candidates."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from align.analysis import Side, text_length
from align.errors import AlignError
from align.lexicon import train_units
from tests.conftest import sentence_fixture


def test_units_trained_early_equal_units_trained_on_demand():
    zh = [s for p in sentence_fixture("zh") for s in p]
    early = Side(zh, "zh")
    early.start_unit_model()
    assert early.unit_model() == train_units(zh, "zh") == Side(zh, "zh").unit_model()
    en = Side([s for p in sentence_fixture("en") for s in p], "en")
    en.start_unit_model()  # nothing to train for English: stems
    assert en.unit_model().spm_model is None


def test_early_training_fails_only_when_its_result_is_asked_for():
    side = Side([" ", ""], "zh")
    side.start_unit_model()  # no text to train on: the error waits for unit_model()
    with pytest.raises(AlignError, match="SentencePiece"):
        side.unit_model()


def test_text_length_counts_white_space_runs_once():
    for text in ["  a \t b\u3000\u00a0c ", "一 二", "", "\n\n", "x\x1cy\u2028z"]:
        assert text_length(text) == len(re.sub(r"\s+", " ", text.strip()))


def test_capitalized_words_skip_a_sentence_initial_common_word():
    side = Side(["The Lord spoke to Moses.", "Jacob", "And Bao-yu went", "he saw Pan Jinlian", ""], "en")
    assert side.capitalized() == [["Lord", "Moses"], ["Jacob"], ["Bao-yu"], ["Pan", "Jinlian"], []]


def test_command_line_start_up_does_not_load_the_engine():
    """``duiqi --help`` and ``import align`` leave numpy, scipy and the engine unloaded."""
    code = ("import sys, align, align.cli; "
            "print(sorted(m for m in ('numpy', 'scipy', 'align.aligner', 'sentencepiece', 'pandas', 'lxml') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    import align

    assert align.Aligner.__name__ == "Aligner" and "score_files" in dir(align)
    with pytest.raises(AttributeError):
        align.no_such_name  # noqa: B018
