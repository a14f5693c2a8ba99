"""Subtitles (.srt, .vtt): one segment per cue, its timecodes kept as properties."""

from __future__ import annotations

import re

from ..errors import FormatError
from ..textio import decode_bytes
from .model import Block, Document
from .text import clean_block

__all__ = ["read_srt", "read_vtt", "START_PROP", "END_PROP"]

START_PROP = "x-start"
END_PROP = "x-end"
_TIME = r"(\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})(?:\s.*)?$")
_TAGS = re.compile(r"<[^>\n]*>")
_ASS = re.compile(r"\{\\[^}]*\}")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&lrm;": "", "&rlm;": ""}


def _cue_text(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = _ASS.sub("", _TAGS.sub("", text))
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return clean_block(text)


def _cues(text: str, name: str, fmt: str) -> Document:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip("\n")):
        lines = [ln for ln in chunk.split("\n")]
        timing = next((k for k, ln in enumerate(lines) if _TIMING.match(ln)), None)
        if timing is None:
            continue  # a WEBVTT header, NOTE, STYLE or REGION block, or junk
        if fmt == "vtt" and lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        m = _TIMING.match(lines[timing])
        content = _cue_text(lines[timing + 1:])
        if content:
            props = ((START_PROP, m.group(1).replace(".", ",") if fmt == "srt" else m.group(1)),
                     (END_PROP, m.group(3).replace(".", ",") if fmt == "srt" else m.group(3)))
            blocks.append(Block(content, "cue", props))
    if not blocks:
        raise FormatError(f"{name}: no subtitle cues found")
    return Document(fmt, tuple(blocks), segmented=True)


def read_srt(data: bytes, name: str) -> Document:
    """The cues of a SubRip file."""
    return _cues(decode_bytes(data, name), name, "srt")


def read_vtt(data: bytes, name: str) -> Document:
    """The cues of a WebVTT file."""
    text = decode_bytes(data, name).lstrip("\ufeff")
    if not text.startswith("WEBVTT"):
        raise FormatError(f"{name}: not a WebVTT file (no WEBVTT line at the start)")
    return _cues(text, name, "vtt")
