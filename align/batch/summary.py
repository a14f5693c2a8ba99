"""One summary row per document pair of a batch, and ``summary.csv``."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from corpora import Alignment
from corpora.model import LOW_CONFIDENCE
from corpora.humancsv import write_human_csv

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["SummaryRow", "summary_row", "failed_row", "write_summary", "summary_frame"]

"""Two-sided beads scoring below this are counted as low-confidence."""


@dataclass(frozen=True)
class SummaryRow:
    """What became of one pair: its size, the beads' scores, the time taken, the status.

    ``status`` is ``ok``, ``skipped`` (done by an earlier run with the same settings;
    the figures are that run's) or ``failed: <reason>``.
    """

    pair: str
    src: str
    tgt: str
    sentences_src: int | None
    sentences_tgt: int | None
    beads: int | None
    mean_score: float | None
    low_confidence_share: float | None
    seconds: float | None
    status: str
    signature: str = ""

    @property
    def outcome(self) -> str:
        """``ok``, ``skipped`` or ``failed``: the status without its reason."""
        return self.status.split(":")[0]

    @property
    def reason(self) -> str:
        """Why the pair failed ('' unless it did)."""
        return self.status.partition(": ")[2] if self.failed else ""

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "SummaryRow":
        return cls(**{f.name: data.get(f.name) for f in fields(cls)})

    def skipped(self) -> "SummaryRow":
        """This row, as reported by a run that found the pair already done."""
        return replace(self, status="skipped")


def summary_row(pair: str, src: str, tgt: str, alignment: Alignment, seconds: float) -> SummaryRow:
    """The row of a pair aligned successfully."""
    scores = [b.score for b in alignment.beads if b.score is not None]
    two_sided = [b.score for b in alignment.beads if b.is_pair and b.score is not None]
    mean = round(sum(scores) / len(scores), 4) if scores else None
    low = round(sum(1 for s in two_sided if s < LOW_CONFIDENCE) / len(two_sided), 4) if two_sided else None
    return SummaryRow(pair, src, tgt, len(alignment.src), len(alignment.tgt), len(alignment.beads),
                      mean, low, round(seconds, 3), "ok", alignment.signature)


def failed_row(pair: str, src: str, tgt: str, reason: str, seconds: float | None = None) -> SummaryRow:
    """The row of a pair that could not be aligned (``reason``: one line)."""
    one_line = " ".join(reason.split())
    return SummaryRow(pair, src, tgt, None, None, None, None, None,
                      None if seconds is None else round(seconds, 3), f"failed: {one_line}")


def write_summary(rows: Sequence[SummaryRow], path: str | os.PathLike[str]) -> None:
    """Write ``summary.csv`` (a header, one row a pair, empty cells for unknowns), atomically,
    as CSV for spreadsheets (:func:`corpora.humancsv.write_human_csv`)."""
    names = [f.name for f in fields(SummaryRow)]
    write_human_csv(path, names, ([getattr(row, n) for n in names] for row in rows))


def summary_frame(rows: Sequence[SummaryRow]) -> "pandas.DataFrame":
    """The rows as a DataFrame, one column per field."""
    import pandas as pd

    return pd.DataFrame([r.as_dict() for r in rows], columns=[f.name for f in fields(SummaryRow)])
