"""Lexical cues of boilerplate (advertiser disclosures, share and newsletter prompts...).

The cue lists live in ``data/cues.json``; see its description for the meaning of ``scope``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Cue:
    """One cue category: its name, when it removes a block, and its patterns."""

    name: str
    scope: str
    max_words: int
    patterns: tuple[str, ...]


_GROUP = re.compile(r"(?<!\\)\((?!\?)")


def _alternation(cue_list: tuple[Cue, ...], anchored: bool) -> re.Pattern[str]:
    """One regex whose named top-level groups are the categories (inner groups uncaptured)."""
    parts = []
    for cue in cue_list:
        chosen = [p[1:] if anchored else p for p in cue.patterns if p.startswith("^") == anchored]
        if chosen:
            body = "|".join(_GROUP.sub("(?:", p) for p in chosen)
            parts.append(f"(?P<{cue.name}>{body})")
    return re.compile("|".join(parts) or r"(?!)")


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The cue categories of ``data/cues.json``, in file order."""
    raw = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    out = []
    for name, spec in raw["categories"].items():
        unknown = set(spec) - {"scope", "max_words", "patterns"}
        if unknown or spec["scope"] not in {"always", "short", "feature"}:
            raise ValueError(f"cues.json: bad category {name!r} (unknown keys {sorted(unknown)})")
        for pattern in spec["patterns"]:
            re.compile(pattern)
        out.append(Cue(name, spec["scope"], int(spec.get("max_words", 10**6)), tuple(spec["patterns"])))
    return tuple(out)


@lru_cache(maxsize=1)
def triggers() -> frozenset[str]:
    """Words one of which a block must contain for its unanchored patterns to be searched."""
    return frozenset(json.loads((DATA / "cues.json").read_text(encoding="utf-8"))["triggers"])


@lru_cache(maxsize=1)
def _matchers() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Cue]]:
    found = cues()
    return _alternation(found, True), _alternation(found, False), {c.name: c for c in found}


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English function words (``data/stopwords.json``)."""
    raw = json.loads((DATA / "stopwords.json").read_text(encoding="utf-8"))
    return frozenset(raw["words"])


#: cues are looked for in the first characters of a block only
SPAN = 300


def match_cues(low: str, words: list[str]) -> list[Cue]:
    """The cue categories found at the start of the lower-cased block ``low``.

    Two regex searches per block (one for the patterns anchored at the start of the block,
    one for the others, within its first :data:`SPAN` characters) give at most one category
    each, the first in file order. Categories of scope ``short`` only count in blocks of at
    most ``max_words`` words.

    Args:
        low: the lower-cased block.
        words: its words (``\\w+`` tokens of ``low``).
    """
    anchored, floating, by_name = _matchers()
    n_words = len(words)
    out = []
    found = [anchored.match(low)]
    if not triggers().isdisjoint(words):
        found.append(floating.search(low, 0, SPAN))
    for match in found:
        if match is not None:
            cue = by_name[match.lastgroup]
            if (cue.scope != "short" or n_words <= cue.max_words) and cue not in out:
                out.append(cue)
    return out


def removal_reason(matched: list[Cue], n_words: int) -> str | None:
    """The reason the ``matched`` cues remove a block of ``n_words`` words, if they do."""
    for cue in matched:
        if cue.scope == "always" or (cue.scope == "short" and n_words <= cue.max_words):
            return cue.name
    return None
