"""Term bases: CSV/TSV/XLSX and TBX v2/v3 into one model; clear errors on bad files."""

from __future__ import annotations

import pytest

from glossary import FORBIDDEN, PREFERRED, TermBaseError, load_termbase
from glossary.termbase import normalize_status


def _terms(tb):
    return {(c.id, t.lang, t.text, t.status, t.term_type, t.case_sensitive, t.note)
            for c in tb.concepts for t in c.terms}


def test_bundled_csv_and_tbx_hold_the_same_terms(corpus):
    csv_tb = load_termbase(corpus.glossary_csv)
    tbx_tb = load_termbase(corpus.glossary_tbx)
    assert _terms(csv_tb) == _terms(tbx_tb)
    assert csv_tb.languages == ("en", "zh")
    c9 = tbx_tb.concept("c9")
    assert [t.text for t in c9.forbidden("zh")] == ["国家发展计划委员会", "国家计划委员会"]
    assert c9.preferred("en").text == "National Development and Reform Commission"
    most = next(t for t in tbx_tb.concept("c10").terms if t.text == "MOST")
    assert most.case_sensitive and most.term_type == "acronym"
    assert not next(t for t in tbx_tb.concept("c1").terms if t.text == "the Lab").case_sensitive


@pytest.mark.parametrize("value,status", [
    ("", "preferred"), ("preferredTerm-admn-sts", "preferred"), ("Approved", "preferred"),
    ("admittedTerm-admn-sts", "admitted"), ("allowed", "admitted"),
    ("deprecatedTerm-admn-sts", "forbidden"), ("supersededTerm-admn-sts", "forbidden"),
    ("superseded", "forbidden"), ("Do not use", "forbidden"), ("maybe", None),
])
def test_status_words(value, status):
    assert normalize_status(value) == status


TBX3_DCT = """<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dct" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed:3.0"
     xmlns:basic="http://www.tbxinfo.net/ns/basic">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="mofcom">
      <langSec xml:lang="zh-CN">
        <termSec><term>商务部</term><basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
        <termSec><term>对外贸易经济合作部</term><basic:administrativeStatus>supersededTerm-admn-sts</basic:administrativeStatus></termSec>
      </langSec>
      <langSec xml:lang="en-US">
        <termSec><term>Ministry of Commerce</term><basic:termType>fullForm</basic:termType></termSec>
        <termSec><term>MOFCOM</term><basic:termType>acronym</basic:termType>
          <basic:administrativeStatus>admittedTerm-admn-sts</basic:administrativeStatus></termSec>
        <termSec><term>Ministry of Foreign Trade and Economic Cooperation</term>
          <basic:administrativeStatus>supersededTerm-admn-sts</basic:administrativeStatus>
          <note>former name until 2003</note></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <langSet xml:lang="zh"><tig><term>国务院</term></tig></langSet>
      <langSet xml:lang="en">
        <tig><term>State Council</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>Council of State</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
      </langSet>
    </termEntry>
    <termEntry id="t2">
      <langSet xml:lang="zh"><tig><term>人民币</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>RMB</term><termNote type="termType">abbreviation</termNote></tig>
        <tig><term>renminbi</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_tbx_v3_dct_style_other_namespace(tmp_path):
    p = tmp_path / "dct.tbx"
    p.write_text(TBX3_DCT, encoding="utf-8")
    tb = load_termbase(p)
    c = tb.concept("mofcom")
    assert [(t.text, t.status) for t in c.terms_in("zh")] == [("商务部", PREFERRED), ("对外贸易经济合作部", FORBIDDEN)]
    en = {t.text: t for t in c.terms_in("en")}
    assert en["Ministry of Commerce"].status == "preferred" and en["Ministry of Commerce"].term_type == "fullForm"
    assert en["MOFCOM"].status == "admitted" and en["MOFCOM"].case_sensitive
    assert en["Ministry of Foreign Trade and Economic Cooperation"].status == FORBIDDEN
    assert en["Ministry of Foreign Trade and Economic Cooperation"].note == "former name until 2003"


def test_tbx_v2_tig_and_ntig(tmp_path):
    p = tmp_path / "v2.tbx"
    p.write_text(TBX2, encoding="utf-8")
    tb = load_termbase(p)
    assert [(t.text, t.status) for t in tb.concept("t1").terms_in("en")] == [
        ("State Council", "preferred"), ("Council of State", "forbidden")]
    rmb = {t.text: t for t in tb.concept("t2").terms}
    assert rmb["RMB"].term_type == "abbreviation" and rmb["RMB"].case_sensitive
    assert rmb["renminbi"].status == "admitted" and not rmb["renminbi"].case_sensitive


def test_tbx_v2_agrees_with_translate_toolkit(tmp_path):
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile.parsestring(TBX2.encode("utf-8"))
    theirs = {u.source for u in store.units}
    p = tmp_path / "v2.tbx"
    p.write_text(TBX2, encoding="utf-8")
    ours = {c.terms_in("zh")[0].text for c in load_termbase(p).concepts}
    assert theirs == ours


@pytest.mark.parametrize("text,message", [
    ("<tbx><text><body><conceptEntry id='a'><langSec xml:lang='en'><termSec><term>x</term>"
     "</termSec></langSec></conceptEntry></body></text>", "not well-formed XML"),
    ("<?xml version='1.0'?>\n<html><body/></html>", "root element <html>"),
    ("<tbx><text><body>\n<conceptEntry id='a'>\n<langSec><termSec><term>x</term></termSec></langSec>"
     "</conceptEntry></body></text></tbx>", ":3: <langSec> in conceptEntry 'a' has no xml:lang"),
    ("<tbx><text><body><conceptEntry id='a'><langSec xml:lang='en'>\n<termSec><note>n</note></termSec>"
     "</langSec></conceptEntry></body></text></tbx>", ":2: <termSec> in entry 'a' has no <term>"),
    ("<tbx><text><body><conceptEntry id='a'><langSec xml:lang='en'>\n<termSec><term>x</term>"
     "<termNote type='administrativeStatus'>bogusTerm-admn-sts</termNote></termSec>"
     "</langSec></conceptEntry></body></text></tbx>", "unknown administrativeStatus 'bogusTerm-admn-sts'"),
])
def test_malformed_tbx_names_file_line_and_problem(tmp_path, text, message):
    _assert_names_file_and_problem(tmp_path / "bad.tbx", text, message)


def _assert_names_file_and_problem(path, text: str, message: str) -> None:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TermBaseError) as e:
        load_termbase(path)
    assert str(path) in str(e.value) and message in str(e.value)


def test_csv_without_ids_groups_rows_that_share_a_term(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text(
        "zh,en,status,note\n"
        "商务部,Ministry of Commerce,preferred,\n"
        "商务部,MOFCOM,admitted,\n"
        "商务部,Ministry of Trade,forbidden,wrong name\n"
        "国务院,State Council|the Council,,\n",
        encoding="utf-8")
    tb = load_termbase(p)
    assert len(tb.concepts) == 2
    mofcom = tb.concepts[0]
    assert [(t.text, t.status) for t in mofcom.terms_in("zh")] == [("商务部", "preferred")]
    assert {t.text: t.status for t in mofcom.terms_in("en")} == {
        "Ministry of Commerce": "preferred", "MOFCOM": "admitted", "Ministry of Trade": "forbidden"}
    assert [t.text for t in tb.concepts[1].terms_in("en")] == ["State Council", "the Council"]


def test_tsv_semicolon_csv_and_language_names(tmp_path):
    tsv = tmp_path / "g.tsv"
    tsv.write_text("Chinese\tEnglish\n科技部\tMinistry of Science and Technology\n", encoding="utf-8")
    semi = tmp_path / "g.csv"
    semi.write_text("zh-CN;en-GB;case_sensitive\n科技部;MOST;yes\n", encoding="utf-8")
    assert load_termbase(tsv).concepts[0].preferred("en").text == "Ministry of Science and Technology"
    most = load_termbase(semi).concepts[0].preferred("en")
    assert most.text == "MOST" and most.case_sensitive and most.lang == "en-GB"


@pytest.mark.parametrize("text,message", [
    ("zh,en,status\n科技部,MOST,approvedish\n", ":2: unknown status 'approvedish'"),
    ("zh,en,case_sensitive\n科技部,MOST,perhaps\n", ":2: case_sensitive must be true or false"),
    ("name,value\na,b\n", "no language columns"),
    ("zh,en,status\n,,preferred\n", ":2: no term in the language columns"),
    ("zh,en\n科技部,MOST,extra\n", ":2: 3 fields, but the header has 2"),
])
def test_malformed_csv_names_file_line_and_problem(tmp_path, text, message):
    _assert_names_file_and_problem(tmp_path / "bad.csv", text, message)


def test_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "terms"
    sheet.append(["id", "zh", "en", "status", "case_sensitive"])
    sheet.append(["c1", "人工智能", "artificial intelligence", "preferred", False])
    sheet.append(["c1", None, "AI", "admitted", True])
    sheet.append(["c1", None, "artificial intellect", "deprecated", None])
    sheet.append(["c2", "大数据", "big data", "bogus", None])
    p = tmp_path / "g.xlsx"
    book.save(p)
    with pytest.raises(TermBaseError, match=r"g\.xlsx \(sheet 'terms'\) row 5: unknown status 'bogus'"):
        load_termbase(p)
    sheet.delete_rows(5)
    book.save(p)
    c = load_termbase(p).concept("c1")
    assert {t.text: (t.status, t.case_sensitive) for t in c.terms_in("en")} == {
        "artificial intelligence": ("preferred", False), "AI": ("admitted", True),
        "artificial intellect": ("forbidden", False)}


def test_unreadable_files(tmp_path):
    fake = tmp_path / "g.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(TermBaseError, match="not a readable XLSX workbook"):
        load_termbase(fake)
    with pytest.raises(TermBaseError, match="no such file"):
        load_termbase(tmp_path / "missing.csv")
    other = tmp_path / "g.docx"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(TermBaseError, match="unknown glossary format"):
        load_termbase(other)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(TermBaseError, match="empty"):
        load_termbase(empty)


def test_to_frame(corpus):
    frame = load_termbase(corpus.glossary_csv).to_frame()
    assert list(frame.columns) == ["concept", "lang", "term", "status", "term_type", "case_sensitive", "note"]
    assert len(frame) == 121
    assert set(frame.status) == {"preferred", "admitted", "forbidden"}
