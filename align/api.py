"""The Python API: texts in, an :class:`~corpora.Alignment` out."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from corpora import Alignment, Segment

from .aligner import Aligner, AlignOptions
from .errors import AlignError
from .lang import detect_language, normalize_lang
from .segment import segment_lines, segment_text

if TYPE_CHECKING:  # pragma: no cover
    from glossary import TermBase

__all__ = ["align_texts", "align_files", "prepare_side"]


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
    split: bool = True,
    options: AlignOptions | None = None,
    aligner: Aligner | None = None,
) -> Alignment:
    """Segment two texts into sentences and align them.

    Languages are detected when not given. With ``split=False`` every non-empty line
    is one sentence and a blank line ends a paragraph. Pass an ``aligner`` to reuse
    its loaded dictionary across calls.
    """
    src, s_lang = prepare_side(src_text, src_lang, split, "source")
    tgt, t_lang = prepare_side(tgt_text, tgt_lang, split, "target")
    engine = aligner or Aligner(options)
    return engine.align(src, tgt, s_lang, t_lang)


def align_files(
    src_path: str,
    tgt_path: str,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    no_split: bool = False,
    split_semicolon: bool = False,
    encoding: str | None = None,
    max_bead: int = 5,
    aligner: Aligner | None = None,
    src_translation: str | None = None,
    glossary: "str | TermBase | None" = None,
) -> Alignment:
    """Read, segment and align two files (encodings detected unless ``encoding``).

    ``src_translation``: a file with a machine translation of the source into the
    target language, one line per source sentence (blank lines ignored).
    ``glossary``: a term base (or its path) whose terms anchor the alignment.
    """
    from corpora import read_text

    src_text = read_text(src_path, encoding)
    tgt_text = read_text(tgt_path, encoding)
    src, s_lang = prepare_side(src_text, src_lang, not no_split, str(src_path), split_semicolon)
    tgt, t_lang = prepare_side(tgt_text, tgt_lang, not no_split, str(tgt_path), split_semicolon)
    translation = None
    if src_translation is not None:
        translation = [line.strip() for line in read_text(src_translation, encoding).split("\n") if line.strip()]
        if len(translation) != len(src):
            raise AlignError(
                f"{src_translation}: {len(translation)} lines, but {src_path} has {len(src)} "
                "sentences; give one translated line per source sentence"
                + ("" if no_split else " (or use --no-split with one sentence a line)")
            )
    extra = []
    if glossary is not None:
        from glossary import load_termbase

        from .scorers.glossary import GlossaryScorer

        termbase = load_termbase(glossary) if isinstance(glossary, (str, os.PathLike)) else glossary
        extra.append(GlossaryScorer(termbase))
    engine = aligner or Aligner(AlignOptions(max_bead=max_bead))
    return engine.align(src, tgt, s_lang, t_lang, extra_scorers=extra, translation=translation)
