"""duiqi's data layer: parallel text, its file formats and the bundled corpus."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import CorporaError, DuiqiError, DuiqiWarning, FormatError, InputError, Reported
from .model import UNIT_LEVELS, Alignment, Bead, Segment, Split, TextPair, is_cjk_lang, join_segments
from .textio import atomic_write, read_text
from .safeio import read_bytes, safe_write
from .humancsv import terminal_safe, write_human_csv
from .signature import Signature
from .bundled import BundledCorpus, bundled_corpus

__all__ = [
    "__version__",
    "Alignment",
    "Bead",
    "Segment",
    "Split",
    "TextPair",
    "UNIT_LEVELS",
    "Signature",
    "is_cjk_lang",
    "join_segments",
    "read_text",
    "atomic_write",
    "safe_write",
    "read_bytes",
    "write_human_csv",
    "terminal_safe",
    "DuiqiError",
    "CorporaError",
    "InputError",
    "FormatError",
    "DuiqiWarning",
    "Reported",
    "BundledCorpus",
    "bundled_corpus",
]
