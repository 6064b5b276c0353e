"""Numbers as written in news and abstracts: regex fragments and their values.

Covers numerals ("1,200", "3.7", "3·4" with the Lancet mid-dot, ".002", "−2.1"), numerals
with a scale word or suffix ("1.5 million", "10k"), number words ("seventy-three", "two
hundred and six", "a dozen", "one and a half") and fractions ("two-thirds", "a quarter",
"3/4", "½"). The word lists are in ``data/numbers.json``.
"""

from __future__ import annotations

import re

from pipeline.quantities.lexicon import alternation, entries, load

_NUM = load("numbers")
UNITS: dict[str, int] = _NUM["units"]
TEENS: dict[str, int] = _NUM["teens"]
TENS: dict[str, int] = _NUM["tens"]
SCALES: dict[str, int] = {**_NUM["hundreds"], **_NUM["scales"]}
DOZEN: dict[str, int] = _NUM["dozen"]
SUFFIXES: dict[str, int] = _NUM["scale_suffixes"]
PLURAL_SCALES: dict[str, int] = _NUM["plural_scales"]
FRACTION_WORDS: dict[str, int] = _NUM["fraction_words"]
FRACTION_SYMBOLS: dict[str, float] = _NUM["fraction_symbols"]
WORD_VALUES: dict[str, int] = {**UNITS, **TEENS, **TENS, **SCALES, **DOZEN, "a": 1, "an": 1}

# --- regex fragments -----------------------------------------------------------------------

#: A numeral: grouped thousands or plain digits, an optional decimal part (dot or mid-dot),
#: or a bare decimal part (".002"). Never preceded by a letter, digit or decimal point.
DIGITS = (
    r"(?<![\w.·,])(?:[-−](?=[.·]?\d))?(?:\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?!\d)|\d+|(?=[.·]\d))"
    r"(?:[.·]\d+)?(?!\d)"
)
_UNIT = alternation(UNITS)
_BIG = alternation(_NUM["scales"])
_SCALE = alternation({**SCALES, **DOZEN})
_A = r"(?i:an?)"
_FRACWORD = alternation(FRACTION_WORDS)
_SMALL_OR_A = alternation([*UNITS, *TEENS, "a", "an"])
#: 0-99 in words: one trie of every unit, teen and tens word; only a tens word ("-ty") may
#: take a unit after it ("seventy-three", "twenty one").
_BELOW100 = rf"{alternation({**UNITS, **TEENS, **TENS})}(?:(?<=[tT][yY])[-\s]{_UNIT})?"
_BELOW1000 = (
    rf"(?:{_A}(?=\s+(?i:hundred))|{_BELOW100})"
    rf"(?:\s+(?i:hundred)(?:(?:\s+(?i:and))?\s+{_BELOW100})?)?"
)
_FRACTION_PHRASE = rf"{_SMALL_OR_A}[\s-]+{_FRACWORD}(?![\w-])"
#: "and a half", "and three fifths" after a whole number.
_AND_FRACTION = rf"\s+(?i:and)\s+{_FRACTION_PHRASE}"
#: A number in words, up to "nine hundred and ninety-nine billion ...", "a dozen", "one and a half".
WORDS = (
    rf"(?<![\w-])(?:(?i:half\s+an?|an?)(?=\s+(?i:dozen)|\s+{_BIG})|{_BELOW1000})"
    rf"(?:\s+(?i:dozens?)|\s+{_BIG}(?:,?(?:\s+(?i:and))?\s+{_BELOW1000}(?!\s+{_BIG}))?)?"
    rf"(?:{_AND_FRACTION})?(?![\w])"
)
#: A numeral with an optional scale word ("1.5 million", "3 hundred", "2 and a half", "800k").
NUMERAL = (
    rf"{DIGITS}(?:\s*(?:-\s*)?{_SCALE}(?![\w-])|{_AND_FRACTION}|(?:k|bn)(?![\w]))?"
)
#: Any number: numeral or words.
NUMBER = rf"(?:{NUMERAL}|{WORDS})"
#: A fraction in words or symbols: "two-thirds", "a quarter", "one half", "3/4", "½", "2½".
FRACTION = (
    rf"(?:(?<![\w-]){_FRACTION_PHRASE}"
    rf"|(?<![\w/])\d{{1,2}}\s*/\s*\d{{1,3}}(?![\w/])"
    rf"|(?:\d+\s*)?[{''.join(FRACTION_SYMBOLS)}]"
    rf"|(?<![\w-])(?i:half)(?![\w-])(?!\s+(?i:an?)\s+(?:(?i:dozen)|{_BIG})))"
)
#: The tail of "one in four", "1 in 250", "nine out of 10", "one in every five" (after the
#: first number); a year or a duration after "in" is not a denominator ("5 in 2002").
IN_TAIL = (
    rf"(?:\s+(?i:in(?:\s+every)?|out\s+of|of(?:\s+every)?)\s+(?!(?:1[89]|20)\d\d(?![\d,]))"
    rf"{NUMBER}(?!\s*(?i:years?|months?|weeks?|days?|hours?|minutes?|decades?|mg|g|kg|ml)(?![\w])))"
)

# --- parsing -------------------------------------------------------------------------------

_NUMERAL_RE = re.compile(
    r"^(?P<sign>[-−–])?(?P<digits>[\d,\u202f\u00a0]*(?:[.·]\d+)?)\s*(?:-\s*)?(?P<scale>[A-Za-z]+)?"
    r"(?:\s+and\s+(?P<fraction>.+))?$",
    re.IGNORECASE,
)
_AND_FRACTION_RE = re.compile(rf"^(?P<whole>.*?)\s+(?i:and)\s+(?P<fraction>{_FRACTION_PHRASE})$")
_TOKEN_RE = re.compile(r"[a-z]+", re.IGNORECASE)


def parse_numeral(text: str) -> float | None:
    """Value of a numeral, with its scale word or suffix: "1,200" -> 1200, "1.5 million".

    Returns ``None`` when ``text`` is not a numeral.
    """
    match = _NUMERAL_RE.match(text.strip())
    if not match or not match["digits"] or not any(c.isdigit() for c in match["digits"]):
        return None
    digits = re.sub(r"[,\u202f\u00a0]", "", match["digits"]).replace("·", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    scale = match["scale"]
    if scale:
        factor = SCALES.get(scale.lower()) or DOZEN.get(scale.lower()) or SUFFIXES.get(scale.lower())
        if factor is None:
            return None
        value *= factor
    if match["fraction"]:
        fraction = parse_fraction(match["fraction"])
        if fraction is None:
            return None
        value += fraction
    if match["sign"]:
        value = -value
    return tidy(value)


def parse_words(text: str) -> float | None:
    """Value of a number in words: "seventy-three" -> 73, "two hundred and six" -> 206.

    Handles "a dozen", "half a dozen", "one and a half", "a million". Returns ``None`` when a
    word is not a number word.
    """
    extra = 0.0
    tail = _AND_FRACTION_RE.match(text)
    if tail:
        extra = parse_fraction(tail["fraction"]) or 0.0
        text = tail["whole"]
    tokens = [t.lower() for t in _TOKEN_RE.findall(text)]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    if tokens[:2] in (["half", "a"], ["half", "an"]):
        current, tokens = 0.5, tokens[2:]
    for token in tokens:
        if token == "and":
            continue
        value = WORD_VALUES.get(token)
        if value is None:
            return None
        if token == "hundred" or token in DOZEN:
            current = (current or 1) * value
        elif token in _NUM["scales"]:
            total += (current or 1) * value
            current = 0.0
        else:
            current += value
    return tidy(total + current + extra)


def parse_number(text: str) -> float | None:
    """Value of any number matched by :data:`NUMBER` (numeral or words)."""
    value = parse_numeral(text)
    return value if value is not None else parse_words(text)


def parse_fraction(text: str) -> float | None:
    """Value of a fraction matched by :data:`FRACTION` or :data:`ONE_IN_N`, as a proportion.

    "two-thirds" -> 0.6667, "a quarter" -> 0.25, "3/4" -> 0.75, "one in four" -> 0.25,
    "1 in 250" -> 0.004.
    """
    lowered = text.lower()
    for symbol, value in FRACTION_SYMBOLS.items():
        if symbol in text:
            whole = lowered.replace(symbol, "").strip()
            return tidy((float(whole) if whole else 0.0) + value)
    one_in = re.match(r"^(.+?)\s+(?:in(?:\s+every)?|out\s+of|of(?:\s+every)?)\s+(.+)$", lowered)
    if one_in:
        num, den = parse_number(one_in[1]), parse_number(one_in[2])
        return significant(num / den) if num is not None and den else None
    if "/" in lowered:
        num, den = (part.strip() for part in lowered.split("/", 1))
        return significant(float(num) / float(den)) if float(den) else None
    words = re.split(r"[\s-]+", lowered.strip())
    denominator = FRACTION_WORDS.get(words[-1])
    if denominator is None:
        return None
    numerator = parse_words(" ".join(words[:-1])) if words[:-1] else 1.0
    if numerator is None:
        return None
    return significant(numerator / denominator)


def significant(value: float, digits: int = 4) -> float | int:
    """``value`` rounded to ``digits`` significant digits: 1/3 -> 0.3333, 1/50000 -> 2e-05."""
    return tidy(float(f"{value:.{digits}g}"))


def tidy(value: float, digits: int = 10) -> float | int:
    """``value`` rounded to ``digits`` decimals, as an int when it is whole."""
    value = round(value, digits)
    return int(value) if value == int(value) and abs(value) < 1e15 else value
