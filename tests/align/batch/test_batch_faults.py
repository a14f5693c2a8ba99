"""Faults in a batch: what a run does when its folder, its inputs or its machine misbehave.

The promises (README, "What duiqi promises under faults"): nothing is written
outside OUTDIR, no input is overwritten, every output is complete or absent, one
bad pair never stops the batch, and a killed run leaves no process behind and
resumes to the same bytes.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from align.batch.outdir import locked_outdir
from align.errors import AlignError
from batch_data import run

EPOCH = "1700000000"
TITLE_ZH = "之江实验室召开2020年度内部大会\n"
TITLE_EN = "Zhejiang Lab Holds Its 2020 Internal Conference\n"


def summary_rows(outdir: Path) -> list[dict[str, str]]:
    with open(outdir / "summary.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def small_pair(folder: Path, name: str) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    zh, en = folder / f"{name}.zh.txt", folder / f"{name}.en.txt"
    zh.write_text(TITLE_ZH, encoding="utf-8")
    en.write_text(TITLE_EN, encoding="utf-8")
    return zh, en


def report_pair(folder: Path, name: str, corpus, copies: int = 1) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    zh, en = folder / f"{name}.zh.txt", folder / f"{name}.en.txt"
    zh.write_text("\n\n".join([corpus.zh.read_text(encoding="utf-8")] * copies), encoding="utf-8")
    en.write_text("\n\n".join([corpus.en.read_text(encoding="utf-8")] * copies), encoding="utf-8")
    return zh, en


def manifest(path: Path, rows) -> Path:
    path.write_text("".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
    return path


def assert_one_error_line(result, text: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("duiqi: error: ") and text in lines[0], result.stderr


# ---- the output folder: links, inputs inside it, two runs at once ----

def test_a_symlinked_journal_is_refused_and_its_target_untouched(tmp_path):
    zh, en = small_pair(tmp_path / "in", "a")
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside.jsonl"
    outside.write_text("")
    (out / ".duiqi-batch.jsonl").symlink_to(outside)
    result = run("batch", str(manifest(tmp_path / "m.tsv", [(zh, en, "a")])), "-o", str(out), "--no-shared-lexicon")
    assert_one_error_line(result, "is a symbolic link")
    assert outside.read_text() == "" and not (out / "a.tmx").exists()


def test_a_symlinked_pair_output_fails_that_pair_only(tmp_path):
    a = small_pair(tmp_path / "in", "a")
    b = small_pair(tmp_path / "in", "b")
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside.tmx"
    outside.write_text("keep")
    (out / "a.tmx").symlink_to(outside)
    result = run("batch", str(manifest(tmp_path / "m.tsv", [(*a, "a"), (*b, "b")])), "-o", str(out),
                 "--no-shared-lexicon")
    assert result.exit_code == 1
    assert outside.read_text() == "keep" and (out / "b.tmx").is_file()
    status = {r["pair"]: r["status"] for r in summary_rows(out)}
    assert status["b"] == "ok" and "symbolic link" in status["a"]


def test_a_fifo_in_outdir_never_hangs_the_run(tmp_path):
    a = small_pair(tmp_path / "in", "a")
    b = small_pair(tmp_path / "in", "b")
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "a.tmx")  # nobody reads it: writing it would block for ever
    m = manifest(tmp_path / "m.tsv", [(*a, "a"), (*b, "b")])
    result = run("batch", str(m), "-o", str(out), "--no-shared-lexicon")
    assert result.exit_code == 1
    status = {r["pair"]: r["status"] for r in summary_rows(out)}
    assert status["b"] == "ok" and "is not a regular file" in status["a"]
    os.unlink(out / "summary.csv")
    os.mkfifo(out / "summary.csv")
    assert_one_error_line(run("batch", str(m), "-o", str(out), "--no-shared-lexicon"), "is not a regular file")


@pytest.mark.parametrize("name", ["summary.csv", "lexicon.json"])
def test_an_input_inside_outdir_where_the_batch_writes_is_refused(tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    zh = out / name
    zh.write_text(TITLE_ZH, encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text(TITLE_EN, encoding="utf-8")
    result = run("batch", str(manifest(tmp_path / "m.tsv", [(zh, en, "a")])), "-o", str(out))
    assert_one_error_line(result, "is an input of this batch")
    assert zh.read_text(encoding="utf-8") == TITLE_ZH


def test_a_pair_output_over_another_pairs_input_fails_that_pair(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    zh_b = out / "a.tsv"  # pair b's source is where pair a's output would go
    zh_b.write_text(TITLE_ZH, encoding="utf-8")
    a = small_pair(tmp_path / "in", "a")
    en = tmp_path / "in" / "a.en.txt"
    result = run("batch", str(manifest(tmp_path / "m.tsv", [(*a, "a"), (zh_b, en, "b")])), "-o", str(out),
                 "-f", "tsv", "--no-shared-lexicon")
    assert result.exit_code == 1
    assert zh_b.read_text(encoding="utf-8") == TITLE_ZH
    status = {r["pair"]: r["status"] for r in summary_rows(out)}
    assert "refusing to overwrite an input file" in status["a"] and status["b"] == "ok"


def test_a_second_run_on_a_locked_folder_is_refused(tmp_path):
    zh, en = small_pair(tmp_path / "in", "a")
    out = tmp_path / "out"
    out.mkdir()
    m = manifest(tmp_path / "m.tsv", [(zh, en, "a")])
    with locked_outdir(out):  # what a first run holds while it works
        with pytest.raises(AlignError, match="another duiqi batch"):
            with locked_outdir(out):
                pass
        result = run("batch", str(m), "-o", str(out), "--no-shared-lexicon")
        assert_one_error_line(result, "another duiqi batch is writing to this folder")
        assert sorted(os.listdir(out)) == []
    assert run("batch", str(m), "-o", str(out), "--no-shared-lexicon").exit_code == 0  # released


def test_two_processes_at_once_one_refused_the_other_complete(tmp_path, corpus):
    """The first run reads its source from a FIFO, so it is certainly at work, holding
    the folder, while the second starts; then it gets its text and finishes."""
    fifo = tmp_path / "in" / "r.zh.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    en = tmp_path / "in" / "r.en.txt"
    en.write_text(corpus.en.read_text(encoding="utf-8"), encoding="utf-8")
    m = manifest(tmp_path / "m.tsv", [(fifo, en, "r")])
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "align", "batch", str(m), "-o", str(out), "--no-shared-lexicon"]
    first = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    try:
        fd = None
        deadline = time.monotonic() + 120
        while fd is None and time.monotonic() < deadline and first.poll() is None:
            try:  # succeeds once the first run has the FIFO open for reading: it holds the lock then
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.05)
        assert fd is not None, "the first run never read its input"
        second = subprocess.run(cmd, stderr=subprocess.PIPE, text=True, timeout=300)
        assert second.returncode == 2 and "another duiqi batch is writing to this folder" in second.stderr
        os.set_blocking(fd, True)
        os.write(fd, corpus.zh.read_bytes())
        os.close(fd)
        first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0
    assert [(r["pair"], r["status"]) for r in summary_rows(out)] == [("r", "ok")]


# ---- one bad pair never stops a batch ----

def test_a_too_long_id_fails_that_pair_only(tmp_path):
    a = small_pair(tmp_path / "in", "a")
    b = small_pair(tmp_path / "in", "b")
    out = tmp_path / "out"
    result = run("batch", str(manifest(tmp_path / "m.tsv", [(*a, "x" * 300), (*b, "b")])), "-o", str(out),
                 "--no-shared-lexicon")
    assert result.exit_code == 1
    rows = summary_rows(out)
    assert rows[1]["status"] == "ok" and "too long" in rows[0]["status"]
    assert (out / "b.tmx").is_file()
    again = run("batch", str(manifest(tmp_path / "m.tsv", [(*a, "x" * 300), (*b, "b")])), "-o", str(out),
                "--no-shared-lexicon")
    assert again.exit_code == 1 and summary_rows(out)[1]["status"] == "skipped"


def test_src_dir_ids_with_cr_lf_or_esc_are_refused_like_the_manifest_refuses_them(tmp_path):
    src, tgt = tmp_path / "zh", tmp_path / "en"
    names = ["ok", "cr\rid", "lf\nid", "esc\x1b]0;x\x07id", "=SUM(1+1)"]
    src.mkdir()
    tgt.mkdir()
    for name in names:
        (src / f"{name}.zh.txt").write_text(TITLE_ZH, encoding="utf-8")
        (tgt / f"{name}.en.txt").write_text(TITLE_EN, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", "--src-dir", str(src), "--tgt-dir", str(tgt), "-o", str(out), "--no-shared-lexicon")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr  # shown escaped, never sent to the terminal
    frame = pd.read_csv(out / "summary.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(frame) == len(names)  # a CR in a file name does not make a new row
    failed = frame[frame["status"].str.startswith("failed")]
    assert len(failed) == 3 and all("bad pair id" in s for s in failed["status"])
    assert set(frame["pair"]) >= {"ok", "'=SUM(1+1)"}  # a formula-like id is neutralised
    assert sorted(p.name for p in out.glob("*.tmx")) == ["=SUM(1+1).tmx", "ok.tmx"]


def test_formula_like_ids_are_neutralised_in_summary_csv(tmp_path):
    rows = []
    for i, pair_id in enumerate(["=SUM(1+1)", "@SUM(2)", "+3", "-4"]):
        rows.append((*small_pair(tmp_path / "in", f"p{i}"), pair_id))
    out = tmp_path / "out"
    assert run("batch", str(manifest(tmp_path / "m.tsv", rows)), "-o", str(out), "--no-shared-lexicon").exit_code == 0
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert [r["pair"] for r in summary_rows(out)] == ["'=SUM(1+1)", "'@SUM(2)", "'+3", "'-4"]


@pytest.fixture()
def small_tmpfs(tmp_path):
    """A 32 KiB tmpfs (root and a mount-capable kernel only; skipped otherwise)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mnt = tmp_path / "full"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_disk_full_fails_only_the_pair_that_does_not_fit(tmp_path, corpus, small_tmpfs):
    big = report_pair(tmp_path / "in", "big", corpus, copies=3)  # its TMX needs more than 32 KiB
    rows = [(*big, "big")] + [(*small_pair(tmp_path / "in", f"s{i}"), f"s{i}") for i in range(2)]
    result = run("batch", str(manifest(tmp_path / "m.tsv", rows)), "-o", str(small_tmpfs), "--no-shared-lexicon")
    assert result.exit_code == 1, result.stderr
    status = {r["pair"]: r["status"] for r in summary_rows(small_tmpfs)}
    assert "no space left on the device" in status["big"]
    assert status["s0"] == status["s1"] == "ok"
    assert not (small_tmpfs / "big.tmx").exists()
    assert not [p for p in os.listdir(small_tmpfs) if p.endswith(".tmp")]  # no half file left


# ---- a killed run: no orphan workers, and it resumes to the same bytes ----

def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                kids.append(int(entry))
    return kids


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_killed_parallel_batch_leaves_no_workers_and_resumes_identically(tmp_path, corpus):
    pairs = [(*report_pair(tmp_path / "in", f"r{i}", corpus), f"r{i}") for i in range(6)]
    m = manifest(tmp_path / "m.tsv", pairs)
    out = tmp_path / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    cmd = [sys.executable, "-m", "align", "batch", str(m), "-o", str(out), "--jobs", "2", "--no-shared-lexicon"]
    parent = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = [k for k in _children(parent.pid) if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()]
    assert len(workers) == 2, "the pool workers never started"
    time.sleep(1.0)
    parent.send_signal(signal.SIGKILL)
    parent.wait(30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), "pool workers outlived their killed parent"

    resumed = subprocess.run(cmd, env=env, capture_output=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    clean = tmp_path / "clean"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert run("batch", str(m), "-o", str(clean), "--no-shared-lexicon").exit_code == 0
    for _, _, pair_id in pairs:
        assert (out / f"{pair_id}.tmx").read_bytes() == (clean / f"{pair_id}.tmx").read_bytes()
    assert not [p for p in os.listdir(out) if p.endswith(".tmp")]
