"""Lexical cues of boilerplate (advertiser disclosures, share and newsletter prompts...).

The cue lists live in ``data/cues.json``; see its description for the meaning of ``scope``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Cue:
    """One cue category: its name, when it removes a block, its patterns and whether a block
    it removes may start the page's tail."""

    name: str
    scope: str
    max_words: int
    patterns: tuple[str, ...]
    tail: bool = False


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
        unknown = set(spec) - {"scope", "max_words", "patterns", "tail"}
        if unknown or spec["scope"] not in {"always", "short", "feature"}:
            raise ValueError(f"cues.json: bad category {name!r} (unknown keys {sorted(unknown)})")
        for pattern in spec["patterns"]:
            re.compile(pattern)
        max_words = int(spec.get("max_words", 10**6))
        out.append(Cue(name, spec["scope"], max_words, tuple(spec["patterns"]), bool(spec.get("tail"))))
    return tuple(out)


@lru_cache(maxsize=1)
def triggers() -> frozenset[str]:
    """Words one of which a block must contain for an unanchored pattern naming it to be searched."""
    return frozenset(json.loads((DATA / "cues.json").read_text(encoding="utf-8"))["triggers"])


@lru_cache(maxsize=1)
def _matchers() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]], dict[str, Cue]]:
    """The anchored alternation, the unanchored patterns naming each trigger word (indexes
    into :func:`_unanchored`) and the categories by name."""
    found = cues()
    unanchored = _unanchored()
    naming = {word: tuple(i for i, (_, p) in enumerate(unanchored) if word in p) for word in triggers()}
    return _alternation(found, True), naming, {c.name: c for c in found}


@lru_cache(maxsize=1)
def _unanchored() -> tuple[tuple[Cue, str], ...]:
    """Every unanchored pattern with its category, in file order."""
    return tuple((cue, p) for cue in cues() for p in cue.patterns if not p.startswith("^"))


@lru_cache(maxsize=512)
def _floating(indexes: tuple[int, ...]) -> re.Pattern[str]:
    """One alternation of the unanchored patterns ``indexes``, grouped by category."""
    chosen: dict[Cue, list[str]] = {}
    for cue, pattern in (_unanchored()[i] for i in indexes):
        chosen.setdefault(cue, []).append(pattern)
    return _alternation(
        tuple(Cue(c.name, c.scope, c.max_words, tuple(p), c.tail) for c, p in chosen.items()), False
    )


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English function words (``data/stopwords.json``)."""
    raw = json.loads((DATA / "stopwords.json").read_text(encoding="utf-8"))
    return frozenset(raw["words"])


#: cues are looked for in the first characters of a block only
SPAN = 300


def match_cues(low: str, words: list[str]) -> tuple[Cue, ...]:
    """The cue categories found at the start of the lower-cased block ``low``.

    Two regex searches per block (one for the patterns anchored at the start of the block,
    one, within its first :data:`SPAN` characters, for the unanchored patterns that name one
    of the block's trigger words) give at most one category each, the first in file order.
    Categories of scope ``short`` only count in blocks of at most ``max_words`` words.

    Args:
        low: the lower-cased block.
        words: its words (``\\w+`` tokens of ``low``).
    """
    trigger_words = triggers()
    floating = None
    if not trigger_words.isdisjoint(words):
        floating = _floating_match(low, trigger_words.intersection(words))
    return _categories(_matchers()[0].match(low), floating, len(words))


def match_lines(
    lows: list[str], lower: list[list[str]], triggered: list[int]
) -> list[tuple[Cue, ...]]:
    """:func:`match_cues` of every block of a document, with one C-level pass of the anchored
    patterns over all of them.

    Args:
        lows: the lower-cased blocks.
        lower: their words.
        triggered: indexes of the blocks that contain a trigger word (:func:`triggers`).
    """
    anchored = list(map(_matchers()[0].match, lows))
    floating = dict.fromkeys(triggered)
    trigger_words = triggers()
    for i in triggered:
        floating[i] = _floating_match(lows[i], trigger_words.intersection(lower[i]))
    out: list[tuple[Cue, ...]] = [()] * len(lows)
    for i in sorted(set(compress(range(len(lows)), anchored)).union(floating)):
        out[i] = _categories(anchored[i], floating.get(i), len(lower[i]))
    return out


def _floating_match(low: str, present: set[str]) -> re.Match[str] | None:
    """The first match, within :data:`SPAN` characters, of the unanchored patterns naming one
    of the trigger words ``present``."""
    naming = _matchers()[1]
    indexes = tuple(sorted({i for word in present for i in naming[word]}))
    return _floating(indexes).search(low, 0, SPAN)


def _categories(
    anchored: re.Match[str] | None, floating: re.Match[str] | None, n_words: int
) -> tuple[Cue, ...]:
    """The categories of a block's anchored and floating matches that apply at ``n_words``."""
    by_name = _matchers()[2]
    out: list[Cue] = []
    for match in (anchored, floating):
        if match is not None:
            cue = by_name[match.lastgroup]
            if (cue.scope != "short" or n_words <= cue.max_words) and cue not in out:
                out.append(cue)
    return tuple(out)


def removal_reason(matched: tuple[Cue, ...], n_words: int) -> str | None:
    """The reason the ``matched`` cues remove a block of ``n_words`` words, if they do."""
    for cue in matched:
        if cue.scope == "always" or (cue.scope == "short" and n_words <= cue.max_words):
            return cue.name
    return None


def tail_start(reasons: list[str | None], kept_chars: list[int]) -> int | None:
    """Where the page's tail starts: the first block removed by a ``tail`` cue category (a
    comment-section header, a press release's "Media contact") with more kept text before it
    than after it, or ``None``.

    Args:
        reasons: each block's removal reason (a cue category name, another reason or ``None``).
        kept_chars: each block's kept characters (0 for a removed block).
    """
    tails = {cue.name for cue in cues() if cue.tail}
    if tails.isdisjoint(reasons):
        return None
    after = sum(kept_chars)
    before = 0
    for i, (reason, chars) in enumerate(zip(reasons, kept_chars)):
        after -= chars
        if reason in tails and before > after:
            return i
        before += chars
    return None
