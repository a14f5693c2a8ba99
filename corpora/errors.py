"""Errors raised by duiqi's packages.

Every error that bad input can cause derives from :class:`DuiqiError`; each package
has its own base class below it (``CorporaError`` here, ``GlossaryError`` and
``AlignError`` in the packages above). Each class carries the exit code a command
ends with (``exit_code``, click's habit): 2 for bad input; the CLI prints the
message as one line on stderr and exits with that code.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["DuiqiError", "CorporaError", "InputError", "FormatError", "UnknownFormatError", "Reported",
           "DuiqiWarning"]


class DuiqiError(Exception):
    """Root of every error duiqi raises on bad input or bad options."""

    exit_code: ClassVar[int] = 2


class Reported(DuiqiError):
    """Not an error of the run: it finished, and what it found (term issues, pairs that
    failed) has been reported. Exit code 1; its message, if any, is one more line."""

    exit_code: ClassVar[int] = 1


class CorporaError(DuiqiError):
    """An error reading, writing or validating parallel text."""


class InputError(CorporaError):
    """An input file is missing, empty, binary or undecodable."""


class FormatError(CorporaError):
    """A file does not follow its format, or the format is unknown."""


class UnknownFormatError(FormatError):
    """A file name whose extension names no format: ``path`` and the format names that fit."""

    def __init__(self, path: str, choices: list[str], role: str = "") -> None:
        self.path, self.choices = path, choices
        super().__init__(f"{path}: cannot tell the format from the extension; name the {role + ' ' if role else ''}"
                         f"format ({', '.join(choices)})")


class DuiqiWarning(UserWarning):
    """Data was changed on the way (e.g. characters illegal in XML removed)."""
