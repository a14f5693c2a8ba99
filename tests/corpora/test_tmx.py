"""TMX reading (TMX 1.1-1.4b as other tools write it) and writing (valid TMX 1.4b)."""

from __future__ import annotations

import warnings

import pytest

from corpora import Alignment, DuiqiWarning, FormatError
from corpora.formats import read_alignment, read_units, tmx, write_units
from corpora.units import Inline, MemoryHeader, TranslationUnit, Variant

# fixture -> (source, target language, number of pairs, first pair)
TOOL_FILES = {
    "trados_utf16.tmx": ("ZH-CN", "EN-US", 2, ("之江实验室召开2020年度内部大会", "Zhejiang Lab Holds Its 2020 Internal Conference")),
    "memoq.tmx": ("zh-cn", "en-us", 2, (
        "1月18日下午，之江实验室召开2020年度内部大会，总结2019年工作进展，发布2020年目标任务。",
        "On the afternoon of January 18, Zhejiang Lab held an internal conference to review its progress "
        "in 2019 and announce its goals for 2020.")),
    "omegat_tmx11.tmx": ("zh-CN", "en-US", 3, ("之江实验室召开2020年度内部大会", "Zhejiang Lab Holds Its 2020 Internal Conference")),
    "okapi.tmx": ("zh-cn", "en", 2, (
        "2019年，实验室首次获批国家重点研发计划项目。",
        "In 2019, the Lab won national key R&D projects for the first time.")),
}


@pytest.mark.parametrize("name", sorted(TOOL_FILES))
def test_reads_pairs_of_each_tool(data_dir, name):
    src_lang, tgt_lang, count, first = TOOL_FILES[name]
    a = read_alignment(data_dir / name)
    a.validate()
    assert (a.src_lang, a.tgt_lang) == (src_lang, tgt_lang)
    pairs = [(p.src, p.tgt) for p in a.pairs()]
    assert len(pairs) == count
    assert pairs[0] == first


def test_inline_tags_props_and_variants_are_kept(data_dir):
    units = list(tmx.iter_units(data_dir / "okapi.tmx"))
    assert [u.tuid for u in units] == ["report2020.html_1", "report2020.html_2"]
    first = units[0]
    assert [v.lang for v in first.variants] == ["zh-cn", "en", "fr"]
    assert first.props == (("Txt::FileName", "report2020.html"), ("Txt::GroupName", "p1"))
    en = first.variant("en").content
    assert Inline("hi", (("type", "x-link"),), ("Lab",)) in en
    assert Inline("bpt", (("i", "1"), ("x", "1")), ("<b>",)) in en
    assert Inline("ph", (("x", "2"),), ("<br/>",)) in en
    assert first.text("fr").startswith("En 2019, le laboratoire a obtenu")
    assert units[1].variants[1].content[0] == Inline("it", (("pos", "begin"), ("x", "3")), ("<i>",))


def test_trados_utf16_ut_tags_and_tu_attributes(data_dir):
    header = tmx.read_header(data_dir / "trados_utf16.tmx")
    assert header.srclang == "ZH-CN" and header.attr("o-tmf") == "TW4Win 2.0 Format"
    assert ("x-TMName", "zhejianglab_zh-en") in header.props
    unit = next(tmx.iter_units(data_dir / "trados_utf16.tmx"))
    assert dict(unit.attrs)["usagecount"] == "2"
    assert unit.props[0] == ("x-ConfirmationLevel", "Translated")
    assert unit.variants[0].content[0] == Inline("ut", (), ("{\\cs6\\f1\\cf6\\lang1024 ",))


def test_tmx11_lang_attribute_and_comments(data_dir):
    units = list(tmx.iter_units(data_dir / "omegat_tmx11.tmx"))
    assert [v.lang for v in units[0].variants] == ["zh-CN", "en-US"]
    assert dict(units[0].variants[1].attrs)["changeid"] == "omegat-user"
    assert units[2].props[0] == ("file", "report2020.txt")


@pytest.mark.parametrize("name", sorted(TOOL_FILES))
def test_tmx_to_tmx_keeps_every_unit_and_is_valid(data_dir, tmp_path, assert_valid_tmx, name):
    header, units = read_units(data_dir / name)
    out = tmp_path / "out.tmx"
    written = write_units(units, out, "tmx", header)
    assert_valid_tmx(out)
    before = list(tmx.iter_units(data_dir / name))
    after = list(tmx.iter_units(out))
    assert written == len(before)
    assert after == before
    again = tmx.read_header(out)
    assert again.srclang == header.srclang and again.props == header.props
    assert again.version == "1.4" and again.attr("creationtool") == "duiqi"


def test_alignment_writer_is_valid_and_reads_back(tmp_path, assert_valid_tmx):
    a = Alignment.from_pairs([("之江实验室", "Zhejiang Lab"), ("二〇二〇", "2020 & <beyond>")], "zh", "en",
                             [0.91, 0.5], signature="duiqi test")
    out = tmp_path / "a.tmx"
    out.write_text(render(a))
    assert_valid_tmx(out)
    back = read_alignment(out)
    assert [(p.src, p.tgt, p.score) for p in back.pairs()] == [(p.src, p.tgt, p.score) for p in a.pairs()]
    assert (back.src_lang, back.tgt_lang, back.signature) == ("zh-CN", "en-US", "duiqi test")


def render(a: Alignment) -> str:
    from corpora.formats import render_alignment

    return render_alignment(a, "tmx", creation_date="20200101T000000Z")


def test_writer_fixes_what_the_dtd_forbids(tmp_path, assert_valid_tmx):
    unit = TranslationUnit(
        variants=(
            Variant("zh", ("甲", Inline("bpt", (("rid", "7"),), ("<b>",)), "乙",
                           Inline("sub", (), ("stray",)), Inline("it", (("pos", "open"),), ("<i>",)))),
            Variant("en", (Inline("hi", (("type", "t"),), ("A", Inline("hi", (), ("B",)))),
                           Inline("ph", (), ("x", Inline("hi", (), ("inner",)))))),
        ),
        tuid="t1", props=(("", "no type"),), attrs=(("segtype", "SENTENCE"), ("bogus", "1")),
    )
    out = tmp_path / "fixed.tmx"
    write_units([unit], out, "tmx", MemoryHeader(srclang="zh", attrs=(("segtype", "weird"),)))
    assert_valid_tmx(out)
    back = next(tmx.iter_units(out))
    assert back.text("zh") == "甲乙stray" and back.text("en") == "AB"
    assert dict(back.attrs) == {"segtype": "sentence"}


def test_illegal_xml_characters_removed_with_a_warning_naming_the_segment(tmp_path, assert_valid_tmx):
    a = Alignment.from_pairs([("好", "good"), ("之江\x00实验室\x1b", "Zhejiang\ufffe Lab")], "zh", "en")
    out = tmp_path / "nul.tmx"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out.write_text(render(a))
    messages = [str(w.message) for w in caught if issubclass(w.category, DuiqiWarning)]
    assert messages == ["segment 2 (zh-CN): removed 2 character(s) illegal in XML",
                        "segment 2 (en-US): removed 1 character(s) illegal in XML"]
    assert_valid_tmx(out)
    assert [(p.src, p.tgt) for p in read_alignment(out).pairs()][1] == ("之江实验室", "Zhejiang Lab")


def test_srclang_all_and_tu_srclang(tmp_path):
    out = tmp_path / "all.tmx"
    out.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="*all*" creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>'
        '<tu srclang="en-US"><tuv xml:lang="zh-CN"><seg>实验室</seg></tuv><tuv xml:lang="en-US"><seg>lab</seg></tuv></tu>'
        "</body></tmx>", encoding="utf-8")
    a = read_alignment(out)
    assert (a.src_lang, a.tgt_lang) == ("en-US", "zh-CN")
    assert [(p.src, p.tgt) for p in a.pairs()] == [("lab", "实验室")]
    assert read_alignment(out, src_lang="zh", tgt_lang="en").pairs().__next__().src == "实验室"


def test_tmx_without_units_is_an_error(tmp_path):
    out = tmp_path / "empty.tmx"
    out.write_text('<tmx version="1.4"><header srclang="en"/><body/></tmx>', encoding="utf-8")
    with pytest.raises(FormatError, match="no translation units"):
        read_alignment(out)


def test_the_dtd_check_can_fail(data_dir, assert_valid_tmx):
    # OmegaT's TMX 1.1 (`lang`, version="1.1") is not TMX 1.4b: the check above means something
    with pytest.raises(AssertionError):
        assert_valid_tmx(data_dir / "omegat_tmx11.tmx")
