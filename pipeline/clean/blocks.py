"""Blocks of a plain-text dump and their folder-level repetition counts.

A block is one non-empty line of a dump (a page copied as text puts every paragraph, menu
item and button on its own line). A block's key normalises case, punctuation and digits, so
"Views: 5,139" and "Views: 12" on two pages of one site count as the same block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def split_blocks(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped, in order."""
    return list(filter(None, map(str.strip, text.splitlines())))


def block_key(block: str) -> str:
    """Normalised key of a line or block: lower-cased words, digits folded to ``0``."""
    return " ".join(WORD.findall(NUMBER.sub("0", block.lower())))


def folder_counts(texts: Iterable[str]) -> dict[str, int]:
    """For the documents of one folder, how many documents contain each block key."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({key for key in map(block_key, split_blocks(text)) if key})
    return dict(counts)
