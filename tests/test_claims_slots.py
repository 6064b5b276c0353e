"""Slots and hedges as exact spans of the sentence."""

from __future__ import annotations

import pytest

from pipeline.claims.slots import SLOT_NAMES, extract_slots, find_hedges


def span(sentence: str, text: str) -> dict:
    start = sentence.index(text)
    return {"text": text, "start": start, "end": start + len(text)}


CASES = [
    ("Research has shown that 73 percent of patients given the procedure experience no symptoms "
     "up to two years later.", "73 percent",
     {"timeframe": "up to two years later", "comparator": None, "intervention": "the procedure",
      "outcome": "no symptoms"}),
    ("The range in these results depends on the inclusion of a study conducted by Dr. Zamboni, which "
     "found that 95 percent of patients with multiple sclerosis also have CCSVI.", "95 percent",
     {"attribution": "a study conducted by Dr. Zamboni", "population": "patients with multiple sclerosis",
      "outcome": "CCSVI"}),
    ("Smokers were four times more likely than non-smokers to develop peripheral artery disease, "
     "the analysis showed.", "four times",
     {"comparator": "non-smokers", "attribution": "the analysis", "outcome": "peripheral artery disease"}),
    ("Taking a daily statin cut the risk of a first heart attack by 27 percent over five years, "
     "according to the trial led by Dr. Helen Marsh.", "27 percent",
     {"intervention": "Taking a daily statin", "outcome": "a first heart attack",
      "timeframe": "over five years", "attribution": "the trial led by Dr. Helen Marsh"}),
    ("Among people who had a stroke, 12 percent had another within a year.", "12 percent",
     {"population": "people who had a stroke", "timeframe": "within a year"}),
]


@pytest.mark.parametrize(("sentence", "text", "expected"), CASES)
def test_claims_slots_found(sentence: str, text: str, expected: dict) -> None:
    slots = extract_slots(sentence, span(sentence, text))
    assert set(slots) == set(SLOT_NAMES)
    for name, value in expected.items():
        assert slots[name] == value, name


@pytest.mark.parametrize(("sentence", "text", "_"), CASES)
def test_claims_slots_are_substrings(sentence: str, text: str, _: dict) -> None:
    for value in extract_slots(sentence, span(sentence, text)).values():
        assert value is None or value in sentence


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("Research has shown that sufferers from multiple sclerosis are at least 3.7 times more likely "
         "to suffer from CCSVI.", "at least 3.7 times", ["at least"]),
        ("Vitamin D pills may lower the risk of dying from cancer by 13 percent, a new analysis suggests.",
         "13 percent", ["may", "suggests"]),
        ("Nearly half of American adults have high blood pressure.", "Nearly half", ["Nearly"]),
        ("73 percent of patients experience no symptoms up to two years later.", "73 percent", []),
    ],
)
def test_claims_hedges(sentence: str, text: str, expected: list[str]) -> None:
    assert find_hedges(sentence, span(sentence, text)) == expected
