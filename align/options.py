"""The options of one alignment run: how the texts are read and how the engine aligns.

:class:`AlignOptions` is the one owner of every alignment setting, its default and its
valid range; the API (``align_texts``, ``align_files``), batch, review, check and the
command line all take or build one. Light to import: the tuned weights load on use.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from corpora.signature import Signature

from .errors import AlignError

if TYPE_CHECKING:  # pragma: no cover
    from .costs import Weights

__all__ = ["AlignOptions", "DEFAULT_SCORERS", "READING_FIELDS", "RUN_FIELDS"]

DEFAULT_SCORERS = ("dictionary", "names", "translit", "numbers", "cues", "cognates")

READING_FIELDS = ("src_lang", "tgt_lang", "split", "split_semicolon", "encoding")
"""The fields about reading the texts; the others set the engine (and its signature)."""

RUN_FIELDS = ("jobs",)
"""The engine fields that change how fast it runs, never its result (not in the signature)."""


def _weights() -> "Weights":
    from .aligner import WEIGHTS

    return WEIGHTS


def _mt_weights() -> "Weights":
    from .aligner import MT_WEIGHTS

    return MT_WEIGHTS


def _ranged(default: Any, low: Any, high: Any, doc: str) -> Any:
    return field(default=default, metadata={"range": (low, high), "doc": doc})


@dataclass(frozen=True)
class AlignOptions:
    """Settings of one alignment run, with their defaults; ``validate()`` checks the ranges
    (``AlignOptions.range("max_bead")`` → ``(2, 8)``)."""

    # reading the texts
    src_lang: str | None = None
    tgt_lang: str | None = None
    split: bool | None = None  # None: one sentence a line when the text looks so, else split
    split_semicolon: bool = False
    encoding: str | None = None
    # the engine: all recorded in the signature
    max_bead: int = _ranged(5, 2, 8, "Largest bead: source + target sentences.")
    scorers: tuple[str, ...] = DEFAULT_SCORERS
    first_width: int = _ranged(30, 3, 10_000, "Half-width of the first pass's band.")
    second_width: int = _ranged(6, 1, 10_000, "Half-width of the second pass's band.")
    weights: "Weights" = field(default_factory=_weights)
    learn: bool = True
    learn_quantile: float = _ranged(0.3, 0.0, 1.0, "Share of least confident beads left out of learning.")
    learn_dice: float = _ranged(0.3, 0.0, 1.0, "Smallest Dice of a learned word link.")
    mt_weights: "Weights" = field(default_factory=_mt_weights)
    # how it runs (the same result whatever the value)
    jobs: int = _ranged(0, 0, 256, "Processes to use on a long text (0: one per CPU).")

    @classmethod
    def range(cls, name: str) -> tuple[Any, Any]:
        """The smallest and largest valid value of option ``name``."""
        return next(f.metadata["range"] for f in fields(cls) if f.name == name)

    @classmethod
    def default(cls, name: str) -> Any:
        """The default value of option ``name``."""
        return next(f.default for f in fields(cls) if f.name == name)

    @classmethod
    def doc(cls, name: str) -> str:
        """One line saying what option ``name`` does."""
        return next(f.metadata.get("doc", "") for f in fields(cls) if f.name == name)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "AlignOptions":
        """Options from a mapping of field names (``no_split`` is understood as ``not split``);
        an unknown name is an AlignError."""
        values = dict(values)
        if "no_split" in values:
            no_split = values.pop("no_split")
            values["split"] = None if no_split is None else not no_split
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise AlignError(f"unknown alignment option {unknown[0]!r}")
        return cls(**values).validate()

    def validate(self) -> "AlignOptions":
        """Self, or an AlignError naming the first option out of its range."""
        from .scorers import scorer_names

        for f in fields(self):
            if "range" in f.metadata:
                low, high = f.metadata["range"]
                value = getattr(self, f.name)
                if not low <= value <= high:
                    name = f.name.replace("_", " ")
                    raise AlignError(f"{name} must be between {low} and {high}, not {value}")
        unknown = [s for s in self.scorers if s not in scorer_names()]
        if unknown:
            raise AlignError(f"unknown scorer {unknown[0]!r} (known: {', '.join(scorer_names())})")
        return self

    def updated(self, **changes: Any) -> "AlignOptions":
        """A copy with the changes that are not None."""
        given = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **given).validate() if given else self

    def engine(self) -> "AlignOptions":
        """These options with the reading ones at their defaults: what an :class:`Aligner` uses."""
        return replace(self, **{name: AlignOptions.default(name) for name in READING_FIELDS})

    def differences(self, other: "AlignOptions") -> list[str]:
        """``name: mine ≠ other's`` for every engine option on which the two differ."""
        return [f"{f.name} {getattr(self, f.name)!r} ≠ {getattr(other, f.name)!r}" for f in fields(self)
                if f.name not in READING_FIELDS + RUN_FIELDS and getattr(self, f.name) != getattr(other, f.name)]

    def as_dict(self) -> dict[str, Any]:
        """The options a user sets (reading options and ``max_bead``), by their API names."""
        return {"src_lang": self.src_lang, "tgt_lang": self.tgt_lang, "no_split": None if self.split is None else not self.split,
                "split_semicolon": self.split_semicolon, "encoding": self.encoding, "max_bead": self.max_bead}

    def signature(self, extra: Sequence[str] = ()) -> str:
        """``duiqi:0.1.0|scorers:length+dictionary+...|max-bead:5|...``; ``extra`` names
        scorers added for one run (a loaded lexicon, a translation)."""
        learned = () if not self.learn or any(e.startswith("learned") for e in extra) else ("learned",)
        return str(Signature.of(
            ("scorers", "+".join(("length", *self.scorers, *learned, *extra))),
            ("max-bead", self.max_bead),
            ("band", f"{self.first_width}/{self.second_width}"),
            ("skip", f"{self.weights.skip:g}"),
        ))
