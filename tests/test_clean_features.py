"""Block features: the array-computed character counts agree with their regex definitions."""

import re

import pytest

from pipeline.clean.features import DENSE, _char_counts, doc_features

LINES = [
    "“Coffee is basically medicine,” said Dr. Ana Solberg. Really?",
    "Home | Health • News - Science / More",
    "• Bulleted item with a bullet and a space",
    "École_ résumé 3rd naïve ÉTÉ 😀 x. 😀 Done.)",
    "Views: 5,139",
    "İstanbul",
    "…",
    "Wait...",
    "Really?!”)]",
    "Contents:",
    "”)",
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
    "words": lambda line: len(re.findall(r"\w+", line)),
    "chars": len,
    "ending": lambda line: (
        2 if line.endswith("...") else 0 if re.search(r"[.!?][\"'”’)\]]*$", line)
        else 1 if line.endswith(":") else 2 if line.endswith("…") else 3
    ),
}


@pytest.mark.parametrize("kind", sorted(REGEX_COUNTS))
def test_clean_features_char_counts_match_regexes(kind):
    counts = _char_counts("\n".join(LINES))[kind]
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
