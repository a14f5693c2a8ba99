"""Freed memory given back to the system (align/memory.py)."""

from __future__ import annotations

import sys

import pytest

from align.memory import release


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc only")
def test_release_gives_freed_heap_pages_back():
    blocks = [bytearray(100_000) for _ in range(2000)]  # 200 MB on the C heap, touched
    pin = bytearray(100_000)  # the top of the heap stays in use: nothing is trimmed on its own
    del blocks
    before = _rss_mb()
    release()
    assert _rss_mb() < before - 100
    del pin
