"""CC-CEDICT: the cached form (align/cache.py) and the one-pass segmenter, on real text."""

from __future__ import annotations

import gzip
import os

import numpy as np
import pytest

from align import cache
from align.cedict import Cedict, _alone, cedict_path
from align.tokens import stem
from tests.conftest import sentence_fixture

SAMPLE = """# a few CC-CEDICT lines
實驗室 实验室 [shi2 yan4 shi4] /laboratory/CL:間|间[jian1]/
大會 大会 [da4 hui4] /general assembly/general meeting/
召開 召开 [zhao4 kai1] /to convene (a conference or meeting)/to call (a meeting)/
長 长 [chang2] /long/length/
長 长 [zhang3] /chief/head/to grow/
江 江 [jiang1] /river/surname Jiang/
"""


def _write(path, text):
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(text)


def _reference_segment(cedict: Cedict, text: str) -> list[str]:
    """The fewest-words path computed character by character (the definition)."""
    n = len(text)
    ends: dict[int, list[int]] = {}
    for s, e in cedict.matches(text):
        ends.setdefault(e, []).append(s)
    best, back = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        if "\u4e00" <= text[i - 1] <= "\u9fff":
            best[i], back[i] = best[i - 1] + 1, i - 1
            for s in ends.get(i, ()):
                if best[s] + 1 < best[i]:
                    best[i], back[i] = best[s] + 1, s
        else:
            best[i], back[i] = best[i - 1], -i
    words, i = [], n
    while i > 0:
        if back[i] < 0:
            i = -back[i] - 1
            continue
        words.append(text[back[i]:i])
        i = back[i]
    return words[::-1]


def test_built_once_then_loaded_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DUIQI_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "mini.txt.gz"
    _write(data, SAMPLE)
    first = Cedict(data)
    files = list((tmp_path / "cache").glob("cedict-*.pickle"))
    assert len(files) == 1
    assert first.segment("之江实验室召开大会") == ["之", "江", "实验室", "召开", "大会"]
    assert "laboratori" in first.stems("实验室") and "实验室" in first and "电脑" not in first
    assert {"chang", "zhang"} <= first.readings("长")
    # the second load reads the cache: no new file, the cached one untouched
    mtime = files[0].stat().st_mtime_ns
    second = Cedict(data)
    assert second.stems("召开") == first.stems("召开") and files[0].stat().st_mtime_ns == mtime


def test_rebuilt_when_the_data_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("DUIQI_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "mini.txt.gz"
    _write(data, SAMPLE)
    assert "电脑" not in Cedict(data)
    _write(data, SAMPLE + "電腦 电脑 [dian4 nao3] /computer/\n")
    os.utime(data, ns=(1, 1))  # a different modification time, whatever the clock says
    assert stem("computer") in Cedict(data).stems("电脑")
    assert len(list((tmp_path / "cache").glob("cedict-*.pickle"))) == 1  # the stale one removed


def test_the_same_data_in_two_environments_shares_one_entry(tmp_path, monkeypatch):
    """Two installs (other paths, other times) of the same file: one cache file, built once."""
    monkeypatch.setenv("DUIQI_CACHE_DIR", str(tmp_path / "cache"))
    first, second = tmp_path / "env1" / "mini.txt.gz", tmp_path / "env2" / "mini.txt.gz"
    first.parent.mkdir()
    second.parent.mkdir()
    _write(first, SAMPLE)
    second.write_bytes(first.read_bytes())
    os.utime(second, ns=(2, 2))
    Cedict(first)
    files = list((tmp_path / "cache").glob("cedict-*.pickle"))
    mtime = files[0].stat().st_mtime_ns
    assert Cedict(second).segment("召开大会") == ["召开", "大会"]
    assert list((tmp_path / "cache").glob("cedict-*.pickle")) == files and files[0].stat().st_mtime_ns == mtime


def test_unwritable_cache_dir_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("DUIQI_CACHE_DIR", str(blocker / "cache"))
    data = tmp_path / "mini.txt.gz"
    _write(data, SAMPLE)
    assert Cedict(data).segment("召开大会") == ["召开", "大会"]


def test_cache_dir_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("DUIQI_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "duiqi"


@pytest.fixture(scope="module")
def cedict():
    return Cedict()


def test_one_pass_segmentation_equals_the_definition(cedict):
    texts = [s for p in sentence_fixture("zh") for s in p]
    texts += ["卡拉OK很好听", "阿Q精神", "AA制", "中文abc中文", "", "2020年长江", "一一"]
    assert cedict.segment_many(texts) == [_reference_segment(cedict, t) for t in texts]
    assert [cedict.segment(t) for t in texts] == cedict.segment_many(texts)


def test_full_dictionary_is_the_packaged_one(cedict):
    assert cedict_path().exists()
    assert cedict.max_len >= 4 and "world" in cedict.stems("世界")


def test_words_overlapping_no_other_skip_the_segmenter_dp():
    # [0,2) alone; [3,5) and [4,7) overlap; [7,9) touches [4,7) without overlapping
    starts, ends = np.array([0, 3, 4, 7]), np.array([2, 5, 7, 9])
    assert _alone(starts, ends).tolist() == [True, False, False, True]
    # a word inside another overlaps it
    assert _alone(np.array([0, 1]), np.array([4, 3])).tolist() == [False, False]
