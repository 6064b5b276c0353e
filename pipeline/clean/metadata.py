"""Title, byline and date lines of a plain-text dump.

These lines sit around the start of the article ("By Lee Johnson", "Updated: Feb 11, 2024",
the headline). They are metadata, not body: text mode removes them and fills
``Cleaned.title``, ``Cleaned.author`` and ``Cleaned.published``.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE_PATTERNS = (
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "iso"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "us"),
)
#: every date pattern has a four-digit year
YEAR = re.compile(r"\d{4}")
DATE_LINE = re.compile(
    r"^(?:(?:last\s+)?(?:updated|published|posted|modified|reviewed|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?[\w ,./:-]{6,40}$",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^(?i:(?:(?:written|posted|reported|words|story|text|edited)\s+)?by:?)\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|and|&))*)"
    r"(?:\s*(?:[,|•·–@-]|(?i:\bon\b|\bupdated\b|\bpublished\b)).*)?$"
)
AUTHOR_LINE = re.compile(r"^(?:author|written by|reporter)\s*:\s*(?P<name>[A-Z][\w.'’ -]{2,60})$", re.IGNORECASE)
#: the first word (case-folded) of every line that BYLINE or AUTHOR_LINE can match
BYLINE_STARTS = frozenset(
    ("by", "written", "posted", "reported", "words", "story", "text", "edited", "author", "reporter")
)
#: longer lines are never a byline, or a date line
BYLINE_MAX, DATE_LINE_MAX = 120, 60


def parse_date(text: str) -> str | None:
    """The first calendar date in ``text`` as ISO ``YYYY-MM-DD``, or ``None``."""
    for pattern, kind in DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        a, b, c = match.groups()
        try:
            if kind == "mdy":
                year, month, day = int(c), MONTHS[a[:3].lower()], int(b)
            elif kind == "dmy":
                year, month, day = int(c), MONTHS[b[:3].lower()], int(a)
            elif kind == "iso":
                year, month, day = int(a), int(b), int(c)
            else:
                year, month, day = int(c), int(a), int(b)
            return dt.date(year, month, day).isoformat()
        except (KeyError, ValueError):
            continue
    return None


def byline_author(block: str) -> str | None:
    """The author named by a byline such as "By Lee Johnson", or ``None``."""
    if len(block) > BYLINE_MAX:
        return None
    match = BYLINE.match(block) or AUTHOR_LINE.match(block)
    if not match:
        return None
    name = re.split(r"\s+(?:and|&)\s*$", match.group("name").strip())[0].strip(" ,.")
    return name if 1 <= len(name.split()) <= 6 else None


def date_of_line(block: str) -> str | None:
    """The ISO date of a line that is (mostly) a date or a dateline, or ``None``."""
    if len(block) > DATE_LINE_MAX or not YEAR.search(block) or not DATE_LINE.match(block.strip()):
        return None
    return parse_date(block)


def strip_site_suffix(title: str) -> str:
    """Drop a trailing " - Site" or " | Site" from a page title."""
    parts = re.split(r"\s+[|–—-]\s+|\s+::\s+", title)
    return max(parts[:-1], key=len) if len(parts) > 1 and len(parts[-1].split()) <= 4 else title
