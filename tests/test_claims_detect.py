"""Claim detection and typing: the seed article's claims, non-claims, offsets, the model files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.claims import ClaimModel, detect_claims, load_default
from pipeline.claims.features import FeatureIndex, quantity_features, sentence_context
from pipeline.claims.rules import non_claim_role
from pipeline.linear import ModelIntegrityError, hash_features

# The four claims of the seed article (liberation therapy for MS), sentences inline.
SEED = [
    ("Research has shown that sufferers from multiple sclerosis are at least 3.7 times more likely "
     "to suffer from CCSVI.", "at least 3.7 times",
     {"kind": "ratio", "value": 3.7, "bound": "at_least", "direction": "increase"}, "association"),
    ("Research has shown that 73 percent of patients given the procedure experience no symptoms "
     "up to two years later.", "73 percent", {"kind": "percent", "value": 73}, "efficacy"),
    ("Overall, research has found that multiple sclerosis sufferers are between 3.7 and 13.5 times "
     "more likely to have CCSVI.", "between 3.7 and 13.5 times",
     {"kind": "ratio", "low": 3.7, "high": 13.5, "direction": "increase"}, "association"),
    ("The range in these results depends on the inclusion of a study conducted by Dr. Zamboni, which "
     "found that 95 percent of patients with multiple sclerosis also have CCSVI.", "95 percent",
     {"kind": "percent", "value": 95}, "prevalence"),
]

NON_CLAIMS = [
    ("Views: 5,139", "5,139", {"kind": "count", "value": 5139}),
    ("Founded in 2002, our company has been a trusted resource for readers.", "2002",
     {"kind": "count", "value": 2002}),
    ("Updated: Feb 11, 2024", "2024", {"kind": "count", "value": 2024}),
    ("The usual dose is 500 mg twice a day.", "500 mg", {"kind": "other", "value": 500, "unit": "mg"}),
    ("A month's supply costs $49 at most pharmacies.", "49", {"kind": "count", "value": 49}),
    ("The trial enrolled adults aged 65 and over.", "65", {"kind": "count", "value": 65}),
    ("Call 555-123-4567 to book an appointment.", "555-123-4567", {"kind": "other"}),
    ("She was diagnosed with MS in 2009.", "2009", {"kind": "count", "value": 2009}),
]

# Service, staff and money figures that the exact rules rule out.
SERVICE_AND_MONEY = [
    ("The trust employs 9,400 staff across 4 hospitals.", "9,400", {"kind": "count", "value": 9400}),
    ("The new wing will have 320 beds.", "320", {"kind": "count", "value": 320}),
    ("Doctors in training voted by 98 percent to strike.", "98 percent", {"kind": "percent", "value": 98}),
    ("The company now holds a 38 percent share of the global market for insulin pens.", "38 percent",
     {"kind": "percent", "value": 38}),
    ("About 62 percent of voters back the plan.", "About 62 percent",
     {"kind": "percent", "value": 62, "bound": "about"}),
]

# Claims that older versions of the rules wrongly ruled out ("per cent" read as money,
# "of users" as page views, "percent drop" as a dose in drops).
RULE_TRAPS = [
    ("Seventy-three per cent of patients said their symptoms had improved.", "Seventy-three per cent",
     {"kind": "percent", "value": 73}),
    ("Online therapy helped 56 percent of users sleep normally again.", "56 percent",
     {"kind": "percent", "value": 56}),
    ("The tax was followed by an 8 percent drop in obesity among girls.", "8 percent",
     {"kind": "percent", "value": 8}),
    ("The outbreak has infected 14 children and 3 staff.", "3", {"kind": "count", "value": 3}),
]

SAMPLE_SIZES = [
    ("The researchers followed 4,812 adults in the study.", "4,812", {"kind": "count", "value": 4812}),
    ("The survey of 2,300 parents was carried out online.", "2,300", {"kind": "count", "value": 2300}),
]


def quantity(sentence: str, text: str, **fields) -> dict:
    """A quantity dict for the first occurrence of ``text`` in ``sentence``."""
    start = sentence.index(text)
    base = {"text": text, "start": start, "end": start + len(text), "kind": None, "value": None,
            "low": None, "high": None, "bound": None, "direction": None}
    return {**base, **fields}


@pytest.fixture(scope="module")
def model() -> ClaimModel:
    return load_default()


@pytest.mark.parametrize(("sentence", "text", "fields", "expected"), SEED)
def test_claims_seed_types(model: ClaimModel, sentence: str, text: str, fields: dict, expected: str) -> None:
    claims = detect_claims(sentence, [quantity(sentence, text, **fields)], model=model)
    assert [c["type"] for c in claims] == [expected]
    assert claims[0]["quantity"]["text"] == text


@pytest.mark.parametrize(("sentence", "text", "fields", "expected"), SEED)
def test_claims_seed_end_to_end(model: ClaimModel, sentence: str, text: str, fields: dict, expected: str) -> None:
    from pipeline.quantities import find_quantities

    claims = detect_claims(sentence, find_quantities(sentence), model=model)
    assert [(c["quantity"]["text"], c["type"]) for c in claims] == [(text, expected)]


@pytest.mark.parametrize(("sentence", "text", "fields"), NON_CLAIMS + SAMPLE_SIZES)
def test_claims_non_claims_dropped(model: ClaimModel, sentence: str, text: str, fields: dict) -> None:
    assert detect_claims(sentence, [quantity(sentence, text, **fields)], model=model) == []


@pytest.mark.parametrize(("sentence", "text", "fields"), NON_CLAIMS)
def test_claims_rules_rule_out_non_claims(sentence: str, text: str, fields: dict) -> None:
    assert non_claim_role(sentence, quantity(sentence, text, **fields)) is not None


@pytest.mark.parametrize(("sentence", "text", "fields"), SERVICE_AND_MONEY)
def test_claims_rules_rule_out_service_and_money(sentence: str, text: str, fields: dict) -> None:
    assert non_claim_role(sentence, quantity(sentence, text, **fields)) == "other"


@pytest.mark.parametrize(("sentence", "text", "fields"), RULE_TRAPS)
def test_claims_rules_do_not_rule_out_claims(sentence: str, text: str, fields: dict) -> None:
    assert non_claim_role(sentence, quantity(sentence, text, **fields)) is None


# Rules of version 8 (session 6): the step of a gradient, completion shares, time points,
# follow-up, a name's age and sales; and claims next to the same words that stay open.
RULES_V8 = [
    ("Each 5 mmHg rise in systolic pressure added about 10 percent to the risk.", "5 mmHg", "measurement"),
    ("Hospital visits went up by 3 percent for every 1 °C above the seasonal norm.", "1 °C", "measurement"),
    ("Of the 300 who started, 82% completed the course.", "82%", "sample_size"),
    ("Among those who smoked, 9 percent of the coached group had stopped by week 26.", "26", "duration"),
    ("The gain in walking distance had faded by six months.", "six months", "duration"),
    ("Deaths were counted over a median of 7.5 years.", "7.5 years", "duration"),
    ("The team tracked 12,000 nurses for a median of 11 years.", "11 years", "duration"),
    ("A word from Priya, 52: the balm eased my wrist within days.", "52", "age"),
    ("Sales of the sleep drops climbed 70 percent last winter.", "70 percent", "other"),
    ("Sales of collagen powders have risen about threefold since 2019.", "about threefold", "other"),
]
RULES_V8_TRAPS = [
    ("For every 1 death prevented, about 3 people are treated for a cancer that would never have harmed them.", "1"),
    ("Night sweats last for an average of 6.2 years, much longer than many women expect.", "6.2 years"),
    ("By week 12, 40 percent of the patients had no visible plaques.", "40 percent"),
    ("In the drug group, 34, or 12 percent, had a rash.", "34"),
]


@pytest.mark.parametrize(("sentence", "text", "role"), RULES_V8)
def test_claims_rules_v8_rule_out(sentence: str, text: str, role: str) -> None:
    assert non_claim_role(sentence, quantity(sentence, text)) == role


@pytest.mark.parametrize(("sentence", "text"), RULES_V8_TRAPS)
def test_claims_rules_v8_keep_claims(sentence: str, text: str) -> None:
    assert non_claim_role(sentence, quantity(sentence, text)) is None


@pytest.mark.parametrize(("sentence", "text", "fields", "_"), SEED)
def test_claims_rules_keep_claims(sentence: str, text: str, fields: dict, _: str) -> None:
    assert non_claim_role(sentence, quantity(sentence, text, **fields)) is None


def test_claims_grammar_roles_trusted() -> None:
    sentence = "Prices start at 30 euros."
    q = quantity(sentence, "30 euros", kind="other", value=30, role="price")
    assert non_claim_role(sentence, q) == "price"


def test_claims_offsets_shift_by_sentence_start(model: ClaimModel) -> None:
    sentence, text, fields, _ = SEED[1]
    claims = detect_claims(sentence, [quantity(sentence, text, **fields)], sent_start=100,
                           strength="none", model=model)
    claim = claims[0]
    document = " " * 100 + sentence
    assert document[claim["start"]:claim["end"]] == claim["sentence"] == sentence
    assert document[claim["quantity"]["start"]:claim["quantity"]["end"]] == text
    assert claim["strength"] == "none"
    assert 0.0 < claim["score"] <= 1.0
    assert set(claim) >= {"type", "sentence", "start", "end", "quantity", "strength", "population",
                          "intervention", "outcome", "comparator", "timeframe", "attribution", "hedges"}


def test_claims_quantity_extras_kept(model: ClaimModel) -> None:
    sentence = "Statin users had a lower risk of dementia (HR 0.84; 95% CI 0.77-0.91) in the cohort."
    q = quantity(sentence, "HR 0.84", kind="ratio", value=0.84, ci_low=0.77, ci_high=0.91, unit="HR")
    claims = detect_claims(sentence, [q], model=model)
    assert claims and claims[0]["quantity"]["ci_low"] == 0.77 and claims[0]["quantity"]["ci_high"] == 0.91
    assert "role" not in claims[0]["quantity"]


def test_claims_empty_sentence_has_no_claims(model: ClaimModel) -> None:
    assert detect_claims("No numbers here.", [], model=model) == []


def test_claims_feature_index_matches_hasher() -> None:
    sentence, text, fields, _ = SEED[0]
    row = quantity_features(sentence_context(sentence), quantity(sentence, text, **fields))
    index = FeatureIndex(2**18)
    cols, vals, _ = index.encode([row])
    expected = hash_features([row], 2**18).toarray()[0]
    dense = np.zeros(2**18)
    np.add.at(dense, cols, vals)
    np.testing.assert_allclose(dense, expected)


def test_claims_model_round_trip(tmp_path: Path, model: ClaimModel) -> None:
    model.save(tmp_path / "m")
    again = ClaimModel.load(tmp_path / "m")
    rows = [quantity_features(sentence_context(s), quantity(s, t, **f)) for s, t, f, _ in SEED]
    np.testing.assert_allclose(again.probabilities(rows), model.probabilities(rows), rtol=1e-6)
    assert again.linear.classes == model.linear.classes


def test_claims_model_refuses_tampered_weights(tmp_path: Path, model: ClaimModel) -> None:
    model.save(tmp_path / "m")
    weights = tmp_path / "m" / "weights.npz"
    weights.write_bytes(weights.read_bytes() + b"x")
    with pytest.raises(ModelIntegrityError):
        ClaimModel.load(tmp_path / "m")


# Rules of version 9 (session 7): outcome thresholds, targets, concentrations, audience polls,
# costs, clock times, course lengths, allocation, venues and crowds; and claims next to the same
# words that stay open.
RULES_V9 = [
    ("In the drug arm, 44 percent of patients had at least a 50 percent drop in attacks.", "50 percent", "measurement"),
    ("A response meant a fall in the symptom score of at least 40 percent.", "at least 40 percent", "measurement"),
    ("Some volunteers gained 5% or more of their body weight.", "5% or more", "measurement"),
    ("By two years, the groups looked the same.", "two years", "duration"),
    ("Pain was scored again at week 16.", "16", "duration"),
    ("Strokes were counted after a median of 6.3 years.", "6.3 years", "duration"),
    ("The pharmacy sells 0.5 percent atropine eye drops.", "0.5 percent", "dose"),
    ("After the talk, 70 percent of the audience voted yes.", "70 percent", "other"),
    ("The ministry aims to raise vaccine coverage to 90 percent.", "90 percent", "other"),
    ("A generic version roughly halves the cost of treatment.", "roughly halves", "other"),
    ("The clinic is open from 8 to 6.30 pm.", "from 8 to 6", "other"),
    ("Half were randomly assigned to the new diet.", "Half", "sample_size"),
    ("Patients then had 10 weeks of supervised rehabilitation.", "10 weeks", "duration"),
    ("Itch was rated on a 10-point scale.", "10-point", "measurement"),
    ("More than 500 people packed the hall for the health fair.", "More than 500", "sample_size"),
]
RULES_V9_TRAPS = [
    ("The drug cut attacks by at least half in most patients.", "at least half"),
    ("Lifespan rose by two years in the treated mice.", "two years"),
    ("Overall, 62 percent of the audience members with asthma had a flare after the event.", "62 percent"),
    ("Half were still smoke-free a year later.", "Half"),
    ("The cream contains 30 percent less fragrance and caused 40 percent fewer rashes.", "40 percent"),
]


@pytest.mark.parametrize(("sentence", "text", "role"), RULES_V9)
def test_claims_rules_v9_rule_out(sentence: str, text: str, role: str) -> None:
    assert non_claim_role(sentence, quantity(sentence, text)) == role


@pytest.mark.parametrize(("sentence", "text"), RULES_V9_TRAPS)
def test_claims_rules_v9_keep_claims(sentence: str, text: str) -> None:
    assert non_claim_role(sentence, quantity(sentence, text)) is None
