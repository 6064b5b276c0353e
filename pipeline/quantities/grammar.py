"""The quantity grammar: regular expressions assembled from named fragments and lexicons.

:data:`MASTER` is one compiled alternation whose top-level named groups say what was found
(``url``, ``phone``, ``date``, ``name``, ``ci``, ``pval``, ``neq``, ``effect``, ``money``,
``ordinal``, ``decade``, ``age_group``, ``quant``); :mod:`pipeline.quantities.extract` runs it
near each :data:`TRIGGER` and interprets each match with the smaller patterns at the end of
this module (:data:`VALUE_RE`, :data:`LEAD_RE`, ...). Alternatives are ordered: a date or a
confidence interval is tried before a bare number at the same position.
"""

from __future__ import annotations

import re

from pipeline.quantities.lexicon import alternation, entries, load
from pipeline.quantities.numbers import FRACTION, IN_TAIL, NUMBER, NUMERAL

_UNITS = load("units")
_NUMBERS = load("numbers")
_BOUNDS = load("bounds")
_CUES = load("cues")
_ROLES = load("roles")
_ROLE_UNITS = _UNITS["role_units"]
_MEASURES = _UNITS["effect_measures"]


def _words(words: list[str] | dict, *, ignore_case: bool = True) -> str:
    """An alternation of ``words`` that ends at a word boundary (symbols excepted)."""
    return alternation(words, ignore_case=ignore_case) + r"(?![\w])"


def _symbols_first(words: list[str] | dict) -> tuple[list[str], list[str]]:
    """Split phrases into symbol phrases ("≥", "~") and word phrases."""
    items = [w for w in words if not w.startswith("_")]
    return [w for w in items if not w[0].isalpha()], [w for w in items if w[0].isalpha()]


# --- bounds --------------------------------------------------------------------------------
_bound_symbols, _bound_words = _symbols_first(_BOUNDS["before"])
#: A bound before a number: "at least ", "more than ", "≥", "~".
LEAD = (
    rf"(?:(?<![\w]){alternation(_bound_words)}\s+|(?<![<>=≤≥~]){alternation(_bound_symbols)}\s*)"
)
_trail_symbols, _trail_words = _symbols_first(_BOUNDS["after"])
#: A bound after a number: " or more", "+".
TRAIL = (
    rf"(?:\s+{_words(_trail_words)}(?!\s*[-−]?\.?\d|\s+(?i:than|or\s+equal))"
    rf"|{alternation(_trail_symbols)}(?![\w\d]))"
)

# --- units ---------------------------------------------------------------------------------
PERCENT = rf"(?:\s*%|[\s-]?{_words(_UNITS['percent'])})"
POINTS = rf"(?:[\s-]{_words(_UNITS['percentage_point'])}|\s+{_words(_UNITS['points'])}|-(?i:point)(?![\w-]))"
TIMES = (
    rf"(?:[\s-]?{alternation(_UNITS['times'])}(?![\w-])"
    rf"|{alternation(_UNITS['times_attached'], ignore_case=False)}(?![\w]))"
)
FOLD = rf"(?:[\s-]?{alternation(_UNITS['fold'])}(?![\w-]))"
_role_words = {w for key, ws in entries(_ROLE_UNITS).items() if not key.endswith("attached")
               for w in ws} | set(_UNITS["currency_words"])
_attached = {w for key, ws in _ROLE_UNITS.items() if key.endswith("attached") for w in ws}
_hyphen_units = alternation([w for w in _role_words if w[0] == "-"])
_word_units = alternation([w for w in _role_words if w[0] != "-"], ignore_case=False)
#: A unit that marks a role (dose, duration, age, measurement, money words).
ROLE_UNIT = (
    rf"(?:[\s-]?{_hyphen_units}(?![\w])"
    rf"|[\s-]?{_word_units}(?![\w'’]|-[a-z])"
    rf"|{alternation(_attached, ignore_case=False)}(?![\w]))"
)
#: Any unit after a number, in the order they are tried.
UNIT = rf"(?:{POINTS}|{PERCENT}|{TIMES}|{FOLD}|{ROLE_UNIT})"

# --- values --------------------------------------------------------------------------------
_multipliers = entries(_NUMBERS["multipliers"])
_adjectives = _NUMBERS["adjective_multipliers"]
_verb_multipliers = [w for w in _multipliers if w not in _adjectives["words"]]
_BIG = alternation(_NUMBERS["scales"])
_periodic = alternation(_NUMBERS["periodic_suffixes"]["words"])
#: "twice", "doubled", "halved", "once", "twice-yearly"; "double"/"triple" only when an
#: object follows ("double the risk", not "double-blind").
MULTIPLIER = (
    rf"(?:(?<![\w-]){alternation([*_verb_multipliers, *entries(_NUMBERS['frequency_words'])])}"
    rf"(?:-{_periodic})?(?![\w-])"
    rf"|(?<![\w-]){alternation(_adjectives['words'])}"
    rf"(?=\s+{_words(_adjectives['followers'])}|[.,;:)])"
    rf"|(?<![\w-]){alternation(_NUMBERS['headline_multipliers']['words'], ignore_case=False)}"
    rf"(?=\s+[A-Z])"
    rf"|(?<![\w-]){_words(entries(_NUMBERS['fold_words']))}(?!-))"
)
_plural = alternation(_NUMBERS["plural_scales"])
#: "millions of", "hundreds of thousands of": a vague count.
PLURAL = rf"(?:(?<![\w-]){_plural}(?:\s+of\s+{_plural})?(?=\s+of\b))"
_article = _NUMBERS["article_durations"]
#: "a year", "a decade" (kept only in the right context: "within a year", "a year later").
ARTICLE = rf"(?:(?<![\w-])(?i:an?)\s+{alternation(_article['units'], ignore_case=False)}(?![\w-]))"
#: "142 per 100,000", "4.8 cases per 100,000", "3.6 per 100 person-years" (after the number).
RATE_TAIL = (
    rf"(?:(?:\s+[A-Za-z][\w-]*){{0,3}}?\s+(?i:per)\s+(?:{NUMERAL}|{_BIG}(?![\w]))"
    rf"(?:\s+{alternation(_ROLES['rate_units']['words'])}(?![\w-]))?)"
)
#: "4 hours 31 minutes", "5 ft 6 in": one length of time or height in two units.
COMPOUND = (
    rf"(?:{NUMERAL}\s*(?i:hours?|hrs?|h)\s+(?:(?i:and)\s+)?{NUMERAL}\s*(?i:minutes?|mins?)(?![\w])"
    rf"|{NUMERAL}\s*(?:ft|feet|foot)\s+{NUMERAL}\s*(?:in|inches?)(?![\w]))"
)
_NOT_CLOCK = r"(?!\s*(?i:a\.m\.|p\.m\.|am|pm)(?![\w]))"
#: One value with its unit: "1 in 250", "two-thirds", "doubled", "2.5-fold", "73 percent".
VALUE = (
    rf"(?:{FRACTION}|{MULTIPLIER}|{PLURAL}|{ARTICLE}|{COMPOUND}"
    rf"|{NUMBER}{_NOT_CLOCK}(?:{IN_TAIL}|{RATE_TAIL}|{UNIT})?)"
)
#: What joins the two ends of a range: "-", " to ", " or ", "- to " ("two- to threefold");
#: or a value and its spread: "30 ± 10". Never across a line break ("- 5 mg\n- 10 mg").
_SP = r"[^\S\n]"
CONNECT = (
    rf"(?:{_SP}*-{_SP}+(?i:to|and|or){_SP}+|{_SP}*[-–—~]{_SP}*|{_SP}+(?i:to|through|or){_SP}+"
    rf"|{_SP}*(?:±|\+/[-−]){_SP}*)"
)
#: A range or change between two values, or one value.
_AVERAGE = r"(?:(?i:an?)\s+(?i:mean|average|median)\s+(?i:of)\s+)?"
_AGES = r"(?:(?i:the\s+ages?\s+of)\s+)?"
#: When the first value of a change was measured, between the two values: "from 8.1% in 2015
#: to 9.4%", "from 71.2% in the 2022–23 season to 66.8%".
INTERPOSED = (
    r"(?:,?\s+(?i:in|during)\s+(?:(?i:the)\s+)?(?:19|20)\d\d(?:[-–/]\d{2,4})?"
    r"(?:\s+(?i:season|school\s+year|financial\s+year|survey|round))?,?"
    r"|\s+(?i:a|an|per|each)\s+(?i:day|night|week|month|year))"
)
#: The article of a score or level in a change: "from an 8 to a 2".
_SCORE_ARTICLE = r"(?:(?i:an?)\s+(?=\d))?"
CORE = (
    rf"(?:(?P<between>(?i:between))\s+{_AGES}(?:{LEAD})?|(?P<from>(?i:from))\s+{_AVERAGE}(?:{LEAD})?{_SCORE_ARTICLE})?"
    rf"{VALUE}"
    rf"(?(between)\s+(?i:and|to|-)\s+(?:{LEAD})?{VALUE}"
    rf"|(?(from){INTERPOSED}?\s+(?i:to|until|through|up\s+to)\s+(?:{LEAD})?{_SCORE_ARTICLE}{VALUE}"
    rf"|(?:{CONNECT}{VALUE})?))"
)
#: A quantity: optional bound, a range or a single value, optional trailing bound.
QUANT = rf"(?:{LEAD}){{0,2}}{CORE}(?:{TRAIL}(?:{UNIT})?)?"

# --- special forms -------------------------------------------------------------------------
_months = alternation(_ROLES["months"], ignore_case=False)
_weekdays = alternation(_ROLES["weekdays"], ignore_case=False)
_ord = r"(?:st|nd|rd|th)"
_clock = r"\d{1,2}(?:[:.]\d{2})?\s*(?i:a\.m\.|p\.m\.|am|pm)"
DATE = (
    rf"(?:(?<![\w.,])\d{{1,2}}(?:\s*[-–]\s*|\s+(?:and|to)\s+)\d{{1,2}}\s+{_months}(?:\.(?=\s*\d))?"
    rf"(?:,?\s+\d{{4}})?(?![\d\w])"
    rf"|(?<![\w-])(?i:first|second|third|fourth|last)\s+(?i:half|quarter)\s+of\s+"
    rf"(?:the\s+year|\d{{4}})(?![\w])"
    rf"|(?<![\w]){_months}(?:\.(?=\s*\d))?\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}}"
    rf"(?:,?\s+\d{{4}})?(?![\d\w])"
    rf"|(?<![\w.,:]){_clock}(?:\s*(?:[-–]|to)\s*{_clock})?(?![\w])"
    rf"|(?<![\w])(?:{_weekdays}\.?,?\s+)?{_months}(?:\.(?=\s*\d))?\s+\d{{1,2}}{_ord}?"
    rf"(?:,?\s+\d{{4}})?(?![\d\w])"
    rf"|(?<![\w]){_months}(?:\.(?=\s*\d))?,?\s+\d{{4}}(?![\d\w])"
    rf"|(?<![\w.,])(?:{_weekdays}\.?,?\s+)?\d{{1,2}}{_ord}?\s+(?:of\s+)?{_months}(?:\.(?=\s*\d))?"
    rf"(?:,?\s+\d{{4}})?(?![\d\w])"
    rf"|(?<![\w.,-])\d{{4}}-\d{{2}}-\d{{2}}(?![\d\w])"
    rf"|(?<![\w.,/])\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?![\d\w/])"
    rf"|(?<![\w.,:])\d{{1,2}}:\d{{2}}(?![\d:]))"
)
#: Phone numbers in US, UK and international formats.
PHONE = (
    r"(?:(?<![\w+])\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]\d{2,5}){2,4}(?![\d])"
    r"|(?<![\w(-])(?:1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?![\d])"
    r"|(?<![\w])0\d{2,4}\s\d{3,4}\s?\d{3,4}(?![\d])|(?<![\w])0\d{4}\s\d{6}(?![\d]))"
)
#: A web address or e-mail address.
URL = (
    r"(?:(?i:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+\.[\w-]+(?:\.[\w-]+)*)"
)
_name_words = alternation(_ROLES["name_words"]["words"], ignore_case=False)
#: Numbers inside names: "B12", "COVID-19", "H5N1", "SARS-CoV-2", "type 2", "phase 3", "5:2
#: diet". Not "mid-2020" or "under-25s".
NAME = (
    rf"(?:(?<![\w-])(?!{alternation(_ROLES['name_words']['not_prefixes'])}-\d)"
    r"(?![A-Za-z-]*-(?i:in|of|to|per|by|and|or)-\d)(?:[A-Za-z]+-)*[A-Za-z]+-?\d[\w.]*(?<![.])"
    rf"|(?<![\w]){_name_words}\s+(?:\d+[a-z]?|I{{1,3}}V?|IV)(?:/\d+)?(?![\w])"
    rf"|(?<![\w])\d+:\d+\s+{alternation(_ROLES['name_words']['plans'])}(?![\w]))"
)
#: "21st", "third" (a singular fraction word after "a" is read by the fraction rules first).
ORDINAL = (
    rf"(?:(?<![\w.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:st|nd|rd|th)(?![\w])"
    rf"|(?<![\w-]){alternation(entries(_NUMBERS['ordinal_words']['words']))}(?![\w-]))"
)
#: "under-25s", "over-65s": an age group with its bound.
AGE_GROUP = r"(?:(?<![\w-])(?i:under|over)-?\d{1,3}s(?![\w]))"
#: "the 1990s", "in their 50s".
DECADE = r"(?:(?<![\w.,])(?:1[89]|20)?\d0'?s(?![\w]))"
_ci_names = alternation(_CUES["ci_names"])
_ci_number = rf"{NUMERAL}\s*(?:%|(?i:percent|per\s+cent))?"
#: A confidence interval: "95% CI 1.2-2.6", "95% confidence interval: 0.71 to 0.95".
CI = (
    rf"(?:(?<![\w]){_ci_names}(?![\w])[\s:,=]*(?:(?i:of|was|is)\s+)?(?P<ci_lo>{_ci_number})"
    rf"\s*(?:[-–—]|(?i:to)|,)\s*(?P<ci_hi>{_ci_number}))"
)
#: A p-value: "p < 0.01", "P=.002", "p-value of 0.04", "P<0·0001".
PVAL = (
    r"(?:(?<![\w])[Pp](?:\s*[-‐]?\s*(?i:values?|for\s+trend|trend|for\s+interaction|interaction))?"
    r"\s*(?P<p_op><=|>=|=<|=>|[=<>≤≥]|(?i:of|was|is|was\s+less\s+than|less\s+than))\s*"
    rf"(?P<p_num>{NUMERAL}))"
)
#: "n = 300": a sample size.
NEQ = rf"(?:(?<![\w])[nN]\s*=\s*{NUMERAL})"
_currency = alternation(_UNITS["currency_symbols"], ignore_case=False)
#: A price or sum with its bound: "about £300", "$1.2m", "$10-$20".
MONEY = (
    rf"(?:(?:{LEAD})?(?<![\w]){_currency}\s?{NUMERAL}(?:\s*(?:bn|mn|m|k|K|M)(?![\w]))?"
    rf"(?:\s*(?:-|–|to)\s*{_currency}?\s?{NUMERAL}(?:\s*(?:bn|mn|m|k|K|M)(?![\w]))?)?)"
)
_measure_names = alternation(entries(_MEASURES["names"]))
_measure_abbr = alternation(entries(_MEASURES["abbreviations"]), ignore_case=False)
_connector = alternation(_MEASURES["connectors"])
#: An effect measure and its value: "odds ratio 1.8", "HR 0.79", "NNT of 25".
EFFECT = (
    rf"(?:(?<![\w])(?P<measure>{_measure_names}|{_measure_abbr})(?![\w])"
    rf"(?:\s*\((?:{_measure_abbr})\))?"
    rf"(?:\s+(?i:for|of)\s+[\w\s'-]{{1,40}}?\s+(?i:was|were|is|of)\s+|\s*{_connector}\s*|\s+)"
    rf"(?:{LEAD})?(?P<measure_value>{NUMBER}))"
)

#: The scanner: one alternation of every form, most specific first. Every form starts at a
#: word start, so the leading look-behind rejects most positions in one step.
MASTER = re.compile(
    rf"(?<![\w])(?:(?P<url>{URL})|(?P<phone>{PHONE})|(?P<date>{DATE})|(?P<name>{NAME})"
    rf"|(?P<ci>{CI})|(?P<pval>{PVAL})|(?P<neq>{NEQ})|(?P<effect>{EFFECT})|(?P<money>{MONEY})"
    rf"|(?P<ordinal>{ORDINAL})|(?P<decade>{DECADE})|(?P<age_group>{AGE_GROUP})|(?P<quant>{QUANT}))"
)
_number_words = [
    w for group in ("units", "teens", "tens", "hundreds", "scales", "dozen", "fraction_words",
                    "multipliers", "fold_words", "plural_scales", "frequency_words")
    for w in entries(_NUMBERS[group])
] + list(_NUMBERS["ordinal_words"]["words"]) + list(_article["units"])
_trigger_body = (
    rf"[\d{''.join(_NUMBERS['fraction_symbols'])}]+|(?<![\w]){{words}}(?![\w])"
)
#: Something every quantity contains: a digit, a fraction sign or a number word. The scan
#: looks for quantities only shortly before each one. Run it on the lower-cased text (a
#: case-sensitive trie is faster); :data:`TRIGGER_ANY_CASE` is for texts whose length
#: lower-casing changes.
TRIGGER = re.compile(_trigger_body.format(words=alternation(_number_words, ignore_case=False)))
TRIGGER_ANY_CASE = re.compile(_trigger_body.format(words=alternation(_number_words)))


def _left_words() -> frozenset[str]:
    """Lower-cased words that may open a quantity before its number ("at least", "between",
    "odds ratio", "95% CI", "Feb", "$", "p <")."""
    phrases = [
        *entries(_BOUNDS["before"]), *entries(_MEASURES["names"]),
        *entries(_MEASURES["abbreviations"]), *_MEASURES["connectors"], *_CUES["ci_names"],
        *_ROLES["months"], *_ROLES["weekdays"], *_UNITS["currency_symbols"],
        *_ROLES["name_words"]["words"], "between", "from", "by", "a", "an", "half", "p", "n",
        "=", "<", ">", "≤", "≥", "<=", ">=", "p-value", "value", "values", "for", "trend",
        "interaction", "difference", "mean", "median", "average", "between-group", "under",
        "over", "of", "the", "age", "ages",
        *_NUMBERS["sign_words"]["words"],
    ]
    return frozenset(word.lower() for phrase in phrases for word in phrase.split())


#: Words that can stand before the number of a quantity and belong to it.
LEFT_WORDS = _left_words()
#: At most this many words before the number are part of a quantity.
MAX_LEFT_WORDS = 6

# --- interpreters: applied to the parts of one match ---------------------------------------
#: One bound before a number.
LEAD_RE = re.compile(rf"(?P<lead>{LEAD})")
#: The trailing bound of a quantity, and a unit after it ("20 or more hours").
TRAIL_RE = re.compile(rf"(?P<trail>{TRAIL})(?P<unit>{UNIT})?$")
_UNIT_GROUPS = (
    rf"(?:(?P<points>{POINTS})|(?P<percent>{PERCENT})|(?P<times>{TIMES})|(?P<fold>{FOLD})"
    rf"|(?P<role_unit>{ROLE_UNIT}))"
)
#: :data:`VALUE` with a named group for each form.
VALUE_RE = re.compile(
    rf"(?:(?P<fraction>{FRACTION})|(?P<mult>{MULTIPLIER})|(?P<plural>{PLURAL})"
    rf"|(?P<article>{ARTICLE})|(?P<compound>{COMPOUND})"
    rf"|(?P<number>{NUMBER}){_NOT_CLOCK}(?:(?P<in_tail>{IN_TAIL})|(?P<rate>{RATE_TAIL})"
    rf"|{_UNIT_GROUPS})?)"
)
#: A unit alone, with the same groups as in :data:`VALUE_RE` ("20 or more hours": " hours").
UNIT_RE = re.compile(_UNIT_GROUPS)
#: "between" / "from" opening a range or a change.
RANGE_START_RE = re.compile(rf"(?i:between\s+{_AGES}|from\s+{_AVERAGE})(?P<inner_lead>{LEAD})?{_SCORE_ARTICLE}")
#: :data:`_SCORE_ARTICLE` before the second value of a change ("to a 2").
SCORE_ARTICLE_RE = re.compile(_SCORE_ARTICLE)
#: :data:`INTERPOSED` after the first value of a "from X to Y" change.
INTERPOSED_RE = re.compile(INTERPOSED)
#: What joins the ends of a range, including "and" after "between" and "to" after "from".
CONNECT_RE = re.compile(rf"{CONNECT}|\s+(?i:and|until|up\s+to)\s+")
#: A number alone.
NUMBER_AT = re.compile(NUMBER)
