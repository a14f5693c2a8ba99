"""``duiqi convert`` and ``duiqi tmx merge|filter|dedupe``: translation memories in and out.

A thin layer over :mod:`corpora.formats` and :mod:`corpora.tmtools`: units stream
from reader to writer, so inline tags, props and notes survive and memory does not
grow with the file. Outputs are written atomically; an input is never overwritten.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter

import click

from corpora import DuiqiWarning
from corpora.formats import output_format as format_to_write
from corpora.formats import read_units, reader_names, write_units, writer_names
from corpora.signature import Signature
from corpora.tmtools import FilterOptions, UnitTally, convert_file, dedupe_units, filter_units, merge_headers

from .options import check_output, input_format_name, output_format

__all__ = ["convert_cmd", "tmx_group"]


def _signature(command: str, **settings) -> Signature:
    return Signature.for_command(command, **settings)


def _report(written: int, dropped: Counter | None = None) -> None:
    detail = ", ".join(f"{n} {reason}" for reason, n in sorted(dropped.items())) if dropped else ""
    click.echo(f"duiqi: wrote {written} unit(s)" + (f"; dropped {detail}" if detail else ""), err=True)
    if written == 0:
        warnings.warn("no translation units left to write", DuiqiWarning, stacklevel=2)


def _finite(value: float | None, name: str) -> float | None:
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number (give a finite score, e.g. 0.5)", param_hint=name)
    return value


@click.command("convert")
@click.argument("src", metavar="IN", type=click.Path(dir_okay=False))
@click.argument("out", metavar="OUT", type=click.Path(dir_okay=False))
@click.option("--from", "from_fmt", type=click.Choice(reader_names()), help="Input format (default: from IN's extension).")
@click.option("--to", "to_fmt", type=click.Choice(writer_names()), help="Output format (default: from OUT's extension).")
@click.option("--src-lang", help="Source language (default: from the file, else zh for TSV/JSONL).")
@click.option("--tgt-lang", help="Target language (default: from the file, else en for TSV/JSONL).")
@click.option("--encoding", help="Force the input encoding (default: detected).")
def convert_cmd(src, out, from_fmt, to_fmt, src_lang, tgt_lang, encoding) -> None:
    """Convert a translation memory or bitext IN to OUT (TMX, TSV, JSONL, XLIFF, ...).

    TMX and XLIFF keep inline tags, props and notes; TSV and JSONL hold the plain
    text of two languages.
    """
    fmt_in = input_format_name(src, from_fmt)
    fmt_out = output_format(out, to_fmt)
    check_output(out, src)
    sig = _signature("convert", **{"from": fmt_in, "to": fmt_out})
    dropped: Counter = Counter()
    written = convert_file(src, out, fmt_in, fmt_out, sig, dropped, src_lang=src_lang, tgt_lang=tgt_lang,
                           encoding=encoding)
    _report(written, dropped)


@click.group("tmx")
def tmx_group() -> None:
    """Merge, filter and deduplicate TMX files (streaming; tags, props and notes kept)."""


def _tmx_output(out: str, *inputs: str) -> str:
    """The output's format (from its extension, else TMX), after refusing OUT == IN."""
    check_output(out, *inputs)
    return format_to_write(out, default="tmx", fallback=True).name


_encoding = click.option("--encoding", help="Force the input encoding (default: detected).")
_output = click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
                       help="Output file (format from the extension; .tmx for TMX).")


@tmx_group.command("merge")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_output
@click.option("--dedupe", is_flag=True, help="Also drop units seen before (see 'tmx dedupe').")
@click.option("--renumber", is_flag=True, help="Number the units' tuid 1, 2, ... (default: keep them).")
@_encoding
def merge_cmd(inputs, out, dedupe, renumber, encoding) -> None:
    """Concatenate the units of several TMX files into OUT, in order.

    The header is the first file's (srclang *all* unless all files agree), with
    the props and notes of every file.
    """
    fmt = _tmx_output(out, *inputs)
    sources = [read_units(path, "tmx", encoding=encoding) for path in inputs]
    header = merge_headers([h for h, _ in sources])
    units = (u for _, stream in sources for u in stream)
    dropped: Counter = Counter()
    if dedupe:
        units = dedupe_units(units, dropped)
    sig = _signature("tmx merge", dedupe=dedupe, renumber=renumber)
    tally = UnitTally(units)
    written = write_units(tally, out, fmt, header, signature=sig, renumber=renumber or None)
    tally.left_out(written, dropped)
    _report(written, dropped)


@tmx_group.command("filter")
@click.argument("src", metavar="IN", type=click.Path(dir_okay=False))
@_output
@click.option("--min-score", type=float, callback=lambda ctx, param, v: _finite(v, "--min-score"),
              help="Drop units whose x-score is below S (unscored units are kept).")
@click.option("--max-length-ratio", type=click.FloatRange(min=1.0),
              help="Drop units whose longer side has more than R times the characters of the shorter.")
@click.option("--lang", "langs", multiple=True,
              help="Keep only variants in language L (repeatable); drop units missing one.")
@click.option("--drop-empty", is_flag=True, help="Drop units with an empty side.")
@click.option("--drop-identical", is_flag=True, help="Drop units whose source and target are the same.")
@click.option("--src-lang", help="Source language for the checks (default: the header's srclang).")
@click.option("--tgt-lang", help="Target language for the checks (default: the first other language).")
@_encoding
def filter_cmd(src, out, min_score, max_length_ratio, langs, drop_empty, drop_identical, src_lang, tgt_lang,
               encoding) -> None:
    """Write the units of IN that pass the filters to OUT."""
    fmt = _tmx_output(out, src)
    header, units = read_units(src, "tmx", encoding=encoding)
    options = FilterOptions(min_score, max_length_ratio, tuple(langs), drop_empty, drop_identical, src_lang, tgt_lang)
    dropped: Counter = Counter()
    sig = _signature("tmx filter", min_score=min_score, max_length_ratio=max_length_ratio,
                     lang=",".join(langs) or None, drop_empty=drop_empty, drop_identical=drop_identical)
    kept = filter_units(units, options, header, dropped)
    tally = UnitTally(kept)
    written = write_units(tally, out, fmt, header, signature=sig, src_lang=src_lang, tgt_lang=tgt_lang)
    tally.left_out(written, dropped)
    _report(written, dropped)


@tmx_group.command("dedupe")
@click.argument("src", metavar="IN", type=click.Path(dir_okay=False))
@_output
@_encoding
def dedupe_cmd(src, out, encoding) -> None:
    """Write IN to OUT without repeated units.

    Units are the same when they have the same languages with the same plain
    text (inline tags and surrounding white space ignored). The first is kept
    with its own props and notes.
    """
    fmt = _tmx_output(out, src)
    header, units = read_units(src, "tmx", encoding=encoding)
    dropped: Counter = Counter()
    tally = UnitTally(dedupe_units(units, dropped))
    written = write_units(tally, out, fmt, header, signature=_signature("tmx dedupe"))
    tally.left_out(written, dropped)
    _report(written, dropped)
