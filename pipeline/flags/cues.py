"""Cue lexicons of the flag stage, compiled once from the JSON data files."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def compile_cues(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive, word-bounded alternation of the given regular expressions.

    A straight apostrophe in a pattern also matches a typographic one (U+2019).
    """
    patterns = [p.replace("'", "['\u2019]") for p in patterns]
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w-])", re.I)


@cache
def lexicon(name: str) -> dict[str, re.Pattern[str]]:
    """Compiled cue groups of ``data/<name>.json`` (keys starting with ``_`` are comments)."""
    raw = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return {key: compile_cues(value) for key, value in raw.items() if not key.startswith("_")}


@cache
def explanations() -> dict:
    """The explanation templates of ``data/explanations.json``."""
    return json.loads((DATA / "explanations.json").read_text(encoding="utf-8"))


@cache
def topic_stopwords() -> frozenset[str]:
    """Words that never tie a sentence to a topic (``data/terms.json``)."""
    raw = json.loads((DATA / "terms.json").read_text(encoding="utf-8"))
    return frozenset(raw["stopwords"]) | frozenset(raw["generic"])


_WORD = re.compile(r"[a-z][a-z0-9'\u2019-]+")


def topic_terms(text: str) -> set[str]:
    """Content words of a span, lowercased, crude plural folding, topic-free words dropped."""
    stop = topic_stopwords()
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in stop or len(word) < 3:
            continue
        words.add(word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 4 else word)
    return words
