"""Block features: the array-computed counts, words and keys agree with their regex definitions."""

import re

import pytest

from pipeline.clean.blocks import block_key
from pipeline.clean.features import (
    _DIGIT,
    _WORD,
    DATE,
    DENSE,
    _char_counts,
    _char_flags,
    _codes,
    _flags_of,
    _has_date,
    _words_and_keys,
    doc_features,
)

LINES = [
    "“Coffee is basically medicine,” said Dr. Ana Solberg. Really?",
    "Home | Health • News - Science / More",
    "• Bulleted item with a bullet and a space",
    "École_ résumé 3rd naïve ÉTÉ 😀 x. 😀 Done.)",
    "Views: 5,139",
    "Updated 2024-01-12, 3/4/24 and COVID-19",
    "İstanbul",
    "…",
    "Wait...",
    "Really?!”)]",
    "Contents:",
    "”)",
    "Read more at https://example.org or write to desk@example.com",
    "Tokyo 東京 clinic",
    "Jan. 5 / MARCH 3 / 2024-02-11 / 3/4/24 / 1,2.3 and 4..5 ſep 9",
    "‘Quoted’ \"lines\" and 'more'",
    "",
]
REGEX_COUNTS = {
    "digits": lambda line: len(re.findall(r"\d", line)),
    "punct": lambda line: len(re.findall(r"[^\w\s]", line)),
    "commas": lambda line: line.count(","),
    "capitals": lambda line: len(re.findall(r"\b[^\W\d_a-z]", line)),
    "lowers": lambda line: len(re.findall(r"\b[a-z]", line)),
    "sentences": lambda line: len(re.findall(r"[.!?](?=[\"'”’)]?(?:\s|$))", line)),
    "separators": lambda line: int(bool(re.search(r"\s[|•·/»›]\s|\s-\s", line))),
    "bullet": lambda line: bool(re.match(r"^[•·*»›▪►✓-]\s", line)),
    "link_hint": lambda line: bool(re.search(r"http|www\.|\.com|\.org|@", line)),
    "quote": lambda line: line.startswith(("\"", "“", "'", "‘")),
    "cjk": lambda line: len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", line)),
    "chars": len,
    "ending": lambda line: (
        2 if line.endswith("...") else 0 if re.search(r"[.!?][\"'”’)\]]*$", line)
        else 1 if line.endswith(":") else 2 if line.endswith("…") else 3
    ),
}


@pytest.mark.parametrize("kind", sorted(REGEX_COUNTS))
def test_clean_features_char_counts_match_regexes(kind):
    text = "\n".join(LINES) + "\n"
    codes = _codes(text)
    counts = _char_counts(text, codes, _char_flags(text, codes))[kind]
    expected = [REGEX_COUNTS[kind](line) for line in LINES]
    if kind == "separators":
        counts = (counts > 0).astype(int)
    assert list(counts) == expected


def test_clean_features_dense_matrix_shape_and_words():
    features = doc_features(LINES)
    assert features.dense.shape == (len(LINES), len(DENSE))
    assert features.tokens == [re.findall(r"\w+", line.lower()) for line in LINES]


def test_clean_features_empty_document():
    assert doc_features([]).dense.shape == (0, len(DENSE))


def test_clean_features_words_and_keys_match_regexes():
    low = "\n".join(LINES).lower()
    codes = _codes(low)
    digits = [bool(re.search(r"\d", line)) for line in LINES]
    words, keys = _words_and_keys(codes, _char_flags(low, codes), digits)
    assert words == [re.findall(r"\w+", line) for line in low.split("\n")]
    assert keys == [block_key(line) for line in LINES]


@pytest.mark.parametrize("line", LINES + ["x" * 150 + " Jan 5", "JAN 12 and İstanbul", "Ｊan 3"])
def test_clean_features_date_search_matches_the_pattern(line):
    assert _has_date(line) == (DATE.search(line, 0, 160) is not None)


def test_clean_features_lower_casing_keeps_word_and_digit_characters():
    # doc_features reuses the flags of a text for its lower-cased form when no character grew
    kinds = _WORD | _DIGIT
    for code in range(0x110000):
        char = chr(code)
        low = char.lower()
        if low != char and len(low) == 1:
            assert _flags_of(char) & kinds == _flags_of(low) & kinds, hex(code)
