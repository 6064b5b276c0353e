"""Direction of a quantity from the words around it ("more likely", "cut ... by", "fell").

The cue lists are in ``data/cues.json``.
"""

from __future__ import annotations

import re

from pipeline.quantities.lexicon import alternation, load

_CUES = load("cues")

_AFTER_NEUTRAL = re.compile(rf"^\s*{alternation(_CUES['after_ratio_neutral'])}(?![\w])")
_AFTER_UP = re.compile(rf"^[\s-]*{alternation(_CUES['after_increase'])}(?![\w])")
_AFTER_DOWN = re.compile(rf"^[\s-]*{alternation(_CUES['after_decrease'])}(?![\w])")
_VERB_UP = alternation(_CUES["verbs_increase"])
_VERB_DOWN = alternation(_CUES["verbs_decrease"])
#: "... cut the risk of stroke by " / "rose by " (verb within eight words before "by").
_BY = re.compile(
    rf"(?<![\w-])(?:(?P<up>{_VERB_UP})|(?P<down>{_VERB_DOWN}))(?:\s+[\w'’-]+){{0,8}}?"
    rf"\s+(?i:by)\s*$")
#: "rose 20 percent", "fell 5%": the verb right before the number.
_DIRECT = re.compile(rf"(?<![\w-])(?:(?P<up>{_VERB_UP})|(?P<down>{_VERB_DOWN}))\s*$")
#: "an increase of 20 percent", "a reduction in deaths of 30%".
_NOUN_OF = re.compile(
    r"(?<![\w-])(?:(?P<up>(?i:increase|rise|jump|boost|gain|improvement|growth|hike|surge))"
    r"|(?P<down>(?i:reduction|decrease|drop|decline|fall|cut|loss|dip|fell)))"
    r"(?:\s+in\s+[\w\s'-]{1,30}?)?\s+(?i:of)\s*$"
)
_CHANGE = re.compile(rf"(?<![\w-]){alternation(_CUES['change_cues'])}(?![\w])")
_RANGE = re.compile(rf"(?<![\w-]){alternation(_CUES['range_cues'])}\s*$")


def direction(quantity: dict, before: str, after: str) -> str | None:
    """``increase``, ``decrease`` or ``None`` for ``quantity`` in its context.

    Args:
        quantity: the quantity dict (its own ``direction`` wins when already set).
        before: text before the quantity, cut at the previous quantity or clause.
        after: text after the quantity.
    """
    if quantity.get("direction"):
        return quantity["direction"]
    value = quantity["value"]
    if _AFTER_NEUTRAL.match(after) and quantity["kind"] in ("ratio", "fraction") and value:
        return "increase" if value > 1 else "decrease" if value < 1 else None
    if _AFTER_DOWN.match(after):
        return "decrease"
    if _AFTER_UP.match(after):
        return "increase"
    tail = before[-70:]
    ending = tail.rstrip()[-2:].lower()
    match = _DIRECT.search(tail[-25:])
    if match is None and ending == "by":
        match = _BY.search(tail)
    if match is None and ending == "of":
        match = _NOUN_OF.search(tail)
    if match:
        return "increase" if match["up"] else "decrease"
    return None


def after_cue(after: str) -> bool:
    """True when ``after`` starts with a direction word ("more", "lower", "fewer")."""
    return bool(_AFTER_UP.match(after) or _AFTER_DOWN.match(after))


def is_change(before: str) -> bool:
    """True when the words before "from X to Y" describe a change ("fell", "rose")."""
    return bool(_CHANGE.search(before[-50:])) and not is_range(before)


def is_range(before: str) -> bool:
    """True when the word right before "from X to Y" makes it a range ("ranged", "aged")."""
    return bool(_RANGE.search(before[-25:]))
