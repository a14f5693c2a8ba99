"""Writing and reading files safely: one helper for every output, one for every input.

:func:`safe_write` is how duiqi writes any file. ``-`` is standard output; a
device node, FIFO or other non-regular file (``/dev/null``, ``/dev/stdout``, a
pipe) is written through and never replaced; a regular file is written to a
temporary file in its own folder and renamed over it only when complete, so it is
either the new complete file or untouched. An input is never overwritten. A full
disk, an I/O error or a name too long becomes one-line :class:`CorporaError` and
leaves no temporary file behind. With ``follow_symlinks=False`` (files duiqi owns
inside an output folder) a symbolic link is refused rather than written through.

:func:`read_bytes` reads a whole input with a size limit, so that ``/dev/zero``
or a runaway file fails fast with a clear error instead of filling memory.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator

from .errors import CorporaError, InputError

__all__ = ["STDIO", "MAX_INPUT_BYTES", "safe_write", "read_bytes", "same_file", "write_error"]

STDIO = "-"
"""The path that means standard output (or input)."""

MAX_INPUT_BYTES = 512 * 2**20
"""The largest input read whole into memory (text, TSV, JSONL, term bases, lexicons)."""

_CHUNK = 2**20


def write_error(path: str | os.PathLike[str], e: OSError) -> CorporaError:
    """A one-line error for an OS error writing ``path`` (disk full, name too long, ...)."""
    reason = {errno.ENOSPC: "no space left on the device", errno.EDQUOT: "disk quota exceeded",
              errno.ENAMETOOLONG: "file name too long", errno.EIO: "input/output error",
              errno.EROFS: "read-only file system"}.get(e.errno or 0, e.strerror or str(e))
    return CorporaError(f"{path}: cannot write ({reason})")


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when ``a`` and ``b`` name one existing file (links and relative paths resolved)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(os.path.realpath(a)) == os.path.abspath(os.path.realpath(b))


def _stdout(mode: str, encoding: str | None, newline: str | None) -> IO:
    buffer = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if buffer is not None:
        sys.stdout.flush()  # what was printed before comes first
    if "b" in mode:
        return buffer if buffer is not None else sys.stdout
    if buffer is None:  # a test runner's capture: already text
        return sys.stdout
    return io.TextIOWrapper(buffer, encoding=encoding or "utf-8", newline=newline, write_through=True)


@contextlib.contextmanager
def _through(p: Path, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO]:
    """Write straight into a non-regular file (a device, a FIFO): no temp file, no rename."""
    try:
        f = open(p, mode, encoding=None if "b" in mode else encoding, newline=None if "b" in mode else newline)
    except OSError as e:
        raise write_error(p, e) from None
    try:
        with f:
            yield f
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise write_error(p, e) from None


@contextlib.contextmanager
def safe_write(
    path: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = "\n",
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    follow_symlinks: bool = True,
) -> Iterator[IO]:
    """Open ``path`` for writing, safely; the file is complete when the ``with`` ends.

    ``-`` writes to standard output; non-regular files are written through; regular
    files are replaced atomically (temp file + rename in the same folder, keeping
    the old file's permissions). ``inputs`` are files that must not be overwritten.
    ``follow_symlinks=False`` refuses a symbolic link at ``path``. Any OS error while
    writing becomes a one-line CorporaError, and no temporary file is left.
    """
    if str(path) == STDIO:
        out = _stdout(mode, encoding, newline)
        try:
            yield out
        finally:
            with contextlib.suppress(Exception):
                out.flush()
            if isinstance(out, io.TextIOWrapper) and out is not sys.stdout:
                out.detach()
        return
    p = Path(path)
    for inp in inputs:
        if inp is not None and str(inp) != STDIO and os.path.exists(inp) and same_file(inp, p):
            raise CorporaError(f"{p}: refusing to overwrite an input file")
    try:
        st = os.stat(p) if follow_symlinks else os.lstat(p)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise write_error(p, e) from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise CorporaError(f"{p}: is a symbolic link; duiqi does not write through links in its output folder")
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise CorporaError(f"{p}: is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        with _through(p, mode, encoding, newline) as f:
            yield f
        return
    target = Path(os.path.realpath(p)) if follow_symlinks and p.is_symlink() else p
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".duiqi-", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise CorporaError(f"{p}: cannot write (no such directory {directory})") from None
    except OSError as e:
        raise write_error(p, e) from None
    try:
        f = os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with f:
            yield f
            f.flush()
        os.chmod(tmp, st.st_mode & 0o7777 if st is not None else 0o644)
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
            raise write_error(p, e) from None
        raise


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES, what: str = "input") -> bytes:
    """The bytes of ``path`` (``-``: standard input), at most ``limit`` of them.

    A larger file (or an endless one such as ``/dev/zero``) is an InputError, raised
    as soon as the limit is passed; OS errors are one-line InputErrors too.
    """
    from .textio import reading

    name = "<stdin>" if str(path) == STDIO else str(path)
    with reading(name):
        if str(path) == STDIO:
            f = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
            return _read_limited(f, name, limit, what)
        with open(path, "rb") as f:
            return _read_limited(f, name, limit, what)


def _read_limited(f, name: str, limit: int, what: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = f.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(f"{name}: larger than {_human(limit)}, the most duiqi reads as {what}")
        if len(chunks) == 1 and b"\x00\x00\x00\x00" * 16 in chunk[:65536] and chunk.count(0) > 0.9 * len(chunk):
            raise InputError(f"{name}: looks like a binary file, not text (NUL bytes)")


def _human(n: int) -> str:
    return f"{n // 2**20} MiB" if n >= 2**20 else f"{n // 1024} KiB" if n >= 1024 else f"{n} bytes"
