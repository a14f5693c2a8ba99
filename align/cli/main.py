"""``duiqi``: the command line. A thin layer: parse options, call the library, print.

Every error a user can cause ends as one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import os
import sys
import warnings

import click

from corpora import UNIT_LEVELS, DuiqiError, DuiqiWarning, __version__
from corpora.formats import write_alignment, writer_names
from corpora.units import units_summary

from .options import check_output, output_format, pass_alignment_options

__all__ = ["main", "cli"]

EXIT_BAD_INPUT = 2


class DuiqiGroup(click.Group):
    """A click group whose errors are one line each, exit code 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", DuiqiWarning)
                warnings.showwarning = _show_warning
                rv = super().main(args, prog_name or "duiqi", complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.UsageError as e:
            hint = f" (see '{e.ctx.command_path} --help')" if e.ctx is not None else ""
            _fail(e.format_message() + hint, EXIT_BAD_INPUT)
        except click.ClickException as e:
            _fail(e.format_message(), e.exit_code)
        except click.exceptions.Abort:
            _fail("aborted", 1)
        except DuiqiError as e:
            _fail(str(e), EXIT_BAD_INPUT)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except MemoryError:
            _fail("out of memory", EXIT_BAD_INPUT)
        except OSError as e:
            target = f"{e.filename}: " if getattr(e, "filename", None) else ""
            _fail(f"{target}{e.strerror or e}", EXIT_BAD_INPUT)
        except Exception as e:  # a bug: still one line, but say so
            if os.environ.get("DUIQI_DEBUG"):
                raise
            _fail(f"internal error: {type(e).__name__}: {e} (set DUIQI_DEBUG=1 for details)", 3)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


def _fail(message: str, code: int) -> None:
    click.echo(f"duiqi: error: {message}", err=True)
    sys.exit(code)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    click.echo(f"duiqi: warning: {message}", err=True)


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
@pass_alignment_options
def align_cmd(src, tgt, out, fmt, src_translation, glossary, lexicon, units, align_opts) -> None:
    """Align SRC with its translation TGT and write the beads."""
    from ..api import align_files, load_aligner

    check_output(out, src, tgt, src_translation, glossary, lexicon)
    fmt_name = output_format(out, fmt)
    level = "bead" if fmt_name == "align" else units
    alignment = align_files(src, tgt, src_translation=src_translation, glossary=glossary, **align_opts,
                            aligner=load_aligner(lexicon, align_opts["max_bead"]), units=level)
    write_alignment(alignment, out, fmt_name, units=level)
    if out is not None and level == "sentence":
        click.echo(f"duiqi: units: {units_summary(alignment)}", err=True)


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


from .batch import batch_cmd  # noqa: E402
from .formats import convert_cmd, tmx_group  # noqa: E402
from .glossary import COMMANDS as _GLOSSARY_COMMANDS  # noqa: E402
from .review import review_cmd  # noqa: E402

for _command in (convert_cmd, tmx_group, *_GLOSSARY_COMMANDS, review_cmd, batch_cmd):
    cli.add_command(_command)


def main() -> None:
    """Console entry point."""
    cli.main(prog_name="duiqi")
