"""Reading text files in any common encoding, and writing files atomically."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, ContextManager, Iterable, Iterator

from .errors import CorporaError, DuiqiError, InputError

__all__ = ["read_text", "decode_bytes", "detect_encoding", "utf16_without_bom", "atomic_write", "normalize_newlines"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def normalize_newlines(text: str) -> str:
    """CRLF and CR line ends become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, name: str = "<input>", encoding: str | None = None) -> str:
    """Decode ``data``: BOM, then UTF-16 without BOM, UTF-8, a detected legacy encoding.

    Raises InputError for binary (NUL bytes) or undecodable data. ``encoding``
    forces one codec. A file that is UTF-8 up to a bad byte is an error, not a
    guess: decoding it as another encoding would silently garble the text.
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
    codec = utf16_without_bom(data[:4096])
    try:
        text = data.decode(codec or "utf-8")
    except UnicodeDecodeError as e:
        if codec is None and b"\x00" not in data[:4096] and _utf8_before(data, e.start):
            raise InputError(f"{name}: not valid UTF-8 at byte {e.start} (the text before it is UTF-8); "
                             "fix the file or give its encoding") from None
        codec = None if codec else detect_encoding(data)
        if codec is None:
            if b"\x00" in data[:4096]:
                raise InputError(f"{name}: looks like a binary file, not text") from None
            raise InputError(
                f"{name}: cannot decode the text (not UTF-8, UTF-16, GB18030 or Big5); give its encoding") from None
        text = data.decode(codec)
    if "\x00" in text:
        raise InputError(f"{name}: looks like a binary file, not text (NUL characters)")
    return normalize_newlines(text)


def utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes fill every other position of ``sample``
    (UTF-16 text without a BOM, mostly ASCII or CJK punctuation), else None."""
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _utf8_before(data: bytes, bad: int) -> bool:
    """True when the bytes before position ``bad`` hold so much non-ASCII UTF-8
    (16 characters) that the data is UTF-8 with a bad byte, not a legacy encoding."""
    prefix = data[:bad].decode("utf-8", errors="replace")
    return sum(1 for c in prefix if ord(c) >= 0x80) >= 16


# The legacy encodings a Chinese/English file may be in: the detector's answers
# accepted (Python codec names) and the codec used for each.
_ACCEPTED = {
    "gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030",
    "big5": "big5", "cp950": "big5", "big5hkscs": "big5hkscs",
    "utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
    "cp1252": "cp1252", "latin_1": "cp1252", "iso8859_15": "cp1252",
}


def detect_encoding(data: bytes, partial: bool = False) -> str | None:
    """The legacy encoding ``data`` (not UTF-8) is in, or None when there is no
    plausible one. Candidates: what charset-normalizer finds, if it is GB18030,
    Big5, UTF-16 or Windows-1252; then GB18030 and Big5. A candidate must decode
    ``data`` strictly (with ``partial``, but for a character cut at the end)."""
    candidates: list[str] = []
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding in _ACCEPTED:
            candidates.append(_ACCEPTED[best.encoding])
    except Exception:  # pragma: no cover - a detector bug must not stop reading
        pass
    if b"\x00" not in data[:4096]:
        candidates += ["gb18030", "big5"]
    for codec in candidates:
        try:
            data.decode(codec)
            return codec
        except UnicodeDecodeError as e:
            if partial and e.start >= len(data) - 4:
                return codec
    return None


@contextlib.contextmanager
def reading(path: str | os.PathLike[str], error: type[DuiqiError] = InputError) -> Iterator[None]:
    """Turn the OS errors of reading ``path`` into one-line errors of class ``error``
    (InputError by default; a package above passes its own)."""
    try:
        yield
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: is a directory, not a file") from None
    except OSError as e:
        raise error(f"{path}: cannot read ({e.strerror or e})") from None


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read a text file, detecting its encoding; raise InputError if unusable.

    Line ends are normalized to LF. A missing, unreadable, empty (only white space)
    or binary file is an error.
    """
    from .safeio import read_bytes

    p = Path(path)
    data = read_bytes(path, what="text")
    if not data:
        raise InputError(f"{p}: file is empty")
    text = decode_bytes(data, str(p), encoding)
    if not text.strip():
        raise InputError(f"{p}: file has no text")
    return text


def check_distinct(out: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """CorporaError when ``out`` is one of the ``inputs`` (an input is never overwritten)."""
    target = Path(out).resolve()
    for inp in inputs:
        if Path(inp).resolve() == target:
            raise CorporaError(f"{out}: refusing to overwrite an input file")


def check_output(out: str | os.PathLike[str] | None, *inputs: str | os.PathLike[str] | None) -> None:
    """Before any work: CorporaError when ``out`` is an input, a directory, or in a
    missing directory (nothing to check when ``out`` is None: standard output)."""
    if out is None or str(out) == "-":
        return
    check_distinct(out, [inp for inp in inputs if inp is not None])
    if Path(out).is_dir():
        raise CorporaError(f"{out}: is a directory")
    parent = Path(out).parent
    if str(parent) and not parent.exists():
        raise CorporaError(f"{out}: cannot write (no such directory {parent})")


def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8", newline: str | None = "\n"
) -> ContextManager[IO]:
    """Open ``path`` for writing with :func:`corpora.safeio.safe_write`: a regular file is
    replaced only by a complete new one, ``-`` is stdout, devices and FIFOs are written
    through, and OS errors (disk full, ...) are one-line CorporaErrors."""
    from .safeio import safe_write

    return safe_write(path, mode, encoding, newline)
