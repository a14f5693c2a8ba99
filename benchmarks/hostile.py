"""Time and peak memory of duiqi on the attacks of issue 12 that used to hang or blow up.

Each attack runs as a fresh ``duiqi`` process (with a 2 GiB address-space limit, so a
regression fails instead of taking the machine down) and prints its exit code, wall
time, peak memory and the one line it printed:

- ``convert`` of a 2.3 MB TMX whose ``<tu>`` has 200,000 attributes (before: quadratic,
  20k attributes 1.9 s, 40k 8.9 s, 200k did not finish);
- ``glossary show`` of a ~1 MB XLSX holding 10 million shared strings (before: 94 s, 1.8 GB);
- ``align /dev/zero en.txt`` (before: 6 GB after 12 s, growing).

    python benchmarks/hostile.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def many_attributes(path: Path, n: int = 200_000) -> None:
    attrs = " ".join(f'a{i}="v"' for i in range(n))
    path.write_text(f'<?xml version="1.0"?><tmx version="1.4"><header srclang="zh"/><body><tu {attrs}>'
                    '<tuv xml:lang="zh"><seg>之江实验室</seg></tuv><tuv xml:lang="en"><seg>Zhejiang Lab</seg></tuv>'
                    "</tu></body></tmx>", encoding="utf-8")


def shared_strings_bomb(path: Path, n: int = 10_000_000) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["zh", "en"])
    book.active.append(["之江实验室", "Zhejiang Lab"])
    base = path.with_suffix(".base.xlsx")
    book.save(base)
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/sharedStrings.xml":
                zout.writestr(info.filename, zin.read(info))
        with zout.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b"<si><t>a</t></si>" * 100_000
            for _ in range(n // 100_000):
                part.write(chunk)
            part.write(b"</sst>")
    base.unlink()


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def measure(name: str, args: list[str]) -> None:
    """Run ``duiqi ARGS``; print exit code, wall time, the process's own peak RSS, last line."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "align", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_limit, cwd=ROOT)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    last = (err.strip().splitlines() or [""])[-1][:100]
    print(f"{name:44} exit {proc.returncode}  {seconds:6.2f} s  {usage.ru_maxrss / 1024:5.0f} MB  {last}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        tmx, xlsx, en = t / "attrs.tmx", t / "bomb.xlsx", t / "en.txt"
        many_attributes(tmx)
        shared_strings_bomb(xlsx)
        en.write_text("Zhejiang Lab.\n", encoding="utf-8")
        print(f"inputs: TMX {os.path.getsize(tmx) / 1e6:.1f} MB, XLSX {os.path.getsize(xlsx) / 1e6:.2f} MB")
        measure("align /dev/zero en.txt", ["align", "/dev/zero", str(en)])
        measure("convert TMX, 200,000 attributes on a <tu>", ["convert", str(tmx), str(t / "out.tsv")])
        measure("glossary show XLSX, 10 M shared strings", ["glossary", "show", str(xlsx)])


if __name__ == "__main__":
    main()
