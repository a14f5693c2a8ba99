"""Aligning many document pairs into one folder: a shared lexicon, resumable, on any engine.

With the shared lexicon (the default) a batch runs in two passes: every pair is
aligned once with per-document learning, one lexicon is trained on all those
alignments (:func:`align.lexicon.train_lexicon`) and saved, and every pair is
aligned again with it, so short documents gain from the long ones. A saved lexicon
is loaded instead of trained, which skips the first pass.

Every finished pair is written atomically to ``<id>.<ext>`` and noted in the
folder's journal; a new run skips the pairs whose inputs, options and lexicon are
unchanged (``force`` redoes them). A pair that cannot be aligned is reported in
its summary row and the others go on.
"""

from __future__ import annotations

import hashlib
import os
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Protocol, Sequence

from corpora import Alignment, DuiqiError, DuiqiWarning, __version__
from corpora.formats import get_format, write_alignment

from .aligner import Aligner, AlignOptions
from .api import align_files
from .batch_journal import BatchJournal, pair_key
from .batch_summary import SummaryRow, failed_row, summary_frame, summary_row, write_summary
from .engines import Engine, LocalEngine
from .errors import AlignError
from .lang import base_lang
from .lexicon import Lexicon, train_lexicon
from .manifest import BatchPair, check_ids

__all__ = [
    "ALIGN_DEFAULTS",
    "LEXICON_NAME",
    "SUMMARY_NAME",
    "PairOutcome",
    "AlignTask",
    "BatchReport",
    "run_batch",
    "load_aligner",
]

ALIGN_DEFAULTS: Mapping[str, Any] = {
    "src_lang": None, "tgt_lang": None, "no_split": False, "split_semicolon": False,
    "encoding": None, "max_bead": 5,
}
"""The options of :func:`align.api.align_files` a batch passes on, with their defaults."""

LEXICON_NAME = "lexicon.json"
SUMMARY_NAME = "summary.csv"


class ProgressBar(Protocol):
    def update(self, n: int = 1) -> Any: ...

    def close(self) -> None: ...


ProgressFactory = Callable[[str, int], ProgressBar]
"""Makes a progress bar for a pass (``"lexicon"`` or ``"align"``) over ``total`` pairs."""


def load_aligner(lexicon: str | os.PathLike[str] | None, max_bead: int = 5) -> Aligner | None:
    """An aligner using the lexicon saved at ``lexicon``; None when no path is given."""
    if lexicon is None:
        return None
    return Aligner(AlignOptions(max_bead=max_bead), lexicon=Lexicon.load(lexicon))


def _lexicon_fits(lexicon: Lexicon, alignment: Alignment) -> bool:
    return (base_lang(lexicon.src_units.lang), base_lang(lexicon.tgt_units.lang)) == (
        base_lang(alignment.src_lang), base_lang(alignment.tgt_lang))


@dataclass(frozen=True)
class PairOutcome:
    """A worker's result for one pair: the alignment or a one-line error, the time taken,
    and the DuiqiWarnings raised on the way."""

    alignment: Alignment | None
    seconds: float
    error: str | None = None
    warnings: tuple[str, ...] = ()


class AlignTask:
    """Aligns one :class:`BatchPair` (in a worker) and returns a :class:`PairOutcome`.

    Holds the worker's aligners, made on first use and never pickled, so the
    dictionary is loaded once per worker. With a ``lexicon``, a pair in another
    language pair than the lexicon's is aligned without it.
    """

    def __init__(self, align_opts: Mapping[str, Any], lexicon: Lexicon | None = None) -> None:
        self.align_opts = dict(align_opts)
        self.lexicon = lexicon
        self._aligners: dict[bool, Aligner] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"align_opts": self.align_opts, "lexicon": self.lexicon}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["align_opts"], state["lexicon"])

    def _align(self, pair: BatchPair, shared: bool) -> Alignment:
        opts = dict(self.align_opts)
        max_bead = opts.pop("max_bead", 5)
        if shared not in self._aligners:
            self._aligners[shared] = Aligner(AlignOptions(max_bead=max_bead), lexicon=self.lexicon if shared else None)
        return align_files(pair.src, pair.tgt, **opts, aligner=self._aligners[shared])

    def __call__(self, pair: BatchPair) -> PairOutcome:
        start = time.perf_counter()
        alignment = error = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                alignment = self._align(pair, self.lexicon is not None)
                if self.lexicon is not None and not _lexicon_fits(self.lexicon, alignment):
                    alignment = self._align(pair, False)
            except DuiqiError as e:
                error = str(e)
            except MemoryError:
                error = "out of memory"
            except Exception as e:  # a bug must not stop the other pairs
                error = f"internal error: {type(e).__name__}: {e}"
        notes = tuple(str(w.message) for w in caught if issubclass(w.category, DuiqiWarning))
        return PairOutcome(alignment, time.perf_counter() - start, error, notes)


@dataclass(frozen=True)
class BatchReport:
    """The result of a batch: one row per pair (in input order) and the files made."""

    rows: tuple[SummaryRow, ...]
    outdir: Path
    summary: Path
    lexicon: Path | None
    lexicon_trained: bool

    @property
    def failed(self) -> tuple[SummaryRow, ...]:
        return tuple(r for r in self.rows if r.failed)

    def to_dataframe(self):
        """The summary rows as a pandas DataFrame."""
        return summary_frame(self.rows)


def _passes(engine: Engine, task: AlignTask, pairs: Sequence[BatchPair], progress: ProgressFactory | None,
            phase: str) -> Iterator[tuple[int, PairOutcome]]:
    bar = progress(phase, len(pairs)) if progress is not None and pairs else None
    try:
        for k, outcome in engine.map_unordered(task, pairs):
            yield k, outcome
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()


def _warn(pair: BatchPair, messages: Sequence[str]) -> None:
    for m in messages:
        warnings.warn(f"{pair.id}: {m}", DuiqiWarning, stacklevel=3)


def _train_shared(alignments: Sequence[Alignment]) -> Lexicon | None:
    """One lexicon from the alignments of the most common language pair (by sentences);
    None, with a warning, when there is too little text to train on."""
    groups: dict[tuple[str, str], list[Alignment]] = {}
    for a in alignments:
        groups.setdefault((base_lang(a.src_lang), base_lang(a.tgt_lang)), []).append(a)
    if not groups:
        return None
    main = max(groups.values(), key=lambda g: sum(len(a.src) for a in g))
    try:
        return train_lexicon(main)
    except AlignError as e:
        warnings.warn(f"no shared lexicon ({e}); each pair learns its own", DuiqiWarning, stacklevel=3)
        return None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _output_dir(outdir: str | os.PathLike[str]) -> Path:
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise AlignError(f"{out}: is a file, not an output folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise AlignError(f"{out}: cannot create the output folder ({e.strerror})") from None
    return out


def _options(align_opts: Mapping[str, Any] | None) -> dict[str, Any]:
    unknown = sorted(set(align_opts or {}) - set(ALIGN_DEFAULTS))
    if unknown:
        raise AlignError(f"unknown alignment option {unknown[0]!r}")
    return {**ALIGN_DEFAULTS, **(align_opts or {})}


def run_batch(
    pairs: Sequence[BatchPair],
    outdir: str | os.PathLike[str],
    fmt: str = "tmx",
    align_opts: Mapping[str, Any] | None = None,
    shared_lexicon: bool = True,
    lexicon_path: str | os.PathLike[str] | None = None,
    force: bool = False,
    engine: Engine | None = None,
    progress: ProgressFactory | None = None,
    on_row: Callable[[SummaryRow], None] | None = None,
) -> BatchReport:
    """Align every pair into ``outdir`` as ``<id>.<ext>`` and write ``summary.csv``.

    ``align_opts``: options of :func:`align.api.align_files` (see ``ALIGN_DEFAULTS``).
    ``shared_lexicon``: train one lexicon over all pairs (saved at ``lexicon_path``,
    default ``outdir/lexicon.json``; loaded instead when that file exists, except that
    ``force`` retrains the default one). ``engine``: where to align (default: this
    process). ``on_row`` is called with each pair's row as soon as it is known.
    """
    check_ids(pairs)
    out_format = get_format(fmt)
    if not out_format.writable:
        raise AlignError(f"format {out_format.name!r} cannot be written")
    opts = _options(align_opts)
    if lexicon_path is not None and not shared_lexicon:
        raise AlignError("--lexicon needs the shared lexicon (drop --no-shared-lexicon)")
    if lexicon_path is not None and not Path(lexicon_path).exists() and not Path(lexicon_path).parent.is_dir():
        raise AlignError(f"{lexicon_path}: cannot save the lexicon (no such directory {Path(lexicon_path).parent})")
    out = _output_dir(outdir)
    engine = engine or LocalEngine(1)
    rows: dict[int, SummaryRow] = {}

    def finish(k: int, row: SummaryRow) -> None:
        rows[k] = row
        if on_row is not None:
            on_row(row)

    def fail(k: int, reason: str, seconds: float | None = None) -> None:
        p = pairs[k]
        finish(k, failed_row(p.id, p.src, p.tgt, reason, seconds))

    candidates = []
    for k, p in enumerate(pairs):
        if p.problem:
            fail(k, p.problem)
        else:
            candidates.append(k)

    lexicon: Lexicon | None = None
    lex_file: Path | None = None
    trained = False
    first: dict[int, PairOutcome] = {}
    if shared_lexicon and candidates:
        lex_file = Path(lexicon_path) if lexicon_path is not None else out / LEXICON_NAME
        if lex_file.exists() and not (force and lexicon_path is None):
            lexicon = Lexicon.load(lex_file)
        else:
            task = AlignTask(opts)
            for i, outcome in _passes(engine, task, [pairs[k] for k in candidates], progress, "lexicon"):
                first[candidates[i]] = outcome
            aligned = [first[k].alignment for k in candidates if first[k].alignment is not None]
            lexicon = _train_shared(aligned)
            if lexicon is not None:
                lexicon.save(lex_file)
                trained = True
            else:
                lex_file = None
    settings = {"duiqi": __version__, "format": out_format.name, "options": opts,
                "lexicon": _digest(lex_file) if lex_file is not None else None}

    def write(k: int, key: str, outcome: PairOutcome, journal: BatchJournal, extra_seconds: float = 0.0) -> None:
        p = pairs[k]
        seconds = outcome.seconds + extra_seconds
        _warn(p, outcome.warnings)
        if outcome.alignment is None:
            return fail(k, outcome.error or "not aligned", seconds)
        name = f"{p.id}{out_format.extensions[0]}"
        path = out / name
        if path.resolve() in (Path(p.src).resolve(), Path(p.tgt).resolve()):
            return fail(k, f"{path}: refusing to overwrite an input file", seconds)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DuiqiWarning)
            try:
                write_alignment(outcome.alignment, path, out_format.name)
            except DuiqiError as e:
                return fail(k, str(e), seconds)
        _warn(p, [str(w.message) for w in caught if issubclass(w.category, DuiqiWarning)])
        row = summary_row(p.id, p.src, p.tgt, outcome.alignment, seconds)
        journal.record(p.id, key, name, row)
        finish(k, row)

    with BatchJournal(out) as journal:
        todo: list[int] = []
        keys: dict[int, str] = {}
        for k in candidates:
            p = pairs[k]
            earlier = first.get(k)
            if earlier is not None and earlier.alignment is None:
                write(k, "", earlier, journal)
                continue
            keys[k] = pair_key(p.src, p.tgt, settings)
            done = None if force else journal.done(p.id, keys[k])
            if done is not None:
                finish(k, done.skipped())
            elif earlier is not None and (lexicon is None or not _lexicon_fits(lexicon, earlier.alignment)):
                write(k, keys[k], earlier, journal)  # the first pass is this pair's final alignment
            else:
                todo.append(k)
        task = AlignTask(opts, lexicon)
        for i, outcome in _passes(engine, task, [pairs[k] for k in todo], progress, "align"):
            k = todo[i]
            write(k, keys[k], outcome, journal, first[k].seconds if k in first else 0.0)

    ordered = tuple(rows[k] for k in range(len(pairs)))
    summary = out / SUMMARY_NAME
    write_summary(ordered, summary)
    return BatchReport(ordered, out, summary, lex_file, trained)
