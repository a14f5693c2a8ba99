"""Provenance signatures: what made a file, in one line that formats and parses.

A signature is ``duiqi:0.1.0|key:value|key:value...``: the tool and version, then the
settings in order (the aligner: scorers and bead size; the checks: glossary and
languages). A command that rewrites a file records its command line instead:
``duiqi 0.1.0 tmx filter --min-score 0.5``. TMX and XLIFF headers, check reports and
the batch summary carry one. A ``|`` or ``\\`` inside a value is escaped with a
backslash, so ``Signature.parse(str(s)) == s``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Signature"]

_COMMAND = re.compile(r"(\w+) (\d[^\s|]*) ([^|]+)")

def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def _split(text: str) -> list[str]:
    """``text`` cut at its unescaped ``|``s (escapes kept)."""
    parts, current, escaped = [], [], False
    for ch in text:
        if ch == "|" and not escaped:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
        escaped = ch == "\\" and not escaped
    return [*parts, "".join(current)]


@dataclass(frozen=True)
class Signature:
    """The tool, its version and the settings of one run (``items``, in order)."""

    items: tuple[tuple[str, str], ...] = ()
    tool: str = "duiqi"
    version: str = ""
    command: str = ""

    @classmethod
    def of(cls, *items: tuple[str, object]) -> "Signature":
        """A signature of this duiqi version with the given ``(key, value)`` settings."""
        from . import __version__

        return cls(tuple((k, str(v)) for k, v in items), "duiqi", __version__)

    @classmethod
    def for_command(cls, command: str, **settings: object) -> "Signature":
        """A command's signature: ``duiqi 0.1.0 tmx filter --min-score 0.5`` (settings that are
        None, False or empty left out; ``_`` in names become ``-``)."""
        from . import __version__

        shown = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in settings.items() if v not in (None, False, ()))
        return cls((), "duiqi", __version__, f"{command} {shown}".strip())

    @classmethod
    def parse(cls, text: str) -> "Signature":
        """A signature from its text; a text that is not one gives ``Signature((("", text),))``."""
        parts = _split(text.strip())
        tool, sep, version = parts[0].partition(":")
        if not sep or not tool or " " in tool:
            line = _COMMAND.fullmatch(text.strip())
            if line:
                return cls((), line[1], line[2], line[3])
            return cls((("", text),), "", "")
        items = []
        for part in parts[1:]:
            key, _, value = part.partition(":")
            items.append((_unescape(key), _unescape(value)))
        return cls(tuple(items), _unescape(tool), _unescape(version))

    def get(self, key: str, default: str = "") -> str:
        """The value of setting ``key``."""
        return next((v for k, v in self.items if k == key), default)

    def __str__(self) -> str:
        if not self.tool:
            return "|".join(v for _, v in self.items)
        if self.command:
            return f"{self.tool} {self.version} {self.command}"
        head = f"{_escape(self.tool)}:{_escape(self.version)}"
        return "|".join([head, *(f"{_escape(k)}:{_escape(v)}" for k, v in self.items)])
