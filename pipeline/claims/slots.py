"""Slots and hedges of a claim, as exact text spans of its sentence.

There is no parser in the pipeline, so slots come from token patterns over the sentence
(``data/slots.json``): "according to X", "a study conducted by X", "X said" give the
attribution; "compared with X", "than X" the comparator; "over N years", "up to two years
later" the timeframe; "patients with X", "among X" the population; "given X", a sentence
subject before an effect verb, "people who ate X" the intervention or exposure; "risk of X",
"likely to have X" the outcome. Hedges are epistemic words anywhere in the sentence ("may",
"suggests") and bound words inside or just before the claim's quantity ("about", "at least").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "slots.json"
SLOT_NAMES = ("population", "intervention", "outcome", "comparator", "timeframe", "attribution")
#: how far before a quantity a bound word may start ("about 30 percent" when the grammar
#: did not take "about" into the span)
BOUND_REACH = 20
EDGE_PUNCT = " \t\n,;:.'\"“”‘’"


@dataclass(frozen=True)
class SlotRules:
    """Compiled slot patterns, stop patterns and hedge lexicons."""

    patterns: dict[str, tuple[re.Pattern[str], ...]]
    stops: dict[str, re.Pattern[str] | None]
    trim_leading: re.Pattern[str]
    epistemic: re.Pattern[str]
    bound: re.Pattern[str]


def _phrases(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_slot_rules(path: Path = DATA) -> SlotRules:
    """Read ``slots.json``, expand its macros and compile every pattern.

    Raises:
        ValueError: a slot name is unknown.
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    macros: dict[str, str] = raw["macros"]

    def expand(pattern: str) -> str:
        for name, value in macros.items():
            pattern = pattern.replace("{" + name + "}", value)
        return pattern

    unknown = set(raw["slots"]) - set(SLOT_NAMES)
    if unknown:
        raise ValueError(f"{path}: unknown slots {sorted(unknown)}; expected {SLOT_NAMES}")
    patterns = {
        slot: tuple(re.compile(expand(p), re.IGNORECASE) for p in raw["slots"].get(slot, ()))
        for slot in SLOT_NAMES
    }
    stops = {
        slot: re.compile(expand(raw["stop"][slot]), re.IGNORECASE) if raw["stop"].get(slot) else None
        for slot in SLOT_NAMES
    }
    return SlotRules(
        patterns=patterns,
        stops=stops,
        trim_leading=re.compile(raw["trim_leading"], re.IGNORECASE),
        epistemic=_phrases(raw["hedges"]["epistemic"]),
        bound=_phrases(raw["hedges"]["bound"]),
    )


def _clean(sentence: str, start: int, end: int, rules: SlotRules, slot: str) -> tuple[int, int]:
    """Cut a candidate span at its slot's stop pattern and strip its edges."""
    text = sentence[start:end]
    stop = rules.stops[slot]
    if stop is not None:
        cut = stop.search(text, 1)
        if cut:
            end = start + cut.start()
    lead = rules.trim_leading.match(sentence, start, end)
    if lead and lead.end() > start:
        start = lead.end()
    while start < end and sentence[start] in EDGE_PUNCT:
        start += 1
    while end > start and sentence[end - 1] in EDGE_PUNCT:
        if sentence[end - 1] == "." and re.search(r"\b(?:Dr|Prof|St|Mr|Mrs|Ms|vs|al)\.$", sentence[start:end]):
            break
        end -= 1
    return start, end


def _word_start(sentence: str, start: int) -> bool:
    """True when ``start`` begins a word (not the middle of a word or of "18,200")."""
    if start == 0:
        return True
    before = sentence[start - 1]
    if before.isalnum():
        return False
    return not (before in ",." and start >= 2 and sentence[start - 2].isdigit())


def _matches(pattern: re.Pattern[str], sentence: str) -> list[re.Match[str]]:
    """Every match of ``pattern``, overlapping ones included (a rejected long match must not
    hide a shorter one that starts inside it)."""
    found = []
    match = pattern.search(sentence)
    while match:
        found.append(match)
        match = pattern.search(sentence, match.start() + 1)
    return found


def extract_slots(sentence: str, quantity: dict | None = None, rules: SlotRules | None = None,
                  memo: dict[re.Pattern[str], list[re.Match[str]]] | None = None) -> dict[str, str | None]:
    """Find the six slots of a claim in its sentence.

    Args:
        sentence: the sentence text.
        quantity: the claim's quantity (offsets into ``sentence``); used to prefer the
            candidate nearest to it and to keep the quantity itself out of the slots.
        rules: compiled rules; the packaged ``slots.json`` by default.
        memo: pattern matches already found in this same sentence (filled as a side effect);
            pass one dict for all claims of a sentence so each pattern runs once per sentence.

    Returns:
        ``slot -> text`` (an exact substring of ``sentence``) or ``None``.
    """
    rules = rules or load_slot_rules()
    anchor = quantity["start"] if quantity else 0
    q_end = quantity["end"] if quantity else 0
    found: dict[str, str | None] = {}
    taken: list[tuple[int, int]] = []
    for slot in ("attribution", "timeframe", "comparator", "population", "intervention", "outcome"):
        found[slot] = None
        for pattern in rules.patterns[slot]:
            best = None
            if memo is None:
                matches = _matches(pattern, sentence)
            elif pattern in memo:
                matches = memo[pattern]
            else:
                matches = memo[pattern] = _matches(pattern, sentence)
            for match in matches:
                start, end = _clean(sentence, match.start("x"), match.end("x"), rules, slot)
                cut = min((s for s, _ in taken if start < s < end), default=None)
                if cut is not None:
                    start, end = _clean(sentence, start, cut, rules, slot)
                if end <= start or not _word_start(sentence, start) or sentence[start].isdigit():
                    continue
                if quantity and start < q_end and end > anchor and slot != "population":
                    continue
                if slot in ("outcome", "intervention") and any(start < e and end > s for s, e in taken):
                    continue
                distance = min(abs(start - anchor), abs(end - anchor))
                if best is None or distance < best[0]:
                    best = (distance, start, end)
            if best is not None:
                found[slot] = sentence[best[1]:best[2]]
                if slot in ("attribution", "timeframe", "comparator"):
                    taken.append((best[1], best[2]))
                break
    return {slot: found[slot] for slot in SLOT_NAMES}


def find_hedges(sentence: str, quantity: dict | None = None, rules: SlotRules | None = None) -> list[str]:
    """Hedge and bound words that qualify a claim, as they are written in the sentence.

    Args:
        sentence: the sentence text.
        quantity: the claim's quantity (offsets into ``sentence``); bound words count only
            inside it or just before it.
        rules: compiled rules; the packaged ``slots.json`` by default.

    Returns:
        The hedges in sentence order, without duplicates.
    """
    rules = rules or load_slot_rules()
    hits = [(m.start(), m.group()) for m in rules.epistemic.finditer(sentence)]
    if quantity is not None:
        lo = max(0, quantity["start"] - BOUND_REACH)
        for match in rules.bound.finditer(sentence, lo, quantity["end"]):
            inside = match.start() >= quantity["start"]
            adjacent = not sentence[match.end():quantity["start"]].strip(" ,")
            if inside or adjacent:
                hits.append((match.start(), match.group()))
    hedges: list[str] = []
    for _, text in sorted(hits):
        if text not in hedges:
            hedges.append(text)
    return hedges
