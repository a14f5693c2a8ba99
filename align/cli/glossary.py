"""The terminology commands: ``check``, ``score`` and ``glossary extract`` / ``glossary show``.

Thin: parse options, call :mod:`glossary`, print or write what it returns.
"""

from __future__ import annotations

import json

import click

from corpora import Reported, read_text
from corpora.humancsv import terminal_safe
from glossary.issues import KINDS as _KINDS
from glossary.match import TOLERANCES as _TOLERANCES
from glossary.match import parse_tolerances
from glossary.issues import parse_kinds
from glossary.errors import GlossaryError

from .options import check_output, pass_alignment_options, tell_lines_detected
from ..errors import AlignError
from ..options import AlignOptions

__all__ = ["check_cmd", "score_cmd", "glossary_group"]


def _kinds(ctx, param, value: str) -> tuple[str, ...]:
    try:
        return parse_kinds(value)
    except GlossaryError as e:
        raise click.BadParameter(str(e)) from None


def _tolerances(ctx, param, value: str) -> tuple[str, ...]:
    try:
        return parse_tolerances(value)
    except GlossaryError as e:
        raise click.BadParameter(str(e)) from None


def _lines(path: str, encoding: str | None) -> list[str]:
    return read_text(path, encoding).rstrip("\n").split("\n")


@click.command("check")
@click.argument("src", required=False, type=click.Path(dir_okay=False))
@click.argument("tgt", required=False, type=click.Path(dir_okay=False))
@click.option("-g", "--glossary", "glossary_path", required=True, type=click.Path(dir_okay=False),
              help="Term base: .csv, .tsv, .xlsx or .tbx (TBX v2 or v3).")
@click.option("--pairs", "pairs_path", type=click.Path(dir_okay=False),
              help="Check an existing alignment (TMX, TSV or JSONL) instead of aligning SRC and TGT.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False),
              help="Report file: .csv (issues), .json (issues and scores), .html or .txt "
                   "(default: a table on stdout).")
@click.option("--reference", type=click.Path(dir_okay=False),
              help="Reference translation for BLEU/chrF/TER: one line per pair, or any text "
                   "(then scored as one document).")
@click.option("--checks", default=",".join(_KINDS), show_default=True, callback=_kinds,
              help="Comma-separated issue kinds to report.")
@click.option("--tolerances", default=",".join(_TOLERANCES), show_default=True, callback=_tolerances,
              help="Comma-separated term-matching tolerances to apply, or 'none' for exact matching.")
@pass_alignment_options
def check_cmd(src, tgt, glossary_path, pairs_path, out, reference, checks, tolerances, options) -> None:
    """Check the terminology and numbers of TGT (a translation of SRC) against a glossary.

    Aligns SRC with TGT, or reads aligned pairs with --pairs, then reports missing,
    forbidden, inconsistent and unexpected terms and mismatched numbers, with scores.
    Exit code 1 when issues were found, 0 when clean, 2 on bad input.
    """
    from glossary import check_pairs, load_termbase
    from glossary.report import summary_lines, text_table, write_report

    from ..api import alignment_for

    if pairs_path and (src or tgt):
        raise AlignError("give either SRC and TGT, or --pairs FILE, not both")
    if not pairs_path and not (src and tgt):
        raise AlignError("give SRC and TGT to align, or --pairs FILE with aligned pairs")
    check_output(out, src, tgt, pairs_path, glossary_path, reference)
    termbase = load_termbase(glossary_path)
    alignment = alignment_for(src, tgt, pairs_path, options, termbase)
    tell_lines_detected(alignment)
    references = _lines(reference, options.encoding) if reference else None
    result = check_pairs(alignment.pairs(), termbase, alignment.src_lang, alignment.tgt_lang,
                         checks=checks, references=references, tolerances=tolerances)
    if out and out != "-":
        write_report(result, out)
        click.echo("\n".join(summary_lines(result)))
        click.echo(f"report written to {out}")
    else:
        click.echo(text_table(result), nl=False)
    if not result.ok:
        raise Reported()  # exit code 1: issues found


@click.command("score")
@click.argument("hyp", type=click.Path(dir_okay=False))
@click.argument("ref", type=click.Path(dir_okay=False))
@click.option("--lang", help="Language of HYP and REF (default: detected); Chinese uses sacrebleu's zh tokenizer.")
@click.option("--encoding", help="Force the input encoding (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def score_cmd(hyp, ref, lang, encoding, as_json) -> None:
    """BLEU, chrF and TER (sacrebleu) of HYP against REF, one segment a line."""
    from glossary import translation_scores

    from ..lang import detect_language, normalize_lang

    hyps = _lines(hyp, encoding)
    refs = _lines(ref, encoding)
    code = normalize_lang(lang) if lang else detect_language("\n".join(refs), ref)
    s = translation_scores(hyps, refs, code)
    if as_json:
        click.echo(json.dumps({"bleu": round(s.bleu, 4), "chrf": round(s.chrf, 4), "ter": round(s.ter, 4),
                               "segments": s.segments, "lang": code, "signature": s.signature},
                              ensure_ascii=False))
        return
    click.echo(f"BLEU {s.bleu:6.2f}\nchrF {s.chrf:6.2f}\nTER  {s.ter:6.2f}")
    click.echo(f"({s.segments} segment(s), {code}; {s.signature})")


@click.group("glossary")
def glossary_group() -> None:
    """Term base tools: mine candidate terms, show a term base."""


@glossary_group.command("extract")
@click.argument("pairs", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="Candidates file (.csv, or .tsv).")
@click.option("-g", "--glossary", "glossary_path", type=click.Path(dir_okay=False),
              help="Leave out candidates whose source or target already is a term of this glossary.")
@click.option("--min-count", type=click.IntRange(1), default=2, show_default=True,
              help="Least number of pairs an n-gram and a candidate pair must be seen in.")
@click.option("--per-term", type=click.IntRange(1), default=3, show_default=True,
              help="Most target candidates kept for one source n-gram.")
@click.option("--limit", type=click.IntRange(1), default=1000, show_default=True,
              help="Most candidates written.")
@click.option("--src-lang", help="Source language (default: from the file, else zh).")
@click.option("--tgt-lang", help="Target language (default: from the file, else en).")
def extract_cmd(pairs, out, glossary_path, min_count, per_term, limit, src_lang, tgt_lang) -> None:
    """Mine candidate term pairs from aligned PAIRS (TMX, TSV or JSONL), ranked."""
    from glossary import load_termbase
    from glossary.extract import candidates_separator, extract_candidates, write_candidates

    from ..api import alignment_for

    candidates_separator(out)
    check_output(out, pairs, glossary_path)
    termbase = load_termbase(glossary_path) if glossary_path else None
    alignment = alignment_for(pairs=pairs, options=AlignOptions(src_lang=src_lang, tgt_lang=tgt_lang))
    frame = extract_candidates(alignment, alignment.src_lang, alignment.tgt_lang, min_count=min_count,
                               per_term=per_term, limit=limit, termbase=termbase)
    write_candidates(frame, out)
    click.echo(f"{len(frame)} candidate pair(s) written to {out}", err=out == "-")


@glossary_group.command("show")
@click.argument("glossary_path", metavar="GLOSSARY", type=click.Path(dir_okay=False))
def show_cmd(glossary_path) -> None:
    """Print the terms of GLOSSARY as read (a check that the file parses as intended)."""
    from glossary import load_termbase

    tb = load_termbase(glossary_path)
    frame = tb.to_frame()
    click.echo(terminal_safe(frame.to_csv(sep="\t", index=False)), nl=False)
    click.echo(terminal_safe(f"({len(tb.concepts)} concepts, {len(tb)} terms, languages: {', '.join(tb.languages)})"))


