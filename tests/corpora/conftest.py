"""Shared fixtures of the corpora tests: the fixture folder and TMX DTD validation."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
from tests.conftest import SHARED

TMX_DTD = SHARED / "formats" / "tmx14.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def assert_valid_tmx():
    """A function asserting that a file is TMX valid against ../shared/formats/tmx14.dtd."""
    from lxml import etree

    if not TMX_DTD.exists():
        pytest.skip(f"{TMX_DTD} is not there")
    dtd = etree.DTD(str(TMX_DTD))

    def check(path: Path) -> None:
        parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
        doc = etree.parse(str(path), parser)
        assert dtd.validate(doc), dtd.error_log.filter_from_errors()
        # libxml2 accepts the deprecated `lang`; TMX 1.4b wants xml:lang on every tuv
        assert all(tuv.get(XML_LANG) for tuv in doc.iter("tuv"))
        assert not any(tuv.get("lang") for tuv in doc.iter("tuv"))

    return check


@pytest.fixture(scope="session")
def formats_wild() -> Path:
    """../shared/data/formats-wild: TMX, XLIFF and TBX files written by real tools (skip when absent)."""
    path = SHARED / "data" / "formats-wild"
    if not path.is_dir():
        pytest.skip(f"{path} is not there")
    return path
