"""A real CAT tool: OmegaT pre-translates the bundled report from duiqi's TMX, both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import cli
from corpora import read_text
from corpora.omegat import console_translate, make_project, omegat_available, read_stats

WHY = omegat_available()


def _pretranslate(tmp_path, src, tgt, src_lang, tgt_lang, *extra):
    tmp_path.mkdir(parents=True, exist_ok=True)
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


HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"


@pytest.mark.skipif(bool(WHY), reason=f"OmegaT cannot run here: {WHY}")
@pytest.mark.parametrize("text", ["a", "b"])
@pytest.mark.parametrize("direction", ["zh-en", "en-zh"])
def test_omegat_on_held_out_news_and_the_segments_it_makes(tmp_path, text, direction):
    """Texts never used for tuning: sentence units beat bead units in OmegaT, and
    corpora.catjoin.cat_segments predicts OmegaT's own segment count exactly."""
    from corpora.catjoin import cat_segments

    zh, en = HELDOUT / f"{text}.zh.txt", HELDOUT / f"{text}.en.txt"
    (src, s_lang), (tgt, t_lang) = (((zh, "zh-CN"), (en, "en-US")) if direction == "zh-en"
                                    else ((en, "en-US"), (zh, "zh-CN")))
    sentence, _ = _pretranslate(tmp_path / "s", src, tgt, s_lang, t_lang)
    bead, _ = _pretranslate(tmp_path / "b", src, tgt, s_lang, t_lang, "--units", "bead")
    lang = s_lang[:2]
    assert sentence.total == sum(len(cat_segments(line, lang)) for line in read_text(src).split("\n") if line.strip())
    assert sentence.share >= 0.85 and sentence.translated >= bead.translated + 2, (sentence, bead)


def test_omegat_statistics_are_read(tmp_path):
    stats = tmp_path / "project_stats.txt"
    stats.write_text("Project Statistics\n\n\tSegments\tWords\nTotal:   \t  28\t147\nRemaining:\t 4\t19\n"
                     "Unique:\t28\t147\n", encoding="utf-8")
    got = read_stats(stats)
    assert (got.total, got.remaining, got.translated) == (28, 4, 24) and round(got.share, 3) == 0.857
    stats.write_text("nothing\n", encoding="utf-8")
    with pytest.raises(Exception, match="Total"):
        read_stats(stats)
