"""Article design context for claim typing, and the exact non-claim rules added with it."""

from __future__ import annotations

import pytest
import spacy

import pipeline.claims.component  # noqa: F401  (registers the factory without an install)
import pipeline.quantities.component  # noqa: F401
from pipeline.claims import load_default
from pipeline.claims.context import article_contexts, summarize_designs
from pipeline.claims.model import NONE_THRESHOLD
from pipeline.claims.corpus import record_contexts
from pipeline.claims.features import quantity_features, sentence_context
from pipeline.claims.rules import non_claim_role
from pipeline.extensions import register

COHORT = ("A cohort study followed 20,000 adults for 10 years. "
          "Dementia was diagnosed in 14.0 percent of one group and 17.5 percent of the other.")
TRIAL = ("In a randomized trial, 900 adults were given the drug or a placebo. "
         "Dementia was diagnosed in 14.0 percent of one group and 17.5 percent of the other.")


def spans(text: str) -> list[tuple[int, int]]:
    first = text.index(". ") + 1
    return [(0, first), (first + 1, len(text))]


def test_claims_context_names_the_design_before_a_sentence() -> None:
    first, second = article_contexts(COHORT, spans(COHORT))
    assert first["doc_kind=observational"] == 1.0
    assert first["sent_design=observational"] == 1.0
    assert second["prev_design=observational"] == 1.0
    assert second["near_design=observational"] == 1.0
    assert not any(name.startswith("sent_design=") for name in second)


def test_claims_context_tells_trial_from_cohort() -> None:
    _, second = article_contexts(TRIAL, spans(TRIAL))
    assert second["doc_kind=trial"] == 1.0
    assert "doc_kind=observational" not in second


def test_claims_context_without_designs() -> None:
    (only,) = article_contexts("About 28 percent of adults are obese.", [(0, 37)])
    assert only == {"doc_kind=none": 1.0, "near_design=none": 1.0}


@pytest.mark.parametrize("labels, expected", [
    ({"rct"}, "trial"), ({"observational"}, "observational"), ({"rct", "observational"}, "mixed"),
    ({"uncontrolled"}, "uncontrolled"), ({"animal"}, "lab"), (set(), "none"),
])
def test_claims_context_summary(labels: set[str], expected: str) -> None:
    assert summarize_designs(labels) == expected


def test_claims_context_features_crossed_with_clause_cues() -> None:
    sentence = "Nausea was reported by 44 percent of patients."
    ctx = sentence_context(sentence)
    start = sentence.index("44 percent")
    quantity = {"text": "44 percent", "start": start, "end": start + 10, "kind": "percent", "value": 44}
    alone = quantity_features(ctx, quantity)
    feats = quantity_features(ctx, quantity, {"doc_kind=trial": 1.0, "near_design=rct": 1.0})
    assert not any(name.startswith("doc_kind=") for name in alone)
    assert feats["doc_kind=trial&kind=percent"] == 1.0
    assert feats["near_design=rct&clause=harm"] == 1.0


def test_claims_record_contexts_group_by_doc() -> None:
    records = [
        {"text": "A cohort study followed 20,000 adults.", "doc": "a"},
        {"text": "Walkers had a 23 percent lower risk.", "doc": "a"},
        {"text": "Walkers had a 23 percent lower risk of stroke."},
    ]
    first, second, alone = record_contexts(records)
    assert second["prev_design=observational"] == 1.0
    assert first["doc_kind=observational"] == 1.0
    assert alone is None


def test_claims_component_uses_article_context() -> None:
    register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("overclaim_quantities")
    nlp.add_pipe("overclaim_claims")
    nlp.initialize()
    doc = nlp(COHORT)
    assert [c["quantity"]["text"] for c in doc._.claims] == ["14.0 percent", "17.5 percent"]


@pytest.mark.parametrize("sentence, text, role", [
    ("During therapy, 12 of 84 children (14.3%) needed adrenaline.", "84", "sample_size"),
    ("Eleven of forty patients on placebo improved.", "forty", "sample_size"),
    ("Districts with ≥20% tree canopy had fewer deaths.", "≥20%", "measurement"),
    ("Patients who used their drops less than 80 percent of the time lost more sight.",
     "less than 80 percent", "measurement"),
    ("The infusion is given every 18 months.", "18 months", "duration"),
    ("Eczema was present in 20% of children across 14 participating centres.", "14", "sample_size"),
    ("I'm 34 and thought I would grow out of it.", "34", "age"),
    ("My pain was worst on day 2, scoring 8/10.", "8/10", "measurement"),
    ("The clinics screened 5,000 women last year.", "5,000", "sample_size"),
    ("The headband halved migraine days in 38 percent of users.", "halved", "measurement"),
    ("Pollen levels above 50 grains are enough to trigger symptoms.", "above 50 grains", "measurement"),
    ("The shortage left around 1 in 3 pharmacies unable to fill prescriptions.", "around 1 in 3", "other"),
    ("The nurse helpline answered 9,800 queries last year.", "9,800", "other"),
])
def test_claims_rules_new_non_claim_roles(sentence: str, text: str, role: str) -> None:
    start = sentence.index(text)
    quantity = {"text": text, "start": start, "end": start + len(text), "kind": "count"}
    assert non_claim_role(sentence, quantity) == role


@pytest.mark.parametrize("sentence, text", [
    ("In total, 12 of 84 children needed adrenaline.", "12"),
    ("Every 20 minutes someone is diagnosed with blood cancer.", "20 minutes"),
    ("The number of people with diabetes reached 422 million.", "422 million"),
    ("Vaccination reached 80 percent of the target group.", "80 percent"),
    ("Roughly 1 in 5 employees in Europe work some night shifts.", "Roughly 1 in 5"),
    ("Prescriptions fell by 38 percent after hospitals adopted new guidelines.", "38 percent"),
    ("Headache occurred in 26% and diarrhoea in 20% of drug recipients.", "26%"),
    ("Gummy vitamins accounted for 4,500 calls to poison centres.", "4,500"),
])
def test_claims_rules_keep_claims_near_new_rules(sentence: str, text: str) -> None:
    start = sentence.index(text)
    quantity = {"text": text, "start": start, "end": start + len(text), "kind": "count"}
    assert non_claim_role(sentence, quantity) is None


def test_claims_none_threshold_prefers_a_claim_type_when_none_is_unsure() -> None:
    model = load_default()
    sentence = "About 7 percent of participants stopped treatment because of side effects."
    quantity = {"text": "About 7 percent", "start": 0, "end": 15, "kind": "percent", "value": 7, "bound": "about"}
    model.none_threshold = 1.01
    try:
        (decision,) = model.classify(sentence, [quantity])
    finally:
        model.none_threshold = NONE_THRESHOLD
    assert decision.label != "none"
