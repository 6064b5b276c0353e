"""The quantity lexicons: JSON files in ``data/``, each loaded once.

Every word list the grammar, the role rules and the context cues use lives in one of these
files, so a reviewer can change what is recognised without touching code.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
FILES = ("numbers", "units", "bounds", "cues", "roles")


@cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed ``data/<name>.json`` (cached; treat it as read-only).

    Args:
        name: one of :data:`FILES`.

    Raises:
        ValueError: for a name that is not a packaged lexicon.
    """
    if name not in FILES:
        raise ValueError(f"unknown lexicon {name!r}; expected one of {FILES}")
    with open(DATA / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def entries(mapping: dict[str, Any]) -> dict[str, Any]:
    """``mapping`` without its ``_doc`` key."""
    return {k: v for k, v in mapping.items() if not k.startswith("_")}


def alternation(words: list[str] | dict[str, Any], *, ignore_case: bool = True) -> str:
    """A regex matching any of ``words`` literally, compiled as a trie (longest match first).

    A trie ("t(?:hree|wo)") lets the regex engine reject a position after one character
    instead of trying every phrase in turn, which keeps the scanner fast. Spaces in a
    phrase match any run of whitespace.

    Args:
        words: the phrases (a dict's keys are used; ``_doc`` keys are skipped).
        ignore_case: wrap the group in ``(?i:...)`` (the trie is then built lower-case).
    """
    trie: dict[str, Any] = {}
    for word in words:
        if word.startswith("_"):
            continue
        node = trie
        for char in word.lower() if ignore_case else word:
            node = node.setdefault(char, {})
        node[""] = {}
    body = _trie_regex(trie)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _trie_regex(node: dict[str, Any]) -> str:
    """The regex for one trie node: its branches, optional when a word may end here."""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def phrase_table(mapping: dict[str, Any]) -> dict[str, Any]:
    """``mapping`` keyed by lower-cased, single-spaced phrase (for looking up a match)."""
    return {normalise(k): v for k, v in entries(mapping).items()}


def normalise(phrase: str) -> str:
    """Lower-case ``phrase`` and collapse its whitespace to single spaces."""
    return " ".join(phrase.lower().split())
