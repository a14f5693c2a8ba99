"""duiqi's aligner: sentence segmentation, bead scoring, a linear-time search, the CLI."""

from __future__ import annotations

from corpora import Alignment, Bead, Segment, __version__

from .aligner import Aligner
from .api import align_files, align_texts
from .errors import AlignError, LanguageError
from .evaluate import Scores, score_alignments, score_files
from .lang import detect_language, normalize_lang
from .options import AlignOptions
from .segment import segment_lines, segment_text, split_sentences

__all__ = [
    "__version__",
    "align_texts",
    "align_files",
    "Aligner",
    "AlignOptions",
    "Alignment",
    "Bead",
    "Segment",
    "AlignError",
    "LanguageError",
    "Scores",
    "score_alignments",
    "score_files",
    "detect_language",
    "normalize_lang",
    "segment_text",
    "segment_lines",
    "split_sentences",
]
