"""Exact rules: non-claim roles (years, dates, phone numbers, prices, doses, ages, views, service
counts) and claim types that an effect measure's unit decides (NNT, NNH).

The rules are data (``data/rules.json``); this module compiles them and tells, for one
quantity in its sentence, which non-claim role an exact rule gives it (or ``None``), and which
claim type its unit fixes (or ``None``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "rules.json"
CONTEXT_CHARS = 48


@dataclass(frozen=True)
class Rule:
    """One non-claim rule; every pattern given must match."""

    role: str
    quantity: re.Pattern[str] | None
    left: re.Pattern[str] | None
    right: re.Pattern[str] | None


@dataclass(frozen=True)
class RuleSet:
    """The compiled rules, the quantity-grammar roles trusted as non-claims and the units that
    decide a claim's type."""

    rules: tuple[Rule, ...]
    grammar_roles: frozenset[str]
    version: int
    unit_types: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA) -> RuleSet:
    """Read and compile ``rules.json``.

    Raises:
        ValueError: a rule has an unknown key or no pattern.
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    rules = []
    for entry in raw["rules"]:
        unknown = set(entry) - {"role", "quantity", "left", "right"}
        if unknown or not set(entry) & {"quantity", "left", "right"}:
            raise ValueError(f"{path}: bad rule {entry!r} (keys: role, quantity, left, right)")

        def compile_(key: str) -> re.Pattern[str] | None:
            return re.compile(entry[key], re.IGNORECASE) if key in entry else None

        rules.append(Rule(entry["role"], compile_("quantity"), compile_("left"), compile_("right")))
    return RuleSet(tuple(rules), frozenset(raw.get("grammar_roles", ())), int(raw.get("version", 1)),
                   dict(raw.get("unit_types", {})))


def non_claim_role(sentence: str, quantity: dict, rules: RuleSet | None = None) -> str | None:
    """The non-claim role an exact rule gives a quantity, or ``None``.

    Args:
        sentence: the sentence; ``quantity`` offsets index into it.
        quantity: the quantity dict.
        rules: the rule set; the packaged one by default.

    Returns:
        A role such as ``"year"`` or ``"price"``, or ``None`` when no rule fires.
    """
    rules = rules or load_rules()
    role = quantity.get("role")
    if role in rules.grammar_roles:
        return role
    start, end = quantity["start"], quantity["end"]
    text = sentence[start:end]
    left = sentence[max(0, start - CONTEXT_CHARS):start]
    right = sentence[end:end + CONTEXT_CHARS]
    for rule in rules.rules:
        if rule.quantity is not None and not rule.quantity.fullmatch(text):
            continue
        if rule.left is not None and not rule.left.search(left):
            continue
        if rule.right is not None and not rule.right.match(right):
            continue
        return rule.role
    return None


def unit_type(quantity: dict, rules: RuleSet | None = None) -> str | None:
    """The claim type the quantity's unit decides outright ("nnt" -> efficacy), or ``None``."""
    rules = rules or load_rules()
    unit = str(quantity.get("unit") or "").lower()
    return rules.unit_types.get(unit) if unit else None
