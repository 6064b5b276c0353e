"""HTML mode: trafilatura's main text, page metadata, then overclaim's own block filter.

The page is parsed once. Metadata (title, author, date, canonical URL) is read from the
page's own declarations (``<meta>``, ``<time>``, ``<link rel=canonical>``, ``<h1>``), which
is much cheaper than trafilatura's metadata search. trafilatura extracts the main text in
precision mode; when that comes out short and less than half of what its default mode finds
(a sign that precision mode cut away part of the article), the default extraction is used.
Blocks that trafilatura lets through and a cue rule removes (advertiser disclosures,
editorial-promise blurbs, share, newsletter and comment prompts...) are dropped, and so are
byline and date lines at the top and a first line repeating the headline; a comment section
or a press release's end ("About ...", "Media contact") after the body removes all below it. ``removed`` lists
these blocks; what trafilatura itself leaves out of the page is not itemised.

The block classifier of text mode is not applied to trafilatura's paragraphs: on WCXB
articles it removed as much article text as boilerplate at every threshold tried.
"""

from __future__ import annotations

import trafilatura
from lxml import etree

from pipeline.clean.blocks import WORD, block_key, split_blocks
from pipeline.clean.cleaned import Cleaned
from pipeline.clean.cues import match_cues, removal_reason, tail_start
from pipeline.clean.metadata import byline_author, date_of_line, parse_date, strip_site_suffix

#: precision-mode output shorter than this (characters) is checked against default mode
SHORT_TEXT = 1000
#: ... and replaced by it when it is less than this share of default mode's output
SHORT_SHARE = 0.5
#: cue categories not applied in HTML mode (bare URLs in an extracted body are references)
HTML_SKIP = frozenset({"url"})
#: byline and date lines are looked for among the first blocks
HEAD = 3

#: <meta> keys (property, name or itemprop) read for each field, in order of preference
META_KEYS = {
    "title": ("og:title", "twitter:title"),
    "author": ("author", "article:author", "parsely-author"),
    "published": ("article:published_time", "datePublished", "date", "pubdate", "publishdate",
                  "DC.date.issued", "article:modified_time"),
    "url": ("og:url",),
}
AUTHOR_XPATH = '//*[@rel="author" or @itemprop="author"]'


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return " ".join(" ".join(element.itertext()).split()) or None


def _author_like(text: str | None) -> bool:
    return bool(text) and not text.startswith("http") and 2 <= len(text) <= 80 and (
        text.lower() not in {"by", "author"}
    )


def page_metadata(tree: etree._Element) -> dict[str, str | None]:
    """Title, author, ISO date and canonical URL declared by a parsed page."""
    declared: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = " ".join((meta.get("content") or "").split())
        if key and content:
            declared.setdefault(key, content)
    field = {name: next((declared[k] for k in keys if k in declared), None) for name, keys in META_KEYS.items()}
    title = field["title"] or _text(next(tree.iter("h1"), None)) or _text(tree.find(".//title"))
    author = field["author"] if _author_like(field["author"]) else None
    if author is None:
        author = next((t for t in map(_text, tree.xpath(AUTHOR_XPATH)) if _author_like(t)), None)
    if author:
        author = byline_author(author) or author
    date = field["published"] or next(
        (t.get("datetime") for t in tree.iter("time") if t.get("datetime")), None
    )
    canonical = next(
        (link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"), None
    )
    url = canonical or field["url"]
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
    blocks = split_blocks(_main_text(tree))
    reasons = [_reason(i, block) for i, block in enumerate(blocks)]
    if blocks and meta["title"] and block_key(blocks[0]) == block_key(meta["title"]):
        reasons[0] = "title"
    start = tail_start(reasons, [0 if r else len(b) for b, r in zip(blocks, reasons)])
    if start is not None:
        reasons[start + 1 :] = [r or reasons[start] for r in reasons[start + 1 :]]
    kept, removed = [], []
    for block, reason in zip(blocks, reasons):
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
