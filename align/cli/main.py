"""``duiqi``: the command line. A thin layer: parse options, call the library, print.

Every error a user can cause ends as one line on stderr and exit code 2.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import json
import os
import sys
import warnings
from typing import Callable

import click

from corpora import UNIT_LEVELS, DuiqiError, DuiqiWarning, __version__
from corpora.formats import write_alignment, writer_names
from corpora.humancsv import terminal_safe
from corpora.units import units_summary

from ..options import AlignOptions
from .options import (alignment_summary, check_output, output_format, pass_alignment_options, progress_bar,
                      tell_lines_detected)

__all__ = ["main", "cli", "exit_status"]

EXIT_BAD_INPUT = DuiqiError.exit_code
GC_THRESHOLD = (100_000, 50, 50)  # while a command runs (Python's default: 700, 10, 10)
EXIT_BUG = 3

# Exceptions from outside duiqi and click: their exit code and one line (None: say nothing).
_FOREIGN: tuple[tuple[type[BaseException], int, Callable[[BaseException], str | None]], ...] = (
    (click.exceptions.Abort, 1, lambda e: "aborted"),
    (KeyboardInterrupt, 130, lambda e: "interrupted"),
    (BrokenPipeError, 1, lambda e: None),
    (MemoryError, EXIT_BAD_INPUT, lambda e: "out of memory"),
    (OSError, EXIT_BAD_INPUT, lambda e: (f"{e.filename}: " if getattr(e, "filename", None) else "")
     + str(getattr(e, "strerror", None) or e)),
)


def exit_status(e: BaseException) -> tuple[int, str | None]:
    """The exit code a command ends with after ``e``, and the one line to print (or None).

    The code is the exception class's ``exit_code`` (duiqi's errors, click's); other
    exceptions are looked up in a table; anything else is a bug (code 3).
    """
    if isinstance(e, click.exceptions.Exit):
        return e.exit_code, None
    if isinstance(e, click.UsageError):
        hint = f" (see '{e.ctx.command_path} --help')" if e.ctx is not None else ""
        return e.exit_code, e.format_message() + hint
    if isinstance(e, click.ClickException):
        return e.exit_code, e.format_message()
    if isinstance(e, DuiqiError):
        return e.exit_code, str(e) or None
    for kind, code, message in _FOREIGN:
        if isinstance(e, kind):
            return code, message(e)
    return EXIT_BUG, f"internal error: {type(e).__name__}: {e} (set DUIQI_DEBUG=1 for details)"


# Commands defined in other modules, imported when named (`duiqi align` loads none of
# them): name → (module of this package, attribute).
LAZY_COMMANDS = {
    "convert": ("formats", "convert_cmd"), "tmx": ("formats", "tmx_group"),
    "check": ("glossary", "check_cmd"), "score": ("glossary", "score_cmd"), "glossary": ("glossary", "glossary_group"),
    "review": ("review", "review_cmd"), "batch": ("batch", "batch_cmd"),
}


class DuiqiGroup(click.Group):
    """A click group whose every end is one line at most and the exit code of its
    exception, and whose commands from other modules load when named."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f"{__package__}.{module}"), attr)
            self.add_command(command, cmd_name)
        return command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        collecting = gc.get_threshold()
        # a command makes hundreds of thousands of token lists and few reference cycles:
        # collecting them 700 allocations at a time cost bible-5k 0.15 CPU s (same memory)
        gc.set_threshold(*GC_THRESHOLD)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", DuiqiWarning)
                warnings.showwarning = _show_warning
                rv = super().main(args, prog_name or "duiqi", complete_var, standalone_mode=False, **extra)
        except (Exception, KeyboardInterrupt) as e:
            code, message = exit_status(e)
            if code == EXIT_BUG and os.environ.get("DUIQI_DEBUG"):
                raise
            if isinstance(e, BrokenPipeError):
                sys.stderr.close()
            elif message:
                click.echo(f"duiqi: error: {_one_line(message)}", err=True)
            sys.exit(code)
        finally:
            gc.set_threshold(*collecting)
        if not standalone_mode:
            return rv
        sys.exit(0)


def _one_line(message: object) -> str:
    """A message safe for the terminal and on one line (file names may hold LF, CR, ESC)."""
    return terminal_safe(str(message).replace("\n", "\\n"))


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    click.echo(f"duiqi: warning: {_one_line(message)}", err=True)


@click.group(cls=DuiqiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="duiqi")
def cli() -> None:
    """duiqi (对齐): align Chinese and English texts sentence by sentence, check
    terminology against a glossary, and export translation memories."""


@cli.command("align")
@click.argument("src", type=click.Path(dir_okay=False))
@click.argument("tgt", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Output file (default: TSV on stdout).")
@click.option("-f", "--format", "fmt", type=click.Choice(writer_names()), help="Output format (default: from OUT's extension).")
@click.option("--src-translation", type=click.Path(dir_okay=False),
              help="Machine translation of SRC into TGT's language, one line per source sentence.")
@click.option("-g", "--glossary", type=click.Path(dir_okay=False),
              help="Term base (.csv .tsv .xlsx .tbx) whose terms anchor the alignment.")
@click.option("--lexicon", type=click.Path(dir_okay=False), help="Use a shared lexicon saved by `duiqi batch`.")
@click.option("--units", type=click.Choice(UNIT_LEVELS), default="sentence", show_default=True,
              help="Units of a TMX/XLIFF/TSV/JSONL output: 'sentence' also cuts a bead of several sentences "
                   "against one into one unit per sentence where the cut is clear; 'bead' keeps beads only. "
                   "The align format is always beads.")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on stderr on success.")
@click.option("-j", "--jobs", type=click.IntRange(*AlignOptions.range("jobs")), default=AlignOptions.default("jobs"),
              show_default=True, help=AlignOptions.doc("jobs"))
@pass_alignment_options
def align_cmd(src, tgt, out, fmt, src_translation, glossary, lexicon, units, quiet, jobs, options) -> None:
    """Align SRC with its translation TGT and write the beads.

    SRC and TGT are plain text, Word (.docx), OpenDocument (.odt), PDF, HTML, EPUB,
    subtitles (.srt .vtt) or Markdown; - is standard input.
    """
    from ..api import align_files, load_aligner

    options = options.updated(jobs=jobs)
    if src == "-" and tgt == "-":
        raise click.UsageError("only one of SRC and TGT can be - (standard input)")
    check_output(out, src, tgt, src_translation, glossary, lexicon)
    fmt_name = output_format(out, fmt)
    level = "bead" if fmt_name == "align" else units
    advance, bar = (None, None) if quiet else progress_bar((src, tgt))
    try:
        alignment = align_files(src, tgt, src_translation=src_translation, glossary=glossary, options=options,
                                aligner=load_aligner(lexicon, options), units=level, progress=advance)
        if advance is not None:
            advance("writing")
        write_alignment(alignment, out, fmt_name, units=level)
    finally:
        if bar is not None:
            bar.close()
    if not quiet:
        tell_lines_detected(alignment)
    if not quiet and out not in (None, "-") and level == "sentence":
        click.echo(f"duiqi: units: {units_summary(alignment)}", err=True)
    if not quiet and (out not in (None, "-") or sys.stderr.isatty()):  # in a pipe: the beads alone
        click.echo(f"duiqi: {alignment_summary(alignment, level)}" + (f"; wrote {out}" if out not in (None, "-") else ""),
                   err=True)


@cli.command("segment")
@click.argument("src", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("--lang", help="Language of FILE (default: detected), e.g. zh, zh-TW, en.")
@click.option("--split-semicolon", is_flag=True, help="Also end Chinese sentences at ；.")
@click.option("--encoding", help="Force the input encoding (default: detected).")
def segment_cmd(src, lang, split_semicolon, encoding) -> None:
    """Print FILE's sentences as `duiqi align` splits them: one a line, a blank line
    between paragraphs (- is standard input).

    Translate this output line by line to make the file --src-translation expects.
    """
    from ..api import segment_file, sentences_text

    segments, _ = segment_file(src, lang, split_semicolon, encoding)
    click.echo(sentences_text(segments), nl=False)


@cli.command("evaluate")
@click.argument("gold", type=click.Path())
@click.argument("test", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def evaluate_cmd(gold, test, as_json) -> None:
    """Strict and lax precision/recall/F1 of TEST beads against GOLD beads.

    GOLD and TEST are bead files ([0,1]:[2] a line) or directories of same-named files.
    """
    from ..evaluate import score_files

    s = score_files(gold, test)
    if as_json:
        keys = ("p_strict", "r_strict", "f1_strict", "p_lax", "r_lax", "f1_lax")
        click.echo(json.dumps({k: round(getattr(s, k), 6) for k in keys}))
        return
    click.echo(f"{'':10} {'strict':>8} {'lax':>8}")
    click.echo(f"{'precision':10} {s.p_strict:8.4f} {s.p_lax:8.4f}")
    click.echo(f"{'recall':10} {s.r_strict:8.4f} {s.r_lax:8.4f}")
    click.echo(f"{'F1':10} {s.f1_strict:8.4f} {s.f1_lax:8.4f}")
    click.echo(f"({s.documents} document(s), {s.gold_beads} gold beads, {s.test_beads} test beads)")


def main() -> None:
    """Console entry point.

    A finished command ends the process at once: the interpreter's teardown, freeing
    every object one by one, took bible-5k 0.13–0.19 s more. Exit handlers still run and
    the standard streams are flushed; with a thread still running (none is, once a
    command has returned) the process ends the usual way.
    """
    try:
        cli.main(prog_name="duiqi")
        code: object = 0
    except SystemExit as e:
        code = e.code
    from ..parallel import other_threads_running

    if other_threads_running():
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, a closed stream: nothing more to say
            pass
    atexit._run_exitfuncs()
    os._exit(code)
