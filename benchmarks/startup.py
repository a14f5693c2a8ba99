"""Start-up: what a command costs before it does any work, against the bare interpreter.

    python benchmarks/startup.py [--runs N]

Each line is a fresh process (the fastest of N runs by CPU, read with wait4 as
benchmarks/bible.py does): the bare interpreter (the baseline, in the same run), the
command line's help (`duiqi --help`: click and the command modules, no engine),
`import align` (the public API, loaded lazily), the engine (`align.aligner`: numpy,
scipy.sparse, the scorers) and the engine with CC-CEDICT loaded from the user's cache
(built first if it is missing or stale, outside the measured runs). On a busy machine
compare CPU seconds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bible import _measure  # noqa: E402

CASES = (
    ("python (baseline)", "pass"),
    ("duiqi --help", "import sys; from align.cli import main; sys.argv = ['duiqi', '--help']; main()"),
    ("import align", "import align"),
    ("engine (align.aligner)", "import align.aligner"),
    ("engine + CC-CEDICT", "import align.aligner; from align.cedict import Cedict; Cedict()"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each, the fastest (CPU) kept")
    args = parser.parse_args()
    env_cmd = {"cwd": ROOT}
    _measure([sys.executable, "-c", CASES[-1][1]], **env_cmd)  # the dictionary cache is built here if needed
    rows = []
    for name, code in CASES:
        runs = [_measure([sys.executable, "-c", code], **env_cmd)[0] for _ in range(args.runs)]
        rows.append((name, min(runs, key=lambda s: s["cpu"])))
    base = rows[0][1]
    print(f"{'':26s} {'wall s':>7s} {'CPU s':>7s} {'peak MB':>8s} {'CPU - python':>13s}")
    for name, s in rows:
        print(f"{name:26s} {s['wall']:7.3f} {s['cpu']:7.3f} {s['peak_mb']:8.0f} {s['cpu'] - base['cpu']:13.3f}")


if __name__ == "__main__":
    main()
