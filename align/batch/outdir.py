"""A batch's output folder, guarded: one run at a time, nothing written outside it, no input overwritten.

:func:`locked_outdir` takes an exclusive lock on the folder itself (``flock`` on its
directory descriptor: no lock file to leave behind; the lock goes with the process,
however it ends), so a second run on the same folder is refused at once with a
clear message rather than interleaving its summary and journal with the first.
:func:`check_owned_files` refuses to start when a file the batch writes in the
folder (journal, summary, lexicon) is a symbolic link (writing it would write
outside the folder) or is one of the inputs (writing it would destroy an input).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import AlignError

__all__ = ["locked_outdir", "check_owned_files", "check_target", "input_files", "is_input"]


@contextlib.contextmanager
def locked_outdir(out: Path) -> Iterator[Path]:
    """Hold an exclusive lock on folder ``out`` for the ``with`` block; AlignError if
    another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield out
        return
    try:
        fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as e:
        raise AlignError(f"{out}: cannot open the output folder ({e.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise AlignError(f"{out}: another duiqi batch is writing to this folder; wait for it to "
                                 "finish or choose another --outdir") from None
            raise AlignError(f"{out}: cannot lock the output folder ({e.strerror})") from None
        yield out
    finally:
        os.close(fd)


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def input_files(pairs) -> frozenset[tuple[int, int]]:
    """The identities (device, inode) of the existing source and target files of ``pairs``."""
    ids = (_identity(p) for pair in pairs for p in (pair.src, pair.tgt) if p)
    return frozenset(i for i in ids if i is not None)


def is_input(path: str | os.PathLike[str], inputs: frozenset[tuple[int, int]]) -> bool:
    """True when ``path`` is (a link to) one of the files ``inputs`` identifies."""
    ident = _identity(path)
    return ident is not None and ident in inputs


def check_owned_files(owned: Iterable[Path], inputs: frozenset[tuple[int, int]]) -> None:
    """:func:`check_target` for each file the batch writes besides the pairs' outputs."""
    for path in owned:
        check_target(path, inputs)


def check_target(path: Path, inputs: frozenset[tuple[int, int]]) -> None:
    """AlignError when the batch must not write ``path``: a symbolic link (it could lead
    out of the output folder), not a regular file (a FIFO would hang the run), or one of
    ``inputs``."""
    if path.is_symlink():
        raise AlignError(f"{path}: is a symbolic link; duiqi batch writes this file itself and does not "
                         "follow links in its output folder (remove the link)")
    if path.exists() and not path.is_file():
        raise AlignError(f"{path}: is not a regular file; duiqi batch writes this file itself (remove it)")
    if is_input(path, inputs):
        raise AlignError(f"{path}: refusing to overwrite an input file: it is an input of this batch; "
                         "choose another output folder")
