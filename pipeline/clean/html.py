"""HTML mode: trafilatura's main text and metadata, then overclaim's own block filter."""

from __future__ import annotations

import trafilatura

from pipeline.clean.blocks import split_blocks
from pipeline.clean.cleaned import Cleaned
from pipeline.clean.cues import match_cues, removal_reason
from pipeline.clean.features import WORD
from pipeline.clean.metadata import byline_author, date_of_line, parse_date


def extract(html: str, *, url: str | None = None) -> dict | None:
    """trafilatura's extraction of ``html`` as a dict (text and metadata), or ``None``."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    return document.as_dict() if document is not None else None


def clean_html(html: str, *, url: str | None = None) -> Cleaned:
    """Extract the article of an HTML page (no network access) and drop the boilerplate.

    Args:
        html: the page source.
        url: the page address, if known (metadata only, never fetched).
    """
    document = extract(html, url=url) if html and html.strip() else None
    if not document:
        return Cleaned(text="", url=url)
    blocks = split_blocks(document.get("text") or "")
    kept, removed = [], []
    for i, block in enumerate(blocks):
        n_words = len(WORD.findall(block))
        reason = removal_reason(match_cues(block.lower(), n_words), n_words)
        if reason is None and i < 3:
            if byline_author(block):
                reason = "byline"
            elif date_of_line(block):
                reason = "date"
        if reason:
            removed.append({"text": block, "reason": reason})
        else:
            kept.append(block)
    date = document.get("date")
    return Cleaned(
        text="\n\n".join(kept),
        title=document.get("title") or None,
        author=document.get("author") or None,
        published=parse_date(date) if date else None,
        url=document.get("url") or url,
        removed=removed,
        removed_chars=sum(len(item["text"]) for item in removed),
        kept_chars=sum(map(len, kept)),
    )
