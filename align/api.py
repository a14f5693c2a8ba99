"""The Python API: texts in, an :class:`~corpora.Alignment` out."""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Callable, Sequence, Union

from corpora import UNIT_LEVELS, Alignment, Segment

from .aligner import Aligner
from .errors import AlignError
from .lang import detect_language, normalize_lang
from .lexicon import Lexicon
from .lines import looks_like_sentence_lines
from .options import AlignOptions
from .segment import segment_lines, segment_text
from .split import split_beads

if TYPE_CHECKING:  # pragma: no cover
    from glossary import TermBase

__all__ = ["align_texts", "align_files", "alignment_for", "prepare_side", "load_aligner", "segment_file",
           "sentences_text", "LINES_DETECTED", "Split"]


MAX_LINE = 1_000_000
LINES_DETECTED = "lines-detected"
"""Key of :attr:`Alignment.meta` naming the sides read line by line because they
looked like one sentence a line (``source``, ``target`` or ``source,target``)."""

Split = Union[bool, None, "tuple[bool | None, bool | None]"]
"""Sentence splitting: True splits, False reads one sentence a line, None decides
from the text (:func:`~align.lines.looks_like_sentence_lines`); a pair sets each side."""


def _prepare(text: str, lang: str | None, split: bool | None, name: str,
             semicolon: bool) -> tuple[tuple[Segment, ...], str, bool]:
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE:
            raise AlignError(f"{name}: line {number} has {len(line):,} characters; a text to align "
                             f"has lines of at most {MAX_LINE:,}")
    if lang:
        from corpora.hanzi import refine_chinese

        code = refine_chinese(normalize_lang(lang), text[:20_000])
    else:
        code = detect_language(text, name)
    detected = split is None and looks_like_sentence_lines(text, code)
    if split is None:
        split = not detected
    segments = segment_text(text, code, semicolon) if split else segment_lines(text)
    if not segments:
        raise AlignError(f"{name}: no sentences found")
    return segments, code, detected


def prepare_side(text: str, lang: str | None, split: bool | None = True, name: str = "<text>",
                 semicolon: bool = False) -> tuple[tuple[Segment, ...], str]:
    """Segments of a text and its (detected or validated) language.

    ``split=None`` reads the text line by line when it looks like one sentence a
    line, else splits it. A line of more than MAX_LINE characters is refused: it is
    not running text.
    """
    segments, code, _ = _prepare(text, lang, split, name, semicolon)
    return segments, code


def align_texts(
    src_text: str,
    tgt_text: str,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    split: Split = None,
    options: AlignOptions | None = None,
    aligner: Aligner | None = None,
    translation: Sequence[str] | None = None,
    glossary: "str | os.PathLike[str] | TermBase | None" = None,
    split_semicolon: bool | None = None,
    names: tuple[str, str] = ("source", "target"),
    units: str = "sentence",
) -> Alignment:
    """Segment two texts into sentences and align them.

    ``options`` holds every setting (languages, splitting, bead size, ...); the keyword
    arguments that are not None override it. Languages are detected when not given.
    With ``split=False`` every non-empty line is one sentence and a blank line ends a
    paragraph; with ``split=None`` (the default) a text that looks like one sentence a
    line is read so (recorded in the result's ``meta`` under :data:`LINES_DETECTED`),
    others are split; a pair ``(src, tgt)`` sets each side. ``translation``: a machine translation of the source into the target
    language, one line per source sentence. ``glossary``: a term base (or its path)
    whose terms anchor the alignment. Pass an ``aligner`` to reuse its loaded
    dictionary across calls (options given with it must agree with its own);
    ``names`` name the texts in error messages. ``units="sentence"`` (the default)
    also cuts many-to-one beads into sentence-level units where the cut is confident
    (:func:`align.split.split_beads`; the beads stay as they are); ``"bead"`` does not.
    """
    sides = split if isinstance(split, tuple) else None
    opts = (options or AlignOptions()).updated(src_lang=src_lang, tgt_lang=tgt_lang,
                                               split=None if sides is not None else split,
                                               split_semicolon=split_semicolon)
    engine = _engine(aligner, opts if options is not None else None)
    s_split, t_split = sides if sides is not None else (opts.split, opts.split)
    src, s_lang, s_lines = _prepare(src_text, opts.src_lang, s_split, names[0], opts.split_semicolon)
    tgt, t_lang, t_lines = _prepare(tgt_text, opts.tgt_lang, t_split, names[1], opts.split_semicolon)
    if translation is not None and len(translation) != len(src):
        raise AlignError(
            f"the translation has {len(translation)} lines, but {names[0]} has {len(src)} "
            "sentences; give one translated line per source sentence"
            + ("" if s_split is False or s_lines else " (or give the texts one sentence a line, unsplit)")
        )
    extra = []
    if glossary is not None:
        from glossary import load_termbase

        from .scorers.glossary import GlossaryScorer

        termbase = load_termbase(glossary) if isinstance(glossary, (str, os.PathLike)) else glossary
        extra.append(GlossaryScorer(termbase))
    if units not in UNIT_LEVELS:
        raise AlignError(f"unknown unit level {units!r} (known: {', '.join(UNIT_LEVELS)})")
    aligned = engine.align_with_units(src, tgt, s_lang, t_lang, extra_scorers=extra, translation=translation)
    alignment = aligned.alignment
    detected = ",".join(side for side, flag in (("source", s_lines), ("target", t_lines)) if flag)
    if detected:
        alignment = dataclasses.replace(alignment, meta=alignment.meta + ((LINES_DETECTED, detected),))
    return split_beads(alignment, engine, unit_models=aligned.units) if units == "sentence" else alignment


def _engine(aligner: Aligner | None, options: AlignOptions | None) -> Aligner:
    """``aligner``, checked against ``options`` when both are given, else a new one."""
    if aligner is None:
        return Aligner(options)
    if options is not None:
        differences = options.engine().differences(aligner.options)
        if differences:
            raise AlignError("the options differ from the aligner's (" + "; ".join(differences)
                             + "): make the aligner with these options")
    return aligner


def align_files(
    src_path: str | os.PathLike[str],
    tgt_path: str | os.PathLike[str],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    no_split: bool | None = None,
    split_semicolon: bool | None = None,
    encoding: str | None = None,
    max_bead: int | None = None,
    aligner: Aligner | None = None,
    src_translation: str | os.PathLike[str] | None = None,
    glossary: "str | os.PathLike[str] | TermBase | None" = None,
    options: AlignOptions | None = None,
    units: str = "sentence",
    progress: "Callable[[str], None] | None" = None,
) -> Alignment:
    """Read two documents and align them as :func:`align_texts` does.

    Any document format of :mod:`corpora.documents` (plain text with its encoding
    detected unless ``encoding``, DOCX, ODT, PDF, HTML, EPUB, SRT/VTT, Markdown);
    ``-`` is standard input. ``no_split``: True reads one sentence a line, False
    splits sentences, None (the options' split) decides from each text by default.
    Subtitle cues are never split. ``src_translation`` is a file, one line per
    source sentence. ``progress`` is called with the name of each phase as it
    starts (``reading``, ``aligning``).

    The keyword arguments that are not None override ``options``; with an ``aligner``,
    options that differ from its own are an AlignError, never silently dropped.
    """
    from corpora import read_text
    from corpora.documents import read_document

    given = options is not None or max_bead is not None
    opts = (options or AlignOptions()).updated(
        src_lang=src_lang, tgt_lang=tgt_lang, split=None if no_split is None else not no_split,
        split_semicolon=split_semicolon, encoding=encoding, max_bead=max_bead)
    if progress is not None:
        progress("reading")
    translation = None
    if src_translation is not None:
        translation = [line.strip() for line in read_text(src_translation, opts.encoding).split("\n")
                       if line.strip()]
    src_doc = read_document(src_path, encoding=opts.encoding)
    tgt_doc = read_document(tgt_path, encoding=opts.encoding)
    if progress is not None:
        progress("aligning")
    names = tuple("<stdin>" if str(p) == "-" else str(p) for p in (src_path, tgt_path))
    split = (False if src_doc.segmented else opts.split, False if tgt_doc.segmented else opts.split)
    alignment = align_texts(
        src_doc.text, tgt_doc.text,
        opts.src_lang, opts.tgt_lang, split, options=opts if given else None, aligner=aligner,
        split_semicolon=opts.split_semicolon,
        translation=translation, glossary=glossary, names=names, units=units,
    )
    return dataclasses.replace(alignment, src=_with_props(alignment.src, src_doc),
                               tgt=_with_props(alignment.tgt, tgt_doc))


def _with_props(segments: tuple[Segment, ...], doc) -> tuple[Segment, ...]:
    """Segments carrying their cues' props (timecodes) when ``doc`` is segmented."""
    blocks = [b for b in doc.blocks if b.text]
    if not doc.segmented or len(blocks) != len(segments):
        return segments
    return tuple(dataclasses.replace(seg, props=b.props) for seg, b in zip(segments, blocks))


def segment_file(path: str | os.PathLike[str], lang: str | None = None, split_semicolon: bool = False,
                 encoding: str | None = None) -> tuple[tuple[Segment, ...], str]:
    """The sentences of a document (any format :func:`align_files` reads; ``-`` is
    standard input) as the aligner splits them, and its language."""
    from corpora.documents import read_document

    doc = read_document(path, encoding=encoding)
    name = "<stdin>" if str(path) == "-" else str(path)
    return prepare_side(doc.text, lang, not doc.segmented, name, split_semicolon)


def sentences_text(segments: Sequence[Segment]) -> str:
    """One sentence a line, a blank line where a paragraph ends: the layout that
    ``--no-split`` and ``--src-translation`` read."""
    lines: list[str] = []
    for k, seg in enumerate(segments):
        if k and seg.paragraph != segments[k - 1].paragraph:
            lines.append("")
        lines.append(" ".join(seg.text.split()))
    return "\n".join(lines) + "\n"


def alignment_for(
    src_path: str | os.PathLike[str] | None = None,
    tgt_path: str | os.PathLike[str] | None = None,
    pairs: str | os.PathLike[str] | None = None,
    options: AlignOptions | None = None,
    glossary: "str | os.PathLike[str] | TermBase | None" = None,
    pairs_format: str | None = None,
) -> Alignment:
    """The alignment a command works on: the aligned ``pairs`` file (TMX, TSV, JSONL,
    XLIFF; read with the options' languages, else the file's, and encoding), or the
    two files aligned (with the glossary's terms as anchors). AlignError unless exactly
    one of the two is given."""
    opts = options or AlignOptions()
    if pairs is not None and (src_path or tgt_path):
        raise AlignError("give two texts to align or aligned pairs, not both")
    if pairs is None:
        if not (src_path and tgt_path):
            raise AlignError("give two texts to align, or aligned pairs")
        return align_files(src_path, tgt_path, glossary=glossary, options=opts)
    from corpora.formats import read_alignment
    from corpora.lang import canonical_lang

    langs = {k: canonical_lang(v) for k, v in (("src_lang", opts.src_lang), ("tgt_lang", opts.tgt_lang)) if v}
    return read_alignment(pairs, pairs_format, encoding=opts.encoding, **langs)


def load_aligner(lexicon: str | os.PathLike[str] | None, options: AlignOptions | int | None = None) -> Aligner | None:
    """An aligner with ``options`` using the lexicon saved at ``lexicon``; None when no path is given.

    (``options`` may still be a bare ``max_bead``, as before.)
    """
    if lexicon is None:
        return None
    if isinstance(options, int):
        options = AlignOptions(max_bead=options)
    return Aligner(options, lexicon=Lexicon.load(lexicon))
