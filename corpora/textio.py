"""Reading text files in any common encoding, and writing files atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

from .errors import CorporaError, InputError

__all__ = ["read_text", "decode_bytes", "detect_encoding", "atomic_write", "normalize_newlines"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Encodings a Chinese/English bitext arrives in, tried in this order after UTF-8.
_LEGACY = ("gb18030", "big5", "utf-16")


def normalize_newlines(text: str) -> str:
    """CRLF and CR line ends become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, name: str = "<input>", encoding: str | None = None) -> str:
    """Decode ``data``: BOM, then UTF-8, then a detected legacy encoding.

    Raises InputError for binary or undecodable data. ``encoding`` forces one codec.
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid {encoding} (byte {e.start})") from None
        return normalize_newlines(text.lstrip("\ufeff"))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return normalize_newlines(data[len(bom):].decode(codec.replace("-sig", "")))
            except UnicodeDecodeError as e:
                raise InputError(f"{name}: not valid {codec} (byte {e.start})") from None
    try:
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        guess = detect_encoding(data)
        if guess and guess.startswith("utf_16"):
            return normalize_newlines(data.decode(guess))
        raise InputError(f"{name}: looks like a binary file, not text")
    guess = detect_encoding(data)
    for codec in ((guess,) if guess else ()) + _LEGACY:
        try:
            return normalize_newlines(data.decode(codec))
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(f"{name}: cannot decode the text (not UTF-8, GB18030 or Big5); try --encoding")


def detect_encoding(data: bytes) -> str | None:
    """The encoding charset-normalizer finds for ``data`` (its first 200 kB), or None."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read a text file, detecting its encoding; raise InputError if unusable.

    Line ends are normalized to LF. A missing, unreadable, empty (only white space)
    or binary file is an error.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, not a file") from None
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from None
    if not data:
        raise InputError(f"{p}: file is empty")
    text = decode_bytes(data, str(p), encoding)
    if not text.strip():
        raise InputError(f"{p}: file has no text")
    return text


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8", newline: str | None = "\n"
) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    An existing file is replaced only by a complete new one; on any error the
    temporary file is removed and ``path`` is left as it was.
    """
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise CorporaError(f"{p}: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise CorporaError(f"{p}: cannot write (no such directory {directory})") from None
    except OSError as e:
        raise CorporaError(f"{p}: cannot write ({e.strerror})") from None
    try:
        if "b" in mode:
            f = os.fdopen(fd, mode)
        else:
            f = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with f:
            yield f
        try:
            os.chmod(tmp, p.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

