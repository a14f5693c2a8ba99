"""Pieces shared by the CLI's commands: common options and output checks."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from corpora.errors import UnknownFormatError
from corpora.formats import input_format, output_format as format_to_write
from corpora.tmtools import check_distinct
from corpora.safeio import STDIO

from ..errors import AlignError
from ..options import AlignOptions

__all__ = ["check_output", "output_format", "input_format_name", "alignment_options", "pass_alignment_options"]


def check_output(out: str | None, *inputs: str | None) -> None:
    """Refuse to write over an input, into a directory, or into a missing directory."""
    if out is None or out == STDIO:
        return
    check_distinct(out, [inp for inp in inputs if inp is not None])
    if Path(out).is_dir():
        raise AlignError(f"{out}: is a directory")
    parent = Path(out).parent
    if str(parent) and not parent.exists():
        raise AlignError(f"{out}: cannot write (no such directory {parent})")


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
        click.option("--no-split", is_flag=True,
                     help="Input is one sentence a line; a blank line ends a paragraph."),
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

    names = ("src_lang", "tgt_lang", "no_split", "split_semicolon", "encoding", "max_bead")

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        kwargs["options"] = AlignOptions.from_mapping({k: kwargs.pop(k) for k in names})
        return func(*args, **kwargs)

    return alignment_options(wrapper)
