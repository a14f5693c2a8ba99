"""Fixtures of the glossary tests: the bundled corpus, its gold alignment, planted errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.segment import segment_lines
from corpora import Alignment, bundled_corpus, read_text
from corpora.formats.beads import read_beads

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "zhejiang_lab_2020"

# Every error planted in en.planted(.sentences).txt: (gold bead index, kind, source term).
# Bead 0 (the English by-line) is the only one-sided bead, so the index is also the
# pair's tu (its TMX tuid), the number every report shows.
PLANTED = {
    (3, "forbidden", "副主任"),  # Deputy Director -> Vice Director
    (6, "forbidden", "工业和信息化部"),  # former ministry: Ministry of Information Industry
    (6, "number", "22"),  # 22 national projects -> 23
    (8, "number", "1100"),  # 1,100 members -> 1,200
    (12, "missing", "智能感知"),  # intelligent perception -> smart sensing
    (15, "missing", "首席科学家"),  # Chief Scientist -> Lead Scientist
    (19, "forbidden", "党委"),  # CPC Committee -> CCP Committee
    (23, "unexpected", "之江实验室"),  # "of the Lab" added
    (25, "inconsistent", "之江实验室"),  # Zhejiang Lab -> Zhejiang Laboratory
}


def gold_alignment(en_sentences: Path = FIXTURES / "en.sentences.txt") -> Alignment:
    """The bundled report aligned by its gold beads (zh source, en target)."""
    zh = segment_lines(read_text(FIXTURES / "zh.sentences.txt"))
    en = segment_lines(read_text(en_sentences))
    alignment = Alignment(zh, en, tuple(read_beads(bundled_corpus().gold)), "zh", "en")
    alignment.validate()
    return alignment


@pytest.fixture(scope="session")
def planted_issues() -> set[tuple[int, str, str]]:
    return set(PLANTED)


@pytest.fixture(scope="session")
def corpus():
    return bundled_corpus()


@pytest.fixture(scope="session")
def gold() -> Alignment:
    return gold_alignment()


@pytest.fixture(scope="session")
def planted() -> Alignment:
    return gold_alignment(FIXTURES / "en.planted.sentences.txt")


@pytest.fixture(scope="session", params=["csv", "tbx"])
def termbase(request, corpus):
    from glossary import load_termbase

    return load_termbase(corpus.glossary_csv if request.param == "csv" else corpus.glossary_tbx)
