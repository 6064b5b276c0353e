"""Find and interpret every number-bearing expression in a text.

The scanner looks only near a *trigger* (a digit, a fraction sign or a number word): it
backs up over the words that can open a quantity ("at least", "between", "odds ratio") and
runs :data:`pipeline.quantities.grammar.MASTER` from there. Each match is interpreted by the
function for its form (effect measure, range, fraction, ...), given a role
(:mod:`pipeline.quantities.roles`) and a direction (:mod:`pipeline.quantities.context`);
confidence intervals and p-values that follow a quantity are attached to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pipeline.quantities import context, grammar, roles
from pipeline.quantities.lexicon import alternation, entries, load, phrase_table
from pipeline.quantities.numbers import (
    FRACTION_WORDS,
    parse_fraction,
    parse_number,
    parse_numeral,
    significant,
    tidy,
)

Quantity = dict[str, Any]
Interpreter = Callable[[re.Match, str], "tuple[Quantity | None, int]"]

_NUMBERS = load("numbers")
_UNITS = load("units")
_BOUNDS = load("bounds")
_CUES = load("cues")
_BOUNDS_BEFORE = phrase_table(_BOUNDS["before"])
_BOUNDS_AFTER = phrase_table(_BOUNDS["after"])
_NOT_DURATION_BOUNDS = frozenset(_BOUNDS["duration_not_bounds"]["words"])
_MULTIPLIERS = phrase_table(_NUMBERS["multipliers"])
_FREQUENCIES = phrase_table(_NUMBERS["frequency_words"])
_FOLD_WORDS = phrase_table(_NUMBERS["fold_words"])
_ORDINAL_WORDS = phrase_table(_NUMBERS["ordinal_words"]["words"])
_ORDINAL_NOUNS = frozenset(_NUMBERS["ordinal_nouns"]["words"])
_ARTICLE = _NUMBERS["article_durations"]
_ARTICLE_BEFORE = frozenset(_ARTICLE["before"])
_ARTICLE_AFTER = frozenset(_ARTICLE["after"])
_UNIT_SCALES = entries(_NUMBERS["unit_scales"])
_MINUTES = entries(_NUMBERS["time_in_minutes"])
_MEASURES = phrase_table(_UNITS["effect_measures"]["names"])
_MEASURE_ABBR = entries(_UNITS["effect_measures"]["abbreviations"])
_MEASURE_KINDS = _UNITS["effect_measures"]["kinds"]
_RATIO_MEASURES = {unit for unit in _MEASURES.values() if unit not in _MEASURE_KINDS}
_PERCENTAGE_POINT = {" ".join(w.replace("-", " ").split()) for w in _UNITS["percentage_point"]}

#: "(1.2-2.6)", "(2·1–5·0)" or "; 0.44–0.85)" right after a value: a CI without its label.
_UNLABELLED_CI = re.compile(
    rf"^\s*[(\[;,]\s*(?P<ci_lo>{grammar.NUMERAL}\s*%?)\s*(?:[-–—]|to|,)\s*"
    rf"(?P<ci_hi>{grammar.NUMERAL}\s*%?)\s*[)\];,]")
_BY_BEFORE = re.compile(r"(?<![\w])(?i:by)\s+$")
#: "at 6 months", "after 2 years": a time point, which carries no p-value of its own.
_TIMEPOINT_BEFORE = re.compile(rf"(?<![\w]){alternation(_CUES['timepoint_before'])}\s+$")
_GAIN_LOSS_BEFORE = re.compile(rf"(?<![\w]){alternation(_CUES['gain_loss_before'])}\s+$")
_labels = _CUES["difference_labels"]
#: "mean difference", "between-group difference of", "absolute risk reduction".
_DIFFERENCE_BEFORE = re.compile(
    rf"(?<![\w-])(?:{alternation(_labels['modifiers'])}\s+){{0,2}}{alternation(_labels['heads'])}"
    r"(?:\s+(?i:of|was|in\s+\w+(?:\s+\w+)?\s+of))?[\s,:]*$")
_NEXT_WORD = re.compile(r"^[\s-]+([A-Za-z]+)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\W*$")
_FIRST_INT = re.compile(r"\d+")
_OF_WHICH = re.compile(r"^\s+(?i:of)\s+(?i:which|whom)(?![\w])")
#: What may stand between a quantity and its CI or p-value: no sentence end.
_ATTACH_GAP = re.compile(r"^(?:[^.!?]|\.(?!\s+[A-Z])){0,100}$")
_CONTEXT = 70
_PLUS_MINUS = ("±", "+/-", "+/−")
_RANGE_ROLES = ("duration", "age", "dose")
#: Non-claim roles whose numbers are of kind "other", not "count" (a year is no count).
_OTHER_KIND_ROLES = ("year", "age", "measurement", "ordinal", "duration", "date", "phone",
                     "price", "url")
#: "(0.14%)" right after "12 of 8,400" or after its noun ("12 of 8,400 patients (0.14%)").
_PERCENT_AFTER = re.compile(r"^(?:\s+[A-Za-z][\w-]*){0,3}\s*\(\s*[\d.·]+\s*(?:%|percent|per\s+cent)")
_PAIR_GAP = re.compile(r",?\s+(?i:and|but)\s+|,\s*")


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every number-bearing expression in ``text``, non-overlapping, in text order.

    Args:
        text: a sentence or a whole document.
        offset: added to every ``start``/``end`` (the position of ``text`` in a larger string).

    Returns:
        Quantity dicts: ``text``, ``start``, ``end``, ``kind``, ``value``, ``low``, ``high``,
        ``bound``, ``direction``, ``unit``, ``role`` and, where present, ``ci_low``,
        ``ci_high``, ``ci_level``, ``p_value``, ``p_bound``, ``from_value``, ``to_value``,
        ``plus_minus`` (the spread of "30 ± 10").
    """
    found: list[Quantity] = []
    consumed = 0
    lowered = text.lower()
    if len(lowered) == len(text):
        triggers = grammar.TRIGGER.finditer(lowered)
    else:
        triggers = grammar.TRIGGER_ANY_CASE.finditer(text)
    for trigger in triggers:
        if trigger.start() < consumed:
            continue
        match = grammar.MASTER.search(text, _scan_start(text, trigger.start(), consumed))
        if match is None:
            break
        form = match.lastgroup
        if form in ("ci", "pval") and _attach(found, match, text):
            consumed = match.end()
            continue
        quantity, consumed = _INTERPRETERS[form](match, text)
        if quantity is not None:
            found.append(quantity)
            if quantity["role"] is None and quantity["value"] is not None:
                consumed = _attach_unlabelled_ci(quantity, text, consumed)
    found = _merge_bounded_pairs(found, text)
    if offset:
        for quantity in found:
            quantity["start"] += offset
            quantity["end"] += offset
    return found


def _merge_bounded_pairs(found: list[Quantity], text: str) -> list[Quantity]:
    """Join "more than 10 and less than 40" into one range (low 10, high 40)."""
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        if previous is not None and _bounded_pair(previous, quantity, text):
            low, high = (previous, quantity) if previous["bound"] == "at_least" else (quantity,
                                                                                    previous)
            previous.update(
                text=text[previous["start"]:quantity["end"]], end=quantity["end"], value=None,
                low=low["value"], high=high["value"], bound=None,
                kind=quantity["kind"] if quantity["kind"] != "count" else previous["kind"],
                unit=quantity["unit"] or previous["unit"], role=quantity["role"])
            continue
        merged.append(quantity)
    return merged


def _bounded_pair(first: Quantity, second: Quantity, text: str) -> bool:
    """True for two quantities with opposite bounds joined by "and"/"but" (low < high)."""
    bounds = {first["bound"], second["bound"]}
    if bounds != {"at_least", "at_most"}:
        return False
    if first["role"] != second["role"] and (first["unit"] or first["role"]):
        return False
    if first["value"] is None or second["value"] is None or first["low"] is not None:
        return False
    if not _PAIR_GAP.match(text, first["end"], second["start"]):
        return False
    low, high = (first, second) if first["bound"] == "at_least" else (second, first)
    return low["value"] < high["value"]


def _scan_start(text: str, position: int, floor: int) -> int:
    """Where a quantity holding the number at ``position`` may start.

    Goes back to the start of the number's token, then over up to
    :data:`grammar.MAX_LEFT_WORDS` words that can open a quantity ("at least", "between",
    "odds ratio", "p <"), never before ``floor``.
    """
    start = position
    while start > floor and not text[start - 1].isspace():
        start -= 1
    for _ in range(grammar.MAX_LEFT_WORDS):
        end = start
        while end > floor and text[end - 1].isspace():
            end -= 1
        begin = end
        while begin > floor and not text[begin - 1].isspace():
            begin -= 1
        if begin == end or text[begin:end].strip("()[]{},;:\"'“”‘’").lower() not in grammar.LEFT_WORDS:
            break
        start = begin
    return start


# --- building blocks -----------------------------------------------------------------------


def _new(text: str, start: int, end: int, kind: str, value: Any = None, **fields: Any) -> Quantity:
    """A quantity dict with every contract field set (``fields`` override the defaults)."""
    quantity = {
        "text": text[start:end], "start": start, "end": end, "kind": kind, "value": value,
        "low": None, "high": None, "bound": None, "direction": None, "unit": None, "role": None,
    }
    quantity.update(fields)
    return quantity


def _before(text: str, start: int) -> str:
    """Up to :data:`_CONTEXT` characters before ``start``."""
    return text[max(0, start - _CONTEXT):start]


def _after(text: str, end: int) -> str:
    """Up to :data:`_CONTEXT` characters after ``end``."""
    return text[end:end + _CONTEXT]


def _move_start(quantity: Quantity, text: str, start: int) -> None:
    """Move the start of ``quantity`` to ``start`` and refresh its text."""
    quantity["start"] = start
    quantity["text"] = text[start:quantity["end"]]


def _finish(quantity: Quantity, text: str) -> Quantity:
    """Set direction, role and the kind they imply from the quantity's context."""
    before, after = _before(text, quantity["start"]), _after(text, quantity["end"])
    quantity["direction"] = context.direction(quantity, before, after)
    by = _BY_BEFORE.search(before[-8:])
    changed = by or context.after_cue(after) or _GAIN_LOSS_BEFORE.search(before[-12:])
    signed = quantity["kind"] == "difference" and "from_value" not in quantity
    measured = quantity["kind"] == "other" and quantity["unit"] not in (None, "rate", "money")
    if quantity["direction"] and quantity["low"] is None and changed and (
            signed or measured
            or quantity["kind"] == "count" and by and quantity["unit"] is None
            and not roles.is_year(quantity)):
        quantity["kind"] = "difference"
        if by and not quantity["text"].lower().startswith("by"):
            _move_start(quantity, text, quantity["start"] - len(by.group()))
            before = _before(text, quantity["start"])
    if quantity["role"] is None and quantity["kind"] != "difference":
        quantity["role"] = roles.assign_role(quantity, before, after)
    if quantity["role"] in _OTHER_KIND_ROLES and quantity["kind"] == "count":
        quantity["kind"] = "other"
    return quantity


# --- interpreters, one per MASTER form -----------------------------------------------------


def _skip(match: re.Match, text: str) -> tuple[None, int]:
    """Names such as "COVID-19" or "type 2": consumed, no quantity."""
    return None, match.end()


def _plain_role(role: str) -> Interpreter:
    """An interpreter for forms that are always a non-claim (``role``), value-less."""

    def interpret(match: re.Match, text: str) -> tuple[Quantity | None, int]:
        if not any(c.isdigit() for c in match.group()):
            return None, match.end()
        return _new(text, match.start(), match.end(), "other", role=role), match.end()

    return interpret


def _ordinal(match: re.Match, text: str) -> tuple[Quantity, int]:
    """"21st", "third": an ordinal."""
    word = match.group()
    number = _FIRST_INT.match(word)
    value = int(word.replace(",", "")[: -2]) if number else _ORDINAL_WORDS.get(word.lower())
    return _new(text, match.start(), match.end(), "other", value, role="ordinal"), match.end()


def _decade(match: re.Match, text: str) -> tuple[Quantity, int]:
    """"the 1990s" (a year) or "in their 50s" (an age)."""
    value = int(_FIRST_INT.search(match.group())[0])
    role = "year" if value >= 100 else "age"
    return _new(text, match.start(), match.end(), "other", value, role=role), match.end()


def _age_group(match: re.Match, text: str) -> tuple[Quantity, int]:
    """"under-25s" (age, at most 25), "over-65s" (age, at least 65)."""
    value = int(_FIRST_INT.search(match.group())[0])
    bound = "at_most" if match.group().lower().startswith("under") else "at_least"
    return _new(text, match.start(), match.end(), "other", value, bound=bound,
                unit="years", role="age"), match.end()


def _neq(match: re.Match, text: str) -> tuple[Quantity, int]:
    """"n = 300": a sample size."""
    value = parse_numeral(re.sub(r"^[nN]\s*=\s*", "", match.group()))
    return _new(text, match.start(), match.end(), "count", value, unit="people",
                role="sample_size"), match.end()


_MONEY_AMOUNT = re.compile(
    r"\d[\d,]*(?:[.·]\d+)?(?:\s*(?:million|billion|trillion|thousand|bn|mn|m|k|K|M)(?![\w]))?")
_MONEY_SUFFIX = {"bn": 1e9, "mn": 1e6, "m": 1e6, "M": 1e6, "k": 1e3, "K": 1e3}


def _money(match: re.Match, text: str) -> tuple[Quantity, int]:
    """"$1,200", "about £2.5m", "$10-$20": a price."""
    lead = grammar.LEAD_RE.match(match.group())
    bound = _BOUNDS_BEFORE.get(_norm(lead["lead"])) if lead else None
    amounts = [_money_amount(m.group()) for m in _MONEY_AMOUNT.finditer(match.group())]
    low = high = value = None
    if len(amounts) == 2:
        low, high = amounts
    elif amounts:
        value = amounts[0]
    return _new(text, match.start(), match.end(), "other", value, low=low, high=high,
                bound=bound, unit="money", role="price"), match.end()


def _money_amount(token: str) -> float | None:
    """Value of "2.5m", "1,200", "3 billion" in a price."""
    suffix = re.search(r"(bn|mn|m|k|K|M)$", token)
    if suffix:
        base = parse_numeral(token[: suffix.start()].strip())
        return tidy(base * _MONEY_SUFFIX[suffix[1]]) if base is not None else None
    return parse_numeral(token)


def _effect(match: re.Match, text: str) -> tuple[Quantity, int]:
    """"odds ratio 1.8", "HR 0.79", "NNT of 25"."""
    name = match["measure"]
    unit = _MEASURE_ABBR.get(name) or _MEASURES.get(_norm(name))
    kind = _MEASURE_KINDS.get(unit, "ratio")
    value = parse_number(match["measure_value"])
    lead = grammar.LEAD_RE.search(match.group(), len(name),
                                  match.start("measure_value") - match.start())
    bound = _BOUNDS_BEFORE.get(_norm(lead["lead"])) if lead else None
    quantity = _new(text, match.start(), match.end(), kind, value, bound=bound, unit=unit)
    if kind == "ratio" and value is not None:
        quantity["direction"] = "increase" if value > 1 else "decrease" if value < 1 else None
    return _finish(quantity, text), match.end()


def _attach(found: list[Quantity], match: re.Match, text: str) -> bool:
    """Attach a CI or p-value to the nearest claim-candidate quantity before it.

    Non-claim quantities in between ("at 6 months") are stepped over. Returns ``False``
    when there is no such quantity in the same sentence, or it already has one.
    """
    near = [q for q in found[-4:] if q["end"] >= match.start() - 100]
    target = next((q for q in reversed(near) if q["role"] in (None, "measurement")
                   and q["kind"] != "count"), None)
    if target is None:
        target = next((q for q in reversed(near) if q["role"] in ("duration", "dose")
                       and not _TIMEPOINT_BEFORE.search(_before(text, q["start"]))), None)
    if target is None:
        return False
    gap = text[target["end"]:match.start()]
    if not _ATTACH_GAP.match(gap):
        return False
    if match.lastgroup == "ci":
        low = parse_numeral(_strip_percent(match["ci_lo"]))
        high = parse_numeral(_strip_percent(match["ci_hi"]))
        if low is None or high is None or "ci_low" in target:
            return False
        _set_ci(target, low, high)
        level = re.match(r"\s*(\d+)\s*(?:%|per)", match.group())
        if level:
            target["ci_level"] = int(level[1])
        return True
    value, bound = _p_value(match)
    if value is None or "p_value" in target:
        return False
    target["p_value"] = value
    target["p_bound"] = bound
    return True


def _attach_unlabelled_ci(quantity: Quantity, text: str, end: int) -> int:
    """Attach "(1.2-2.6)" right after a quantity as its CI when it brackets the value.

    Returns:
        Where scanning should resume (after the interval when attached, else ``end``).
    """
    ci = _UNLABELLED_CI.match(text[end:end + 60])
    if ci is None:
        return end
    low = parse_numeral(_strip_percent(ci["ci_lo"]))
    high = parse_numeral(_strip_percent(ci["ci_hi"]))
    value = abs(quantity["value"]) if quantity["kind"] == "difference" else quantity["value"]
    if low is None or high is None or not (min(low, high) <= value <= max(low, high)
                                           or min(low, high) <= -value <= max(low, high)):
        return end
    _set_ci(quantity, low, high)
    return end + ci.end() - 1


def _set_ci(quantity: Quantity, low: float, high: float) -> None:
    """Attach a confidence interval; a ratio whose interval spans 1 shows no direction."""
    low, high = min(low, high), max(low, high)
    quantity["ci_low"], quantity["ci_high"] = low, high
    if quantity["unit"] in _RATIO_MEASURES and low <= 1 <= high:
        quantity["direction"] = None


def _strip_percent(token: str) -> str:
    """``token`` without a trailing percent sign or word."""
    return re.sub(r"\s*(?:%|(?i:percent|per\s+cent))$", "", token)


def _p_value(match: re.Match) -> tuple[float | None, str | None]:
    """Value and bound of a p-value match ("p < 0.01" -> (0.01, "at_most"))."""
    value = parse_numeral(match["p_num"])
    op = _norm(match["p_op"])
    bound = None
    if op in ("<", "≤", "<=", "=<", "less than", "was less than"):
        bound = "at_most"
    elif op in (">", "≥", ">=", "=>"):
        bound = "at_least"
    return value, bound


def _ci(match: re.Match, text: str) -> tuple[Quantity, int]:
    """A confidence interval with no quantity before it: a range of kind ``other``."""
    low = parse_numeral(_strip_percent(match["ci_lo"]))
    high = parse_numeral(_strip_percent(match["ci_hi"]))
    if low is not None and high is not None and low > high:
        low, high = high, low
    quantity = _new(text, match.start(), match.end(), "other", low=low, high=high, unit="ci")
    return quantity, match.end()


def _pval(match: re.Match, text: str) -> tuple[Quantity, int]:
    """A standalone p-value: kind ``p_value``."""
    value, bound = _p_value(match)
    return _new(text, match.start(), match.end(), "p_value", value, bound=bound), match.end()


def _quant(match: re.Match, text: str) -> tuple[Quantity | None, int]:
    """The general form: optional bound, a value or a range, optional trailing bound."""
    start, end = match.span()
    span = match.group()
    bound = None
    lead_word = ""
    core_start = start
    lead = grammar.LEAD_RE.match(span)
    if lead:
        lead_word = _norm(lead["lead"])
        bound = _BOUNDS_BEFORE.get(lead_word)
        core_start = start + lead.end()
        second = grammar.LEAD_RE.match(span, lead.end())
        if second:
            bound = bound or _BOUNDS_BEFORE.get(_norm(second["lead"]))
            core_start = start + second.end()
    core_end = end
    trail = grammar.TRAIL_RE.search(span, core_start - start)
    if trail and trail.start() > core_start - start:
        bound = _BOUNDS_AFTER.get(_norm(trail["trail"]), bound)
        core_end = start + trail.start()
    parsed = _parse_core(text, core_start, core_end)
    if parsed is None:
        return None, end
    if trail and trail["unit"] and parsed.get("unit") is None and parsed.get("cut") is None:
        _apply_unit(grammar.UNIT_RE.match(trail["unit"]), parsed)
    cut = parsed.pop("cut")
    bound = bound or parsed.pop("inner_bound", None)
    if cut is not None:
        return _number_only(text, core_start, cut, start if lead else None, bound)
    if bound and parsed["kind"] == "difference" and text[core_start] in "-−":
        parsed.update(kind="other", value=-parsed["value"], direction=None)
    parsed["bound"] = bound
    quantity = _new(text, start, end, **parsed)
    if not _keep(quantity, text, lead is not None):
        return None, end
    if quantity["kind"] == "fraction" and _is_ordinal(quantity, text):
        quantity.update(kind="other", value=_ordinal_value(quantity["text"]), role="ordinal")
    _extend_difference(quantity, text)
    _finish(quantity, text)
    if lead_word in _NOT_DURATION_BOUNDS and quantity["role"] == "duration":
        _move_start(quantity, text, core_start)
        quantity["bound"] = None
    return quantity, end


def _number_only(text: str, start: int, end: int, lead_start: int | None = None,
                 bound: str | None = None) -> tuple[Quantity | None, int]:
    """The first part of a match that is not one quantity, as its own quantity.

    Each year of "between 2005 and 2022"; "2 percentage points" of "by 2 percentage points
    to 91 percent"; the 12 of "12 of 8,400" (a count, not a fraction); "nearly triple" of
    "nearly triple to 153 million" (``lead_start`` and ``bound`` keep its bound).
    """
    keyword = grammar.RANGE_START_RE.match(text, start, end)
    begin = keyword.end() if keyword else start
    value = grammar.VALUE_RE.match(text, begin)
    if value is not None and value.end() <= end:
        parsed = _parse_value(value)
    else:
        value = grammar.NUMBER_AT.match(text, begin, end)
        if value is None:
            return None, end
        number = parse_number(value.group())
        parsed = {"kind": "count" if isinstance(number, int) and number >= 0 else "other",
                  "value": number}
    quantity = _new(text, begin if lead_start is None else lead_start, value.end(), **parsed)
    quantity["bound"] = bound
    _extend_difference(quantity, text)
    return _finish(quantity, text), value.end()


def _keep(quantity: Quantity, text: str, bounded: bool) -> bool:
    """False for matches that are not quantities in context.

    A bare "one" counts only in "one of which/whom"; a bare "once" only as a frequency
    ("once a day"); "a year" only as a duration ("within a year", "a year later"), not in a
    rate ("cigarettes a year"). A bound ("at least once") always keeps the match.
    """
    if bounded:
        return True
    words = quantity["text"].lower().split()
    after = _after(text, quantity["end"])
    if words == ["one"]:
        return bool(_OF_WHICH.match(after))
    if words == ["once"]:
        return roles.is_frequency(after)
    if words[0] in ("a", "an") and quantity["unit"] in roles.DURATION_UNITS:
        before = _PREVIOUS_WORD.search(_before(text, quantity["start"]))
        following = _NEXT_WORD.match(after)
        return bool(before and before[1].lower() in _ARTICLE_BEFORE) or bool(
            following and following[1].lower() in _ARTICLE_AFTER)
    return True


def _parse_core(text: str, start: int, end: int) -> dict[str, Any] | None:
    """Interpret ``text[start:end]``, a quantity without its bounds: a range, a change or a value.

    The patterns run on the whole text (not a slice) so that their look-arounds see the real
    context. The result's ``cut`` is set where only the first number is a quantity
    ("between 2005 and 2022" are two years; "8 in 5" is no fraction), else ``None``.
    """
    keyword = grammar.RANGE_START_RE.match(text, start, end)
    first = grammar.VALUE_RE.match(text, keyword.end() if keyword else start)
    if first is None:
        return None
    one = _parse_value(first)
    one["cut"] = None
    if first["in_tail"] and not _is_fraction(one, first["number"], first["in_tail"], text[first.end():]):
        return {"cut": first.end("number")}
    if first.end() >= end:
        return one
    word = keyword[0].split()[0].lower() if keyword else ""
    gap = grammar.INTERPOSED_RE.match(text, first.end(), end) if word == "from" else None
    connector = grammar.CONNECT_RE.match(text, gap.end() if gap else first.end(), end)
    second = None
    if connector:
        lead = grammar.LEAD_RE.match(text, connector.end(), end) if keyword else None
        at = lead.end() if lead else connector.end()
        if word == "from":
            at = grammar.SCORE_ARTICLE_RE.match(text, at, end).end()
        second = grammar.VALUE_RE.match(text, at)
    if second is None or second.end() != end:
        return one
    two = _parse_value(second)
    if two["kind"] == "fraction" and second["in_tail"] and one["kind"] == "count" and not first["in_tail"]:
        _share_denominator(one, two, parse_number(second["number"]))
    if (first["mult"] or first["article"] or second["article"] or (
            not keyword and one["unit"] and one["unit"] != two["unit"]
            and _BY_BEFORE.search(_before(text, start)))):
        return {"cut": first.end()}
    if one["value"] is None or two["value"] is None:
        return {**(two if one["value"] is None else one), "cut": None}
    if connector.group().strip() in _PLUS_MINUS:
        return {**one, "unit": one["unit"] or two["unit"], "plus_minus": two["value"]}
    if _years(one, two, keyword is not None):
        return {"cut": first.end()}
    if _short_year(one, two, text[first.end():second.start()]):
        two["value"] = (one["value"] // 100) * 100 + two["value"]
        two["value"] += 100 if two["value"] < one["value"] else 0
    for key in ("kind", "unit"):
        if one[key] is None or (one["unit"] is None and two["unit"] is not None):
            one[key] = two[key]
    if two["unit"] is None and one["unit"] is not None:
        two["unit"], two["kind"] = one["unit"], one["kind"]
    before = _before(text, start)
    _same_time_unit(one, two)
    if word == "from" and first["in_tail"] and "out" in first["in_tail"].lower():
        # "from 8 out of 10 to 2 (out of 10)": scores on a scale, not proportions
        one.update(value=parse_number(first["number"]), unit="points")
        two.update(value=parse_number(second["number"]) if second["in_tail"] else two["value"], unit="points")
    inner = _BOUNDS_BEFORE.get(_norm(keyword["inner_lead"])) if keyword and keyword["inner_lead"] else None
    if word == "from" and not context.is_range(before) and (
            context.is_change(before) or roles.unit_role(two["unit"]) not in _RANGE_ROLES
            or one["value"] > two["value"]):  # ranges are written low to high
        return {**_change(one, two), "cut": None, "inner_bound": inner}
    low, high = sorted((one["value"], two["value"]))
    return {"kind": two["kind"], "value": None, "low": low, "high": high, "unit": two["unit"],
            "direction": one["direction"] or two["direction"], "cut": None, "inner_bound": inner}


def _share_denominator(one: dict[str, Any], two: dict[str, Any], numerator: Any) -> None:
    """"1 to 3 in 1,000", "2 to 4 out of 10": the first number shares the second's denominator."""
    if numerator and one["value"] is not None and two["value"] is not None:
        one.update(kind="fraction", value=significant(one["value"] * two["value"] / numerator))


def _is_fraction(value: dict[str, Any], numerator: str, tail: str, after: str) -> bool:
    """True when "A in B" / "A of (the) B" is a proportion: at most one, and "one of" only as
    "one in" ("one of the two sites" is membership). "A of B" followed by its percentage ("12 of 8,400 patients (0.14%)") is two counts: the percentage carries
    the claim."""
    if value["unit"] == "rating":
        return True
    if value["value"] is None or value["value"] > 1:
        return False
    if tail.split()[0].lower() != "of" or "every" in tail.lower():
        return True
    if numerator.lower() == "one":
        return False  # "one of the two racecourses", "one of three types": membership
    return not _PERCENT_AFTER.match(after)


def _years(one: dict[str, Any], two: dict[str, Any], keyword: bool) -> bool:
    """True for "between 2005 and 2022" / "from 2010 to 2020": two years, not one range."""
    return keyword and all(
        p["kind"] == "count" and isinstance(p["value"], int) and p["value"] in roles.YEARS
        for p in (one, two))


def _short_year(one: dict[str, Any], two: dict[str, Any], connector: str) -> bool:
    """True for "2022–23": a year and the last two digits of the next one."""
    return (one["kind"] == "count" and isinstance(one["value"], int) and one["value"] in roles.YEARS
            and isinstance(two["value"], int) and 0 <= two["value"] < 100
            and connector.strip() in ("-", "–", "—", "/"))


def _same_time_unit(one: dict[str, Any], two: dict[str, Any]) -> None:
    """Express both ends in the smaller unit of time ("from 2 hours to 20 minutes": 120, 20)."""
    first, second = _MINUTES.get(str(one["unit"]).lower()), _MINUTES.get(str(two["unit"]).lower())
    if first is None or second is None or first == second:
        return
    small = min((one, first), (two, second), key=lambda pair: pair[1])
    for end, minutes in ((one, first), (two, second)):
        end["value"] = tidy(round(end["value"] * minutes / small[1], 6))
        end["unit"] = small[0]["unit"]


def _change(one: dict[str, Any], two: dict[str, Any]) -> dict[str, Any]:
    """"from 8.2% to 5.9%": an absolute change."""
    before, after = one["value"], two["value"]
    decimals = max(_decimals(before), _decimals(after))
    return {
        "kind": "difference", "value": tidy(round(abs(after - before), decimals)),
        "unit": two["unit"] or one["unit"], "from_value": before, "to_value": after,
        "direction": "increase" if after > before else "decrease" if after < before else None,
    }


def _decimals(value: float) -> int:
    """Number of decimals in ``value`` as written by Python (0 for whole numbers)."""
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def _parse_value(match: re.Match) -> dict[str, Any]:
    """Kind, value, unit and inherent direction of one :data:`grammar.VALUE_RE` match."""
    result: dict[str, Any] = {"kind": None, "value": None, "unit": None, "direction": None}
    if match["fraction"]:
        result.update(kind="fraction", value=parse_fraction(match["fraction"]))
    elif match["mult"]:
        _parse_multiplier(match["mult"], result)
    elif match["plural"]:
        result.update(kind="count")
    elif match["compound"]:
        _parse_compound(match["compound"], result)
    elif match["article"]:
        unit = match["article"].split()[-1]
        value, unit = _ARTICLE["units"][unit]
        result.update(kind="other", value=value, unit=unit)
    else:
        _parse_number_unit(match, result)
    return result


def _parse_compound(text: str, result: dict[str, Any]) -> None:
    """"4 hours 31 minutes" -> 271 minutes; "5 ft 6 in" -> 66 inches."""
    first, second = (parse_numeral(n) or 0 for n in re.findall(r"\d[\d.,]*", text)[:2])
    if re.search(r"(?i)h", text.split()[0] + text.split()[1]):
        result.update(kind="other", value=tidy(first * 60 + second), unit="minutes")
    else:
        result.update(kind="other", value=tidy(first * 12 + second), unit="inches")


def _parse_multiplier(word: str, result: dict[str, Any]) -> None:
    """"twice", "doubled", "threefold", "once", "twice-yearly" into ``result``."""
    word = _norm(word)
    base = word.split("-")[0]
    if word in _FOLD_WORDS:
        result.update(kind="ratio", value=_FOLD_WORDS[word], unit="fold")
    elif base in _FREQUENCIES and (base == "once" or "-" in word):
        result.update(kind="other", value=_FREQUENCIES[base], unit="times")
    else:
        value, direction = _MULTIPLIERS[base]
        result.update(kind="ratio", value=value, unit="times", direction=direction)


def _parse_number_unit(match: re.Match, result: dict[str, Any]) -> None:
    """A number with its unit ("73 percent", "500 mg", "4.8 per 100,000") into ``result``."""
    value = parse_number(match["number"])
    result["value"] = value
    if match["in_tail"]:
        if isinstance(value, float) and "out of" in match["in_tail"]:
            result.update(kind="other", unit="rating")
        else:
            result.update(kind="fraction", value=parse_fraction(match.group()))
    elif match["rate"]:
        result.update(kind="other", unit="rate")
    elif not _apply_unit(match, result):
        whole = isinstance(value, int)
        result["kind"] = "count" if whole and value >= 0 else "other"
    if value is not None and value < 0:
        result.update(kind="difference", value=-value, direction="decrease")


def _apply_unit(match: re.Match, result: dict[str, Any]) -> bool:
    """Set kind and unit in ``result`` from the unit groups of ``match``; False if it has none."""
    value = result["value"]
    if match["percent"]:
        result.update(kind="percent", unit="percent")
    elif match["points"]:
        words = " ".join(match["points"].replace("-", " ").lower().split())
        if words in _PERCENTAGE_POINT:
            result.update(kind="difference", unit="percentage_point")
        else:
            result.update(kind="other", unit="points")
    elif match["times"]:
        result.update(kind="ratio", unit="times")
    elif match["fold"]:
        result.update(kind="ratio", unit="fold")
    elif match["role_unit"]:
        unit = match["role_unit"].strip(" -")
        scale = _UNIT_SCALES.get(unit.lower())
        if scale and value is not None:
            result["value"], unit = tidy(value * scale[0]), scale[1]
        result.update(kind="other", unit=unit)
    else:
        return False
    return True


def _is_ordinal(quantity: Quantity, text: str) -> bool:
    """"a third dose", "a fifth wave": a singular fraction word used as an ordinal."""
    words = quantity["text"].lower().replace("-", " ").split()
    if len(words) != 2 or words[0] not in ("a", "an", "one") or words[1] == "half":
        return False
    following = _NEXT_WORD.match(text[quantity["end"]:quantity["end"] + 30])
    return bool(following) and following[1].lower() in _ORDINAL_NOUNS


def _ordinal_value(core: str) -> int | None:
    """The ordinal number of "a third" (3)."""
    return FRACTION_WORDS.get(core.lower().replace("-", " ").split()[-1])


def _extend_difference(quantity: Quantity, text: str) -> None:
    """Differences that take a word before them into their span.

    "difference −8.2 kg", "risk difference 8.1 percentage points" (with the label); "by 1
    percentage point", "by 3 points", "by 2.3 per 100,000" (with "by").
    """
    before = _before(text, quantity["start"])
    label = _DIFFERENCE_BEFORE.search(before)
    if label and quantity["kind"] in ("count", "other", "difference"):
        quantity["kind"] = "difference"
        _move_start(quantity, text, quantity["start"] - len(before) + label.start())
        return
    unit = quantity["unit"]
    by = _BY_BEFORE.search(before)
    if unit == "percentage_point" or (by and unit in ("points", "rate")):
        quantity["kind"] = "difference"
        if by:
            _move_start(quantity, text, quantity["start"] - len(by.group()))


def _norm(phrase: str) -> str:
    """Lower-case ``phrase`` with single spaces and no outer spaces."""
    return " ".join(phrase.lower().split())


_INTERPRETERS: dict[str, Interpreter] = {
    "url": _plain_role("url"),
    "phone": _plain_role("phone"),
    "date": _plain_role("date"),
    "name": _skip,
    "ordinal": _ordinal,
    "decade": _decade,
    "age_group": _age_group,
    "ci": _ci,
    "pval": _pval,
    "neq": _neq,
    "effect": _effect,
    "money": _money,
    "quant": _quant,
}
