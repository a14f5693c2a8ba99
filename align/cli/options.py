"""Pieces shared by the CLI's commands: common options, and the library's checks with the flags named."""

from __future__ import annotations

import functools

import click

from corpora.errors import UnknownFormatError
from corpora.formats import input_format, output_format as format_to_write
from corpora.model import LOW_CONFIDENCE
from corpora.safeio import STDIO
from corpora.textio import check_output

from ..errors import AlignError
from ..options import AlignOptions

__all__ = ["check_output", "output_format", "input_format_name", "alignment_options", "pass_alignment_options",
           "tell_lines_detected", "alignment_summary", "progress_bar", "LONG_INPUT"]

LONG_INPUT = 200_000  # bytes of input above which `align` shows a progress bar on a terminal


def tell_lines_detected(alignment) -> None:
    """Say on stderr which sides were read one sentence a line because they looked so."""
    from ..api import LINES_DETECTED

    sides = dict(alignment.meta).get(LINES_DETECTED)
    if sides:
        which = " and ".join(sides.split(","))
        verb = "look" if "," in sides else "looks"
        click.echo(f"duiqi: the {which} {verb} like one sentence a line: aligned line by line as with "
                   "--no-split (give --split to split sentences)", err=True)


def progress_bar(paths, stream=None):
    """A phase progress callback and its bar (reading, aligning, writing) on a
    terminal's stderr for long inputs; ``(None, None)`` otherwise."""
    import os
    import shutil
    import sys

    stream = stream or sys.stderr
    try:
        size = sum(os.path.getsize(p) for p in paths if p and p != "-")
    except OSError:
        return None, None
    if not stream.isatty() or size < LONG_INPUT:
        return None, None
    from tqdm import tqdm

    width = min(shutil.get_terminal_size((80, 24)).columns or 80, 100)
    bar = tqdm(total=3, file=stream, leave=False, ncols=width, bar_format="duiqi: {desc:9} {bar} {elapsed}")

    def advance(phase: str) -> None:
        if bar.desc:
            bar.update(1)
        bar.set_description_str(phase)

    return advance, bar


def alignment_summary(alignment, level: str = "bead") -> str:
    """One line: sentences, units (two-sided, at ``level``) and low-confidence units."""
    pairs = [u for u in alignment.units(level, include_one_sided=False)]
    low = sum(1 for u in pairs if u.score is not None and u.score < LOW_CONFIDENCE)
    one_sided = sum(1 for b in alignment.beads if not b.is_pair)
    return (f"aligned {len(alignment.src)} source and {len(alignment.tgt)} target sentences into "
            f"{len(pairs)} unit(s), {low} of low confidence (score < {LOW_CONFIDENCE})"
            + (f", {one_sided} sentence(s) without a partner" if one_sided else ""))


def output_format(out: str | None, fmt: str | None, default: str = "tsv") -> str:
    """The format to write: ``fmt``, else OUT's extension, else ``default``; an error naming --format."""
    try:
        return format_to_write(None if out == STDIO else out, fmt, default).name
    except UnknownFormatError as e:
        raise AlignError(f"{e.path}: cannot tell the output format from the extension; give --format "
                         f"({'|'.join(e.choices)})") from None


def input_format_name(path: str, fmt: str | None, flag: str = "--from") -> str:
    """The readable format ``fmt``, else the one PATH's extension implies; else an error naming ``flag``."""
    try:
        return input_format(path, fmt).name
    except UnknownFormatError as e:
        raise AlignError(f"{e.path}: cannot tell the format from the extension or the content; "
                         f"give {flag} "
                         f"({', '.join(e.choices)})") from None


def alignment_options(func):
    """The options of every command that aligns two texts (align, check, review, batch)."""
    options = [
        click.option("--src-lang", help="Source language (default: detected), e.g. zh, zh-TW, en."),
        click.option("--tgt-lang", help="Target language (default: detected)."),
        click.option("--split/--no-split", "split", default=None,
                     help="Split sentences, or read one sentence a line (a blank line ends a paragraph). "
                          "Default: one sentence a line when the file looks so (said on stderr)."),
        click.option("--split-semicolon", is_flag=True, help="Also end Chinese sentences at ；."),
        click.option("--encoding", help="Force the input encoding (default: detected)."),
        click.option("--max-bead", type=click.IntRange(*AlignOptions.range("max_bead")),
                     default=AlignOptions.default("max_bead"), show_default=True, help=AlignOptions.doc("max_bead")),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def pass_alignment_options(func):
    """Collect the shared alignment options into one ``options`` argument, an :class:`AlignOptions`."""

    names = ("src_lang", "tgt_lang", "split", "split_semicolon", "encoding", "max_bead")

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        kwargs["options"] = AlignOptions.from_mapping({k: kwargs.pop(k) for k in names})
        return func(*args, **kwargs)

    return alignment_options(wrapper)
