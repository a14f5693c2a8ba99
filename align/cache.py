"""A per-user cache of derived data (the parsed dictionary), rebuilt when stale.

Files live in ``$DUIQI_CACHE_DIR``, else ``$XDG_CACHE_HOME/duiqi``, else
``~/.cache/duiqi``. A file's name carries a key made of the package version, the
source of the code that builds it and the size and modification time of the input
it is derived from, so a new version, changed code or new data builds a new file. A
cache that cannot be read or written is skipped silently: the data is then built in
memory each time.
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
        st = source.stat()
        h.update(f"|{source.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
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
