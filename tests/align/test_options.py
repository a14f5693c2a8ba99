"""AlignOptions: one owner of the alignment settings, their defaults and ranges."""

import pytest
from click.testing import CliRunner

from align import AlignError, Aligner, AlignOptions, align_texts
from align.api import align_files
from align.cli import cli


def test_defaults_and_ranges():
    assert AlignOptions().max_bead == AlignOptions.default("max_bead") == 5
    assert AlignOptions.range("max_bead") == (2, 8)
    with pytest.raises(AlignError, match="max bead must be between 2 and 8, not 9"):
        AlignOptions(max_bead=9).validate()
    with pytest.raises(AlignError, match="unknown alignment option 'max_beads'"):
        AlignOptions.from_mapping({"max_beads": 4})
    assert AlignOptions.from_mapping({"no_split": True, "max_bead": 4}) == AlignOptions(split=False, max_bead=4)


def test_cli_range_comes_from_the_options():
    low, high = AlignOptions.range("max_bead")
    runner = CliRunner()
    result = runner.invoke(cli, ["align", "a.txt", "b.txt", "--max-bead", str(high + 1)])
    assert result.exit_code == 2
    assert f"{low}<=x<={high}" in result.output
    assert "default: 5" in runner.invoke(cli, ["align", "--help"]).output


def test_options_given_with_an_aligner_must_agree(corpus):
    src, tgt = corpus.zh, corpus.en
    aligner = Aligner(AlignOptions(max_bead=4))
    with pytest.raises(AlignError, match=r"max_bead 6 ≠ 4"):
        align_files(src, tgt, max_bead=6, aligner=aligner)
    with pytest.raises(AlignError, match=r"max_bead 5 ≠ 4"):
        align_texts(src.read_text(encoding="utf-8"), tgt.read_text(encoding="utf-8"), options=AlignOptions(), aligner=aligner)
    # reading options never conflict with the engine's
    alignment = align_files(src, tgt, max_bead=4, aligner=aligner, options=AlignOptions(src_lang="zh"))
    assert "max-bead:4" in alignment.signature
    assert max(len(b.src) + len(b.tgt) for b in alignment.beads) <= 4
