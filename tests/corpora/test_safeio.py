"""The safe-write and bounded-read helpers every output and input goes through."""

from __future__ import annotations

import os
import stat

import pytest

from corpora.errors import CorporaError, InputError
from corpora.safeio import read_bytes, safe_write
from tests.conftest import device, fifo_reader


def _no_temp_files(folder) -> bool:
    return not [p for p in os.listdir(folder) if p.endswith(".tmp")]


def test_regular_file_is_replaced_atomically_keeping_its_mode(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old")
    out.chmod(0o640)
    with pytest.raises(RuntimeError):
        with safe_write(out) as f:
            f.write("half")
            raise RuntimeError("stop")
    assert out.read_text() == "old" and _no_temp_files(tmp_path)
    with safe_write(out) as f:
        f.write("new")
    assert out.read_text() == "new" and stat.S_IMODE(out.stat().st_mode) == 0o640


def test_dash_writes_to_stdout(capfdbinary):
    with safe_write("-") as f:
        f.write("之江\n")
    assert capfdbinary.readouterr().out == "之江\n".encode()


def test_a_device_node_given_as_output_stays_a_device(tmp_path):
    node = device(tmp_path, "null", 3)
    before = node.stat()
    with safe_write(node) as f:
        f.write("x" * 1000)
    after = node.stat()
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert _no_temp_files(tmp_path)


def test_a_fifo_is_written_through(tmp_path):
    fifo, reader, got = fifo_reader(tmp_path / "pipe")
    with safe_write(fifo) as f:
        f.write("through the pipe\n")
    reader.join(10)
    assert got == [b"through the pipe\n"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_disk_full_is_one_line_error_and_no_temp_file(tmp_path):
    full = device(tmp_path, "full", 7)
    with pytest.raises(CorporaError, match="full: cannot write \\(no space left on the device\\)"):
        with safe_write(full) as f:
            f.write("x" * 100_000)
            f.flush()
    assert stat.S_ISCHR(full.stat().st_mode) and _no_temp_files(tmp_path)


def test_name_too_long_is_a_corpora_error(tmp_path):
    with pytest.raises(CorporaError, match="file name too long"):
        with safe_write(tmp_path / ("x" * 300 + ".tmx")) as f:
            f.write("x")
    assert _no_temp_files(tmp_path)


def test_a_name_of_250_bytes_is_writable(tmp_path):
    """The temporary file's name is short, so any name the file system allows works."""
    out = tmp_path / ("x" * 250 + ".tmx")
    with safe_write(out) as f:
        f.write("ok")
    assert out.read_text() == "ok"


def test_symlink_refused_when_not_following_and_followed_otherwise(tmp_path):
    target = tmp_path / "outside.txt"
    target.write_text("keep")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with pytest.raises(CorporaError, match="symbolic link"):
        with safe_write(link, follow_symlinks=False) as f:
            f.write("no")
    assert target.read_text() == "keep"
    with safe_write(link) as f:
        f.write("yes")
    assert link.is_symlink() and target.read_text() == "yes"


def test_an_input_is_never_overwritten(tmp_path):
    inp = tmp_path / "in.txt"
    inp.write_text("precious")
    (tmp_path / "sub").mkdir()
    with pytest.raises(CorporaError, match="refusing to overwrite an input file"):
        with safe_write(tmp_path / "sub" / ".." / "in.txt", inputs=[inp]) as f:
            f.write("gone")
    assert inp.read_text() == "precious"


def test_dev_zero_as_input_fails_fast_with_one_line(tmp_path):
    """Run in a child with 1 GiB of address space and a timeout: without a bound on
    reads this grows without limit, and must not take the machine down with it."""
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    en = tmp_path / "en.txt"
    en.write_text("Zhejiang Lab.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "align", "align", "/dev/zero", str(en)], capture_output=True,
                          text=True, timeout=120, preexec_fn=limit)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == "duiqi: error: /dev/zero: looks like a binary file, not text (NUL bytes)"
    with pytest.raises(InputError, match="/dev/zero: looks like a binary file"):
        read_bytes("/dev/zero", limit=2**20)


def test_reads_are_bounded(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 5000)
    assert read_bytes(p, limit=5000) == b"a" * 5000
    with pytest.raises(InputError, match="larger than 4 KiB"):
        read_bytes(p, limit=4096)
    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "missing")
