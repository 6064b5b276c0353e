"""The spaCy pipeline: its components, the Python API, the round trip to disk, and the seed
article of the contract's worked example (read from ../shared when present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import pipeline
from pipeline.language import COMPONENTS
from tests.conftest import SAMPLES, SEED, check_offsets

TEXT = (
    "Coffee Drinkers Live Longer\n\n"
    "People who drank three cups of coffee a day were 12 percent less likely to die during the study, "
    "researchers at Northfield University reported. The study cannot prove cause and effect. "
    "In a separate randomized trial, the drug cut heart attacks from 4 percent to 3 percent compared with placebo. "
    "One in four adults has high blood pressure."
)


def _summary(doc) -> dict:
    return {
        "sents": [(s.start_char, s.end_char, s._.strength) for s in doc.sents],
        "claims": doc._.claims,
        "flags": doc._.flags,
    }


def test_pipeline_components_in_order(nlp) -> None:
    assert tuple(nlp.pipe_names) == COMPONENTS


def test_pipeline_entry_points_register_factories() -> None:
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    if not names & set(COMPONENTS):
        pytest.skip("package not installed (entry points absent)")
    assert set(COMPONENTS) <= names
    blank = spacy.blank("en")
    for name in COMPONENTS:
        blank.add_pipe(name)  # works without importing pipeline.* first


def test_pipeline_python_api(nlp) -> None:
    doc = nlp(TEXT)
    strengths = {s._.strength for s in doc.sents}
    assert strengths <= {"none", "correlational", "conditional_causal", "direct_causal"}
    assert None not in strengths
    types = {c["quantity"]["text"]: c["type"] for c in doc._.claims}
    assert types.get("12 percent") == "association"
    assert types.get("one in four") == "prevalence" or types.get("One in four") == "prevalence"
    record = {"text": doc.text, "claims": doc._.claims, "flags": doc._.flags}
    check_offsets(record)


def test_pipeline_round_trip_to_disk(nlp, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "saved")
    again = spacy.load(tmp_path / "saved")
    texts = [TEXT] + [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.glob("*.txt"))]
    for text in texts:
        assert _summary(again(text)) == _summary(nlp(text))


def test_pipeline_process_bytes_and_path() -> None:
    record = pipeline.process(TEXT.encode("utf-8"))
    assert record["format"] == "text" and record["claims"] and "flags" in record
    path = next(iter(sorted(SAMPLES.glob("*.html"))))
    record = pipeline.process(path, flag=False)
    assert record["format"] == "html" and "flags" not in record


def test_pipeline_shipped_model_is_verified(tmp_path: Path) -> None:
    from pipeline.linear import ModelIntegrityError
    from pipeline.paths import PIPELINE, model_dir

    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(model_dir(PIPELINE), copy)
    weights = next(copy.rglob("weights.npz"))
    weights.write_bytes(weights.read_bytes()[:-8] + b"tampered")
    with pytest.raises(ModelIntegrityError):
        spacy.load(copy)


@pytest.mark.parametrize(("component", "model"), [("overclaim_strength", "strength"), ("overclaim_claims", "claims")])
def test_pipeline_shipped_copy_is_current(component: str, model: str) -> None:
    """models/overclaim-en carries the same weights as the trained component model (rebuild
    it with 'overclaim train pipeline' after retraining)."""
    from pipeline.paths import PIPELINE, model_dir

    shipped = model_dir(PIPELINE) / component / "model" / "SHA256SUMS"
    trained = model_dir(model) / "SHA256SUMS"
    assert shipped.read_text(encoding="utf-8") == trained.read_text(encoding="utf-8")


# -- the worked example of the contract -------------------------------------------------

needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="../shared is absent")


@pytest.fixture(scope="module")
def seed() -> dict:
    return pipeline.process(SEED)


@needs_seed
def test_seed_body_kept_and_boilerplate_dropped(seed: dict) -> None:
    text = seed["text"]
    assert text.startswith("The benefits of liberation therapy for multiple sclerosis are")
    assert text.rstrip().endswith("depending on the specific location within the brain that is affected.")
    for gone in ("Advertiser Disclosure", "How We Make Money", "Our Promise to you", "Founded in 2002",
                 "By Lee Johnson", "Views:", "Share", "editorial process", "in your inbox", "https://"):
        assert gone not in text, gone
    assert seed["title"] == "What Are the Benefits of Liberation Therapy for Multiple Sclerosis?"


@needs_seed
def test_seed_four_claims(seed: dict) -> None:
    claims = {c["quantity"]["text"]: c for c in seed["claims"]}
    assert set(claims) == {"at least 3.7 times", "73 percent", "between 3.7 and 13.5 times", "95 percent"}
    first = claims["at least 3.7 times"]
    assert (first["type"], first["quantity"]["kind"], first["quantity"]["bound"]) == ("association", "ratio", "at_least")
    assert claims["73 percent"]["type"] == "efficacy" and claims["73 percent"]["comparator"] is None
    assert "two years" in (claims["73 percent"]["timeframe"] or "")
    span = claims["between 3.7 and 13.5 times"]
    assert span["type"] == "association"
    assert (span["quantity"]["low"], span["quantity"]["high"], span["quantity"]["value"]) == (3.7, 13.5, None)
    assert claims["95 percent"]["type"] == "prevalence"
    assert "Zamboni" in (claims["95 percent"]["attribution"] or "")


@needs_seed
def test_seed_flags(seed: dict) -> None:
    def has(kind: str, part: str) -> bool:
        return any(f["type"] == kind and part in f["sentence"] for f in seed["flags"])

    assert has("cure_language", "could be cured as a result of the treatment")
    assert has("causal_overstatement", "could be cured as a result of the treatment")
    overstatement = next(f for f in seed["flags"] if f["type"] == "causal_overstatement" and "could be cured" in f["sentence"])
    assert any("3.7 times" in e["text"] for e in overstatement["evidence"])
    assert has("uncontrolled_efficacy", "73 percent of patients given the procedure")
    assert has("relative_risk_only", "3.7 times more likely")
    cure = next(f for f in seed["flags"] if f["type"] == "cure_language" and "If the theory of Dr. Paolo Zamboni" in f["sentence"])
    assert cure["severity"] != "high"
    assert not has("causal_overstatement", "If the theory of Dr. Paolo Zamboni")


@needs_seed
def test_seed_record_validates(seed: dict, record_schema: dict) -> None:
    import jsonschema

    jsonschema.validate(json.loads(json.dumps(seed)), record_schema)
    check_offsets(seed)
