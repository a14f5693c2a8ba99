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
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Protocol, Sequence

from corpora import UNIT_LEVELS, Alignment, DuiqiError, DuiqiWarning, __version__
from corpora.formats import Format, get_format, write_alignment
from corpora.lang import base_lang

from .journal import JOURNAL_NAME, BatchJournal, pair_key
from .outdir import check_owned_files, check_target, input_files, locked_outdir
from .summary import SummaryRow, failed_row, summary_frame, summary_row, write_summary
from .task import AlignTask, PairOutcome, lexicon_fits
from .engines import Engine, LocalEngine
from ..errors import AlignError
from ..lexicon import Lexicon, train_lexicon
from ..options import AlignOptions
from .manifest import BatchPair, check_ids

__all__ = ["ALIGN_DEFAULTS", "LEXICON_NAME", "SUMMARY_NAME", "BatchReport", "run_batch"]

ALIGN_DEFAULTS: Mapping[str, Any] = AlignOptions().as_dict()
"""The options a batch's ``align_opts`` mapping may set, with their defaults (from :class:`AlignOptions`)."""

LEXICON_NAME = "lexicon.json"
SUMMARY_NAME = "summary.csv"


class ProgressBar(Protocol):
    def update(self, n: int = 1) -> Any: ...

    def close(self) -> None: ...


ProgressFactory = Callable[[str, int], ProgressBar]
"""Makes a progress bar for a pass (``"lexicon"`` or ``"align"``) over ``total`` pairs."""


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


def _input_size(pair: BatchPair) -> int:
    try:
        return os.path.getsize(pair.src) + os.path.getsize(pair.tgt)
    except OSError:
        return 0


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


def _output_dir(outdir: str | os.PathLike[str]) -> Path:
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise AlignError(f"{out}: is a file, not an output folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise AlignError(f"{out}: cannot create the output folder ({e.strerror})") from None
    return out


def _options(align_opts: "AlignOptions | Mapping[str, Any] | None") -> AlignOptions:
    if isinstance(align_opts, AlignOptions):
        return align_opts.validate()
    unknown = sorted(set(align_opts or {}) - set(ALIGN_DEFAULTS))
    if unknown:
        raise AlignError(f"unknown alignment option {unknown[0]!r}")
    return AlignOptions.from_mapping(align_opts or {})


def _warn(pair: BatchPair, messages: Sequence[str]) -> None:
    for m in messages:
        warnings.warn(f"{pair.id}: {m}", DuiqiWarning, stacklevel=4)


class _Run:
    """One batch run: its pairs, where they go, and the rows decided so far."""

    def __init__(self, pairs: Sequence[BatchPair], out: Path, out_format: Format, opts: AlignOptions,
                 engine: Engine, progress: ProgressFactory | None, on_row: Callable[[SummaryRow], None] | None,
                 units: str = "sentence"):
        self.pairs, self.out, self.format, self.opts = pairs, out, out_format, opts
        self.units = "bead" if out_format.name == "align" else units  # the bead format is always beads
        self.engine, self.progress, self.on_row = engine, progress, on_row
        self.rows: dict[int, SummaryRow] = {}
        self.inputs = input_files(pairs)

    def finish(self, k: int, row: SummaryRow) -> None:
        self.rows[k] = row
        if self.on_row is not None:
            self.on_row(row)

    def fail(self, k: int, reason: str, seconds: float | None = None) -> None:
        p = self.pairs[k]
        self.finish(k, failed_row(p.id, p.src, p.tgt, reason, seconds))

    def align(self, task: AlignTask, ks: Sequence[int], phase: str) -> Iterator[tuple[int, PairOutcome]]:
        """``(k, outcome)`` of ``task`` over pairs ``ks``, largest sent first so that no
        worker is left with a long document at the end."""
        order = sorted(ks, key=lambda k: -_input_size(self.pairs[k]))
        bar = self.progress(phase, len(order)) if self.progress is not None and order else None
        try:
            for i, outcome in self.engine.map_unordered(task, [self.pairs[k] for k in order]):
                yield order[i], outcome
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()

    def write(self, k: int, key: str, outcome: PairOutcome, journal: BatchJournal, extra_seconds: float = 0.0) -> None:
        """Write a pair's output file and note it in the journal, or report its failure."""
        p = self.pairs[k]
        seconds = outcome.seconds + extra_seconds
        _warn(p, outcome.warnings)
        if outcome.alignment is None:
            return self.fail(k, outcome.error or "not aligned", seconds)
        name = f"{p.id}{self.format.extensions[0]}"
        path = self.out / name
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DuiqiWarning)
            try:
                check_target(path, self.inputs)
                write_alignment(outcome.alignment, path, self.format.name, units=self.units)
            except DuiqiError as e:
                return self.fail(k, str(e), seconds)
            except OSError as e:  # a name too long, a full disk: this pair fails, the others go on
                return self.fail(k, f"{path}: cannot write ({e.strerror or e})", seconds)
        _warn(p, [str(w.message) for w in caught if issubclass(w.category, DuiqiWarning)])
        row = summary_row(p.id, p.src, p.tgt, outcome.alignment, seconds)
        journal.record(p.id, key, name, row)
        self.finish(k, row)

    def first_pass(self, ks: Sequence[int]) -> dict[int, PairOutcome]:
        """Every pair aligned on its own (per-document learning)."""
        return dict(self.align(AlignTask(self.opts, units=self.units), ks, "lexicon"))


def run_batch(
    pairs: Sequence[BatchPair],
    outdir: str | os.PathLike[str],
    fmt: str = "tmx",
    align_opts: "AlignOptions | Mapping[str, Any] | None" = None,
    shared_lexicon: bool = True,
    lexicon_path: str | os.PathLike[str] | None = None,
    force: bool = False,
    engine: Engine | None = None,
    progress: ProgressFactory | None = None,
    on_row: Callable[[SummaryRow], None] | None = None,
    units: str = "sentence",
) -> BatchReport:
    """Align every pair into ``outdir`` as ``<id>.<ext>`` and write ``summary.csv``.

    ``align_opts``: the alignment's :class:`AlignOptions` (or a mapping of the names in ``ALIGN_DEFAULTS``).
    ``shared_lexicon``: train one lexicon over all pairs (saved at ``lexicon_path``,
    default ``outdir/lexicon.json``; loaded instead when that file exists, except that
    ``force`` retrains the default one). ``engine``: where to align (default: this
    process). ``on_row`` is called with each pair's row as soon as it is known.
    ``units``: the outputs' units, ``"sentence"`` (many-to-one beads cut into one unit per
    sentence where the cut is confident, as ``duiqi align`` writes them) or ``"bead"``.
    """
    check_ids(pairs)
    if units not in UNIT_LEVELS:
        raise AlignError(f"unknown unit level {units!r} (known: {', '.join(UNIT_LEVELS)})")
    out_format = get_format(fmt)
    if not out_format.writable:
        raise AlignError(f"format {out_format.name!r} cannot be written")
    if lexicon_path is not None and not shared_lexicon:
        raise AlignError("a lexicon file needs the shared lexicon")
    if lexicon_path is not None and not Path(lexicon_path).exists() and not Path(lexicon_path).parent.is_dir():
        raise AlignError(f"{lexicon_path}: cannot save the lexicon (no such directory {Path(lexicon_path).parent})")
    out = _output_dir(outdir)
    with locked_outdir(out):
        return _run_locked(pairs, out, out_format, _options(align_opts), shared_lexicon, lexicon_path, force,
                           engine or LocalEngine(1), progress, on_row, units)


def _save_lexicon(lexicon: Lexicon, lex_file: Path) -> bool:
    """Save the shared lexicon; on failure (a full disk) warn and go on without the file."""
    try:
        lexicon.save(lex_file)
    except DuiqiError as e:
        warnings.warn(f"the shared lexicon was not saved ({e}); it is used for this run only", DuiqiWarning,
                      stacklevel=3)
        return False
    return True


def _run_locked(pairs, out: Path, out_format: Format, opts: AlignOptions, shared_lexicon: bool,
                lexicon_path, force: bool, engine: Engine, progress, on_row, units: str) -> BatchReport:
    """The batch, once ``out`` is locked for this run."""
    run = _Run(pairs, out, out_format, opts, engine, progress, on_row, units)
    owned = [out / JOURNAL_NAME, out / SUMMARY_NAME] + ([out / LEXICON_NAME] if lexicon_path is None else [])
    check_owned_files(owned, run.inputs)
    candidates = []
    for k, p in enumerate(pairs):
        if p.problem:
            run.fail(k, p.problem)
        else:
            candidates.append(k)

    lexicon: Lexicon | None = None
    lex_file: Path | None = None
    first: dict[int, PairOutcome] = {}
    if shared_lexicon and candidates:
        lex_file = Path(lexicon_path) if lexicon_path is not None else out / LEXICON_NAME
        if lex_file.exists() and not (force and lexicon_path is None):
            lexicon = Lexicon.load(lex_file)
        else:
            first = run.first_pass(candidates)
            lexicon = _train_shared([first[k].alignment for k in candidates if first[k].alignment is not None])
            if lexicon is not None and not _save_lexicon(lexicon, lex_file):
                lex_file = None
    trained = bool(first) and lexicon is not None
    lex_digest = hashlib.sha256(lex_file.read_bytes()).hexdigest()[:16] if lexicon is not None and lex_file else None
    if lexicon is None:
        lex_file = None
    settings = {"duiqi": __version__, "format": out_format.name, "options": run.opts.as_dict(),
                "lexicon": lex_digest if lexicon is None or lex_file else "unsaved"}
    if run.units != "sentence":  # (the default leaves the keys of earlier runs as they were)
        settings["units"] = run.units

    with BatchJournal(out) as journal:
        todo: list[int] = []
        keys: dict[int, str] = {}
        for k in candidates:
            p = pairs[k]
            earlier = first.get(k)
            if earlier is not None and earlier.alignment is None:
                run.write(k, "", earlier, journal)  # failed in the first pass
                continue
            keys[k] = pair_key(p.src, p.tgt, settings)
            done = None if force else journal.done(p.id, keys[k])
            if done is not None:
                run.finish(k, done.skipped())
            elif earlier is not None and (lexicon is None or not lexicon_fits(lexicon, earlier.alignment)):
                run.write(k, keys[k], earlier, journal)  # the first pass is this pair's final alignment
            else:
                todo.append(k)
        for k, outcome in run.align(AlignTask(run.opts, lexicon, run.units), todo, "align"):
            run.write(k, keys[k], outcome, journal, first[k].seconds if k in first else 0.0)

    rows = tuple(run.rows[k] for k in range(len(pairs)))
    summary = out / SUMMARY_NAME
    write_summary(rows, summary)
    return BatchReport(rows, out, summary, lex_file, trained)
