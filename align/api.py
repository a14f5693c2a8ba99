"""The Python API: texts in, an :class:`~corpora.Alignment` out."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Sequence

from corpora import UNIT_LEVELS, Alignment, Segment

from .aligner import Aligner
from .errors import AlignError
from .lang import detect_language, normalize_lang
from .lexicon import Lexicon
from .options import AlignOptions
from .segment import segment_lines, segment_text
from .split import split_beads

if TYPE_CHECKING:  # pragma: no cover
    from glossary import TermBase

__all__ = ["align_texts", "align_files", "alignment_for", "prepare_side", "load_aligner"]


MAX_LINE = 1_000_000


def prepare_side(text: str, lang: str | None, split: bool = True, name: str = "<text>",
                 semicolon: bool = False) -> tuple[tuple[Segment, ...], str]:
    """Segments of a text and its (detected or validated) language.

    A line of more than MAX_LINE characters is refused: it is not running text.
    """
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE:
            raise AlignError(f"{name}: line {number} has {len(line):,} characters; a text to align "
                             f"has lines of at most {MAX_LINE:,}")
    code = normalize_lang(lang) if lang else detect_language(text, name)
    segments = segment_text(text, code, semicolon) if split else segment_lines(text)
    if not segments:
        raise AlignError(f"{name}: no sentences found")
    return segments, code


def align_texts(
    src_text: str,
    tgt_text: str,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    split: bool | None = None,
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
    paragraph. ``translation``: a machine translation of the source into the target
    language, one line per source sentence. ``glossary``: a term base (or its path)
    whose terms anchor the alignment. Pass an ``aligner`` to reuse its loaded
    dictionary across calls (options given with it must agree with its own);
    ``names`` name the texts in error messages. ``units="sentence"`` (the default)
    also cuts many-to-one beads into sentence-level units where the cut is confident
    (:func:`align.split.split_beads`; the beads stay as they are); ``"bead"`` does not.
    """
    opts = (options or AlignOptions()).updated(src_lang=src_lang, tgt_lang=tgt_lang, split=split,
                                               split_semicolon=split_semicolon)
    engine = _engine(aligner, opts if options is not None else None)
    src, s_lang = prepare_side(src_text, opts.src_lang, opts.split, names[0], opts.split_semicolon)
    tgt, t_lang = prepare_side(tgt_text, opts.tgt_lang, opts.split, names[1], opts.split_semicolon)
    if translation is not None and len(translation) != len(src):
        raise AlignError(
            f"the translation has {len(translation)} lines, but {names[0]} has {len(src)} "
            "sentences; give one translated line per source sentence"
            + ("" if not opts.split else " (or give the texts one sentence a line, unsplit)")
        )
    extra = []
    if glossary is not None:
        from glossary import load_termbase

        from .scorers.glossary import GlossaryScorer

        termbase = load_termbase(glossary) if isinstance(glossary, (str, os.PathLike)) else glossary
        extra.append(GlossaryScorer(termbase))
    if units not in UNIT_LEVELS:
        raise AlignError(f"unknown unit level {units!r} (known: {', '.join(UNIT_LEVELS)})")
    alignment = engine.align(src, tgt, s_lang, t_lang, extra_scorers=extra, translation=translation)
    return split_beads(alignment, engine) if units == "sentence" else alignment


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
) -> Alignment:
    """Read two files (encodings detected unless ``encoding``) and align them as
    :func:`align_texts` does; ``src_translation`` is a file, one line per source sentence.

    The keyword arguments that are not None override ``options``; with an ``aligner``,
    options that differ from its own are an AlignError, never silently dropped.
    """
    from corpora import read_text

    given = options is not None or max_bead is not None
    opts = (options or AlignOptions()).updated(
        src_lang=src_lang, tgt_lang=tgt_lang, split=None if no_split is None else not no_split,
        split_semicolon=split_semicolon, encoding=encoding, max_bead=max_bead)
    translation = None
    if src_translation is not None:
        translation = [line.strip() for line in read_text(src_translation, opts.encoding).split("\n")
                       if line.strip()]
    return align_texts(
        read_text(src_path, opts.encoding), read_text(tgt_path, opts.encoding),
        opts.src_lang, opts.tgt_lang, opts.split, options=opts if given else None, aligner=aligner,
        split_semicolon=opts.split_semicolon,
        translation=translation, glossary=glossary, names=(str(src_path), str(tgt_path)), units=units,
    )


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
