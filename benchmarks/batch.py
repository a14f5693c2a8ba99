"""Batch throughput on each engine, and what the shared lexicon does to accuracy.

1. Throughput: MAC-Dev's six chapters listed k times (ids ``001-0`` … ``006-{k-1}``)
   aligned by ``run_batch`` (shared lexicon, TMX, ``--no-split``) with the local
   engine and one job (the baseline), the local engine and two jobs, and a Dask
   LocalCluster of two single-threaded worker processes (its start-up time is
   printed apart). Prints wall time, sentence pairs (TMX units) per second and the
   speed-up over one job, checks that every engine wrote the same bytes, and times
   a second run that finds everything done (resumability).
2. Accuracy: MAC-Dev strict and lax F1 (``align.evaluate.score_alignments``) of the
   batch with the shared lexicon, against per-document learning (``--no-shared-lexicon``,
   what ``duiqi align`` does for one pair), on the six chapters and on the chapters
   cut at gold bead boundaries into short documents (too short to learn alone).

    python benchmarks/batch.py [--k 4] [--no-dask] [--piece-beads 25]

Nothing is asserted: compare the figures between runs. Other processes running on
the machine make the times noisy; the ratios are measured in the same run.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_data  # noqa: E402

from align.batch import run_batch  # noqa: E402
from align.batch.engines import DaskEngine, LocalEngine  # noqa: E402
from align.evaluate import score_alignments  # noqa: E402
from align.batch.manifest import read_manifest  # noqa: E402
from corpora import Bead  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402

MAC_DEV = shared_data() / "mac-dev"
DOCS = ("001", "002", "003", "004", "005", "006")
OPTS = {"no_split": True}


def write_manifest(path: Path, k: int) -> Path:
    lines = [f"{MAC_DEV / 'zh' / d}\t{MAC_DEV / 'en' / d}\t{d}-{r}\n" for r in range(k) for d in DOCS]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def tmx_units(outdir: Path) -> int:
    return sum(p.read_text(encoding="utf-8").count("<tu ") for p in outdir.glob("*.tmx"))


def timed_batch(pairs, outdir: Path, engine, **kw) -> tuple[float, object]:
    start = time.perf_counter()
    report = run_batch(pairs, outdir, "tmx", OPTS, engine=engine, **kw)
    return time.perf_counter() - start, report


def throughput(work: Path, k: int, use_dask: bool) -> None:
    pairs = read_manifest(write_manifest(work / "manifest.tsv", k))
    print(f"## Throughput: MAC-Dev x {k} = {len(pairs)} document pairs, shared lexicon, TMX\n")
    print(f"{'engine':28} {'seconds':>8} {'units':>7} {'units/s':>8} {'speed-up':>8}  same bytes")
    runs: list[tuple[str, Path, float]] = []
    for name, jobs in (("local, --jobs 1", 1), ("local, --jobs 2", 2)):
        out = work / f"jobs{jobs}"
        seconds, _ = timed_batch(pairs, out, LocalEngine(jobs))
        runs.append((name, out, seconds))
    if use_dask:
        import distributed

        start = time.perf_counter()
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
        startup = time.perf_counter() - start
        try:
            out = work / "dask"
            seconds, _ = timed_batch(pairs, out, DaskEngine(client))
            runs.append(("dask LocalCluster, 2 workers", out, seconds))
        finally:
            client.close()
            cluster.close()
    base_out, base_seconds = runs[0][1], runs[0][2]
    units = tmx_units(base_out)
    names = sorted(p.name for p in base_out.iterdir() if p.suffix in (".tmx", ".json"))
    for name, out, seconds in runs:
        same = all((out / n).read_bytes() == (base_out / n).read_bytes() for n in names)
        print(f"{name:28} {seconds:8.2f} {units:7d} {units / seconds:8.1f} {base_seconds / seconds:7.2f}x  {'yes' if same else 'NO'}")
    if use_dask:
        print(f"(Dask LocalCluster start-up, not counted above: {startup:.2f} s)")
    seconds, report = timed_batch(pairs, base_out, LocalEngine(1))
    skipped = sum(1 for r in report.rows if r.status == "skipped")
    print(f"second run over the finished folder: {seconds:.2f} s, {skipped}/{len(pairs)} pairs skipped\n")


def write_pieces(work: Path, beads: int) -> tuple[Path, list[list[Bead]]]:
    """MAC-Dev cut at gold bead boundaries into documents of ``beads`` beads; returns
    their manifest and their gold beads (renumbered from 0)."""
    folder = work / f"pieces{beads}"
    folder.mkdir()
    lines, golds = [], []
    for d in DOCS:
        gold = read_beads(MAC_DEV / "gold" / d)
        zh = (MAC_DEV / "zh" / d).read_text(encoding="utf-8").split("\n")
        en = (MAC_DEV / "en" / d).read_text(encoding="utf-8").split("\n")
        z0 = e0 = 0
        for n, start in enumerate(range(0, len(gold), beads)):
            chunk = gold[start:start + beads]
            z1 = z0 + sum(len(b.src) for b in chunk)
            e1 = e0 + sum(len(b.tgt) for b in chunk)
            if z1 > z0 and e1 > e0:
                for lang, text, a, b in (("zh", zh, z0, z1), ("en", en, e0, e1)):
                    (folder / f"{d}-{n}.{lang}").write_text("\n".join(text[a:b]) + "\n", encoding="utf-8")
                lines.append(f"{d}-{n}.zh\t{d}-{n}.en\t{d}-{n}\n")
                golds.append([Bead(tuple(i - z0 for i in b.src), tuple(j - e0 for j in b.tgt)) for b in chunk])
            z0, e0 = z1, e1
    manifest = folder / "manifest.tsv"
    manifest.write_text("".join(lines), encoding="utf-8")
    return manifest, golds


def accuracy(work: Path, piece_beads: int) -> None:
    corpora = [("6 chapters", write_manifest(work / "dev.tsv", 1), [read_beads(MAC_DEV / "gold" / d) for d in DOCS]),
               (f"pieces of {piece_beads} beads", *write_pieces(work, piece_beads))]
    print("## MAC-Dev accuracy (--no-split)\n")
    print(f"{'documents':22} {'pairs':>5}  {'mode':30} {'strict F1':>9} {'lax F1':>7} {'seconds':>8}")
    for label, manifest, gold in corpora:
        pairs = read_manifest(manifest)
        per_doc = []
        for name, shared in (("per-document lexicon (align)", False), ("shared lexicon (batch)", True)):
            out = work / f"{manifest.parent.name}-{manifest.stem}-{shared}"
            start = time.perf_counter()
            run_batch(pairs, out, "align", OPTS, shared_lexicon=shared)
            seconds = time.perf_counter() - start
            test = [read_beads(out / f"{p.id}.align") for p in pairs]
            s = score_alignments(gold, test)
            per_doc.append([score_alignments([g], [t]).f1_strict for g, t in zip(gold, test)])
            print(f"{label:22} {len(pairs):5d}  {name:30} {s.f1_strict:9.4f} {s.f1_lax:7.4f} {seconds:8.2f}")
        own, shared_f1 = per_doc
        lower = [(p.id, a, b) for p, a, b in zip(pairs, own, shared_f1) if b < a - 1e-9]
        worst = min((b - a for _, a, b in lower), default=0.0)
        print(f"{'':22} {'':5}  shared below own: {len(lower)} of {len(pairs)} documents"
              + (f" (worst {worst:+.4f}: {', '.join(i for i, _, _ in lower[:6])})" if lower else ""))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--k", type=int, default=4, help="times MAC-Dev is listed (default 4: 24 pairs)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask LocalCluster")
    parser.add_argument("--accuracy-only", action="store_true", help="only part 2 (accuracy)")
    parser.add_argument("--piece-beads", type=int, default=25, help="gold beads per short document (default 25)")
    args = parser.parse_args()
    if not MAC_DEV.exists():
        sys.exit(f"{MAC_DEV}: MAC-Dev not found")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # identical TMX headers across engines
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}\n")
    with tempfile.TemporaryDirectory(prefix="duiqi-batch-bench-") as tmp:
        work = Path(tmp)
        if not args.accuracy_only:
            throughput(work, args.k, not args.no_dask)
        accuracy(work, args.piece_beads)


if __name__ == "__main__":
    main()
