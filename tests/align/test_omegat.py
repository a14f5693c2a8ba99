"""A real CAT tool: OmegaT pre-translates the bundled report from duiqi's TMX, both ways."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from align.cli import cli
from corpora import read_text
from corpora.omegat import console_translate, make_project, omegat_available, read_stats

WHY = omegat_available()


def _pretranslate(tmp_path, src, tgt, src_lang, tgt_lang, *extra):
    tmx = tmp_path / "duiqi.tmx"
    result = CliRunner().invoke(cli, ["align", str(src), str(tgt), "-o", str(tmx), *extra])
    assert result.exit_code == 0, result.output
    project = make_project(tmp_path / "project", src, tmx, src_lang, tgt_lang)
    return console_translate(project), read_text(project / "target" / src.name)


@pytest.mark.skipif(bool(WHY), reason=f"OmegaT cannot run here: {WHY}")
@pytest.mark.parametrize("direction", ["zh-en", "en-zh"])
def test_omegat_pretranslates_95_percent_of_the_source_sentences(tmp_path, corpus, direction):
    (src, s_lang), (tgt, t_lang) = (((corpus.zh, "zh-CN"), (corpus.en, "en-US")) if direction == "zh-en"
                                    else ((corpus.en, "en-US"), (corpus.zh, "zh-CN")))
    result, translated = _pretranslate(tmp_path, src, tgt, s_lang, t_lang)
    assert result.total == (28 if direction == "zh-en" else 36)
    assert result.share >= 0.95, f"{result.translated}/{result.total}"
    if direction == "en-zh":  # the site name has no Chinese: the one sentence left
        assert result.remaining <= 1 and "Zhejiang Lab\n" in translated
    else:
        assert "实验室首次获得国家项目申报资格" not in translated


@pytest.mark.skipif(bool(WHY), reason=f"OmegaT cannot run here: {WHY}")
def test_bead_units_leave_the_joined_sentences_untranslated(tmp_path, corpus):
    result, translated = _pretranslate(tmp_path, corpus.en, corpus.zh, "en-US", "zh-CN", "--units", "bead")
    assert result.share < 0.8
    assert "The conference was hosted by Deputy Director Yuan Jixin." in translated


def test_omegat_statistics_are_read(tmp_path):
    stats = tmp_path / "project_stats.txt"
    stats.write_text("Project Statistics\n\n\tSegments\tWords\nTotal:   \t  28\t147\nRemaining:\t 4\t19\n"
                     "Unique:\t28\t147\n", encoding="utf-8")
    got = read_stats(stats)
    assert (got.total, got.remaining, got.translated) == (28, 4, 24) and round(got.share, 3) == 0.857
    stats.write_text("nothing\n", encoding="utf-8")
    with pytest.raises(Exception, match="Total"):
        read_stats(stats)
