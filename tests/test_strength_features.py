"""Cue features of the claim-strength classifier (no model, no shared corpora needed)."""

from __future__ import annotations

import pytest

from pipeline.linear import hash_features
from pipeline.strength import featurize
from pipeline.strength.features import (
    N_FEATURES,
    find_cues,
    inflect,
    load_lexicon,
    sentence_features,
    tokenize,
)


def cue_features(sentence: str) -> set[str]:
    """The non-n-gram features of a sentence."""
    return {k for k in sentence_features(sentence, load_lexicon()) if not k.startswith("w:")}


def test_tokenize_lowercases_normalises_numbers_and_splits_negation() -> None:
    assert tokenize("Drug X didn't cut risk by 3.7%?") == [
        "drug",
        "x",
        "did",
        "not",
        "cut",
        "risk",
        "by",
        "<num>",
        "%",
        "?",
    ]


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("reduce", {"b": ["reduce"], "s": ["reduces"], "d": ["reduced"], "g": ["reducing"]}),
        ("boost", {"b": ["boost"], "s": ["boosts"], "d": ["boosted"], "g": ["boosting"]}),
        ("modify", {"b": ["modify"], "s": ["modifies"], "d": ["modified"], "g": ["modifying"]}),
        ("slash", {"b": ["slash"], "s": ["slashes"], "d": ["slashed"], "g": ["slashing"]}),
    ],
)
def test_inflect_regular_verbs(lemma: str, forms: dict[str, list[str]]) -> None:
    assert inflect(lemma, {}) == forms


def test_inflect_uses_irregular_table() -> None:
    assert inflect("lead", {"lead": {"s": "leads", "d": ["led"], "g": "leading"}})["d"] == ["led"]


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "Eating nuts is linked to a lower risk of heart disease.",
            {"unhedged:corr", "cue:CORR"},
            {"cue:CAUSE_b"},
        ),
        ("Green tea may help prevent cancer.", {"hedged:cause", "scoped:causal"}, set()),
        ("Green tea helps prevent cancer.", {"unhedged:cause_s"}, {"hedged:cause"}),
        ("No link was found between coffee and cancer.", {"negated:corr"}, set()),
        ("The drug did not reduce mortality.", {"negated:cause", "unhedged:cause_b"}, set()),
        (
            "Regular exercise can lower blood pressure.",
            {"cue:CAN", "unhedged:cause", "can:causal", "can_scope:cause"},
            {"hedged:cause", "modal_scope:cause", "cue:MODAL"},
        ),
        (
            "Can Coffee Really Save Your Life?",
            {"form:question", "form:yesno_question", "form:title_case", "question:cause"},
            set(),
        ),
        (
            "the condition could be cured as a result of the treatment",
            {"hedged:cause", "cue:CAUSE_d", "form:no_final_period"},
            set(),
        ),
        (
            (
                "If the theory of Dr. Paolo Zamboni is correct, liberation therapy for multiple "
                "sclerosis is a cure for the condition."
            ),
            {"if_epistemic:causen", "hedged:causal", "sk:COND>CAUSEN"},
            {"cue:CAUSE_b", "unhedged:causal"},
        ),
        (
            "Patients with MS were at least 3.7 times more likely to have CCSVI.",
            {"unhedged:corr", "a:COMPAR CORR"},
            {"hedged:corr"},
        ),
        (
            "Further research is needed to determine whether coffee lowers blood pressure.",
            {"agenda_before:cause", "cue:FURTHER"},
            set(),
        ),
        (
            "Levels of the marker rose with age and were higher in smokers than in nonsmokers.",
            {"comparison_than"},
            set(),
        ),
        ("The G allele is a susceptibility locus for gout.", {"cue:CORR"}, {"cue:CAUSE_s"}),
        ("Patients with missing data had the worst prognosis.", {"cue:CORR"}, set()),
        ("Frailty is an important factor in falls.", {"cue:CORR"}, {"cue:RECOMMEND"}),
        ("Early referral is critical for transplant success.", {"cue:CAUSEN"}, set()),
        ("Vitamin K plays an important role in bone health.", {"cue:CAUSEN"}, {"cue:RECOMMEND"}),
        (
            "Cluster analysis identified three symptom clusters.",
            {"cue:DESCRIBE"},
            {"cue:CORRV_s", "cue:CORRV_b"},
        ),
        ("The kinase is required for inflammasome activation.", {"cue:CAUSEN"}, set()),
        ("A sodium channel variant underlies the pain syndrome.", {"cue:CAUSEN"}, set()),
        ("Cataract is the leading cause of blindness.", {"cue:CAUSEN"}, {"cue:DESCRIBE"}),
        ("Wider use of biosimilars is expected to reduce costs.", {"cue:HEDGE"}, set()),
        ("Synapse loss paralleled the accumulation of tau.", {"cue:CORRV_d"}, set()),
        (
            "MRSA accounted for 14% of bloodstream isolates.",
            {"cue:DESCRIBE"},
            {"cue:CAUSE_d"},
        ),
    ],
)
def test_cue_features_on_hard_cases(sentence: str, expected: set[str], absent: set[str]) -> None:
    features = cue_features(sentence)
    assert expected <= features, sorted(features)
    assert not absent & features, sorted(absent & features)


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "Cardiac magnetic resonance may be useful for selecting patients for biopsy.",
            {"modal_scope:nonrelational", "hedges:govern_no_relation"},
            {"modal_scope:cause", "hedges:govern_relation"},
        ),
        (
            "Early rhythm control may reduce the risk of stroke.",
            {"modal_scope:cause", "hedges:govern_causal"},
            {"modal_scope:nonrelational"},
        ),
        (
            "These results suggest that higher ferritin levels are associated with mortality.",
            {"modal_scope:corr", "hedges:govern_relation"},
            {"hedges:govern_causal"},
        ),
        (
            "Catheter ablation reduced the burden of atrial fibrillation.",
            {"cause_verb:finite_d", "cause_verb:finite_object"},
            {"cause_verb:passive_by"},
        ),
        ("Systolic pressure was lowered by the combination pill.", {"cause_verb:passive_by"}, set()),
        ("Cardiac rehabilitation was effective in reducing readmissions.", {"efficacy:in_doing"}, set()),
        (
            "Resting heart rate was higher in women than in men.",
            {"compar:be_in_group", "than:group"},
            {"cause_verb:finite_d"},
        ),
        (
            "Patients with kidney disease had more bleeding events than patients without it.",
            {"compar:had_more", "than:group"},
            set(),
        ),
        (
            "The risk score may help clinicians identify patients for early discharge.",
            {"cause_object:practice"},
            set(),
        ),
        ("Stigma influences patients' decisions to seek help.", set(), {"cause_object:practice"}),
        (
            "A significant improvement in walking distance was found after valve replacement.",
            {"change_after:significant"},
            {"change_after:plain"},
        ),
        (
            "Pain scores fell over the week after surgery.",
            {"change_after:plain"},
            {"change_after:significant"},
        ),
    ],
)
def test_construction_features(sentence: str, expected: set[str], absent: set[str]) -> None:
    features = cue_features(sentence)
    assert expected <= features, sorted(features)
    assert not absent & features, sorted(absent & features)


def test_lexicon_structural_lists_are_loaded_and_are_not_cues() -> None:
    lexicon = load_lexicon()
    assert "useful" in lexicon.words["nonrelational_predicates"]
    assert all(tag != "useful" for entries in lexicon.index.values() for _, tag in entries)


def test_nested_cue_of_another_family_is_dropped() -> None:
    tokens = tokenize("linked to a lower risk")
    tags = {tag for _, _, tag in find_cues(tokens, load_lexicon())}
    assert "CORR" in tags and "CAUSE_b" not in tags


def test_featurize_matches_linear_hash_features() -> None:
    sentences = ["Green tea may help prevent cancer.", "Is coffee tied to gout?", ""]
    rows = [sentence_features(s, load_lexicon()) for s in sentences]
    expected = hash_features(rows, N_FEATURES)
    got = featurize(sentences)
    assert got.shape == (3, N_FEATURES)
    assert abs(got - expected).max() == 0
