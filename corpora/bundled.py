"""The corpus shipped with duiqi: the Zhejiang Lab 2020 internal conference report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import CorporaError

__all__ = ["BundledCorpus", "bundled_corpus", "BUNDLED_NAMES"]

BUNDLED_NAMES = ("zhejiang_lab_2020",)


@dataclass(frozen=True)
class BundledCorpus:
    """Paths of a bundled corpus: Chinese source, English translation, gold, glossary."""

    name: str
    directory: Path

    @property
    def zh(self) -> Path:
        return self.directory / "zh.txt"

    @property
    def en(self) -> Path:
        return self.directory / "en.txt"

    @property
    def gold(self) -> Path:
        """Gold beads, Chinese ids first."""
        return self.directory / "gold.align"

    @property
    def glossary_csv(self) -> Path:
        return self.directory / "glossary.csv"

    @property
    def glossary_tbx(self) -> Path:
        return self.directory / "glossary.tbx"


def bundled_corpus(name: str = "zhejiang_lab_2020") -> BundledCorpus:
    """The bundled corpus called ``name``."""
    if name not in BUNDLED_NAMES:
        raise CorporaError(f"no bundled corpus {name!r} (have: {', '.join(BUNDLED_NAMES)})")
    return BundledCorpus(name, Path(__file__).parent / name)
