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
    """One cue category: its name, when it removes a block, and its compiled patterns."""

    name: str
    scope: str
    max_words: int
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The cue categories of ``data/cues.json``, in file order."""
    raw = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    out = []
    for name, spec in raw["categories"].items():
        unknown = set(spec) - {"scope", "max_words", "patterns"}
        if unknown or spec["scope"] not in {"always", "short", "feature"}:
            raise ValueError(f"cues.json: bad category {name!r} (unknown keys {sorted(unknown)})")
        pattern = re.compile("|".join(f"(?:{p})" for p in spec["patterns"]))
        out.append(Cue(name, spec["scope"], int(spec.get("max_words", 10**6)), pattern))
    return tuple(out)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English function words (``data/stopwords.json``)."""
    raw = json.loads((DATA / "stopwords.json").read_text(encoding="utf-8"))
    return frozenset(raw["words"])


#: cues are looked for in the first characters of a block only
SPAN = 300


def match_cues(low: str, n_words: int) -> list[Cue]:
    """The cue categories matching the start of the lower-cased block ``low``.

    Categories of scope ``short`` are only looked for in blocks of at most ``max_words``.
    """
    return [
        cue
        for cue in cues()
        if (cue.scope != "short" or n_words <= cue.max_words) and cue.pattern.search(low, 0, SPAN)
    ]


def removal_reason(matched: list[Cue], n_words: int) -> str | None:
    """The reason the ``matched`` cues remove a block of ``n_words`` words, if they do."""
    for cue in matched:
        if cue.scope == "always" or (cue.scope == "short" and n_words <= cue.max_words):
            return cue.name
    return None
