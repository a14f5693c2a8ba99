"""Shared fixtures: the bundled corpus and the evaluation data beside the project."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from corpora import bundled_corpus

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (CI, /work/main), or beside its parent (a worktree in /work/wt/<x>).
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
              ROOT.parent / "shared")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus():
    """The bundled Zhejiang Lab 2020 report."""
    return bundled_corpus()


@pytest.fixture(scope="session")
def tmx_dtd():
    """The TMX 1.4 DTD from ../shared/formats (skip when the folder is absent)."""
    path = SHARED / "formats" / "tmx14.dtd"
    if not path.exists():
        pytest.skip("../shared/formats/tmx14.dtd not present")
    from lxml import etree

    return etree.DTD(str(path))


def shared_data(name: str) -> Path:
    """Path of ``name`` in ../shared/data (the test is skipped when it is absent)."""
    path = SHARED / "data" / name
    if not path.exists():
        pytest.skip(f"../shared/data/{name} not present")
    return path


@pytest.fixture(scope="session")
def mac_dev():
    """Path of MAC-Dev in ../shared/data (skip when absent)."""
    return shared_data("mac-dev")


@pytest.fixture(scope="session")
def bible_5k():
    """Path of bible-5k in ../shared/data (skip when absent)."""
    return shared_data("bible-5k")


def sentence_fixture(name: str) -> list[list[str]]:
    """Paragraphs of sentences from tests/fixtures/zhejiang_lab_2020/<name>.sentences.txt."""
    text = (FIXTURES / "zhejiang_lab_2020" / f"{name}.sentences.txt").read_text(encoding="utf-8")
    return [block.split("\n") for block in text.strip("\n").split("\n\n")]


def device(folder, name: str, minor: int):
    """A character device like /dev/null (minor 3) or /dev/full (minor 7) in ``folder``
    (root only): tests never aim at the real /dev nodes, which a broken writer would replace."""
    node = folder / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, OSError):
        pytest.skip("mknod needs root")
    return node


def fifo_reader(path: Path) -> tuple[Path, threading.Thread, list[bytes]]:
    """A FIFO at ``path``, a started thread reading it to its end, and the list that
    gets what it read (join the thread first)."""
    os.mkfifo(path)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(open(path, "rb").read()))
    reader.start()
    return path, reader, got
