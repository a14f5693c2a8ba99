"""Where a batch's work runs: this process, a local process pool, or a Dask cluster.

An engine applies one *task* (a picklable callable) to many items and yields
``(index, result)`` pairs as the results arrive, in any order. The task object is
sent to each worker once per :meth:`Engine.map_unordered` call, so what it loads on
first use (a dictionary, a lexicon) is loaded once per worker, not once per item.
A task must not raise for a bad item: it returns the failure as its result. An
error of the engine itself (a worker killed, the cluster lost) ends the run.
"""

from __future__ import annotations

import logging
import os
import signal
from abc import ABC, abstractmethod
from typing import Any, Callable, Iterator, Sequence

from ..errors import AlignError

__all__ = ["Engine", "LocalEngine", "DaskEngine", "make_engine"]

Task = Callable[[Any], Any]


class Engine(ABC):
    """Runs a task over items; use as a context manager to release its workers."""

    name: str = "engine"

    @abstractmethod
    def map_unordered(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        """``(index, task(items[index]))`` for every item, as they finish."""

    def describe(self) -> str:
        """A short description, e.g. ``local, 2 processes``."""
        return self.name

    def close(self) -> None:
        """Release the engine's workers."""

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# The task of a pool worker process, installed by _install_task when the process starts.
_worker_task: Task | None = None


def _install_task(task: Task, parent: int | None = None) -> None:
    global _worker_task
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if parent is not None:
        _die_with_parent(parent)
    _worker_task = task


def _die_with_parent(parent: int) -> None:
    """End this worker when process ``parent`` ends, however it ends (even SIGKILL):
    Linux's PR_SET_PDEATHSIG, and a thread watching the parent id everywhere else."""
    import threading
    import time

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="duiqi-parent-watch", daemon=True).start()


def _run_installed(item: Any) -> Any:
    assert _worker_task is not None, "pool worker without a task"
    return _worker_task(item)


class LocalEngine(Engine):
    """``jobs`` processes on this machine; with one job, this process itself."""

    name = "local"

    def __init__(self, jobs: int = 1) -> None:
        if jobs < 1:
            raise AlignError(f"the number of jobs must be at least 1, not {jobs}")
        self.jobs = jobs

    def describe(self) -> str:
        return f"local, {self.jobs} process{'es' if self.jobs > 1 else ''}"

    def map_unordered(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        if self.jobs == 1 or len(items) <= 1:
            for k, item in enumerate(items):
                yield k, task(item)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(
            max_workers=min(self.jobs, len(items)), mp_context=multiprocessing.get_context("spawn"),
            initializer=_install_task, initargs=(task, os.getpid()),
        )
        try:
            futures = {pool.submit(_run_installed, item): k for k, item in enumerate(items)}
            for future in as_completed(futures):
                try:
                    result = future.result()
                except BrokenProcessPool:
                    raise AlignError("a worker process died (out of memory?); run again to resume") from None
                yield futures[future], result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _call(task: Task, item: Any) -> Any:
    return task(item)


class DaskEngine(Engine):
    """The workers of a Dask distributed cluster (``pip install 'duiqi[dask]'``).

    The workers read the input files themselves, so they must see the same paths
    (a shared file system); results come back to this process, which writes them.
    """

    name = "dask"

    def __init__(self, client: Any, cluster: Any = None) -> None:
        """``client``: a ``distributed.Client``; ``cluster``: a cluster this engine
        started and must close (None for one given by the caller)."""
        self.client = client
        self._cluster = cluster

    @classmethod
    def connect(cls, scheduler: str | None = None, local_workers: int = 2) -> "DaskEngine":
        """A client of the scheduler at ``scheduler``, or of a new local cluster of
        ``local_workers`` single-threaded worker processes when it is None."""
        distributed = _import_distributed()
        if scheduler is None:
            cluster = distributed.LocalCluster(
                n_workers=local_workers, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.ERROR,
            )
            return cls(distributed.Client(cluster), cluster)
        try:
            return cls(distributed.Client(scheduler))  # timeout: Dask's distributed.comm.timeouts.connect
        except (OSError, TimeoutError, ValueError) as e:
            raise AlignError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None

    def describe(self) -> str:
        workers = self.client.scheduler_info().get("workers", {})
        return f"dask, {len(workers)} worker{'s' if len(workers) != 1 else ''}"

    def map_unordered(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        distributed = _import_distributed()
        if not items:
            return
        shared = self.client.scatter(task, broadcast=True, hash=False)
        futures = [self.client.submit(_call, shared, item, pure=False) for item in items]
        index = {f.key: k for k, f in enumerate(futures)}
        try:
            for future in distributed.as_completed(futures):
                try:
                    result = future.result()
                except (distributed.client.FutureCancelledError, distributed.scheduler.KilledWorker, OSError) as e:
                    raise AlignError(f"the Dask cluster failed: {type(e).__name__}: {e}; run again to resume") from None
                k = index[future.key]
                future.release()
                yield k, result
        finally:
            self.client.cancel(futures)
            self.client.cancel([shared])

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise AlignError("the dask engine needs Dask: pip install 'duiqi[dask]'") from None
    return distributed


def make_engine(engine: str = "local", jobs: int = 1, scheduler: str | None = None) -> Engine:
    """The engine called ``engine`` (``local`` or ``dask``).

    ``dask`` without a ``scheduler`` address starts a local cluster of ``jobs`` workers.
    """
    if engine == "local":
        if scheduler:
            raise AlignError("a scheduler address needs the dask engine")
        return LocalEngine(jobs)
    if engine == "dask":
        return DaskEngine.connect(scheduler, local_workers=jobs)
    raise AlignError(f"unknown engine {engine!r} (known: local, dask)")
