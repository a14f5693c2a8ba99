"""Freed memory given back to the system between the phases of a long alignment.

Freeing millions of small objects (token lists) leaves the C heap holding pages no
object uses; glibc keeps them for reuse unless asked to return them, so the process's
resident size stays at its high-water mark. :func:`release` asks (a no-op where the C
library is not glibc).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

__all__ = ["release"]


def release() -> None:
    """Collect garbage and return the C heap's free pages to the system."""
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)
