"""The overstatement flags as plain functions over sentences and claims."""

from __future__ import annotations

import re

import pytest

from pipeline.flags import Sentence, detect_designs, flag_article


def _article(parts: list[tuple[str, str]]) -> tuple[str, list[Sentence]]:
    """Join (sentence, strength) pairs into a text with sentence offsets."""
    text, sentences = "", []
    for sentence, strength in parts:
        if text:
            text += " "
        sentences.append(Sentence(len(text), len(text) + len(sentence), strength))
        text += sentence
    return text, sentences


def _claim(text: str, quantity: str, kind: str, claim_type: str, sentences: list[Sentence], number: int, **extra) -> dict:
    start = text.index(quantity)
    sentence = next(s for s in sentences if s.start <= start < s.end)
    q = {"text": quantity, "start": start, "end": start + len(quantity), "kind": kind, "value": None, "low": None,
         "high": None, "bound": None, "direction": extra.pop("direction", None)}
    claim = {"id": f"c{number}", "type": claim_type, "start": sentence.start, "end": sentence.end,
             "sentence": text[sentence.start:sentence.end], "quantity": q, "strength": sentence.strength,
             "population": None, "intervention": None, "outcome": None, "comparator": None, "timeframe": None,
             "attribution": None, "hedges": []}
    claim.update(extra)
    return claim


def _types(flags: list[dict], text_part: str) -> set[str]:
    return {f["type"] for f in flags if text_part in f["sentence"]}


def test_flags_cure_resting_on_association() -> None:
    text, sents = _article([
        ("Green tea cures arthritis, its fans say.", "direct_causal"),
        ("A survey of 2,000 adults found that people who drank green tea were 2.1 times more likely to report no joint pain.", "correlational"),
    ])
    claims = [_claim(text, "2.1 times", "ratio", "association", sents, 1, direction="increase")]
    _, flags = flag_article(text, sents, claims)
    assert _types(flags, "Green tea cures") == {"cure_language", "causal_overstatement"}
    overstatement = next(f for f in flags if f["type"] == "causal_overstatement")
    assert any(e["role"] == "association" and "2.1 times" in e["text"] for e in overstatement["evidence"])
    assert _types(flags, "2.1 times") == {"relative_risk_only"}
    for flag in flags:
        assert text[flag["start"]:flag["end"]] == flag["sentence"]
        for span in flag["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]
        assert flag["explanation"] and 0 <= flag["score"] <= 1
    assert [f["id"] for f in flags] == [f"f{i}" for i in range(1, len(flags) + 1)]


def test_flags_rct_with_absolute_risks_is_not_flagged() -> None:
    text, sents = _article([
        ("In a randomized, placebo-controlled trial of 4,000 adults, the drug reduced heart attacks from 4 percent to 3 percent.", "direct_causal"),
        ("That is a 25 percent lower risk.", "direct_causal"),
    ])
    claims = [
        _claim(text, "from 4 percent to 3 percent", "difference", "efficacy", sents, 1, direction="decrease", comparator="placebo"),
        _claim(text, "25 percent", "percent", "efficacy", sents, 2, direction="decrease"),
    ]
    _, flags = flag_article(text, sents, claims)
    assert flags == []


def test_flags_uncontrolled_efficacy() -> None:
    text, sents = _article([("Eighty percent of patients given the treatment felt better within a month.", "none")])
    claims = [_claim(text, "Eighty percent", "percent", "efficacy", sents, 1)]
    _, flags = flag_article(text, sents, claims)
    assert [f["type"] for f in flags] == ["uncontrolled_efficacy"]
    assert flags[0]["claim_ids"] == ["c1"]


def test_flags_animal_to_human_but_not_mouse_results_as_mouse_results() -> None:
    text, sents = _article([
        ("In mice, the compound cleared amyloid plaques.", "direct_causal"),
        ("The drug could help millions of people with Alzheimer's disease fight memory loss.", "conditional_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert _types(flags, "In mice") == set()
    assert "animal_to_human" in _types(flags, "millions of people")


@pytest.mark.parametrize("sentence", [
    "There is no cure for multiple sclerosis.",
    "The supplement is not a miracle cure.",
    "Experts warned against claims of a cure.",
    "This product is not intended to diagnose, treat, cure, or prevent any disease.",
])
def test_flags_negated_cure_is_careful(sentence: str) -> None:
    text, sents = _article([(sentence, "none")])
    assert flag_article(text, sents, [])[1] == []


def test_flags_conditional_cure_is_cure_language_only() -> None:
    text, sents = _article([("If the theory of Dr. Rossi is correct, the therapy is a cure for the condition.", "conditional_causal")])
    _, flags = flag_article(text, sents, [])
    assert [(f["type"], f["severity"]) for f in flags] == [("cure_language", "medium")]
    assert "condition" in flags[0]["explanation"]


def test_flags_causal_verb_on_association_number() -> None:
    text, sents = _article([
        ("Drinking coffee slashes the risk of liver cancer by 40 percent, a study of 90,000 people found.", "direct_causal"),
        ("Those who drank coffee had lower rates than those who did not, from 1.2 percent to 0.7 percent.", "correlational"),
    ])
    claims = [_claim(text, "40 percent", "percent", "association", sents, 1, direction="decrease")]
    _, flags = flag_article(text, sents, claims)
    assert _types(flags, "slashes") == {"causal_overstatement"}


@pytest.mark.parametrize(("text", "label"), [
    ("a randomised controlled trial of 300 women", "rct"),
    ("patients were randomly assigned to the drug", "rct"),
    ("a prospective cohort study", "observational"),
    ("people who drank three cups", "observational"),
    ("a case series of 12 patients", "uncontrolled"),
    ("experiments in mice", "animal"),
    ("human cells in a dish", "cell"),
    ("a meta-analysis of 40 trials", "meta_analysis"),
    ("No randomized trial has tested it.", "planned_trial"),
    ("Human clinical trials will begin next year.", "planned_trial"),
    ("Mice were randomly assigned to the drug or a placebo.", "animal_trial"),
    ("The randomized trial did not find a benefit.", "rct"),
])
def test_flags_design_detection(text: str, label: str) -> None:
    labels = {d["label"] for d in detect_designs(text)}
    assert label in labels
    for design in detect_designs(text):
        assert text[design["start"]:design["end"]] == design["text"]


def test_flags_randomized_mice_do_not_back_claims_for_people() -> None:
    text, sents = _article([
        ("Mice were randomly assigned to the compound or a placebo.", "none"),
        ("The compound could help people with arthritis beat their pain.", "conditional_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "animal_to_human" in _types(flags, "help people")


def test_flags_explanations_have_no_unfilled_placeholders() -> None:
    text, sents = _article([
        ("Green tea cures arthritis.", "direct_causal"),
        ("In rats, green tea extract reduced swelling.", "direct_causal"),
        ("It could help people with arthritis beat their pain.", "conditional_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert flags
    for flag in flags:
        assert not re.search(r"\{\w+\}", flag["explanation"])


def test_flags_causal_sentence_without_a_number_on_a_cohort() -> None:
    text, sents = _article([
        ("Saunas save lives.", "none"),
        ("A cohort study of 2,300 men found that frequent sauna users were less likely to die of heart disease.", "correlational"),
    ])
    _, flags = flag_article(text, sents, [])
    assert _types(flags, "Saunas save lives") == {"causal_overstatement"}
    assert _types(flags, "cohort study") == set()
    assert any(e["role"] == "observational_design" for e in flags[0]["evidence"])


@pytest.mark.parametrize(("direct", "flagged"), [(0.9, True), (0.05, False)])
def test_flags_classifier_score_decides_ordinary_effect_verbs(direct: float, flagged: bool) -> None:
    text = "The heat relaxes blood vessels. A survey of 900 adults linked sauna use to lower blood pressure."
    scores = {"none": 1 - direct, "correlational": 0.0, "conditional_causal": 0.0, "direct_causal": direct}
    sents = [Sentence(0, 30, "none", scores), Sentence(31, len(text), "correlational")]
    _, flags = flag_article(text, sents, [])
    assert (_types(flags, "relaxes") == {"causal_overstatement"}) is flagged


def test_flags_trial_backs_only_its_own_topic() -> None:
    text, sents = _article([
        ("A randomised controlled trial of 3,700 pregnant women found that the flu vaccine reduced flu in their babies.", "direct_causal"),
        ("A survey of 5,200 office workers found that those who ate dark chocolate had slightly lower blood pressure.", "correlational"),
        ("A daily square of dark chocolate lowers blood pressure.", "direct_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert _types(flags, "flu vaccine") == set()
    assert _types(flags, "daily square") == {"causal_overstatement"}


def test_flags_trial_that_found_nothing_backs_nothing() -> None:
    text, sents = _article([
        ("People with low vitamin D were more likely to be admitted to hospital, health records showed.", "correlational"),
        ("Earlier randomised trials of vitamin D found no clear benefit.", "direct_causal"),
        ("Topping up your vitamin D protects your lungs.", "direct_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert _types(flags, "Topping up") == {"causal_overstatement"}
    assert _types(flags, "Earlier randomised") == set()


def test_flags_uncontrolled_result_without_a_claim() -> None:
    text, sents = _article([("In our clinic, 9 out of 10 patients walk without pain within six weeks.", "none")])
    _, flags = flag_article(text, sents, [])
    assert _types(flags, "9 out of 10") == {"uncontrolled_efficacy"}


def test_flags_animal_headline_without_species() -> None:
    text, sents = _article([
        ("Green tea burns belly fat.", "direct_causal"),
        ("In mice, the extract cut weight gain by 25 percent.", "direct_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "animal_to_human" in _types(flags, "Green tea")
    assert _types(flags, "In mice") == set()


@pytest.mark.parametrize("sentence", [
    "Those who did not benefit may simply not have replied.",
    "The study cannot show that coffee protects the liver.",
    "If the findings hold up in people, the diet might one day help children with epilepsy.",
    "Shingles is a painful rash caused by the same virus that causes chickenpox.",
])
def test_flags_hedged_negated_and_background_sentences_are_careful(sentence: str) -> None:
    text, sents = _article([
        (sentence, "direct_causal"),
        ("A cohort study of 9,000 adults linked the habit to a lower risk.", "correlational"),
    ])
    assert _types(flag_article(text, sents, [])[1], sentence[:20]) == set()


def test_flags_testimonials_and_before_after_changes_as_uncontrolled() -> None:
    text, sents = _article([
        ("In a randomized trial of 300 adults, the cream improved eczema scores more than a placebo cream.", "direct_causal"),
        ("On our shop page, 96% of users saw visibly calmer skin within a week.", "none"),
        ("My itching went from 8 out of 10 to 2 out of 10.", "none"),
        ("About 1 in 10 users report mild stinging.", "none"),
    ])
    claims = [
        _claim(text, "96%", "percent", "efficacy", sents, 1),
        _claim(text, "About 1 in 10", "fraction", "safety", sents, 2),
    ]
    _, flags = flag_article(text, sents, claims)
    # a trial of the cream does not make a customer survey or a testimonial controlled evidence
    assert "uncontrolled_efficacy" in _types(flags, "96% of users")
    assert "uncontrolled_efficacy" in _types(flags, "went from 8 out of 10")
    # a share of users with a side effect is a harm, not a treatment result
    assert _types(flags, "mild stinging") == set()


def test_flags_relative_figure_needs_a_baseline_for_its_own_outcome() -> None:
    text, sents = _article([
        ("In a cohort of 40,000 adults, about 3 in 100 people had a stroke over ten years.", "none"),
        ("Tea drinkers were 20 percent less likely to have a stroke.", "correlational"),
        ("They were also 30 percent less likely to develop cataracts.", "correlational"),
    ])
    claims = [
        _claim(text, "20 percent", "percent", "association", sents, 1, direction="decrease", outcome="a stroke"),
        _claim(text, "30 percent", "percent", "association", sents, 2, direction="decrease", outcome="cataracts"),
    ]
    _, flags = flag_article(text, sents, claims)
    assert "relative_risk_only" not in _types(flags, "20 percent less likely")
    assert "relative_risk_only" in _types(flags, "30 percent less likely")


def test_flags_claim_stated_next_to_the_evidence_it_cites() -> None:
    text, sents = _article([
        ("Screens are what drives this epidemic of misery: a survey of 10,000 teenagers found heavy users were "
         "twice as likely to report low mood.", "correlational"),
    ])
    claims = [_claim(text, "twice", "ratio", "association", sents, 1, direction="increase")]
    _, flags = flag_article(text, sents, claims)
    assert "causal_overstatement" in _types(flags, "what drives")
