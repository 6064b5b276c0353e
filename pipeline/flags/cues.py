"""Cue lexicons of the flag stage, compiled once from the JSON data files."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def compile_cues(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive, word-bounded alternation of the given regular expressions."""
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
