"""Reading batch manifests and pairing folders by name."""

from __future__ import annotations

import os

import pytest

from align.errors import AlignError
from align.batch.manifest import pair_directories, read_manifest
from corpora import DuiqiWarning, InputError


def test_manifest_paths_ids_comments_and_header(tmp_path):
    (tmp_path / "sub").mkdir()
    m = tmp_path / "sub" / "list.tsv"
    m.write_text(
        "# archive of 2020\nsource\ttarget\tid\n\n"
        "zh/report.zh.txt\ten/report.en.txt\n"
        f"{tmp_path}/a.txt\t../b.txt\tnotes-1\n"
        "x/c.txt\ty/c.txt\t\n",
        encoding="utf-8",
    )
    pairs = read_manifest(m)
    assert [p.id for p in pairs] == ["report", "notes-1", "c"]
    assert pairs[0].src == os.path.join(str(tmp_path), "sub", "zh", "report.zh.txt")
    assert pairs[1].src == f"{tmp_path}/a.txt" and pairs[1].tgt == str(tmp_path / "b.txt")
    assert pairs[0].origin == f"{m}:4" and all(p.problem is None for p in pairs)


def test_a_bad_line_is_a_failed_pair_not_a_failed_batch(tmp_path):
    m = tmp_path / "m.tsv"
    m.write_text("a.txt\tb.txt\nonly-one-column.txt\nc.txt\td.txt\t../escape\ne.txt\tf.txt\tx\textra\n", encoding="utf-8")
    pairs = read_manifest(m)
    assert [p.id for p in pairs] == ["a", "only-one-column", "line-3", "x"]
    assert pairs[0].problem is None
    assert pairs[1].problem == f"{m}:2: expected 2 or 3 tab-separated columns (source, target, id), found 1"
    assert "bad pair id '../escape'" in pairs[2].problem
    assert "found 4" in pairs[3].problem


def test_duplicate_ids_name_both_lines(tmp_path):
    m = tmp_path / "m.tsv"
    m.write_text("one/doc.txt\tone/en.txt\n\ntwo/Doc.txt\ttwo/en.txt\n", encoding="utf-8")
    with pytest.raises(AlignError, match=r"m\.tsv:3: pair id 'Doc' is already used by .*m\.tsv:1"):
        read_manifest(m)


@pytest.mark.parametrize("content, error", [(None, InputError), ("# nothing\n\n", AlignError)])
def test_missing_or_empty_manifest(tmp_path, content, error):
    m = tmp_path / "m.tsv"
    if content is not None:
        m.write_text(content, encoding="utf-8")
    with pytest.raises(error):
        read_manifest(m)


def test_folders_pair_by_name_with_or_without_a_language_part(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for name in ("001", "report.zh.txt", "notes_v2.txt", ".hidden", "lonely.txt"):
        (a / name).write_text("x", encoding="utf-8")
    for name in ("001", "report.en-US.txt", "notes_v2.txt", "extra.txt"):
        (b / name).write_text("x", encoding="utf-8")
    (a / "subdir").mkdir()
    with pytest.warns(DuiqiWarning, match="extra.txt: no file of the same name"):
        pairs = pair_directories(a, b)
    by_id = {p.id: p for p in pairs}
    assert sorted(by_id) == ["001", "lonely", "notes_v2", "report"]
    assert by_id["report"].tgt == str(b / "report.en-US.txt")
    assert by_id["001"].tgt == str(b / "001") and by_id["001"].problem is None
    assert by_id["lonely"].problem.endswith(f"no file of the same name in {b}")


def test_a_folder_that_is_not_there(tmp_path):
    with pytest.raises(AlignError, match="--tgt-dir is not a folder"):
        pair_directories(tmp_path, tmp_path / "nope")
