"""The overclaim_strength spaCy component on a blank English pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import pipeline.strength.component  # noqa: F401  (registers the factory)
from pipeline.linear import ModelIntegrityError
from pipeline.strength import LABELS

TEXT = (
    "Coffee drinkers were 20 percent less likely to develop gout. "
    "Green tea may help prevent cancer. "
    "The drug did not reduce mortality."
)


@pytest.fixture()
def nlp() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("overclaim_strength")
    nlp.initialize()
    return nlp


def test_component_labels_every_sentence(nlp: spacy.language.Language) -> None:
    doc = nlp(TEXT)
    labels = [sent._.strength for sent in doc.sents]
    assert labels == ["correlational", "conditional_causal", "direct_causal"]
    for sent in doc.sents:
        assert set(sent._.strength_scores) == set(LABELS)
        assert sent._.strength_scores[sent._.strength] == max(sent._.strength_scores.values())


def test_component_pipe_matches_call(nlp: spacy.language.Language) -> None:
    texts = [TEXT, "Is red meat tied to bowel cancer?", "", "Nothing here"]
    piped = [[s._.strength for s in doc.sents] for doc in nlp.pipe(texts, batch_size=2)]
    single = [[s._.strength for s in nlp(t).sents] for t in texts]
    assert piped == single


def test_component_to_disk_spacy_load_round_trip(
    nlp: spacy.language.Language, tmp_path: Path
) -> None:
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "overclaim_strength" / "model" / "SHA256SUMS").is_file()
    loaded = spacy.load(tmp_path / "pipe")
    before = [s._.strength_scores for s in nlp(TEXT).sents]
    after = [s._.strength_scores for s in loaded(TEXT).sents]
    assert before == after


def test_component_refuses_tampered_saved_model(
    nlp: spacy.language.Language, tmp_path: Path
) -> None:
    nlp.to_disk(tmp_path / "pipe")
    with open(tmp_path / "pipe" / "overclaim_strength" / "model" / "weights.npz", "ab") as handle:
        handle.write(b"x")
    with pytest.raises(ModelIntegrityError):
        spacy.load(tmp_path / "pipe")


def test_component_requires_sentence_boundaries() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("overclaim_strength")
    nlp.initialize()
    with pytest.raises(ValueError, match="sentence boundaries"):
        nlp("Coffee is linked to gout. It may help.")


def test_component_missing_model_path_is_a_clear_error(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ModelIntegrityError, match="train strength"):
        nlp.add_pipe("overclaim_strength", config={"model_path": str(tmp_path / "missing")})


def test_component_rejects_bad_batch_size() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="batch_size"):
        nlp.add_pipe("overclaim_strength", config={"batch_size": 0})
