"""The result of boilerplate stripping."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Cleaned:
    """A cleaned article.

    Attributes:
        text: the article body, paragraphs joined by a blank line.
        title: the headline, where found.
        author: the byline's author, where found.
        published: the publication (or last update) date as ``YYYY-MM-DD``, where found.
        url: the page URL, where known.
        removed: the removed blocks, each ``{"text": ..., "reason": ...}``.
        removed_chars: characters in the removed blocks.
        kept_chars: characters in the kept blocks.
    """

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    removed: list[dict[str, str]] = field(default_factory=list)
    removed_chars: int = 0
    kept_chars: int = 0

    def boilerplate(self) -> dict[str, Any]:
        """The record's ``boilerplate`` field."""
        return {
            "removed_chars": self.removed_chars,
            "kept_chars": self.kept_chars,
            "removed": [dict(item) for item in self.removed],
        }
