"""XLIFF 1.2 and 2.0: reading what Okapi-like tools write, writing, and TMX round trips."""

from __future__ import annotations

import pytest
from lxml import etree

from corpora.formats import read_alignment, read_units, tmx, write_units, xliff, xliff2
from corpora.units import Inline


def test_xliff12_units_notes_state_and_inline_codes(data_dir):
    units = list(xliff.iter_units(data_dir / "okapi_xliff12.xlf"))
    assert [u.tuid for u in units] == ["1", "2", "3", "4"]  # alt-trans ignored, group entered
    first = units[0]
    assert first.notes == ("Headline",)
    assert first.variants[1].props == (("x-state", "translated"),)
    assert first.text("en-US") == "Zhejiang Lab Holds Its 2020 Internal Conference"
    second = units[1].variant("zh-CN").content
    assert second[1] == Inline("bpt", (("i", "1"), ("type", "bold")), ('<g id="1" ctype="bold">',))
    assert second[3] == Inline("ept", (("i", "1"),), ("</g>",))
    assert second[-1] == Inline("ph", (("x", "2"), ("type", "lb")), ('<x id="2" ctype="lb"/>',))
    third = units[2].variant("en-US").content
    assert Inline("hi", (("type", "term"),), ("Yuan Jixin",)) in third
    assert units[3].variant("en-US") is None


def test_xliff12_plain_pairs_keep_text_of_g_and_mrk(data_dir):
    pairs = [(p.src, p.tgt) for p in read_alignment(data_dir / "okapi_xliff12.xlf").pairs()]
    assert pairs[1] == ("主任朱世强作工作报告。", "Director Zhu Shiqiang issued a work report.")
    assert pairs[3] == ("未翻译", "")


def test_xliff20_segments_codes_from_original_data(data_dir):
    units = list(xliff2.iter_units(data_dir / "xliff20.xlf"))
    assert [u.tuid for u in units] == ["u1/1", "u1/2"]
    assert units[0].notes == ("From the 2020 report",)
    content = units[0].variant("en-US").content
    assert content[1] == Inline("bpt", (("i", "1"),), ("<b>",))
    assert content[-1] == Inline("ph", (), ("<br/>",))
    assert units[0].variants[1].props == (("x-state", "final"),)
    # the 1.2 reader hands a 2.0 file on, and the other way round
    assert list(xliff.iter_units(data_dir / "xliff20.xlf")) == units
    assert list(xliff2.iter_units(data_dir / "okapi_xliff12.xlf")) == list(xliff.iter_units(data_dir / "okapi_xliff12.xlf"))


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_tmx_to_xliff_and_back_keeps_text_tags_and_props(data_dir, tmp_path, fmt):
    header, units = read_units(data_dir / "memoq.tmx")
    xlf = tmp_path / "memoq.xlf"
    write_units(units, xlf, fmt, header)
    etree.parse(str(xlf))  # well-formed
    header2, units2 = read_units(xlf, fmt)
    back = tmp_path / "back.tmx"
    write_units(units2, back, "tmx", header2)
    before, after = list(tmx.iter_units(data_dir / "memoq.tmx")), list(tmx.iter_units(back))
    assert [(u.text("zh"), u.text("en")) for u in after] == [(u.text("zh"), u.text("en")) for u in before]
    assert after[0].props == before[0].props
    assert after[1].notes == before[1].notes
    tags = [p for p in after[0].variants[1].content if isinstance(p, Inline)]
    assert [t.tag for t in tags] == ["bpt", "ept"] and tags[0].content == ("<b>",)


def test_xliff12_output_has_the_1_2_namespace_and_languages(data_dir, tmp_path):
    out = tmp_path / "o.xlf"
    header, units = read_units(data_dir / "omegat_tmx11.tmx")
    assert write_units(units, out, None, header) == 3
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{xliff.NS}}}xliff" and root.get("version") == "1.2"
    f = root[0]
    assert (f.get("source-language"), f.get("target-language")) == ("zh-CN", "en-US")
