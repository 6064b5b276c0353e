"""Numbers as written in news and abstracts: regex fragments and their values.

Covers numerals ("1,200", "3.7", "3·4" with the Lancet mid-dot, ".002", "−2.1"), numerals
with a scale word or suffix ("1.5 million", "10k"), number words ("seventy-three", "two
hundred and six", "a dozen", "one and a half") and fractions ("two-thirds", "a quarter",
"3/4", "½"). The word lists are in ``data/numbers.json``.
"""

from __future__ import annotations

import re

from pipeline.quantities.lexicon import alternation, load

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

#: A numeral: grouped thousands ("1,200"; "12 000" with a space or a thin space, as in
#: European and SI style, when no word, hyphen or decimal part follows the last group; the
#: Indian "2,61,000") or plain digits, an optional decimal part (dot or mid-dot), or a bare
#: decimal part (".002"). Never preceded by a letter, digit or decimal point.
DIGITS = (
    r"(?<![\w.·,])(?:[-−](?=[.·]?\d))?(?:\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?!\d)"
    r"|\d{1,3}(?:[ \u2009]\d{3})+(?![\w.·,-])|\d{1,2}(?:,\d\d)+,\d{3}(?!\d)|\d+|(?=[.·]\d))"
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
_BELOW100 = rf"{alternation({**UNITS, **TEENS, **TENS})}(?:(?<=[tT][yY])(?:\s*-\s*|\s+){_UNIT})?"
_FRACTION_PHRASE = rf"{_SMALL_OR_A}[\s-]+{_FRACWORD}(?![\w-])"
_NOT_A_FRACTION = rf"(?![\s-]+{_FRACWORD}(?![\w-]))"
_BELOW1000 = (
    rf"(?:{_A}(?=\s+(?i:hundred))|{_BELOW100})"
    rf"(?:\s+(?i:hundreds?)(?:(?:\s+(?i:and))?\s+{_BELOW100}{_NOT_A_FRACTION})?)?"
)
#: "and a half", "and three fifths" after a whole number, maybe with a scale ("... million").
_AND_FRACTION = rf"\s+(?i:and)\s+{_FRACTION_PHRASE}(?:\s+{_BIG}(?![\w]))?"
#: A number in words, up to "nine hundred and ninety-nine billion ...", "a dozen", "one and a
#: half", "half a million", "two hundred point five".
WORDS = (
    rf"(?<![\w-])(?:(?i:half|quarter)(?=\s+{_BIG})|(?i:half\s+an?|an?)(?=\s+(?i:dozen)|\s+{_BIG})"
    rf"|{_BELOW1000})"
    rf"(?:\s+(?i:dozens?)"
    rf"|\s+{_BIG}(?:,?(?:\s+(?i:and))?\s+{_BELOW1000}(?!\s+{_BIG}){_NOT_A_FRACTION})?)?"
    rf"(?:\s+(?i:point)(?:\s+{_BELOW100})+|{_AND_FRACTION})?(?![\w])"
)
#: A numeral with an optional scale word ("1.5 million", "3 hundred", "2 and a half", "800k"),
#: or an exponent ("1.3e6", "6.23x10^-4").
NUMERAL = (
    rf"{DIGITS}(?:[eE][-+]?\d+(?![\w])|\s*[x×]\s*10\^?[-−+]?\d+(?![\w])"
    rf"|\s*(?:-\s*)?{_SCALE}(?![\w-])(?:{_AND_FRACTION})?|{_AND_FRACTION}"
    rf"|(?:k|bn|mn|mil|MM|M|K(?![\s-]*(?i:run|race|walk|fun)))(?![\w]))?"
)
_SIGN = alternation(_NUM["sign_words"]["words"])
#: Any number: numeral or words, optionally signed in words ("minus five").
NUMBER = rf"(?:(?:(?<![\w-]){_SIGN}\s+)?(?:{NUMERAL}|{WORDS}))"
#: A fraction in words or symbols: "two-thirds", "a quarter", "one half", "3/4", "½", "2½".
FRACTION = (
    rf"(?:(?<![\w-]){_FRACTION_PHRASE}"
    rf"|(?<![\w/])\d{{1,2}}\s*/\s*\d{{1,3}}(?![\w/])"
    rf"|(?:\d+\s*)?[{''.join(FRACTION_SYMBOLS)}]"
    rf"|(?<![\w-])(?i:half)(?![\w-])(?!\s+(?:(?i:an?)\s+)?(?:(?i:dozen)|{_BIG})))"
)
#: The tail of "one in four", "1 in 250", "nine out of 10", "one in every five" (after the
#: first number); a year or a duration after "in" is not a denominator ("5 in 2002"). The
#: hyphenated "one-in-five", "1-in-4" take a plain number or number word.
_HYPHEN_NUMBER = rf"(?:\d+(?:,\d{{3}})*(?![\d.·])|{_BELOW100}(?![\w]))"
IN_TAIL = (
    rf"(?:-(?i:in)-{_HYPHEN_NUMBER}(?![\w-])"
    rf"|\s+(?i:in(?:\s+every)?|out\s+of|of(?:\s+every|\s+the)?)\s+(?!(?:1[89]|20)\d\d(?![\d,]))"
    rf"{NUMBER}(?![.·]?\d|\s*(?:%|(?i:per\s*cent|percent|years?|months?|weeks?|days?|hours?|minutes?"
    rf"|decades?|mg|g|kg|ml)(?![\w]))))"
)

# --- parsing -------------------------------------------------------------------------------

_NUMERAL_RE = re.compile(
    r"^(?P<sign>[-−–])?(?P<digits>[\d, \u2009\u202f\u00a0]*(?:[.·]\d+)?)\s*(?:-\s*)?"
    r"(?P<scale>[A-Za-z]+)?$",
    re.IGNORECASE,
)
_EXPONENT_RE = re.compile(
    r"^(?P<base>.+?)(?:[eE](?P<e>[-+]?\d+)|\s*[x×]\s*10\^?(?P<ten>[-−+]?\d+))$")
_SIGN_RE = re.compile(rf"^{_SIGN}\s+")
_POINT_RE = re.compile(r"\s+point\s+", re.IGNORECASE)
_AND_FRACTION_RE = re.compile(
    rf"^(?P<whole>.*?)\s+(?i:and)\s+(?P<fraction>{_FRACTION_PHRASE})(?:\s+(?P<scale>{_BIG}))?$")
_TOKEN_RE = re.compile(r"[a-z]+", re.IGNORECASE)


def parse_numeral(text: str) -> float | None:
    """Value of a numeral, with its scale word or suffix: "1,200" -> 1200, "1.5 million",
    "1.3e6", "6.23x10^-4".

    Returns ``None`` when ``text`` is not a numeral.
    """
    exponent = _EXPONENT_RE.match(text.strip())
    if exponent:
        base = parse_numeral(exponent["base"])
        power = int((exponent["e"] or exponent["ten"]).replace("−", "-"))
        return None if base is None else tidy(float(f"{base}e{power}"))
    tail = _AND_FRACTION_RE.match(text.strip())
    if tail:
        return _with_fraction(parse_numeral(tail["whole"]), tail)
    match = _NUMERAL_RE.match(text.strip())
    if not match or not match["digits"] or not any(c.isdigit() for c in match["digits"]):
        return None
    digits = re.sub(r"[, \u2009\u202f\u00a0]", "", match["digits"]).replace("·", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    scale = match["scale"]
    if scale:
        scale = scale.lower()
        factor = SCALES.get(scale) or DOZEN.get(scale) or SUFFIXES.get(scale)
        if factor is None:
            return None
        value *= factor
    if match["sign"]:
        value = -value
    return tidy(value)


def parse_words(text: str) -> float | None:
    """Value of a number in words: "seventy-three" -> 73, "two hundred and six" -> 206.

    Handles "a dozen", "half a dozen", "one and a half", "a million". Returns ``None`` when a
    word is not a number word.
    """
    point = _POINT_RE.split(text, maxsplit=1)
    if len(point) == 2:
        whole = parse_words(point[0])
        digits = [parse_words(word) for word in point[1].split()]
        if whole is None or any(d is None for d in digits):
            return None
        return tidy(float(f"{whole}.{''.join(str(int(d)) for d in digits)}"))
    tail = _AND_FRACTION_RE.match(text)
    if tail:
        return _with_fraction(parse_words(tail["whole"]), tail)
    tokens = [t.lower() for t in _TOKEN_RE.findall(text)]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    if tokens[0] in ("half", "quarter") and len(tokens) > 1:
        current = 0.5 if tokens[0] == "half" else 0.25
        tokens = tokens[2:] if tokens[1] in ("a", "an") else tokens[1:]
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
    return tidy(total + current)


def _with_fraction(whole: float | None, tail: re.Match) -> float | None:
    """Add the fraction of "... and a half [million]" to ``whole``.

    The fraction counts in units of the scale written after it ("five and a half million"),
    or of the largest scale from a thousand up in the whole ("three million and a half");
    otherwise in ones ("one hundred and three quarters" is 100.75).
    """
    fraction = parse_fraction(tail["fraction"])
    if whole is None or fraction is None:
        return None
    if tail["scale"]:
        factor = SCALES[tail["scale"].lower()]
        return tidy(whole + fraction * factor if whole >= factor else (whole + fraction) * factor)
    factors = [SCALES[w] for w in _TOKEN_RE.findall(tail["whole"].lower()) if w in _NUM["scales"]]
    return tidy(whole + fraction * max(factors, default=1))


def parse_number(text: str) -> float | None:
    """Value of any number matched by :data:`NUMBER` (numeral or words, "minus" sign)."""
    sign = _SIGN_RE.match(text)
    if sign:
        value = parse_number(text[sign.end():])
        return None if value is None else -value
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
    one_in = re.match(r"^(.+?)(?:\s+(?:in(?:\s+every)?|out\s+of|of(?:\s+every|\s+the)?)\s+|-in-)(.+)$", lowered)
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
    """``value`` rounded to ``digits`` decimals and to 12 significant digits (so that "4.1
    million" is 4100000, not 4099999.9999999995), as an int when it is whole."""
    value = float(f"{round(value, digits):.12g}")
    return int(value) if value == int(value) and abs(value) < 1e15 else value
