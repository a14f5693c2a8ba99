"""Pieces shared by the CLI's commands: common options, and the library's checks with the flags named."""

from __future__ import annotations

import functools

import click

from corpora.errors import UnknownFormatError
from corpora.formats import input_format, output_format as format_to_write
from corpora.safeio import STDIO
from corpora.textio import check_output

from ..errors import AlignError
from ..options import AlignOptions

__all__ = ["check_output", "output_format", "input_format_name", "alignment_options", "pass_alignment_options"]


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
