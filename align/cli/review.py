"""``duiqi review``: write the HTML page to see, fix and export an alignment."""

from __future__ import annotations

from pathlib import Path

import click

from corpora.formats import reader_names

from .options import check_output, pass_alignment_options
from ..errors import AlignError

__all__ = ["review_cmd"]


@click.command("review")
@click.argument("src", required=False, type=click.Path(dir_okay=False))
@click.argument("tgt", required=False, type=click.Path(dir_okay=False))
@click.option("--pairs", type=click.Path(dir_okay=False),
              help="Review an existing alignment (TMX, TSV or JSONL) instead of aligning SRC and TGT.")
@click.option("--pairs-format", type=click.Choice(reader_names()),
              help="Format of --pairs (default: from its extension).")
@click.option("--glossary", "glossary_path", type=click.Path(dir_okay=False),
              help="Highlight this glossary's terms (CSV or TBX) and mark its term issues.")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="The HTML page to write.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Shade beads scoring below this as low-confidence.")
@click.option("--title", help="Title of the page (default: the input file names).")
@pass_alignment_options
def review_cmd(src, tgt, pairs, pairs_format, glossary_path, out, threshold, title, options) -> None:
    """Write a self-contained HTML page to review the alignment of SRC and TGT.

    Open it in a browser from disk: it shows the beads side by side with their scores,
    the alignment path, glossary terms and issues; it lets you merge, split, move and
    reject beads (undoable) and downloads the corrected alignment as TMX or TSV.
    """
    from ..review.page import ReviewOptions, write_review

    if pairs and (src or tgt):
        raise click.UsageError("give SRC and TGT, or --pairs, not both")
    if not pairs and not (src and tgt):
        raise click.UsageError("give SRC and TGT to align, or --pairs FILE")
    if out != "-" and Path(out).suffix.lower() not in (".html", ".htm"):
        raise AlignError(f"{out}: the review page is HTML; name it .html")
    check_output(out, src, tgt, pairs, glossary_path)
    from ..api import alignment_for

    alignment = alignment_for(src, tgt, pairs, options, glossary_path, pairs_format)
    sources = (Path(pairs).name,) if pairs else (Path(src).name, Path(tgt).name)
    highlights, issues = [], []
    if glossary_path:
        from ..review.glossary import glossary_annotations

        highlights, issues = glossary_annotations(alignment, glossary_path)
    options = ReviewOptions(
        title=title or " ↔ ".join(sources),
        threshold=threshold,
        export_name=Path(out).stem if out != "-" else "review",
        sources=sources,
    )
    write_review(alignment, out, highlights, issues, options)
