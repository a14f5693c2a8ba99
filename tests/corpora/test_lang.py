"""corpora.lang: the one owner of language-code logic."""

import pytest

from corpora.lang import (LangTag, LanguageError, base_lang, canonical_lang, is_cjk_lang, is_traditional,
                          output_lang, parse_lang, same_lang, script_of)


@pytest.mark.parametrize("code, tag", [
    ("zh", LangTag("zh")),
    ("zh_tw", LangTag("zh", region="TW")),
    ("zh-hant-hk", LangTag("zh", "Hant", "HK")),
    ("zho", LangTag("zh")),
    ("chi-CN", LangTag("zh", region="CN")),
    ("cmn-Hans", LangTag("zh", "Hans")),
    ("eng-us", LangTag("en", region="US")),
    ("es-419", LangTag("es", region="419")),
    ("de-CH-1996", LangTag("de", region="CH", variants=("1996",))),
])
def test_parse(code, tag):
    assert parse_lang(code) == tag


@pytest.mark.parametrize("bad", ["", "z", "chinese", "zh--CN", "1a", "zh CN", "*all*"])
def test_parse_rejects_non_codes(bad):
    with pytest.raises(LanguageError, match="not a language code"):
        parse_lang(bad)


def test_canonical_form():
    assert canonical_lang("ZH_hant_tw") == "zh-Hant-TW"
    assert canonical_lang(" eng ") == "en"
    assert str(parse_lang("zh-hans-cn")) == "zh-Hans-CN"


def test_iso_639_equivalence():
    for code in ("zh", "zho", "chi", "cmn", "zh-CN", "zh_TW", "ZH-Hant"):
        assert base_lang(code) == "zh"
    assert base_lang("eng") == base_lang("en-GB") == "en"
    assert same_lang("zho", "zh")
    assert same_lang("zh-CN", "zh-TW")
    assert same_lang("eng", "en-US")
    assert not same_lang("zh", "en")
    assert not same_lang("ja", "zh")


def test_base_lang_never_raises():
    assert base_lang("*all*") == "*all*"
    assert base_lang("") == ""


@pytest.mark.parametrize("code, script", [
    ("zh-TW", "Hant"), ("zh-HK", "Hant"), ("zh-MO", "Hant"), ("zh-Hant", "Hant"), ("zh-Hant-CN", "Hant"),
    ("zh-CN", "Hans"), ("zh-SG", "Hans"), ("zh-Hans", "Hans"), ("zh", ""), ("en-US", ""), ("sr-Latn", "Latn"),
    ("nonsense code", ""),
])
def test_script(code, script):
    assert script_of(code) == script


def test_traditional():
    assert is_traditional("zh-TW") and is_traditional("zho-Hant") and is_traditional("zh_hk")
    assert not is_traditional("zh") and not is_traditional("zh-CN") and not is_traditional("en-TW")


def test_cjk():
    assert is_cjk_lang("zh-TW") and is_cjk_lang("ja") and is_cjk_lang("zho") and is_cjk_lang("ko_KR")
    assert not is_cjk_lang("en") and not is_cjk_lang("fr-CA")


@pytest.mark.parametrize("code, out", [
    ("zh", "zh-CN"), ("zho", "zh-CN"), ("zh-Hans", "zh-CN"), ("zh-Hant", "zh-TW"), ("zh-Hant-HK", "zh-HK"),
    ("zh-Hans-SG", "zh-SG"), ("zh-tw", "zh-TW"), ("zh-Hant-CN", "zh-Hant-CN"), ("en", "en-US"),
    ("en-gb", "en-GB"), ("eng", "en-US"), ("sw", "sw"), ("es-419", "es-419"), ("*all*", "*all*"),
])
def test_output_form(code, out):
    assert output_lang(code) == out


def test_tmx_writer_and_aligner_use_it():
    from align.lang import normalize_lang
    from corpora.formats.tmx import tmx_lang

    assert tmx_lang("zh-Hant") == "zh-TW"
    assert normalize_lang("zho") == "zh"
    assert normalize_lang("en_gb") == "en-GB"
    with pytest.raises(LanguageError, match="unsupported"):
        normalize_lang("sw")
