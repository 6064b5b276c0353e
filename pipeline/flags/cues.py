"""Cue lexicons of the flag stage, compiled once from the JSON data files."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
#: (cue group, sentence) searches remembered by :func:`cue_search`
CACHED_SEARCHES = 1 << 16


def compile_cues(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive, word-bounded alternation of the given regular expressions.

    A straight apostrophe in a pattern also matches a typographic one (U+2019).
    """
    patterns = [p.replace("'", "['\u2019]") for p in patterns]
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w-])", re.I)


@cache
def lexicon(name: str) -> dict[str, re.Pattern[str]]:
    """Compiled cue groups of ``data/<name>.json`` (keys starting with ``_`` are comments).

    The optional ``macros`` object names word lists shared by several patterns: ``{ailment}``
    in a pattern stands for the alternation of the ``ailment`` list.
    """
    raw = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    macros = {f"{{{key}}}": "(?:" + "|".join(words) + ")" for key, words in raw.get("macros", {}).items()}

    def expand(pattern: str) -> str:
        for key, alternation in macros.items():
            pattern = pattern.replace(key, alternation)
        return pattern

    return {key: compile_cues([expand(p) for p in value]) for key, value in raw.items()
            if not key.startswith("_") and key != "macros"}


@lru_cache(maxsize=CACHED_SEARCHES)
def cue_search(group: str, span: str) -> re.Match[str] | None:
    """The first match of cue group ``group`` of ``data/cues.json`` in ``span``, remembered: the
    rules and the flag model ask the same questions of the same sentence."""
    return lexicon("cues")[group].search(span)


@cache
def explanations() -> dict:
    """The explanation templates of ``data/explanations.json``."""
    return json.loads((DATA / "explanations.json").read_text(encoding="utf-8"))


@cache
def topic_stopwords() -> frozenset[str]:
    """Words that never tie a sentence to a topic (``data/terms.json``)."""
    raw = json.loads((DATA / "terms.json").read_text(encoding="utf-8"))
    return frozenset(raw["stopwords"]) | frozenset(raw["generic"])


@cache
def word_families() -> dict[str, str]:
    """Irregular forms of one outcome word mapped to a shared head ("died" -> "death")."""
    raw = json.loads((DATA / "terms.json").read_text(encoding="utf-8"))
    return {form: head for head, forms in raw["families"].items() for form in forms}


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
