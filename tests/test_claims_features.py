"""Claim typing features and exact rules: comparison sides, harm direction, cue groups."""

from __future__ import annotations

from pipeline.claims import load_default
from pipeline.claims.features import load_lexicon, quantity_features, sentence_context
from pipeline.claims.model import NONE, ClaimModel
from pipeline.claims.rules import non_claim_role, unit_type


def _quantity(sentence: str, text: str, **extra: object) -> dict:
    start = sentence.index(text)
    return {"text": text, "start": start, "end": start + len(text), "kind": "percent", **extra}


def _features(sentence: str, text: str, **extra: object) -> dict[str, float]:
    return quantity_features(sentence_context(sentence), _quantity(sentence, text, **extra))


def test_both_sides_of_a_comparison_are_marked() -> None:
    sentence = "In all, 16 percent reported nausea, compared with 10 percent of those sucking dummy lozenges."
    assert _features(sentence, "16 percent")["pair=first"] == 1.0
    assert _features(sentence, "10 percent")["pair=second"] == 1.0
    alone = _features("About 16 percent of adults have high blood pressure.", "16 percent")
    assert not any(name.startswith("pair") for name in alone)


def test_harm_cues_are_crossed_with_direction_and_animals() -> None:
    sentence = "In the mice fed the sweetener, gut inflammation rose by 60 percent."
    feats = _features(sentence, "60 percent", direction="increase")
    assert "clause=harm&dir=increase" in feats
    assert "animal&clause=harm&dir=increase" in feats


def test_side_effect_uptake_and_diagnostic_cues() -> None:
    cues = {name for name, _, _ in sentence_context("Nausea affected 9 percent of patients.").cues}
    assert "side_effect" in cues
    cues = {name for name, _, _ in sentence_context("About a third of patients try turmeric.").cues}
    assert "uptake" in cues
    cues = {name for name, _, _ in sentence_context("The test correctly identified 91 percent of cases.").cues}
    assert "diagnostic" in cues


def test_exposure_coverage_and_gradient_cues_are_crossed_with_the_design() -> None:
    sentence = "Admissions rose 2 percent for each hot day in the heatwave."
    cues = {name for name, _, _ in sentence_context(sentence).cues}
    assert {"exposure", "dose_response"} <= cues
    cues = {name for name, _, _ in sentence_context("Participation in the screening programme is 41 percent.").cues}
    assert "coverage" in cues
    feats = quantity_features(sentence_context(sentence), _quantity(sentence, "2 percent"),
                              {"doc_kind=observational": 1.0})
    assert "doc_kind=observational&clause=exposure" in feats


def test_named_designs_are_apart_from_exposure_words() -> None:
    groups = load_lexicon().phrases
    assert ("cohort",) in [phrase for phrase, group in groups["cohort"] if group == "cohort"]
    assert all(group != "cohort" for _, group in groups["people"])


def test_unit_words_count_only_next_to_the_quantity() -> None:
    sentence = "Within weeks, inflammation in their brains rose by 70 percent."
    feats = _features(sentence, "70 percent")
    assert "clause=nonclaim" not in feats and "adjacent=nonclaim" not in feats
    assert "adjacent=nonclaim" in _features("Symptoms eased within 12 weeks.", "12 weeks")


def test_study_completion_is_not_a_claim() -> None:
    sentence = "Overall, 91% of participants completed the study, and no liver injury was seen."
    assert non_claim_role(sentence, _quantity(sentence, "91%")) == "sample_size"
    sentence = "Of those referred to the programme, 38% completed it and lost weight."
    assert non_claim_role(sentence, _quantity(sentence, "38%")) is None


def test_discounts_budget_shares_and_definitions_are_not_claims() -> None:
    for sentence, text, role in [
        ("Subscribe and save 15% on every delivery.", "15%", "price"),
        ("Calm blankets are now 20% off for one week.", "20%", "price"),
        ("Mental health gets 9 percent of the total NHS budget.", "9 percent", "price"),
        ("Strong cannabis was defined as more than 10 percent THC.", "more than 10 percent", "measurement"),
    ]:
        assert non_claim_role(sentence, _quantity(sentence, text)) == role
    sentence = "Injury visits were 9.3 per 100 person-years on medication and 11.8 off it."
    assert non_claim_role(sentence, _quantity(sentence, "11.8")) is None


def test_number_needed_to_treat_or_harm_decides_the_type() -> None:
    assert unit_type({"unit": "nnt"}) == "efficacy"
    assert unit_type({"unit": "NNH"}) == "safety"
    assert unit_type({"unit": "percent"}) is None and unit_type({}) is None


def test_the_model_applies_unit_types_before_the_classifier() -> None:
    model: ClaimModel = load_default()
    sentence = "For every 9 people treated, one avoided a fracture: a number needed to treat of 9."
    quantity = _quantity(sentence, "number needed to treat of 9", kind="other", unit="nnt", value=9)
    decision = model.classify(sentence, [quantity])[0]
    assert (decision.label, decision.score) == ("efficacy", 1.0)
    assert decision.label != NONE


def test_harm_words_before_a_sentence_are_its_context() -> None:
    from pipeline.claims.context import article_contexts
    from pipeline.claims.features import cue_groups

    assert {"side_effect", "harm"} <= cue_groups("Nausea and a rash were the main problems.")
    text = "Doctors watched for nausea. Over a year, 3 percent of one group had the condition."
    second = article_contexts(text, [(0, 27), (28, len(text))])[1]
    assert second["before_cue=side_effect"] == 1.0
    feats = quantity_features(sentence_context(text[28:]), _quantity(text[28:], "3 percent"), second)
    assert "before_cue=side_effect&kind=percent" in feats


def test_two_rates_joined_by_and_share_one_type() -> None:
    import numpy as np

    from pipeline.claims.model import share_comparison_types

    sentence = "Bleeding was reported in 1.4 percent of the aspirin group and 1.2 percent of the placebo group."
    quantities = [_quantity(sentence, "1.4 percent"), _quantity(sentence, "1.2 percent")]
    proba = np.array([[0.1, 0.8, 0.1], [0.1, 0.2, 0.7]])
    share_comparison_types(sentence, quantities, proba, ["none", "safety", "efficacy"])
    assert np.allclose(proba[0], proba[1])


def test_sample_sizes_durations_and_ratios_of_the_design_are_not_claims() -> None:
    for sentence, text, role in [
        ("In one randomised trial of 1,711 people, 56% no longer had insomnia.", "1,711", "sample_size"),
        ("Researchers tracked 6.6 million adults using health records.", "6.6 million", "sample_size"),
        ("After a median follow-up of 23 months, 5.6 percent had an event.", "23 months", "duration"),
        ("Cycles without food over six months cut white cell counts.", "six months", "duration"),
        ("Participants were randomized 1:1 (201 per group) to the app.", "201", "sample_size"),
        ("About 22 percent of app users did not finish the program.", "About 22 percent", "sample_size"),
        ("Nasoclear 0.1% w/v nasal spray", "0.1%", "measurement"),
        ("It comes with a 100% money-back guarantee.", "100%", "price"),
    ]:
        assert non_claim_role(sentence, _quantity(sentence, text)) == role, sentence
    sentence = "About 9 percent of the drug group did not complete the course because of nausea."
    assert non_claim_role(sentence, _quantity(sentence, "About 9 percent")) is None
