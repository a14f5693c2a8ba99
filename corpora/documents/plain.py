"""Plain text: read as it is (encoding detected); the segmenter finds its paragraphs."""

from __future__ import annotations

from ..errors import InputError
from ..textio import decode_bytes
from .model import Document

__all__ = ["read"]


def read(data: bytes, name: str, encoding: str | None = None) -> Document:
    """The text of a plain text file, kept exactly (line ends normalized)."""
    text = decode_bytes(data, name, encoding)
    if not text.strip():
        raise InputError(f"{name}: file has no text")
    return Document("txt", raw=text)
