"""PDF with a text layer: lines in reading order joined back into paragraphs.

pdfminer.six gives the text lines and their boxes. Running headers and footers
(lines near the top or bottom of the page repeated on most pages, digits aside)
and page numbers, URLs and print dates there are removed; a line starts a new
paragraph after vertical space, when the line before it stopped short of the
right margin (its next word would have fitted), or when it is indented. Lines
are joined without a space between Chinese characters, and an English word
hyphenated across a line end is joined again. A PDF without a text layer (a
scan) is an error that suggests OCR.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import FormatError
from .model import Block, Document
from .text import clean_block, is_cjk_char, join_lines

__all__ = ["read", "Line", "pdf_lines", "drop_running_lines", "paragraphs"]

_ZONE = 0.12  # share of the page height at the top and bottom where running lines live
_PAGE_NUMBER = re.compile(r"^[\W_]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of|из)\s*\d{1,4})?[\W_]*$|^第\s*\d+\s*页", re.I)
_URL = re.compile(r"^(?:https?|file|ftp)://\S+$", re.I)
_PRINT_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?$", re.I)


@dataclass(frozen=True)
class Line:
    """One text line of a page and its box (PDF points, origin bottom left)."""

    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    page_height: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    def in_zone(self) -> bool:
        """True near the top or bottom edge of the page, where running heads are."""
        return self.y0 > self.page_height * (1 - _ZONE) or self.y1 < self.page_height * _ZONE


def _chars(line) -> list[tuple[float, float, float, float, str]]:
    from pdfminer.layout import LTChar

    return [(c.x0, c.x1, c.y0, c.y1, c.get_text()) for c in line if isinstance(c, LTChar)]


def _overlap(a: list, b: list) -> bool:
    """True when two fragments sit on one line: vertical overlap and horizontally adjacent."""
    ay0, ay1 = min(c[2] for c in a), max(c[3] for c in a)
    by0, by1 = min(c[2] for c in b), max(c[3] for c in b)
    height = max(min(ay1 - ay0, by1 - by0), 1.0)
    if min(ay1, by1) - max(ay0, by0) < 0.5 * height:
        return False
    ax0, ax1 = min(c[0] for c in a), max(c[1] for c in a)
    bx0, bx1 = min(c[0] for c in b), max(c[1] for c in b)
    return bx0 <= ax1 + 2 * height and ax0 <= bx1 + 2 * height


def _line_text(chars: list) -> str:
    """The text of a line's characters in x order; spaces from gaps, none beside Chinese."""
    chars = sorted(chars, key=lambda c: c[0])
    out: list[str] = []
    prev = None
    for c in chars:
        text = c[4]
        if prev is not None and text.strip() and out and out[-1] != " ":
            gap = c[0] - prev[1]
            if gap > 0.2 * max(c[3] - c[2], 1.0):
                out.append(" ")
        out.append(" " if not text.strip() else text)
        prev = c
    s = "".join(out)
    s = re.sub(r"(?<=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]) +| +(?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])", "", s)
    return re.sub(r" {2,}", " ", s).strip()


def _page_lines(page, number: int) -> list[Line]:
    from pdfminer.layout import LTTextContainer, LTTextLine

    fragments: list[list] = []
    for box in page:
        if not isinstance(box, LTTextContainer):
            continue
        for line in box:
            if not isinstance(line, LTTextLine):
                continue
            chars = _chars(line)
            if not any(c[4].strip() for c in chars):
                continue
            host = next((f for f in reversed(fragments[-12:]) if _overlap(f, chars)), None)
            if host is not None:
                host.extend(chars)
            else:
                fragments.append(chars)
    height = page.height or 1.0
    lines = []
    for chars in fragments:
        text = _line_text(chars)
        if text:
            lines.append(Line(text, number, min(c[0] for c in chars), min(c[2] for c in chars),
                              max(c[1] for c in chars), max(c[3] for c in chars), height))
    return lines


def pdf_lines(data: bytes, name: str) -> tuple[list[Line], int]:
    """The text lines of every page in reading order, and the number of pages."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError:  # pragma: no cover - a dependency of duiqi
        raise FormatError("reading PDF needs pdfminer.six (pip install pdfminer.six)") from None
    lines: list[Line] = []
    pages = 0
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            pages += 1
            lines += _page_lines(page, number)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise FormatError(f"{name}: the PDF is encrypted; decrypt it first (e.g. qpdf --decrypt)") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as e:
        raise FormatError(f"{name}: not a readable PDF ({type(e).__name__}: {e})") from None
    except Exception as e:  # pdfminer raises many types on broken files
        if isinstance(e, (MemoryError, KeyboardInterrupt)):
            raise
        raise FormatError(f"{name}: not a readable PDF ({type(e).__name__})") from None
    return lines, pages


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text)).lower()


def _place(ln: Line) -> tuple[str, int]:
    """A line's text (digits aside) and height on the page, to find it repeated."""
    return _key(ln.text), round(ln.y0 / 6)


def drop_running_lines(lines: list[Line], pages: int) -> list[Line]:
    """Lines without running headers, footers and page numbers.

    A running line sits in the top or bottom zone of the page and repeats, at the
    same height and with the same text but for its digits, on at least half the
    pages (two at least); page numbers, URLs and print dates in the zone go too.
    """
    seen: Counter = Counter()
    for page, key, y in {(ln.page, *_place(ln)) for ln in lines if ln.in_zone()}:
        for dy in (-1, 0, 1):
            seen[(key, y + dy)] += 1
    needed = max(2, pages / 2)

    def running(ln: Line) -> bool:
        if not ln.in_zone():
            return False
        text = ln.text.strip()
        return ((pages >= 2 and seen[_place(ln)] >= needed) or bool(_PAGE_NUMBER.match(text))
                or bool(_URL.match(text)) or bool(_PRINT_DATE.match(text)))

    return [ln for ln in lines if not running(ln)]


def _char_width(ln: Line) -> float:
    return max((ln.x1 - ln.x0) / max(len(ln.text), 1), 1.0)


def _first_word_width(ln: Line) -> float:
    if is_cjk_char(ln.text[0]):
        return _char_width(ln)
    return _char_width(ln) * (len(ln.text.split(" ", 1)[0]) + 1)


_SENTENCE_END = tuple(".!?。！？…”’\"')）」』")


def _new_paragraph(prev: Line, cur: Line, right: float, left: float) -> bool:
    if prev.page == cur.page:
        gap = prev.y0 - cur.y1
        if gap > 0.6 * min(prev.height, cur.height) or cur.y1 > prev.y1 + prev.height:
            return True
    elif prev.text.endswith(_SENTENCE_END):
        return True  # across a page break the space between paragraphs is lost: a sentence end ends one
    if prev.x1 + _first_word_width(cur) < right - _char_width(prev):
        return True  # the next word would have fitted: the line ended its paragraph
    return cur.x0 > left + 1.5 * _char_width(cur)  # an indented first line


def paragraphs(lines: list[Line]) -> list[str]:
    """Lines joined into paragraphs."""
    if not lines:
        return []
    # the text block's margins, over the pages of one parity (a page of only short or
    # only indented lines does not show them; books mirror margins on facing pages)
    right: dict[int, float] = {}
    left: dict[int, float] = {}
    for ln in lines:
        right[ln.page % 2] = max(right.get(ln.page % 2, 0.0), ln.x1)
        left[ln.page % 2] = min(left.get(ln.page % 2, ln.x0), ln.x0)
    right = {ln.page: right[ln.page % 2] for ln in lines}
    left = {ln.page: left[ln.page % 2] for ln in lines}
    out: list[list[str]] = [[lines[0].text]]
    for prev, cur in zip(lines, lines[1:]):
        if _new_paragraph(prev, cur, right[prev.page], left[cur.page]):
            out.append([])
        out[-1].append(cur.text)
    vocabulary = _vocabulary(lines)
    return [p for p in (join_lines(_dehyphenate(ps, vocabulary), dehyphenate=True) for ps in out) if p]


_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _vocabulary(lines: list[Line]) -> set[str]:
    """The words (hyphenated compounds too) inside the lines, not at a line end."""
    words: set[str] = set()
    for ln in lines:
        found = _WORD.findall(ln.text)
        if ln.text.rstrip().endswith("-") and found:
            found = found[:-1]
        words.update(w.lower() for w in found)
    return words


def _dehyphenate(lines: list[str], vocabulary: set[str]) -> list[str]:
    """Undo hyphenation at line ends: ``inter-`` + ``national`` is ``international``
    when the document has that word, or when the hyphen is a soft one; a compound
    such as ``cutting-`` + ``edge`` (or one the document never writes joined)
    keeps its hyphen."""
    out = list(lines)
    for k in range(len(out) - 1):
        left, right = out[k].rstrip(), out[k + 1].lstrip()
        if left.endswith("\u00ad"):
            out[k], out[k + 1] = left[:-1], right
            out[k] = out[k] + right.split(" ", 1)[0]
            out[k + 1] = right[len(right.split(" ", 1)[0]):].lstrip()
            continue
        m = re.search(r"([A-Za-z]+)-$", left)
        n = re.match(r"([a-z]+)", right)
        if not (m and n):
            continue
        joined, compound = (m.group(1) + n.group(1)).lower(), f"{m.group(1)}-{n.group(1)}".lower()
        if joined in vocabulary and compound not in vocabulary:
            out[k] = left[:-1] + right[: n.end()]
        else:
            out[k] = left + right[: n.end()]
        out[k + 1] = right[n.end():].lstrip()
    return [ln for ln in out if ln]


def read(data: bytes, name: str) -> Document:
    """The paragraphs of a PDF's text layer."""
    lines, pages = pdf_lines(data, name)
    body = drop_running_lines(lines, pages)
    if not body:  # nothing, or only page numbers and running heads: a scan with a stamp
        raise FormatError(f"{name}: the PDF has no text layer ({pages} page(s) of images: a scan?); "
                          "run OCR on it first (e.g. ocrmypdf --language chi_sim+eng) and align the result")
    text = "".join(ln.text for ln in lines)
    if text.count("(cid:") * 6 > len(text) / 2:
        raise FormatError(f"{name}: the PDF's fonts have no Unicode map, so its text cannot be extracted; "
                          "run OCR on it (e.g. ocrmypdf --force-ocr) and align the result")
    blocks = tuple(Block(clean_block(p)) for p in paragraphs(body))
    return Document("pdf", blocks)
