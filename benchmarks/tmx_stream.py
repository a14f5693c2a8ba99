"""Memory of streaming a large TMX: peak memory must not grow with the file size.

Generates TMX files of two sizes (default 50 and 200 MB) in a temporary folder,
then measures, each in a fresh process, the peak resident memory (ru_maxrss) of:
an idle interpreter with duiqi imported (the baseline), ``tmx.iter_units`` over all
units (read), ``duiqi tmx filter`` (read + filter + write), and, for the smaller
file only, lxml's non-streaming ``etree.parse`` (what a naive reader costs).
Prints one line per measurement: size, peak above baseline, ratio to file size,
and throughput.

    python benchmarks/tmx_stream.py [--sizes 50,200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNIT = (
    '<tu tuid="{n}"><prop type="x-score">0.{s:04d}</prop><tuv xml:lang="zh-CN"><seg>第{n}句：之江实验室'
    '<bpt i="1">&lt;b&gt;</bpt>召开<ept i="1">&lt;/b&gt;</ept>2020年度内部大会，总结2019年工作进展。</seg></tuv>'
    '<tuv xml:lang="en-US"><seg>Sentence {n}: Zhejiang Lab <bpt i="1">&lt;b&gt;</bpt>held<ept i="1">&lt;/b&gt;'
    "</ept> its 2020 internal conference to review its progress in 2019.</seg></tuv></tu>\n"
)


def make_tmx(path: Path, megabytes: int) -> int:
    target = megabytes * 1_000_000
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench" '
                'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" '
                'datatype="plaintext"/><body>\n')
        while f.tell() < target:
            f.write("".join(UNIT.format(n=n + k, s=(n + k) % 10000) for k in range(1000)))
            n += 1000
        f.write("</body></tmx>\n")
    return n


def worker(task: str, path: str) -> None:
    """Run one task and print its peak memory (KiB) and time as JSON."""
    sys.path.insert(0, str(ROOT))
    import corpora.formats.tmx as tmx  # noqa: F401 - the baseline imports the same code

    start = time.perf_counter()
    count = 0
    if task == "read":
        count = sum(1 for _ in tmx.iter_units(path))
    elif task == "filter":
        from align.cli import cli

        out = str(Path(path).with_suffix(".filtered.tmx"))
        try:
            cli.main(["tmx", "filter", path, "-o", out, "--min-score", "0.5"], standalone_mode=False)
        finally:
            if os.path.exists(out):
                count = os.path.getsize(out)
                os.unlink(out)
    elif task == "tree":
        from lxml import etree

        count = len(etree.parse(path).getroot()[1])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_kib": peak, "seconds": seconds, "count": count}))


def measure(task: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", task, str(path)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="50,200", help="file sizes in MB, comma-separated")
    ap.add_argument("--keep", help="generate the files in this folder and keep them")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        base = measure("idle", folder / "none")["peak_kib"]
        print(f"baseline (python + duiqi imported): {base / 1024:.1f} MiB peak RSS")
        print(f"{'task':8} {'file MB':>8} {'units':>9} {'peak-base MiB':>14} {'peak/file':>10} {'MB/s':>7}")
        for k, mb in enumerate(sizes):
            path = folder / f"bench_{mb}mb.tmx"
            units = make_tmx(path, mb)
            size = path.stat().st_size
            tasks = ["read", "filter"] + (["tree"] if k == 0 else [])
            for task in tasks:
                r = measure(task, path)
                extra = (r["peak_kib"] - base) * 1024
                print(f"{task:8} {size / 1e6:8.0f} {units:9d} {extra / 2**20:14.1f} {extra / size:10.3f} "
                      f"{size / 1e6 / r['seconds']:7.1f}")
            if not args.keep:
                path.unlink()


if __name__ == "__main__":
    main()
