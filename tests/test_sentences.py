"""Sentence segmentation on news text."""

from __future__ import annotations

import pytest
import spacy

import pipeline.sentences  # noqa: F401 - registers the factory
from pipeline.sentences import trimmed


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("overclaim_sentences")
    return nlp


def _sents(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Paolo Zamboni proposed it. Others disagreed.", ["Dr. Paolo Zamboni proposed it.", "Others disagreed."]),
        ("Smith et al. found 3.7 times more. Fine.", ["Smith et al. found 3.7 times more.", "Fine."]),
        ("Risk rose (OR 1.8, 95% CI 1.2-2.6). Next.", ["Risk rose (OR 1.8, 95% CI 1.2-2.6).", "Next."]),
        ('"It works." She said so.', ['"It works."', "She said so."]),
        ("Coffee Cuts Risk\n\nThe study found it.", ["Coffee Cuts Risk", "The study found it."]),
        ("Does it work? Maybe! Yes.", ["Does it work?", "Maybe!", "Yes."]),
        ("Levels fell, e.g. in women. Done.", ["Levels fell, e.g. in women.", "Done."]),
    ],
)
def test_sentences_split(nlp, text: str, expected: list[str]) -> None:
    assert _sents(nlp, text) == expected


def test_sentences_trimmed_offsets(nlp) -> None:
    doc = nlp("Headline here\n\n  First sentence. Second one.  ")
    for sent in doc.sents:
        start, end = trimmed(sent)
        assert doc.text[start:end] == sent.text.strip()


def test_sentences_abbreviations_are_configurable() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("overclaim_sentences", config={"abbreviations": []})
    assert len(list(nlp("Ask Dr. Who. Fine.").sents)) >= 2
