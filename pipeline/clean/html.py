"""HTML mode: trafilatura's main text, page metadata, then overclaim's own block filter.

The page is parsed once. Metadata (title, author, date, canonical URL) is read from the
page's own declarations (``<meta>``, ``<time>``, ``<link rel=canonical>``, ``<h1>``), which
is much cheaper than trafilatura's metadata search. trafilatura extracts the main text in
precision mode; when that comes out short and less than half of what its default mode finds
(a sign that precision mode cut away part of the article), the default extraction is used.
Blocks that trafilatura lets through and a cue rule removes (advertiser disclosures,
editorial-promise blurbs, share, newsletter and comment prompts...) are dropped, and so are
byline and date lines at the top.
"""

from __future__ import annotations

from collections.abc import Callable

import trafilatura
from lxml import etree

from pipeline.clean.blocks import block_key, split_blocks
from pipeline.clean.cleaned import Cleaned
from pipeline.clean.cues import match_cues, removal_reason
from pipeline.clean.features import WORD
from pipeline.clean.metadata import byline_author, date_of_line, parse_date, strip_site_suffix

#: precision-mode output shorter than this (characters) is checked against default mode
SHORT_TEXT = 1000
#: ... and replaced by it when it is less than this share of default mode's output
SHORT_SHARE = 0.5
#: cue categories not applied in HTML mode (bare URLs in an extracted body are references)
HTML_SKIP = frozenset({"url"})
#: byline and date lines are looked for among the first blocks
HEAD = 3

TITLE_XPATHS = (
    '//meta[@property="og:title"]/@content',
    '//meta[@name="twitter:title"]/@content',
    "//h1//text()",
    "//title/text()",
)
AUTHOR_XPATHS = (
    '//meta[@name="author"]/@content',
    '//meta[@property="article:author"]/@content',
    '//meta[@name="parsely-author"]/@content',
    '//*[@rel="author"]//text()',
    '//*[@itemprop="author"]//*[@itemprop="name"]/@content',
    '//*[@itemprop="author"]//text()',
)
DATE_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    '//meta[@name="date" or @name="pubdate" or @name="publishdate" or @name="DC.date.issued"]/@content',
    "//time/@datetime",
    '//meta[@property="article:modified_time"]/@content',
)
URL_XPATHS = ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content')


def _first(
    tree: etree._Element, xpaths: tuple[str, ...], accept: Callable[[str], bool] = bool
) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            text = " ".join(str(value).split())
            if text and accept(text):
                return text
    return None


def _author_like(text: str) -> bool:
    return not text.startswith("http") and 2 <= len(text) <= 80 and text.lower() not in {"by", "author"}


def page_metadata(tree: etree._Element) -> dict[str, str | None]:
    """Title, author, ISO date and canonical URL declared by a parsed page."""
    title = _first(tree, TITLE_XPATHS)
    author = _first(tree, AUTHOR_XPATHS, _author_like)
    if author:
        author = byline_author(author) or author
    date = _first(tree, DATE_XPATHS)
    url = _first(tree, URL_XPATHS)
    return {
        "title": strip_site_suffix(title) if title else None,
        "author": author,
        "published": parse_date(date) if date else None,
        "url": url if url and url.startswith("http") else None,
    }


def _main_text(tree: etree._Element) -> str:
    options = {"include_comments": False, "include_tables": True}
    precise = trafilatura.bare_extraction(tree, favor_precision=True, **options)
    text = (precise.text if precise else None) or ""
    if len(text) < SHORT_TEXT:
        default = trafilatura.bare_extraction(tree, **options)
        other = (default.text if default else None) or ""
        if len(text) < SHORT_SHARE * len(other):
            text = other
    return text


def _reason(index: int, block: str) -> str | None:
    low = block.lower()
    words = WORD.findall(low)
    matched = [cue for cue in match_cues(low, words) if cue.name not in HTML_SKIP]
    reason = removal_reason(matched, len(words))
    if reason is None and index < HEAD:
        if byline_author(block):
            reason = "byline"
        elif date_of_line(block):
            reason = "date"
    return reason


def clean_html(html: str, *, url: str | None = None) -> Cleaned:
    """Extract the article of an HTML page (no network access) and drop the boilerplate.

    Args:
        html: the page source.
        url: the page address, if known (metadata only, never fetched).
    """
    tree = trafilatura.load_html(html) if html and html.strip() else None
    if tree is None:
        return Cleaned(text="", url=url)
    meta = page_metadata(tree)
    kept, removed = [], []
    for i, block in enumerate(split_blocks(_main_text(tree))):
        reason = _reason(i, block)
        if i == 0 and meta["title"] and block_key(block) == block_key(meta["title"]):
            reason = "title"
        if reason:
            removed.append({"text": block, "reason": reason})
        else:
            kept.append(block)
    return Cleaned(
        text="\n\n".join(kept),
        title=meta["title"],
        author=meta["author"],
        published=meta["published"],
        url=url or meta["url"],
        removed=removed,
        removed_chars=sum(len(item["text"]) for item in removed),
        kept_chars=sum(map(len, kept)),
    )
