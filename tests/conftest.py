"""Shared fixtures: the bundled corpus and the evaluation data beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora import bundled_corpus

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (CI, /work/main), or beside its parent (a worktree in /work/wt/<x>).
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
              ROOT.parent / "shared")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus():
    """The bundled Zhejiang Lab 2020 report."""
    return bundled_corpus()


@pytest.fixture(scope="session")
def tmx_dtd():
    """The TMX 1.4 DTD from ../shared/formats (skip when the folder is absent)."""
    path = SHARED / "formats" / "tmx14.dtd"
    if not path.exists():
        pytest.skip("../shared/formats/tmx14.dtd not present")
    from lxml import etree

    return etree.DTD(str(path))


@pytest.fixture(scope="session")
def mac_dev():
    """Path of MAC-Dev in ../shared/data (skip when absent)."""
    path = SHARED / "data" / "mac-dev"
    if not path.exists():
        pytest.skip("../shared/data/mac-dev not present")
    return path


def sentence_fixture(name: str) -> list[list[str]]:
    """Paragraphs of sentences from tests/fixtures/zhejiang_lab_2020/<name>.sentences.txt."""
    text = (FIXTURES / "zhejiang_lab_2020" / f"{name}.sentences.txt").read_text(encoding="utf-8")
    return [block.split("\n") for block in text.strip("\n").split("\n\n")]
