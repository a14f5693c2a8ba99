"""CPU time and memory of the phases of a run, for benchmarks (no output of its own).

``with phase("anchors"): ...`` adds the CPU seconds (all threads of the process) spent
inside to that phase's total, and records the process's peak resident memory when the
phase ends. :func:`report` returns the totals in order of first use; :func:`reset`
clears them.
"""

from __future__ import annotations

import resource
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

__all__ = ["PhaseTotal", "phase", "add", "report", "reset"]


@dataclass(frozen=True)
class PhaseTotal:
    """One phase: CPU seconds summed over its runs, peak RSS (MB) at its last end."""

    name: str
    cpu: float
    peak_mb: float
    calls: int


_TOTALS: dict[str, list[float]] = {}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Account the CPU time spent inside the block to ``name``."""
    start = time.process_time()
    try:
        yield
    finally:
        entry = _TOTALS.setdefault(name, [0.0, 0.0, 0])
        entry[0] += time.process_time() - start
        entry[1] = _peak_mb()
        entry[2] += 1


def add(name: str, cpu: float, peak_mb: float, calls: int = 1) -> None:
    """Account a phase run elsewhere (e.g. in a worker process, whose peak it was)."""
    entry = _TOTALS.setdefault(name, [0.0, 0.0, 0])
    entry[0] += cpu
    entry[1] = max(entry[1], peak_mb)
    entry[2] += calls


def report() -> list[PhaseTotal]:
    """The phases recorded so far."""
    return [PhaseTotal(name, cpu, peak, int(calls)) for name, (cpu, peak, calls) in _TOTALS.items()]


def reset() -> None:
    """Forget the recorded phases."""
    _TOTALS.clear()
