"""Errors raised by duiqi's packages.

Every error that bad input can cause derives from :class:`DuiqiError`; each package
has its own base class below it (``CorporaError`` here, ``GlossaryError`` and
``AlignError`` in the packages above). The CLI turns any of them into one line on
stderr and exit code 2.
"""

from __future__ import annotations

__all__ = ["DuiqiError", "CorporaError", "InputError", "FormatError", "UnknownFormatError", "DuiqiWarning"]


class DuiqiError(Exception):
    """Root of every error duiqi raises on bad input or bad options."""


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
