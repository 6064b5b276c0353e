"""The article-extraction-benchmark metric."""

import pytest

from pipeline.clean.metrics import aggregate, page_counts, shingles


def test_clean_metrics_shingles_of_four_tokens():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_clean_metrics_short_text_is_one_shingle():
    assert list(shingles("two words")) == [("two", "words")]


def test_clean_metrics_case_is_kept():
    assert page_counts("The cat sat down", "the cat sat down") == (0.0, 0.5, 0.5)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("one two three four five", "one two three four five", (1.0, 0.0, 0.0)),
        ("one two three four five", "", (0.0, 0.0, 1.0)),
        ("", "one two three four", (0.0, 1.0, 0.0)),
        ("", "", (0.0, 0.0, 0.0)),
    ],
)
def test_clean_metrics_page_counts(gold, pred, expected):
    assert page_counts(gold, pred) == pytest.approx(expected)


def test_clean_metrics_aggregate_skips_pages_without_prediction_for_precision():
    pages = [page_counts("a b c d e", "a b c d e"), page_counts("a b c d e", "")]
    scores = aggregate(pages)
    assert scores["precision"] == pytest.approx(1.0)
    assert scores["recall"] == pytest.approx(0.5)
    assert scores["f1"] == pytest.approx(2 / 3)
    assert scores["pages"] == 2
