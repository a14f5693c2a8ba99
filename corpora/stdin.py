"""Standard input as an input file: ``-`` for every command that reads a file.

Standard input is read once (at most :data:`MAX_STDIN` bytes) and kept, so that a
format can be told from its content and then read; readers that need a path get
a temporary copy, removed at exit. Error messages name it ``<stdin>``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import tempfile
from pathlib import Path


__all__ = ["STDIN", "STDIN_NAME", "is_stdin", "stdin_bytes", "stdin_path", "MAX_STDIN"]

STDIN = "-"
STDIN_NAME = "<stdin>"
MAX_STDIN = 512 * 1024 * 1024
_cache: dict[str, object] = {}


def is_stdin(path: object) -> bool:
    """True for the path ``-``."""
    return str(path) == STDIN


def stdin_bytes() -> bytes:
    """All of standard input (read once per stream)."""
    from .safeio import STDIO, read_bytes

    stream = getattr(sys.stdin, "buffer", sys.stdin)
    if _cache.get("stream") is not stream:
        data = read_bytes(STDIO, MAX_STDIN)
        if isinstance(data, str):
            data = data.encode("utf-8")
        _cache.clear()
        _cache.update(stream=stream, data=data)
    return _cache["data"]  # type: ignore[return-value]


def stdin_path(suffix: str = "") -> Path:
    """A temporary file holding standard input (removed at exit)."""
    data = stdin_bytes()
    key = f"path{suffix}"
    path = _cache.get(key)
    if path is None:
        fd, name = tempfile.mkstemp(prefix="duiqi-stdin-", suffix=suffix)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        path = Path(name)
        _cache[key] = path
        atexit.register(_remove, path)
    return path  # type: ignore[return-value]


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
