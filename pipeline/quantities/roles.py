"""Why a number is not a health claim: years, ages, doses, durations, sample sizes, views.

:func:`assign_role` looks at a quantity's unit and at the words just before and after it and
returns a role such as ``"year"`` or ``"sample_size"``, or ``None`` for a candidate health
number. It also marks counts of people (``unit="people"``). The cue lists are in
``data/roles.json`` and ``data/units.json``.
"""

from __future__ import annotations

import re

from pipeline.quantities.lexicon import alternation, entries, load

_ROLES = load("roles")
_UNITS = load("units")

#: unit word -> role, from ``units.json`` ``role_units`` ("mg" -> "dose").
UNIT_ROLES: dict[str, str] = {}
for _role, _words in entries(_UNITS["role_units"]).items():
    for _word in _words:
        UNIT_ROLES.setdefault(_word.lstrip("-").lower(), _role.replace("_attached", ""))
for _word in _UNITS["currency_words"]:
    UNIT_ROLES.setdefault(_word.lower(), "price")


def _ends_with(words: list[str]) -> re.Pattern[str]:
    """A pattern for text that ends with one of ``words`` (then optional spaces)."""
    return re.compile(rf"(?<![\w-]){alternation(words)}\s*$")


def _starts_with(words: list[str]) -> re.Pattern[str]:
    """A pattern for text that starts (after spaces) with one of ``words``."""
    return re.compile(rf"^\s*{alternation(words)}(?![\w])")


_AGE_BEFORE = _ends_with(_ROLES["age_before"])
_AGE_AFTER = _starts_with(_ROLES["age_after_words"])
_SAMPLE_BEFORE = _ends_with(_ROLES["sample_before"])
_VIEWS_BEFORE = re.compile(rf"{alternation(_ROLES['views_before'], ignore_case=False)}\s*$")
_READERS_AFTER = _starts_with(_ROLES["readers_after"])
_VIEWS_AFTER = _starts_with(_ROLES["views_after"])
_OTHER_AFTER = _starts_with(_ROLES["other_after"])
_FREQUENCY_AFTER = _starts_with(_ROLES["frequency_after"])
_OUTCOME_BEFORE = _ends_with(_ROLES["measurement_outcome_before"])
_BY_BEFORE = re.compile(r"(?<![\w])(?i:by)\s*$")
_LABEL_OTHER = re.compile(
    rf"(?<![\w]){alternation(_ROLES['label_words']['other'], ignore_case=False)}\s*$")
_LABEL_DURATION = re.compile(
    rf"(?<![\w]){alternation(_ROLES['label_words']['duration'], ignore_case=False)}\s*$")
_people = _UNITS["people"]
_skip = _UNITS["people_skip_words"]
_PEOPLE_AFTER = re.compile(
    rf"^\s+(?P<skipped>(?:(?!{alternation(_skip['stop'])}\s)[A-Za-z][\w'-]*,?\s+)"
    rf"{{0,{_skip['max_words']}}})"
    rf"{alternation(_people, ignore_case=False)}(?![\w])"
)
_SAMPLE_HYPHEN = re.compile(rf"^{alternation(_ROLES['sample_after']['hyphenated'])}(?![\w])")
_STUDIES_AFTER = _starts_with(_ROLES["sample_after"]["studies"])
_OF_BEFORE = re.compile(r"(?<![\w])(?i:of)\s+$")
_AGE_PEOPLE = re.compile(
    rf"(?<![\w]){alternation(_ROLES['age_people_before']['words'])}"
    rf"\s+(?i:over|under|above|below|aged)\s*$")
_PHONE_BEFORE = re.compile(
    rf"(?<![\w]){alternation(_ROLES['phone_before']['words'])}\s+(?:[A-Z]+\s+)?(?:(?i:to|on)\s+)?$")
#: "Martha Aldredge, 76, fell", "the minister, 56, said": an age in apposition.
_NAME_COMMA_BEFORE = re.compile(r"[A-Za-z]{2,},\s*$")
#: "since I was 19", "Grandma is 93": a person's age.
_PERSON_IS_BEFORE = re.compile(
    rf"(?<![\w]){alternation(_ROLES['person_is_before']['people'], ignore_case=False)}"
    rf"\s+{alternation(_ROLES['person_is_before']['verbs'])}\s+$")
_COMMA_AFTER = re.compile(r"^\s*,")
#: "[3]": a reference marker.
_BRACKET_BEFORE = re.compile(r"\[\s*$")
_BRACKET_AFTER = re.compile(r"^\s*\]")
_AGES_IN = re.compile(r"(?i:the\s+ages?\s+of)\s")
_PERCENT_AFTER = re.compile(r"^\s*(?:%|(?i:percent|per\s+cent))")
YEARS = range(*_ROLES["year_range"])
#: Characters before a quantity that the role cues look at (the longest cue is shorter).
_WINDOW = 32
#: Units of time ("years", "months", ...).
DURATION_UNITS = frozenset(w for w in _UNITS["role_units"]["duration"] if not w.endswith("'"))


def unit_role(unit: str | None) -> str | None:
    """The role a unit word implies ("mg" -> "dose", "years" -> "duration"), or ``None``."""
    if not unit:
        return None
    role = UNIT_ROLES.get(unit.lower())
    if role is None and unit.endswith("s"):
        role = UNIT_ROLES.get(unit[:-1].lower())
    return role


def assign_role(quantity: dict, before: str, after: str) -> str | None:
    """The non-claim role of ``quantity``, or ``None`` for a candidate health number.

    Also sets ``quantity["unit"] = "people"`` (and kind ``count``) for a bare number
    followed by a people noun ("12 patients died").

    Args:
        quantity: the quantity dict built so far (kind, value, unit, ...).
        before: text before the quantity (its last :data:`_WINDOW` characters are used).
        after: up to ~60 characters of text after the quantity.
    """
    kind, unit, value = quantity["kind"], quantity.get("unit"), quantity["value"]
    before = before[-_WINDOW:]
    if unit == "times" and (kind == "other" or _FREQUENCY_AFTER.match(after)):
        quantity["kind"] = "other"
        return "dose"
    role = unit_role(unit)
    if _AGES_IN.search(quantity["text"]):
        return "age"
    if role == "duration":
        if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after) or re.match(r"^\s*old\b", after):
            return "age"
        if _BY_BEFORE.search(before):
            return None
        return role
    if role == "measurement":
        if quantity.get("direction") or _OUTCOME_BEFORE.search(before):
            return None
        return role
    if role is not None:
        return role
    if kind not in ("count", "other") or unit is not None:
        return None
    if _VIEWS_BEFORE.search(before) or _VIEWS_AFTER.match(after):
        return "views"
    if _BRACKET_BEFORE.search(before) and _BRACKET_AFTER.match(after):
        return "other"
    if (kind == "count" and value is not None and 0 < value < 120 and quantity["bound"] is None
            and (_NAME_COMMA_BEFORE.search(before) and _COMMA_AFTER.match(after)
                 or _PERSON_IS_BEFORE.search(before))):
        return "age"
    if _PHONE_BEFORE.search(before) and value is not None and value >= 100:
        return "phone"
    if _SAMPLE_HYPHEN.match(after) or (_STUDIES_AFTER.match(after) and _OF_BEFORE.search(before)):
        return "sample_size"
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after) or _age_by_bound(quantity, before):
        return "age"
    if _LABEL_DURATION.search(before):
        return "duration"
    if _LABEL_OTHER.search(before):
        return "other"
    people = _PEOPLE_AFTER.match(after)
    if is_year(quantity) and not _PERCENT_AFTER.match(after) and not (
            people and not people["skipped"]):
        return "year"
    if people:
        quantity["unit"] = "people"
        quantity["kind"] = "count"
        if _SAMPLE_BEFORE.search(before):
            return "sample_size"
        return None
    if value is None and kind == "count":
        return "other"
    if _READERS_AFTER.match(after) or _OTHER_AFTER.match(after):
        return "other"
    if _FREQUENCY_AFTER.match(after):
        return "dose"
    return None


def _age_by_bound(quantity: dict, before: str) -> bool:
    """"adults over 65", "children under five": a bounded bare number after people."""
    text = quantity["text"].lower()
    if not text.startswith(("over", "under", "above", "below", "aged")):
        return False
    head = before + quantity["text"][: len(quantity["text"]) - len(text.split()[-1])]
    return bool(_AGE_PEOPLE.search(head))


def is_frequency(after: str) -> bool:
    """True when ``after`` starts with a frequency ("a day", "daily", "per week")."""
    return bool(_FREQUENCY_AFTER.match(after))


def is_year(quantity: dict) -> bool:
    """True for a bare four-digit whole number in the year range ("2002", not "2,002")."""
    text = quantity["text"]
    values = [quantity["value"]] if quantity["low"] is None else [quantity["low"], quantity["high"]]
    return all(isinstance(v, int) and v in YEARS for v in values) and "," not in text and not any(
        c.isalpha() for c in text.replace("between", "").replace("from", "").replace("to", "")
        .replace("and", "")
    )
