"""Web pages (.html): the main content, boilerplate dropped, one block a paragraph.

``<script>``, ``<style>``, navigation, page header and footer, asides, forms and
hidden elements are dropped; when the page has one ``<main>`` (or one
``<article>``) only that is read. Block elements and ``<br>`` end a paragraph;
entities are decoded by the parser.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..errors import FormatError
from ..textio import decode_bytes
from .model import Block, Document
from .text import clean_block

__all__ = ["read", "read_tree", "parse_html"]

_DROPPED = {"script", "style", "noscript", "template", "nav", "aside", "form", "button", "select", "textarea",
            "iframe", "svg", "math", "head", "title", "meta", "link", "object", "embed", "canvas", "video",
            "audio", "map", "dialog", "menu", "label", "input", "sdfield"}  # sdfield: LibreOffice page/date fields
_PAGE_CHROME = {"header", "footer"}
_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar",
          "dialog", "alert", "status"}
_BLOCK = {"p", "div", "section", "article", "main", "li", "dt", "dd", "blockquote", "pre", "address",
          "figure", "figcaption", "caption", "td", "th", "tr", "table", "ul", "ol", "dl", "center", "body",
          "hr", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "details", "summary", "fieldset",
          "legend", "hgroup", "tbody", "thead", "tfoot"}
_KINDS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
          "li": "item", "dt": "item", "dd": "item", "td": "cell", "th": "cell", "caption": "heading"}
# ids and classes of page furniture (outside <main>/<article>): menus, sidebars, footers
_FURNITURE = re.compile(r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|sidebar|breadcrumbs?|cookies?|footer|"
                        r"copyright|social|share|sharing|skip-?link|toolbar|pagination|banner|ads?|advert\w*)"
                        r"(?:$|[-_\s])", re.I)
_EPUB_FURNITURE = {"titlepage", "cover", "toc", "landmarks", "page-list", "loi", "lot"}
_LINK_SHARE = 0.8  # a block whose text is mostly links (a menu, a link list) outside the content is dropped
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)


def parse_html(data: bytes, name: str):
    """The parsed page; its encoding from ``<meta charset>``, a BOM, or detected."""
    declared = _CHARSET.search(data[:4096])
    text = None
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode_bytes(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))
    if not text.strip():
        raise FormatError(f"{name}: the page is empty")
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise FormatError(f"{name}: cannot parse the HTML ({e})") from None


def _tag(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _dropped(el, in_content: bool) -> bool:
    tag = _tag(el)
    if not tag or tag in _DROPPED:
        return True
    if tag in _PAGE_CHROME and not in_content:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if (el.get("role") or "").lower() in _ROLES:
        return True
    if not in_content and _FURNITURE.search(f"{el.get('id') or ''} {el.get('class') or ''}"):
        return True
    if (el.get("title") or "").lower() in ("header", "footer") and tag == "div":
        return True  # LibreOffice's page header and footer
    epub_type = (el.get("epub:type") or el.get("{http://www.idpf.org/2007/ops}type") or "").split()
    if any(t in _EPUB_FURNITURE for t in epub_type):
        return True  # an e-book's title page (the title from its metadata), cover, table of contents
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.kind = "paragraph"
        self.link_chars = 0
        self.in_content = False

    def flush(self) -> None:
        text = clean_block("".join(self.parts))
        linky = not self.in_content and self.link_chars >= _LINK_SHARE * len(text.replace(" ", ""))
        if text and not linky:
            self.blocks.append(Block(text, self.kind))
        self.parts = []
        self.kind = "paragraph"
        self.link_chars = 0

    def walk(self, el, in_content: bool) -> None:
        self.in_content = in_content
        for child in el:
            if _dropped(child, in_content):
                if child.tail:
                    self.parts.append(child.tail)
                continue
            tag = _tag(child)
            if tag == "br":
                self.flush()
            elif tag in _BLOCK:
                self.flush()
                self.kind = _KINDS.get(tag, "paragraph")
                if child.text:
                    self.parts.append(child.text)
                self.walk(child, in_content or tag in ("article", "main"))
                self.flush()
                self.in_content = in_content
            else:
                start = len(self.parts)
                if child.text:
                    self.parts.append(child.text)
                self.walk(child, in_content)
                if tag == "a":
                    self.link_chars += len("".join(self.parts[start:]).replace(" ", "").replace("\n", ""))
            if child.tail:
                self.parts.append(child.tail)


def _content_root(root):
    """The page's single ``<main>`` or ``<article>``, else its body."""
    for tag in ("main", "article"):
        found = [el for el in root.iter(tag) if not _inside(el, tag)]
        if len(found) == 1:
            return found[0], True
    body = root.find("body")
    return (body if body is not None else root), False


def _inside(el, tag: str) -> bool:
    return any(_tag(a) == tag for a in el.iterancestors())


def read_tree(root) -> list[Block]:
    """The blocks of a parsed page."""
    content, in_content = _content_root(root)
    collector = _Collector()
    if content.text and _tag(content) not in _DROPPED:
        collector.parts.append(content.text)
    collector.walk(content, in_content)
    collector.flush()
    return collector.blocks


def read(data: bytes, name: str) -> Document:
    """The main text of a web page, one block a paragraph."""
    return Document("html", tuple(read_tree(parse_html(data, name))))
