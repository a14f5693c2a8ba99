"""What a batch has finished, kept in its output folder so that a new run can resume.

The journal ``.duiqi-batch.jsonl`` gets one JSON line per pair as soon as its output
file is in place: the pair's id, a key of everything the output depends on (inputs,
options, lexicon, version), the output's name and its summary row. A run killed
half-way leaves at worst an unfinished last line, which is ignored. A pair is done
when its latest line has the same key and its output file still exists.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import warnings
from pathlib import Path
from typing import Any, Mapping

from corpora import DuiqiError, DuiqiWarning
from corpora.safeio import safe_write

from .summary import SummaryRow

__all__ = ["JOURNAL_NAME", "BatchJournal", "pair_key"]

JOURNAL_NAME = ".duiqi-batch.jsonl"


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def pair_key(src: str, tgt: str, settings: Mapping[str, Any]) -> str:
    """A digest of what a pair's output depends on: the input paths, their size and
    modification time, and ``settings`` (options, format, lexicon, version)."""
    data = {"src": src, "tgt": tgt, "src_stat": _stat(src), "tgt_stat": _stat(tgt), "settings": dict(settings)}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:32]


class BatchJournal:
    """The finished pairs of an output folder; open it with ``with``."""

    def __init__(self, outdir: str | os.PathLike[str]) -> None:
        self.outdir = Path(outdir)
        self.path = self.outdir / JOURNAL_NAME
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path.is_file() and not self.path.is_symlink():
            for line in self.path.read_text(encoding="utf-8", errors="replace").split("\n"):
                try:
                    entry = json.loads(line)
                    self.entries[str(entry["pair"])] = entry
                except (ValueError, KeyError, TypeError):
                    continue  # an unfinished line of a killed run
        self._out = None

    def done(self, pair: str, key: str) -> SummaryRow | None:
        """The recorded row of ``pair`` if it was finished with this ``key`` and its
        output file is still there; else None."""
        entry = self.entries.get(pair)
        if not entry or entry.get("key") != key or not (self.outdir / str(entry.get("output", ""))).is_file():
            return None
        try:
            return SummaryRow.from_dict(entry["row"])
        except (KeyError, TypeError):
            return None

    def record(self, pair: str, key: str, output: str, row: SummaryRow) -> None:
        """Note that ``pair`` is finished (call once its output file is written)."""
        entry = {"pair": pair, "key": key, "output": output, "row": row.as_dict()}
        self.entries[pair] = entry
        try:
            if self._out is None:
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
                self._out = os.fdopen(fd, "a", encoding="utf-8")
            self._out.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._out.flush()
        except OSError as e:  # a full disk: the output is there, a later run just redoes the pair
            warnings.warn(f"{self.path}: cannot note {pair!r} as done ({e.strerror or e}); a later run "
                          "will redo it", DuiqiWarning, stacklevel=2)

    def close(self) -> None:
        """Rewrite the journal with one line per pair (atomically), if anything was recorded."""
        if self._out is None:
            return
        with contextlib.suppress(OSError):
            self._out.close()
        self._out = None
        try:
            with safe_write(self.path, follow_symlinks=False) as f:
                for entry in self.entries.values():
                    f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except DuiqiError as e:  # the appended lines are still there
            warnings.warn(f"the journal was not compacted ({e})", DuiqiWarning, stacklevel=2)

    def __enter__(self) -> "BatchJournal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
