"""The overclaim_claims spaCy component on a blank English pipeline."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import pipeline.claims.component  # noqa: F401  (registers the factory without an install)
from pipeline.claims import load_default
from pipeline.extensions import register

TEXT = ("Views: 5,139. Research has shown that 73 percent of patients given the procedure experience "
        "no symptoms up to two years later. One in four adults has high blood pressure.")


def quantity(text: str, fragment: str, **fields) -> dict:
    start = text.index(fragment)
    return {"text": fragment, "start": start, "end": start + len(fragment), "kind": None, "value": None,
            "low": None, "high": None, "bound": None, "direction": None, **fields}


QUANTITIES = [
    quantity(TEXT, "5,139", kind="count", value=5139),
    quantity(TEXT, "73 percent", kind="percent", value=73),
    quantity(TEXT, "up to two years", kind="other", value=2, bound="up_to", unit="years", role="duration"),
    quantity(TEXT, "One in four", kind="fraction", value=0.25),
]


def make_nlp() -> Language:
    register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("overclaim_claims")
    nlp.initialize()
    return nlp


def run(nlp: Language) -> list[dict]:
    doc = nlp.make_doc(TEXT)
    for name, proc in nlp.pipeline:
        if name == "overclaim_claims":
            spans = []
            for q in QUANTITIES:
                span = doc.char_span(q["start"], q["end"], alignment_mode="expand")
                span._.quantity = q
                spans.append(span)
            doc.spans["quantities"] = spans
        doc = proc(doc)
    return doc._.claims


def test_claims_component_writes_claims() -> None:
    claims = run(make_nlp())
    assert [(c["id"], c["type"], c["quantity"]["text"]) for c in claims] == [
        ("c1", "efficacy", "73 percent"), ("c2", "prevalence", "One in four")]
    for claim in claims:
        assert TEXT[claim["start"]:claim["end"]] == claim["sentence"]
        assert TEXT[claim["quantity"]["start"]:claim["quantity"]["end"]] == claim["quantity"]["text"]
        assert claim["strength"] is None
    assert claims[0]["timeframe"] == "up to two years later"


def test_claims_component_without_quantities() -> None:
    nlp = make_nlp()
    assert nlp("Nothing to see.")._.claims == []


def test_claims_component_round_trip(tmp_path: Path) -> None:
    nlp = make_nlp()
    before = run(nlp)
    nlp.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "overclaim_claims" / "model" / "SHA256SUMS").is_file()
    again = spacy.load(tmp_path / "nlp")
    assert run(again) == before


def test_claims_component_model_path(tmp_path: Path) -> None:
    load_default().save(tmp_path / "m")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("overclaim_claims", config={"model_path": str(tmp_path / "m")})
    assert [c["type"] for c in run(nlp)] == ["efficacy", "prevalence"]
