"""What memoQ and Trados check when they import a TMX (README, "Using the TMX in a CAT
tool"): the TMX 1.4 DTD, ``srclang`` a language of every unit, ``xml:lang`` with a
region, ``segtype="sentence"``, dates in TMX's basic UTC format — on duiqi's memories
of the bundled report, in both directions, at both unit levels."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner
from lxml import etree

from align.cli import cli

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPOCH = 1_700_000_000
_REGION = re.compile(r"^[a-z]{2,3}-(?:[A-Z]{2}|Han[st]-[A-Z]{2})$")
_DATE = re.compile(r"^\d{8}T\d{6}Z$")


def _memory(tmp_path, monkeypatch, src, tgt, *extra):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    out = tmp_path / "m.tmx"
    result = CliRunner().invoke(cli, ["align", str(src), str(tgt), "-o", str(out), "-q", *extra])
    assert result.exit_code == 0, result.output
    return etree.parse(str(out))


@pytest.mark.parametrize("direction", ["zh-en", "en-zh"])
@pytest.mark.parametrize("units", ["sentence", "bead"])
def test_memoq_and_trados_import_checks(tmp_path, monkeypatch, corpus, tmx_dtd, direction, units):
    src, tgt = (corpus.zh, corpus.en) if direction == "zh-en" else (corpus.en, corpus.zh)
    doc = _memory(tmp_path, monkeypatch, src, tgt, "--units", units)
    assert tmx_dtd.validate(doc), tmx_dtd.error_log.filter_from_errors()
    header = doc.getroot().find("header")
    want_src, want_tgt = ("zh-CN", "en-US") if direction == "zh-en" else ("en-US", "zh-CN")
    assert header.get("srclang") == want_src  # a language, never *all*: Trados needs one
    assert header.get("segtype") == "sentence" and header.get("adminlang") == "en-US"
    stamp = datetime.fromtimestamp(EPOCH, timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    assert header.get("creationdate") == stamp and _DATE.match(stamp)
    tus = doc.getroot().findall("body/tu")
    assert tus
    for tu in tus:
        langs = [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]
        assert langs == [want_src, want_tgt]  # memoQ: srclang is one of the unit's languages
        assert all(_REGION.match(lang) for lang in langs)
        for node in (tu, *tu.findall("tuv")):
            for attr in ("creationdate", "changedate"):
                assert node.get(attr) is None or _DATE.match(node.get(attr)), (attr, node.get(attr))
        assert all(p.get("type").startswith("x-") for p in tu.findall("prop"))  # custom fields, or ignored
    derived = [tu for tu in tus if tu.find("prop[@type='x-duiqi-part']") is not None]
    assert bool(derived) == (units == "sentence")


def test_languages_given_without_region_get_one(tmp_path, monkeypatch, corpus, tmx_dtd):
    doc = _memory(tmp_path, monkeypatch, corpus.zh, corpus.en, "--src-lang", "zh", "--tgt-lang", "en")
    assert tmx_dtd.validate(doc), tmx_dtd.error_log.filter_from_errors()
    assert doc.getroot().find("header").get("srclang") == "zh-CN"
    assert {tuv.get(XML_LANG) for tuv in doc.getroot().iter("tuv")} == {"zh-CN", "en-US"}
