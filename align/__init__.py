"""duiqi's aligner: sentence segmentation, bead scoring, a linear-time search, the CLI.

The names below are imported on first use (PEP 562), so that ``import align.cli``
(``duiqi --help``, ``duiqi convert``) does not load the engine, numpy or scipy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpora import Alignment, Bead, Segment, __version__
from corpora.lazy import lazy_names

from .errors import AlignError, LanguageError

if TYPE_CHECKING:  # pragma: no cover
    from .aligner import Aligner
    from .api import align_files, align_texts
    from .evaluate import Scores, score_alignments, score_files
    from .lang import detect_language, normalize_lang
    from .options import AlignOptions
    from .segment import segment_lines, segment_text, split_sentences

# public name → the submodule that defines it
_LAZY = {
    "Aligner": "aligner",
    "align_texts": "api",
    "align_files": "api",
    "Scores": "evaluate",
    "score_alignments": "evaluate",
    "score_files": "evaluate",
    "detect_language": "lang",
    "normalize_lang": "lang",
    "AlignOptions": "options",
    "segment_text": "segment",
    "segment_lines": "segment",
    "split_sentences": "segment",
}

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


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
