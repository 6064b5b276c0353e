"""Article-level checks of ``overclaim evaluate samples``: claims matched by offsets, and the
value, range and bound of each found claim graded against its gold."""

import json

import pytest

from pipeline.flags.evaluate import _checks, evaluate_samples


def _quantity(text: str, body: str, **fields: object) -> dict:
    start = body.index(text)
    base = {"text": text, "start": start, "end": start + len(text), "value": None, "low": None,
            "high": None, "bound": None}
    return {**base, **fields}


BODY = "Pain fell in 31 percent of users, with rates between 2 and 4 percent. Group 1 had 21 percent."


def _record(*quantities: dict) -> dict:
    return {"text": BODY, "claims": [{"quantity": q, "type": "efficacy"} for q in quantities], "flags": []}


def test_claim_matched_by_offset_not_by_substring() -> None:
    # the extracted "1" of "Group 1" is inside the string "21 percent" but not on its words
    record = _record(_quantity("1", BODY, value=1))
    gold = {"claims": [{"quantity": "21 percent", "type": "efficacy", "value": 21}]}
    assert [(k, ok) for k, ok, _ in _checks(record, gold)] == [("claims", False)]


def test_value_range_and_bound_are_graded() -> None:
    record = _record(_quantity("31 percent", BODY, value=31, bound="about"),
                     _quantity("between 2 and 4 percent", BODY, low=2, high=4))
    gold = {"claims": [
        {"quantity": "31 percent", "type": "efficacy", "value": 31, "bound": None},
        {"quantity": "between 2 and 4 percent", "type": "efficacy", "value": None, "low": 2, "high": 4.5},
    ]}
    results = [(k, ok) for k, ok, _ in _checks(record, gold)]
    assert results == [("claims", True), ("claim_types", True), ("claim_values", True), ("claim_bounds", False),
                       ("claims", True), ("claim_types", True), ("claim_ranges", False)]


def test_batch_scores_only_its_articles(tmp_path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in [("a.txt", "Walnuts and memory\n\nIn the trial, 40 percent of people improved.\n"),
                       ("b.txt", "Tea and sleep\n\nAbout 1 in 5 adults sleep badly.\n")]:
        (articles / name).write_text(text, encoding="utf-8")
    gold = {"a.txt": {"claims": [{"quantity": "40 percent", "type": "efficacy", "value": 40}]},
            "b.txt": {"claims": [{"quantity": "About 1 in 5", "type": "prevalence", "value": 0.2}]}}
    (tmp_path / "expected.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "batches.json").write_text(json.dumps({"1": ["b.txt"], "2": ["a.txt"]}), encoding="utf-8")
    result = evaluate_samples(articles, tmp_path / "expected.json", batch="1")
    assert result["files"] == 1 and result["summary"]["claims"]["of"] == 1
    assert "a.txt" not in result["misses"]
    with pytest.raises(ValueError, match="no batch '3'"):
        evaluate_samples(articles, tmp_path / "expected.json", batch="3")
