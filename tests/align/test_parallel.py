"""A second core (align/parallel.py): the worker's results, and an alignment with jobs."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from align import AlignError, AlignOptions, phases
from align import parallel
from align.api import align_texts
from align.cli import cli


def _pid() -> int:
    return os.getpid()


def _fail() -> None:
    raise AlignError("no text to train on")


def test_a_worker_runs_its_tasks_in_another_process_in_order():
    phases.reset()
    worker = parallel.Worker([("first", _pid), ("second", lambda: [1, 2, 3])])
    child = worker.result()
    assert child != os.getpid()
    assert worker.result() == [1, 2, 3]
    worker.close()
    assert {p.name for p in phases.report()} >= {"first", "second"}  # the child's phases, accounted here
    phases.reset()


def test_a_task_that_fails_raises_here():
    worker = parallel.Worker([("fails", _fail), ("never", _pid)])
    with pytest.raises(AlignError, match="no text to train on"):
        worker.result()
    worker.close()


def test_a_worker_is_only_worth_it_on_a_long_text_with_two_cpus():
    assert not parallel.worth_a_worker(1, 10**6)
    assert not parallel.worth_a_worker(2, parallel.PARALLEL_MIN_SENTENCES - 1)
    assert parallel.worth_a_worker(2, parallel.PARALLEL_MIN_SENTENCES)
    assert parallel.worth_a_worker(0, 10**6) == (parallel.available_cpus() > 1)


def test_jobs_never_change_the_alignment(corpus, monkeypatch):
    """The report aligned with the dictionary evidence and the unit models built by a
    worker is the alignment made in one process, bead for bead and score for score."""
    zh, en = corpus.zh.read_text(encoding="utf-8"), corpus.en.read_text(encoding="utf-8")
    one = align_texts(zh, en, "zh", "en", options=AlignOptions(jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_MIN_SENTENCES", 10)
    forked = []
    real = parallel.Worker.__init__

    def counting(self, tasks):
        forked.append([name for name, _ in tasks])
        real(self, tasks)

    monkeypatch.setattr(parallel.Worker, "__init__", counting)
    two = align_texts(zh, en, "zh", "en", options=AlignOptions(jobs=2))
    assert forked == [["evidence: dictionary", "evidence: translit", "lexicon: units"]]
    assert two.beads == one.beads and two.signature == one.signature


def test_align_takes_jobs_and_refuses_a_negative_number(corpus, tmp_path):
    out = tmp_path / "out.align"
    result = CliRunner().invoke(cli, ["align", str(corpus.zh), str(corpus.en), "-j", "2", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()
    bad = CliRunner().invoke(cli, ["align", str(corpus.zh), str(corpus.en), "--jobs", "-1"])
    assert bad.exit_code == 2 and "jobs" in bad.output.lower()


def test_no_fork_while_another_thread_runs():
    # a fork copies the locks other threads hold: with one running, the tasks run here
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        worker = parallel.Worker([("here", _pid)])
        assert worker.result() == os.getpid()
        worker.close()
    finally:
        release.set()
        other.join()
    worker = parallel.Worker([("there", _pid)])
    assert worker.result() != os.getpid()
    worker.close()
