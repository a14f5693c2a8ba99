"""A per-user cache of derived data (the parsed dictionary), rebuilt when stale.

Files live in ``$DUIQI_CACHE_DIR``, else ``$XDG_CACHE_HOME/duiqi``, else
``~/.cache/duiqi``. A file's name carries a key made of the package version, the
source of the code that builds it and the name, size and last 64 KiB of the input it
is derived from (for a gzip file they include its content's CRC-32), so a new version,
changed code or new data builds a new file, while the same data installed in several
environments shares one. A cache that cannot be read or written is skipped silently:
the data is then built in memory each time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from corpora import __version__

__all__ = ["cache_dir", "load_or_build"]

_TAIL = 65_536  # bytes of the end of the input that go into the key


def cache_dir() -> Path:
    """The directory duiqi keeps derived data in."""
    explicit = os.environ.get("DUIQI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "duiqi"


def _key(name: str, source: Path, code: Iterable[str]) -> str:
    h = hashlib.sha256(f"{__version__}|{name}".encode())
    try:
        # the file's name, size and last bytes (a gzip file ends with its content's
        # CRC-32), not its path or time: installs of the same data in several
        # environments share one entry instead of replacing each other's
        with open(source, "rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - _TAIL))
            h.update(f"|{source.name}|{size}|".encode() + f.read())
    except OSError:
        h.update(str(source).encode())
    for path in code:
        try:
            h.update(Path(path).read_bytes())
        except OSError:
            pass
    return f"{name}-{__version__}-{h.hexdigest()[:16]}.pickle"


def load_or_build(name: str, source: Path, build: Callable[[], Any], code: Iterable[str] = ()) -> Any:
    """The cached value derived from ``source``, or ``build()`` (then cached)."""
    path = cache_dir() / _key(name, source, code)
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        for old in path.parent.glob(f"{name}-*.pickle"):  # stale versions of this entry
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    except OSError:
        pass
    return value
