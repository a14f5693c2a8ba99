"""Batch alignment of many document pairs: manifests, a resumable journal, engines."""

from .engines import DaskEngine, Engine, LocalEngine, make_engine
from .manifest import BatchPair, pair_directories, read_manifest
from .run import run_batch

__all__ = ["BatchPair", "DaskEngine", "Engine", "LocalEngine", "make_engine", "pair_directories",
           "read_manifest", "run_batch"]
