"""Traditional Chinese is detected and tagged zh-TW (zh-HK by its character forms)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from lxml import etree

from align.cli import cli
from align.lang import detect_language
from corpora import bundled_corpus, read_text
from corpora.hanzi import to_traditional

CORPUS = bundled_corpus()


@pytest.mark.parametrize("config, expected", [("s2t", "zh-TW"), ("s2tw", "zh-TW"), ("s2hk", "zh-HK"), (None, "zh")])
def test_detect_language_tells_the_chinese_script(config, expected):
    text = read_text(CORPUS.zh)
    assert detect_language(to_traditional(text, config) if config else text) == expected


def test_traditional_alignment_is_tagged_zh_tw(tmp_path):
    corpus = CORPUS
    src = tmp_path / "zh.txt"
    src.write_text(to_traditional(read_text(corpus.zh)), encoding="utf-8")
    for lang in ((), ("--src-lang", "zh")):
        out = tmp_path / "a.tmx"
        r = CliRunner().invoke(cli, ["align", str(src), str(corpus.en), "-o", str(out), *lang])
        assert r.exit_code == 0, r.output
        root = etree.parse(str(out)).getroot()
        assert root.find("header").get("srclang") == "zh-TW"
        assert {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")} == {"zh-TW", "en-US"}
    r = CliRunner().invoke(cli, ["align", str(src), str(corpus.en), "--src-lang", "zh-CN", "-f", "jsonl"])
    assert '"src_lang": "zh-CN"' in r.stdout  # a code with a region is the user's word


def test_traditional_pairs_read_from_tsv_and_jsonl_are_zh_tw(tmp_path):
    from corpora.formats import read_alignment

    text = to_traditional(read_text(CORPUS.zh)).split("\n")[0]
    (tmp_path / "p.tsv").write_text(f"{text}\tZhejiang Lab Holds Its 2020 Internal Conference\n", encoding="utf-8")
    (tmp_path / "p.jsonl").write_text('{"src": "%s", "tgt": "Zhejiang Lab"}\n' % text, encoding="utf-8")
    for name in ("p.tsv", "p.jsonl"):
        assert read_alignment(tmp_path / name).src_lang == "zh-TW"
        r = CliRunner().invoke(cli, ["convert", str(tmp_path / name), str(tmp_path / "p.tmx")])
        assert r.exit_code == 0, r.output
        assert etree.parse(str(tmp_path / "p.tmx")).getroot().find("header").get("srclang") == "zh-TW"
