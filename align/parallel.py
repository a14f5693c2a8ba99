"""Work done on a second core while this process goes on: a forked child runs a list of
tasks in order and sends each result back as soon as it has it.

Only for large inputs (:func:`worth_a_worker`): forking, and sending the results back,
cost more than they save on a short text. The child inherits everything this process
has loaded (the dictionary, the texts), so nothing is sent to it. Results are the
same as when the tasks run here; if the child cannot be started, they do run here.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from typing import Any, Callable, Sequence

from . import phases
from .errors import AlignError

__all__ = ["Worker", "worth_a_worker", "available_cpus", "other_threads_running", "PARALLEL_MIN_SENTENCES"]

PARALLEL_MIN_SENTENCES = 8_000  # source + target sentences below which one process is faster


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worth_a_worker(jobs: int, sentences: int) -> bool:
    """Whether to run work beside this process: ``jobs`` > 1 (0: as many as there are
    CPUs), a text long enough, and a process that may fork (not a daemon, e.g. a batch
    worker, which has its own parallelism)."""
    if jobs == 0:
        jobs = available_cpus()
    if jobs < 2 or sentences < PARALLEL_MIN_SENTENCES:
        return False
    proc = multiprocessing.current_process()
    return not proc.daemon and multiprocessing.parent_process() is None


def other_threads_running() -> bool:
    """Whether a thread other than the main one is running (daemons aside: a progress
    bar's monitor sleeps holding nothing)."""
    main = threading.main_thread()
    return any(t is not main and t.is_alive() and not t.daemon for t in threading.enumerate())


def _child(tasks: Sequence[tuple[str, Callable[[], Any]]], conn) -> None:
    for name, task in tasks:
        phases.reset()
        try:
            with phases.phase(name):
                value = task()
            conn.send((True, value, phases.report()))
        except BaseException as e:  # noqa: BLE001 - sent to the parent, which raises it
            conn.send((False, e, []))
            break
    conn.close()


class Worker:
    """A forked child process running ``tasks`` (name, function) in order; ``result()``
    returns their results in the same order, and the child's phases are added to this
    process's."""

    def __init__(self, tasks: Sequence[tuple[str, Callable[[], Any]]]) -> None:
        self._tasks = list(tasks)
        self._next = 0
        self._proc = None
        if other_threads_running():
            # forking a process while another of its threads runs can copy a lock that
            # thread holds, and hang the child: the tasks run here instead
            return
        try:
            ctx = multiprocessing.get_context("fork")
            self._conn, send = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_child, args=(self._tasks, send), daemon=True)
            # the garbage collector of the child leaves what it inherits alone: touching
            # every object would copy all the shared pages
            gc.freeze()
            try:
                self._proc.start()
            finally:
                gc.unfreeze()
            send.close()
        except (OSError, ValueError, AssertionError):  # no fork here: run the tasks in this process
            self._proc = None

    def result(self) -> Any:
        """The result of the next task (run here if the child could not be started)."""
        name, task = self._tasks[self._next]
        self._next += 1
        if self._proc is None:
            with phases.phase(name):
                return task()
        try:
            ok, value, report = self._conn.recv()
        except EOFError:
            self.close()
            raise AlignError("a worker process ended without its result") from None
        for p in report:
            phases.add(p.name, p.cpu, p.peak_mb, p.calls)
        if self._next == len(self._tasks) or not ok:
            self.close()
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Wait for the child to end (or end it, if its results are not wanted)."""
        if self._proc is None:
            return
        if self._next < len(self._tasks):
            self._proc.terminate()
        self._proc.join()
        self._conn.close()
        self._proc = None
