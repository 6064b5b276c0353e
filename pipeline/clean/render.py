"""Render an HTML page to a plain-text dump: its visible text, one block per line.

This mirrors what a person gets by copying a page as text (and what the plain-text
benchmark dumps look like): scripts, styles and embedded objects are dropped, block-level
elements start new lines, paragraphs and headings are set off by a blank line, and inline
elements are separated by a space unless punctuation follows. It is used to turn the HTML
training pages into the kind of input that text mode sees.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

#: elements whose content is never visible text
INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
     "embed", "applet", "svg", "math", "head", "link", "meta", "select", "option"}
)
#: elements that start and end a line
LINE = frozenset(
    {"article", "aside", "br", "dd", "details", "div", "dt", "fieldset", "figcaption",
     "footer", "form", "header", "hr", "legend", "li", "main", "nav", "section", "table",
     "tr", "summary", "address"}
)
#: elements that are set off by a blank line
PARAGRAPH = frozenset(
    {"blockquote", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre",
     "title", "ul"}
)
SPACES = re.compile(r"\s+")
NO_SPACE_BEFORE = re.compile(r"^[,:;.!?\")\]]")


def parse(html: str) -> etree._Element | None:
    """Parse an HTML string leniently; ``None`` when nothing can be parsed."""
    data = html.strip().replace("\x00", "")
    if not data:
        return None
    try:
        return lxml.html.fromstring(data.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


_PARSER = lxml.html.HTMLParser(recover=True, encoding="utf-8", remove_comments=True,
                               remove_pis=True)


def html_to_text(html: str) -> str:
    """The visible text of ``html``, one block per line, paragraphs separated by blank lines."""
    root = parse(html)
    if root is None:
        return ""
    title = root.find(".//title")
    out = _Writer()
    if title is not None and title.text:
        out.block("p")
        out.text(title.text)
        out.block("p")
    body = root.find(".//body")
    _walk(body if body is not None else root, out)
    return out.result()


class _Writer:
    """Accumulates text chunks and layout breaks without doubling blank lines."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.state = 2  # 0 inside a line, 1 after a newline, 2 after a blank line
        self.last = ""

    def block(self, tag: str) -> None:
        if self.state == 2:
            return
        if tag in PARAGRAPH:
            self.chunks.append("\n" if self.state == 1 else "\n\n")
            self.state = 2
        elif self.state == 0:
            self.chunks.append("\n")
            self.state = 1

    def text(self, raw: str | None) -> None:
        if not raw:
            return
        text = SPACES.sub(" ", raw).strip()
        if not text:
            return
        if self.state == 0 and (raw[0].isspace() or self.last[-1:].isspace()
                                or not NO_SPACE_BEFORE.match(text)):
            self.chunks.append(" ")
        self.chunks.append(text)
        self.state = 0
        self.last = raw

    def result(self) -> str:
        return "".join(self.chunks).strip()


def _walk(node: etree._Element, out: _Writer) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in INVISIBLE or not tag:
        return
    if node.get("hidden") is not None or "display:none" in (node.get("style") or "").replace(" ", ""):
        return
    if tag in LINE or tag in PARAGRAPH:
        out.block(tag)
    out.text(node.text)
    for child in node:
        _walk(child, out)
        out.text(child.tail)
    if tag in LINE or tag in PARAGRAPH:
        out.block(tag)
