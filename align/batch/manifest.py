"""The document pairs of a batch: read from a manifest, or paired by name from two folders.

A manifest is a TSV file, one pair a line: source path, target path and an optional
id. Relative paths are relative to the manifest's folder; blank lines, ``#`` comments
and a ``src``/``tgt`` header row are skipped. The id names the pair's output file
(``<id>.tmx``); it defaults to the source file's stem without a language part
(``report.zh.txt`` → ``report``).

A line that is not a usable pair (a missing column, a bad id) does not stop the
batch: it becomes a :class:`BatchPair` with a ``problem``, reported as failed.
Two pairs with one id are an error, naming both lines.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from corpora import DuiqiWarning, read_text

from ..errors import AlignError, LanguageError
from ..lang import normalize_lang

__all__ = ["BatchPair", "read_manifest", "pair_directories", "check_ids"]

_BAD_ID = re.compile(r"[/\\\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_ID_BYTES = 200
"""The longest pair id (in UTF-8 bytes): it names ``<id>.<ext>`` and its temporary file, within 255."""


@dataclass(frozen=True)
class BatchPair:
    """One document pair: its id (the output file's name), source and target paths,
    where it was declared (``manifest.tsv:3``), and a problem found before aligning."""

    id: str
    src: str
    tgt: str
    origin: str
    problem: str | None = None


def _id_problem(pair_id: str) -> str | None:
    if not pair_id:
        return "empty pair id"
    if pair_id.startswith(".") or _BAD_ID.search(pair_id):
        return f"bad pair id {pair_id!r} (it names the output file: no '/', '\\', leading '.' or control characters)"
    if len(pair_id.encode("utf-8", "surrogateescape")) > MAX_ID_BYTES:
        return f"pair id {pair_id[:40]!r}... is too long ({len(pair_id)} characters; at most {MAX_ID_BYTES} bytes)"
    return None


def check_ids(pairs: Sequence[BatchPair]) -> None:
    """Raise AlignError if two pairs share an id (case-insensitively: output files collide)."""
    seen: dict[str, BatchPair] = {}
    for p in pairs:
        first = seen.setdefault(p.id.casefold(), p)
        if first is not p:
            raise AlignError(f"{p.origin}: pair id {p.id!r} is already used by {first.origin}; give distinct ids")


def _absolute(base: Path, cell: str) -> str:
    return os.path.abspath(base / os.path.expanduser(cell)) if cell else ""


def read_manifest(path: str | os.PathLike[str]) -> tuple[BatchPair, ...]:
    """The pairs listed in a manifest TSV (source, target, optional id)."""
    text = read_text(path)
    base = Path(path).parent
    pairs: list[BatchPair] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        origin = f"{path}:{lineno}"
        if not pairs and len(cells) >= 2 and cells[0].lower() in ("src", "source") and cells[1].lower() in ("tgt", "target"):
            continue
        src = _absolute(base, cells[0]) if cells else ""
        tgt = _absolute(base, cells[1]) if len(cells) > 1 else ""
        pair_id = cells[2] if len(cells) > 2 else _default_id(cells[0]) if cells else ""
        problem = None
        if len(cells) not in (2, 3):
            problem = f"{origin}: expected 2 or 3 tab-separated columns (source, target, id), found {len(cells)}"
        elif not src:
            problem = f"{origin}: no source path"
        id_problem = _id_problem(pair_id)
        if id_problem:
            problem = problem or f"{origin}: {id_problem}"
            pair_id = f"line-{lineno}"
        pairs.append(BatchPair(pair_id, src, tgt, origin, problem))
    if not pairs:
        raise AlignError(f"{path}: no document pairs listed")
    check_ids(pairs)
    return tuple(pairs)


def _is_lang_tag(part: str) -> bool:
    try:
        normalize_lang(part)
    except LanguageError:
        return False
    return True


def _pairing_name(name: str) -> str:
    """A file name without its language part: ``report.zh.txt`` → ``report.txt``."""
    parts = name.split(".")
    kept = parts[:1] + [p for p in parts[1:] if not _is_lang_tag(p)]
    return ".".join(kept)


def _default_id(path: str) -> str:
    """A file's stem without its language part: ``a/report.zh.txt`` → ``report``."""
    return Path(_pairing_name(Path(path).name)).stem


def _files(folder: str | os.PathLike[str], what: str) -> list[Path]:
    d = Path(folder)
    if not d.is_dir():
        raise AlignError(f"{folder}: {what} is not a folder")
    return sorted(p for p in d.iterdir() if p.is_file() and not p.name.startswith("."))


def pair_directories(src_dir: str | os.PathLike[str], tgt_dir: str | os.PathLike[str]) -> tuple[BatchPair, ...]:
    """Pairs of same-named files in two folders (not recursive; hidden files ignored).

    Names match exactly, or once a language part is dropped (``report.zh.txt`` with
    ``report.en.txt``). A source file without a partner becomes a pair with a problem;
    a target file without one is ignored with a DuiqiWarning.
    """
    sources = _files(src_dir, "--src-dir")
    targets = _files(tgt_dir, "--tgt-dir")
    if not sources:
        raise AlignError(f"{src_dir}: no files to align")
    by_name = {p.name: p for p in targets}
    by_key: dict[str, list[Path]] = {}
    for p in targets:
        by_key.setdefault(_pairing_name(p.name), []).append(p)
    used: set[Path] = set()
    pairs = []
    for s in sources:
        key = _pairing_name(s.name)
        candidates = by_key.get(key, [])
        t = by_name.get(s.name) or (candidates[0] if len(candidates) == 1 else None)
        problem = None
        if t is None:
            problem = f"{s}: no file of the same name in {tgt_dir}"
        else:
            used.add(t)
        pair_id = _default_id(s.name)
        id_problem = _id_problem(pair_id)
        if id_problem:  # the same ids a manifest refuses: CR, LF, ESC, too long, ...
            problem = problem or f"{str(s)!r}: {id_problem}"
            pair_id = f"file-{len(pairs) + 1}"
        pairs.append(BatchPair(pair_id, os.path.abspath(s), os.path.abspath(t) if t else "", str(s), problem))
    for t in targets:
        if t not in used:
            warnings.warn(f"{t}: no file of the same name in {src_dir}; ignored", DuiqiWarning, stacklevel=2)
    check_ids(pairs)
    return tuple(pairs)
