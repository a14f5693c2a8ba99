"""bible-5k: strict F1, and wall time and peak memory at 1×, 2×, 4× and 8× the input.

    python benchmarks/bible.py [--data ../shared/data/bible-5k] [--copies 1,2,4,8]

Each run is a fresh `duiqi align SRC TGT --no-split --format align` process, so the
wall time includes start-up and loading the dictionary, as a user sees it; peak
memory is that process's maximum resident set. F1 follows Bertalign's protocol:
consecutive test beads inside one verse are merged before scoring.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_data  # noqa: E402

from align.evaluate import merge_by_unit, score_alignments  # noqa: E402
from corpora import read_text  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402

PUBLISHED = (("Bertalign", 0.979), ("Vecalign", 0.978), ("Hunalign", 0.895), ("Gale-Church", 0.821),
             ("Bleualign", 0.788))

# Runs one alignment in a child process and reports its own wall time and peak memory.
_CHILD = """
import json, resource, sys, time
t = time.perf_counter()
from align.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="duiqi", standalone_mode=False)
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": time.perf_counter() - t, "peak_mb": peak / 1024}), file=sys.stderr)
"""


def run(src: Path, tgt: Path, out: Path) -> dict:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, "align", str(src), str(tgt), "--no-split", "--format", "align", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"alignment failed: {proc.stderr.strip()}")
    stats = json.loads(proc.stderr.strip().splitlines()[-1])
    stats["wall"] = wall
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=shared_data() / "bible-5k")
    ap.add_argument("--copies", default="1,2,4,8")
    args = ap.parse_args()
    if not (args.data / "gold").exists():
        sys.exit(f"no bible-5k data at {args.data}")
    copies = [int(c) for c in args.copies.split(",")]
    en = read_text(args.data / "en").rstrip("\n") + "\n"
    zh = read_text(args.data / "zh").rstrip("\n") + "\n"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        for k in copies:
            src, tgt, out = tmpdir / f"en.{k}", tmpdir / f"zh.{k}", tmpdir / f"out.{k}.align"
            src.write_text(en * k, encoding="utf-8")
            tgt.write_text(zh * k, encoding="utf-8")
            stats = run(src, tgt, out)
            if k == 1:
                test = merge_by_unit(read_beads(out), read_text(args.data / "en.verse").split("\n"),
                                     read_text(args.data / "zh.verse").split("\n"))
                scores = score_alignments([read_beads(args.data / "gold")], [test])
            rows.append((k, en.count("\n") * k, zh.count("\n") * k, stats))
    print(f"bible-5k (en → zh): strict P {scores.p_strict:.3f} R {scores.r_strict:.3f} F1 {scores.f1_strict:.3f}; "
          f"lax F1 {scores.f1_lax:.3f}")
    print("published strict F1: " + ", ".join(f"{name} {f1:.3f}" for name, f1 in PUBLISHED))
    base = rows[0][3]
    print(f"{'copies':>6} {'src':>7} {'tgt':>7} {'wall s':>8} {'align s':>8} {'peak MB':>8} {'time ×':>7} {'mem ×':>6}")
    for k, n, m, s in rows:
        print(f"{k:>6} {n:>7} {m:>7} {s['wall']:8.2f} {s['seconds']:8.2f} {s['peak_mb']:8.0f} "
              f"{s['wall'] / base['wall']:7.2f} {s['peak_mb'] / base['peak_mb']:6.2f}")


if __name__ == "__main__":
    main()
