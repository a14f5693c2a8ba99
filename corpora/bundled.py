"""The corpus shipped with duiqi: the Zhejiang Lab 2020 internal conference report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import CorporaError

__all__ = ["BundledCorpus", "bundled_corpus", "BUNDLED_NAMES"]

BUNDLED_NAMES = ("zhejiang_lab_2020",)


def _file(name: str, doc: str) -> property:
    def path(self: "BundledCorpus") -> Path:
        return self.directory / name

    return property(path, doc=doc)


@dataclass(frozen=True)
class BundledCorpus:
    """Paths of a bundled corpus: Chinese source, English translation, gold, glossary."""

    name: str
    directory: Path

    zh = _file("zh.txt", "The Chinese source text.")
    en = _file("en.txt", "The English translation.")
    gold = _file("gold.align", "Gold beads, Chinese ids first.")
    glossary_csv = _file("glossary.csv", "The glossary as CSV.")
    glossary_tbx = _file("glossary.tbx", "The glossary as TBX.")


def bundled_corpus(name: str = "zhejiang_lab_2020") -> BundledCorpus:
    """The bundled corpus called ``name``."""
    if name not in BUNDLED_NAMES:
        raise CorporaError(f"no bundled corpus {name!r} (have: {', '.join(BUNDLED_NAMES)})")
    return BundledCorpus(name, Path(__file__).parent / name)
