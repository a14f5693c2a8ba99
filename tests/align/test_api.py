"""alignment_for: the one way check and review get their alignment."""

import pytest

from align import AlignError, AlignOptions
from align.api import alignment_for
from corpora import Alignment
from corpora.formats import write_alignment


def test_pairs_are_read_with_the_options_languages(tmp_path):
    path = tmp_path / "pairs.tsv"
    write_alignment(Alignment.from_pairs([("浙江实验室", "Zhejiang Lab")], "zh", "en", [0.9]), path)
    read = alignment_for(pairs=path, options=AlignOptions(src_lang="zho", tgt_lang="en_gb"))
    assert (read.src_lang, read.tgt_lang) == ("zh", "en-GB")
    assert [(p.src, p.tgt) for p in read.pairs()] == [("浙江实验室", "Zhejiang Lab")]


def test_texts_or_pairs_not_both(tmp_path, corpus):
    with pytest.raises(AlignError, match="not both"):
        alignment_for(corpus.zh, corpus.en, pairs=tmp_path / "x.tsv")
    with pytest.raises(AlignError, match="give two texts"):
        alignment_for(corpus.zh)


def test_texts_are_aligned_with_the_options(corpus):
    a = alignment_for(corpus.zh, corpus.en, options=AlignOptions(max_bead=3))
    assert "max-bead:3" in a.signature and max(len(b.src) + len(b.tgt) for b in a.beads) <= 3
