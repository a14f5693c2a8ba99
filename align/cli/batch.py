"""``duiqi batch``: align many document pairs into one folder."""

from __future__ import annotations

import sys
from typing import IO

import click

from corpora import UNIT_LEVELS, Reported
from corpora.formats import writer_names
from corpora.humancsv import terminal_safe

from .options import pass_alignment_options

__all__ = ["batch_cmd", "progress_factory"]


def progress_factory(stream: IO[str]):
    """Progress bars on ``stream`` when it is a terminal; silent otherwise."""
    from tqdm import tqdm

    labels = {"lexicon": "learning the shared lexicon", "align": "aligning"}

    def make(phase: str, total: int):
        return tqdm(total=total, desc=labels.get(phase, phase), unit="pair", file=stream,
                    disable=not stream.isatty(), leave=False, dynamic_ncols=True)

    return make


@click.command("batch")
@click.argument("manifest", required=False, type=click.Path(dir_okay=False))
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False),
              help="Output folder: <id>.<ext> per pair, summary.csv, the shared lexicon.")
@click.option("--src-dir", type=click.Path(file_okay=False), help="Folder of source files (instead of MANIFEST).")
@click.option("--tgt-dir", type=click.Path(file_okay=False), help="Folder of target files, paired by name.")
@click.option("-f", "--format", "fmt", type=click.Choice(writer_names()), default="tmx", show_default=True,
              help="Output format of every pair.")
@click.option("--units", type=click.Choice(UNIT_LEVELS), default="sentence", show_default=True,
              help="Translation-memory units: one per sentence (many-to-one beads cut where the cut is "
                   "confident), or one per bead. The bead format is always beads.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes (with --engine dask and no --scheduler: local Dask workers).")
@click.option("--force", is_flag=True, help="Redo the pairs an earlier run finished (and retrain OUTDIR's lexicon).")
@click.option("--lexicon", type=click.Path(dir_okay=False),
              help="Shared lexicon file: loaded if it exists, else trained on this batch and saved there.")
@click.option("--no-shared-lexicon", is_flag=True, help="Let each pair learn its own lexicon, as `duiqi align` does.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Where to align: local processes (default) or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (implies --engine dask).")
@pass_alignment_options
def batch_cmd(manifest, outdir, src_dir, tgt_dir, fmt, units, jobs, force, lexicon, no_shared_lexicon,
              engine, scheduler, options) -> None:
    """Align every document pair of MANIFEST (or of --src-dir/--tgt-dir) into OUTDIR.

    MANIFEST is a TSV file: source path, target path, optional id (default: the
    source file's stem without a language part); relative paths are relative to
    MANIFEST. With --src-dir and --tgt-dir, files are paired by name
    (report.zh.txt pairs with report.en.txt). Each pair is written to
    OUTDIR/<id>.<ext>, and OUTDIR/summary.csv gets a row per pair. A pair that
    fails is reported and the others go on (exit code 1). Running again skips the
    pairs already done with the same inputs and options; --force redoes them.
    """
    from ..batch.run import run_batch
    from ..batch.engines import make_engine
    from ..batch.manifest import pair_directories, read_manifest

    if manifest and (src_dir or tgt_dir):
        raise click.UsageError("give MANIFEST or --src-dir/--tgt-dir, not both")
    if not manifest and not (src_dir and tgt_dir):
        raise click.UsageError("give MANIFEST, or both --src-dir and --tgt-dir")
    pairs = read_manifest(manifest) if manifest else pair_directories(src_dir, tgt_dir)
    if engine is None:
        engine = "dask" if scheduler else "local"
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if lexicon and no_shared_lexicon:
        raise click.UsageError("--lexicon needs the shared lexicon (drop --no-shared-lexicon)")

    def report(row) -> None:
        if row.failed:
            _echo_above_progress(terminal_safe(f"duiqi: error: {row.pair}: {row.reason}"))

    with make_engine(engine, jobs, scheduler) as runner:
        where = runner.describe()
        result = run_batch(
            pairs, outdir, fmt, options, shared_lexicon=not no_shared_lexicon, lexicon_path=lexicon,
            force=force, engine=runner, progress=progress_factory(sys.stderr), on_row=report, units=units,
        )
    if sys.stderr.isatty():
        counts = {s: sum(1 for r in result.rows if r.outcome == s) for s in ("ok", "skipped", "failed")}
        click.echo(f"duiqi: {len(result.rows)} pairs ({where}): {counts['ok']} aligned, {counts['skipped']} already "
                   f"done, {counts['failed']} failed; see {result.summary}", err=True)
    if result.failed:
        raise Reported()  # exit code 1: the failed pairs were reported as they came


def _echo_above_progress(line: str) -> None:
    from tqdm import tqdm

    tqdm.write(line, file=sys.stderr)
