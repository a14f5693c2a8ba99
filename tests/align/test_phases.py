"""Phase accounting (align/phases.py) of a real alignment run."""

from __future__ import annotations

from align import phases
from align.api import align_texts


def test_an_alignment_accounts_its_phases(corpus):
    phases.reset()
    align_texts(corpus.zh.read_text(encoding="utf-8"), corpus.en.read_text(encoding="utf-8"), "zh", "en")
    report = {p.name: p for p in phases.report()}
    for name in ("evidence: dictionary", "anchors", "band evidence", "bead features", "search"):
        assert report[name].calls >= 1 and report[name].cpu >= 0 and report[name].peak_mb > 10
    assert report["search"].calls == 4  # first and full pass, both rounds
    phases.reset()
    assert phases.report() == []
