"""The Dask engine: a two-worker LocalCluster writes exactly what the local engine writes."""

from __future__ import annotations

import logging

import pytest

from align.batch import run_batch
from align.batch.engines import DaskEngine, LocalEngine
from align.batch.manifest import read_manifest
from batch_data import OK_IDS, run, write_batch

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as c:
        yield c


@pytest.fixture(scope="module")
def manifest(tmp_path_factory, corpus, mac_dev):
    return write_batch(tmp_path_factory.mktemp("dask") / "in", corpus, mac_dev)


def test_cluster_output_is_byte_for_byte_the_local_output(cluster, manifest, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    local = run_batch(read_manifest(manifest), tmp_path / "local", engine=LocalEngine(1))
    result = run("batch", str(manifest), "-o", str(tmp_path / "dask"), "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 1
    assert "broken" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    produced = sorted(p.name for p in (tmp_path / "dask").iterdir())
    assert produced == sorted(p.name for p in (tmp_path / "local").iterdir())
    for name in [*(f"{i}.tmx" for i in OK_IDS), "lexicon.json"]:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert [r.status for r in local.rows] == ["ok", "ok", "ok", local.rows[3].status]
    assert local.rows[3].failed


def test_both_workers_take_part_and_every_item_comes_back(cluster):
    with distributed.Client(cluster) as client:
        engine = DaskEngine(client)
        results = dict(engine.map_unordered(_where, list(range(12))))
        assert sorted(results) == list(range(12))
        assert len(set(results.values())) == 2
        assert engine.describe() == "dask, 2 workers"


def _where(item: int) -> str:
    import os
    import time

    time.sleep(0.05)
    return str(os.getpid())


def test_unreachable_scheduler_is_one_line(tmp_path, manifest):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "0.5s"}):
        result = run("batch", str(manifest), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in lines[0]
