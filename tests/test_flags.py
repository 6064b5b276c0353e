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


def test_flags_baseline_for_another_outcome_of_the_same_exposure_does_not_count() -> None:
    text, sents = _article([
        ("In a cohort of 12,000 cyclists, about 4 percent of daily riders had a knee injury, compared with 6 percent "
         "of weekend riders.", "correlational"),
        ("The survey team also asked about sleep.", "none"),
        ("Another analysis looked at mood.", "none"),
        ("Daily riders were also 25 percent less likely to die of lung disease.", "correlational"),
    ])
    claims = [_claim(text, "25 percent", "percent", "association", sents, 1, direction="decrease",
                     outcome="die of lung disease")]
    _, flags = flag_article(text, sents, claims)
    assert "relative_risk_only" in _types(flags, "25 percent less likely")


def test_flags_baseline_in_words_of_the_same_outcome_family_counts() -> None:
    text, sents = _article([
        ("Over eight years, 6 in 100 of the least active walkers died, against 3 in 100 of the most active.", "none"),
        ("Every extra hour of walking a week went with a 9 percent lower risk of dying.", "correlational"),
    ])
    claims = [_claim(text, "9 percent", "percent", "association", sents, 1, direction="decrease", outcome="dying")]
    _, flags = flag_article(text, sents, claims)
    assert "relative_risk_only" not in _types(flags, "9 percent lower")


@pytest.mark.parametrize(("sentence", "quantity", "kind", "flagged"), [
    ("Pickle eaters were half as likely to catch a cold, a poll of 800 shoppers found.", "half", "fraction", True),
    ("Prescriptions for the drug climbed threefold between 2012 and 2022.", "threefold", "ratio", False),
])
def test_flags_relative_fractions_flagged_and_calendar_trends_not(sentence: str, quantity: str, kind: str,
                                                                  flagged: bool) -> None:
    text, sents = _article([(sentence, "correlational")])
    claims = [_claim(text, quantity, kind, "association", sents, 1, direction="decrease" if flagged else "increase")]
    _, flags = flag_article(text, sents, claims)
    assert ("relative_risk_only" in _types(flags, sentence[:15])) is flagged


@pytest.mark.parametrize("sentence", [
    "Twelve of the 20 volunteers said their headaches had eased by the end of the month.",
    "By week six, 70% of them had less stiffness in the morning.",
    "A quarter of participants reported calmer sleep after the course.",
])
def test_flags_share_of_one_group_that_got_better_is_uncontrolled(sentence: str) -> None:
    text, sents = _article([
        ("A cohort study linked the herb to better sleep.", "correlational"),
        (sentence, "none"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "uncontrolled_efficacy" in _types(flags, sentence[:15])


@pytest.mark.parametrize(("sentence", "quantity"), [
    ("About a quarter of participants reported feeling more tired after the clocks changed.", "About a quarter"),
    ("Weight loss was tied to remission: 80% of those who lost 10 kg reached it.", "80%"),
    ("In the trial, 30% of them had fewer headaches than those on placebo.", "30%"),
])
def test_flags_share_of_one_group_look_alikes_are_careful(sentence: str, quantity: str) -> None:
    text, sents = _article([(sentence, "none")])
    claims = [_claim(text, quantity, "percent", "prevalence", sents, 1)]
    _, flags = flag_article(text, sents, claims)
    assert "uncontrolled_efficacy" not in _types(flags, sentence[:15])


def test_flags_before_after_change_against_an_earlier_period_is_uncontrolled() -> None:
    text, sents = _article([
        ("After the clinic switched to the new inhaler, emergency visits dropped by 25 percent compared with the "
         "six months before.", "none"),
    ])
    _, flags = flag_article(text, sents, [])
    assert _types(flags, "After the clinic") == {"uncontrolled_efficacy"}


def test_flags_future_promise_is_not_excused_by_a_trial_of_something_else() -> None:
    text, sents = _article([
        ("In a randomized trial of 200 adults, an evening walk lowered blood sugar after dinner compared with sitting.",
         "direct_causal"),
        ("An evening walk after dinner will add a decade to your life.", "none"),
        ("An evening walk after dinner lowered blood sugar in the trial.", "direct_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "causal_overstatement" in _types(flags, "will add a decade")
    assert _types(flags, "in the trial") == set()


@pytest.mark.parametrize(("sentence", "flagged"), [
    ("A bowl of oats a day will keep heart trouble away.", True),
    ("Take one capsule at breakfast and wake up to calmer, clearer skin.", True),
    ("The oat drink will be available in shops from March.", False),
    ("Oats will not protect you from heart disease on their own.", False),
])
def test_flags_promises_to_the_reader(sentence: str, flagged: bool) -> None:
    text, sents = _article([
        (sentence, "none"),
        ("A survey of 4,000 adults linked eating oats to fewer heart attacks.", "correlational"),
    ])
    _, flags = flag_article(text, sents, [])
    assert ("causal_overstatement" in _types(flags, sentence[:15])) is flagged


def test_flags_evidence_carried_over_to_a_product() -> None:
    text, sents = _article([
        ("Adults who eat oily fish twice a week have fewer heart attacks, a cohort study found, and our capsule "
         "gives you the same protection.", "correlational"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "causal_overstatement" in _types(flags, "oily fish")


GEL = ("A survey of 3,000 runners linked the gel to less knee pain.",
       "In rabbits, the gel doubled the thickness of knee cartilage.")
PILL = ("A survey of 3,000 adults linked the pill to better memory.", "In rabbits, the pill doubled memory scores.")


@pytest.mark.parametrize(("first", "second", "flagged"), [
    (GEL, "In other words, the gel rebuilds your cartilage.", True),
    (GEL, "Exactly the same thing is going on inside your joints.", True),
    (GEL, "Whether it does anything in people is not yet known.", False),
    (PILL, "Since our brains run on the same chemistry, expect the same boost in memory.", True),
    (PILL, "Imagine what it could do for a tired sixty-year-old.", True),
    (PILL, "The rabbits lived longer, proving the pill extends human lifespan.", True),
    (PILL, "Whether the same happens in people is unknown.", False),
])
def test_flags_animal_result_carried_to_people(first: tuple[str, str], second: str, flagged: bool) -> None:
    text, sents = _article([(first[0], "correlational"), (first[1], "direct_causal"), (second, "direct_causal")])
    _, flags = flag_article(text, sents, [])
    assert ("animal_to_human" in _types(flags, second[:15])) is flagged


def test_flags_conclusion_for_patients_drawn_from_mice() -> None:
    text, sents = _article([
        ("A survey of clinic users linked the chamber to better breathing.", "correlational"),
        ("Mice given the gas healed their lungs twice as fast, proving that the chamber repairs lung damage in "
         "patients.", "direct_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "animal_to_human" in _types(flags, "Mice given")


@pytest.mark.parametrize(("sentence", "flagged"), [
    ("The app eliminates worry and stress for good.", True),
    ("Regular flossing could end gum disease in a generation.", True),
    ("We have finally solved adult acne.", True),
    ("Eliminating sugary drinks from the canteen was the school's idea.", False),
    ("By the time she saw a doctor it was too late for a cure.", False),
])
def test_flags_cure_language_over_any_ailment(sentence: str, flagged: bool) -> None:
    text, sents = _article([(sentence, "direct_causal")])
    assert ("cure_language" in _types(flag_article(text, sents, [])[1], sentence[:15])) is flagged


@pytest.mark.parametrize("sentence", [
    "Any benefit for your heart remains a possibility, not a promise.",
    "The researchers could not fully separate diet from income.",
    "We can't be completely sure the cream did it.",
])
def test_flags_hedges_with_adverbs_are_careful(sentence: str) -> None:
    text, sents = _article([
        (sentence, "direct_causal"),
        ("A cohort study of 9,000 adults linked the habit to a lower risk.", "correlational"),
    ])
    assert _types(flag_article(text, sents, [])[1], sentence[:15]) == set()


@pytest.mark.parametrize("sentence", [
    "A trial showed the balm eases eczema, full stop.",
    "The balm is the secret to calm, clear skin.",
    "Rosehip is basically a painkiller in a jar.",
    "Swapping your pillow is the quickest way to beat neck pain.",
])
def test_flags_certainty_and_metaphors_outrun_a_trial(sentence: str) -> None:
    text, sents = _article([
        ("In a randomized trial of 80 adults, the balm eased eczema itch more than a placebo balm.", "direct_causal"),
        ("A survey of 2,000 shoppers linked rosehip and new pillows to less pain.", "correlational"),
        (sentence, "none"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "causal_overstatement" in _types(flags, sentence[:15])


def test_flags_one_of_the_best_ways_is_not_a_superlative_claim() -> None:
    text, sents = _article([
        ("Walking is still one of the cheapest ways to stay active.", "none"),
        ("A cohort study linked walking to fewer falls.", "correlational"),
    ])
    assert _types(flag_article(text, sents, [])[1], "Walking is") == set()


@pytest.mark.parametrize(("sentence", "flagged"), [
    ("Skipping breakfast was the biggest offender, raising gout risk by 20 percent on its own.", True),
    ("Most sore throats clear up on their own within a week.", False),
])
def test_flags_on_its_own_is_a_caution_only_after_recovery(sentence: str, flagged: bool) -> None:
    text, sents = _article([
        ("A survey of 6,000 adults linked breakfast habits to gout and sore throats.", "correlational"),
        (sentence, "direct_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert ("causal_overstatement" in _types(flags, sentence[:15])) is flagged


def test_flags_harm_counts_are_not_causal_overstatement() -> None:
    text, sents = _article([
        ("A survey of 900 patients linked the drip to more energy.", "correlational"),
        ("About 1 in 50 infusions led to a rash.", "direct_causal"),
    ])
    claims = [_claim(text, "About 1 in 50", "fraction", "safety", sents, 1)]
    _, flags = flag_article(text, sents, claims)
    assert "causal_overstatement" not in _types(flags, "1 in 50")


def test_flags_cure_concluded_for_people_from_an_animal_result() -> None:
    text, sents = _article([
        ("Dogs given the pill drank less water, which fans called proof that the pill can end diabetes.", "direct_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "cure_language" in _types(flags, "Dogs given")
    text, sents = _article([("In mice, the pill cured diabetes.", "direct_causal")])
    assert _types(flag_article(text, sents, [])[1], "In mice") == set()


@pytest.mark.parametrize(("text", "label"), [
    ("Sixty adults were assigned to either yoga or stretching.", "rct"),
    ("Yoga lowered pain scores more than usual care did.", "rct"),
    ("In several trials of the spray, colds were shorter.", "human_trial"),
    ("A published report on four patients described the rash.", "uncontrolled"),
    ("In lab tests on human gum cells, the rinse killed bacteria.", "cell"),
])
def test_flags_more_design_wordings(text: str, label: str) -> None:
    assert label in {d["label"] for d in detect_designs(text)}


def test_flags_change_in_a_case_report_is_not_backed_by_a_trial() -> None:
    text, sents = _article([
        ("In a randomized trial of 90 adults, the diet lowered blood sugar compared with usual advice.", "direct_causal"),
        ("A published report on three patients on the diet caught the eye of bloggers.", "none"),
        ("Their blood sugar fell by an average of 20 percent after the diet.", "none"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "uncontrolled_efficacy" in _types(flags, "Their blood sugar")


def test_flags_restatement_of_a_trial_result_is_backed() -> None:
    text, sents = _article([
        ("A survey of 3,000 smokers linked gum chewing to quitting.", "correlational"),
        ("Across randomized trials, 8 percent quit with placebo gum and 14 percent with nicotine gum.", "none"),
        ("That means the gum nearly doubles your chances of quitting.", "direct_causal"),
    ])
    _, flags = flag_article(text, sents, [])
    assert "causal_overstatement" not in _types(flags, "That means")


@pytest.mark.parametrize(("sentence", "flagged"), [
    ("A daily capsule will quickly lower your blood pressure.", True),
    ("Experts say the findings will change how doctors treat high blood pressure.", False),
])
def test_flags_promise_needs_the_effect_right_after_will(sentence: str, flagged: bool) -> None:
    text, sents = _article([
        ("A survey of 2,000 adults linked the capsule to lower blood pressure.", "correlational"),
        (sentence, "none"),
    ])
    _, flags = flag_article(text, sents, [])
    assert ("causal_overstatement" in _types(flags, sentence[:15])) is flagged


def test_flags_relative_trial_figure_is_not_uncontrolled() -> None:
    text, sents = _article([
        ("A case series of 12 patients described the drug.", "none"),
        ("Patients given the drug were 30 percent less likely to have a stroke, from 10 in 100 to 7 in 100.", "none"),
    ])
    claims = [_claim(text, "30 percent", "percent", "efficacy", sents, 1, direction="decrease")]
    _, flags = flag_article(text, sents, claims)
    assert "uncontrolled_efficacy" not in _types(flags, "Patients given")


def test_flags_no_cue_pattern_ends_in_a_space() -> None:
    """The loader closes every pattern with a word boundary, so a pattern whose match ends in a
    space ("assigned to either ") can never match."""
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "pipeline" / "flags" / "data"
    for name in ("cues.json", "designs.json"):
        for key, patterns in json.loads((data / name).read_text(encoding="utf-8")).items():
            if key.startswith("_") or not isinstance(patterns, list):
                continue
            for pattern in patterns:
                assert not re.search(r" (?:\((?:\?:)?[^()]*\)[?*])?$", pattern), (key, pattern)


def test_flags_a_disease_that_kills_is_background() -> None:
    text, sents = _article([
        ("Heart disease kills more people than any other condition.", "direct_causal"),
        ("A survey of 3,000 adults linked nuts to fewer heart attacks.", "correlational"),
    ])
    assert _types(flag_article(text, sents, [])[1], "Heart disease") == set()


def test_flags_sentence_pointing_back_shares_the_baseline() -> None:
    text, sents = _article([
        ("Among heavy gamers, 12 percent reported poor sleep, compared with 6 percent of light gamers.", "correlational"),
        ("Put another way, heavy gamers were twice as likely to sleep badly.", "correlational"),
        ("The link held up after the researchers accounted for age (odds ratio 1.9).", "correlational"),
    ])
    claims = [_claim(text, "odds ratio 1.9", "ratio", "association", sents, 1, direction="increase",
                     outcome="accounted for age")]
    _, flags = flag_article(text, sents, claims)
    assert "relative_risk_only" not in _types(flags, "The link")


def test_flags_warning_that_animal_results_may_not_translate_is_careful() -> None:
    text, sents = _article([
        ("A survey of 900 adults linked fasting to weight loss.", "correlational"),
        ("In rats, fasting prevented weight gain, but the authors warned this may not translate to people.",
         "direct_causal"),
    ])
    assert _types(flag_article(text, sents, [])[1], "In rats") == set()


def _cohort_article(sentence: str, strength: str) -> list[dict]:
    """Flags of one sentence in an article whose only evidence is a cohort."""
    text, sents = _article([
        (sentence, strength),
        ("A cohort study of 7,000 adults linked the habit to fewer hospital stays.", "correlational"),
    ])
    return flag_article(text, sents, [])[1]


@pytest.mark.parametrize(("sentence", "strength"), [
    # a part of the body named without causal wording
    ("Scans hint that our brains light up the same way for music and for food.", "none"),
    ("Over ten years, a person's heart muscle may have thickened a little.", "none"),
    # speculation about the future under a conditional
    ("Even a small uptake would greatly improve the health of older drivers.", "conditional_causal"),
    ("In the long run, drugs like this could be used to block the enzyme before surgery.", "conditional_causal"),
    # earlier research and definitions as background
    ("Earlier studies in adults found that the pump improved sugar control.", "direct_causal"),
    ("Lupus, a disease in which the immune system attacks the body's own tissue, is rare.", "direct_causal"),
    # effect verbs used as nouns, on oneself, or about what people eat
    ("Every Friday the choir gives the ward a boost with some help from local bands.", "direct_causal"),
    ("When I cut myself in the garden, the wound closes in a day.", "direct_causal"),
    ("Volunteers slashed their sugar intake to 20 grams a day.", "direct_causal"),
    ("Antibodies built up against the transplanted kidney cells within weeks.", "none"),
    # speculation and appraisal
    ("This sheds light on the possible role of iron in lowering the risk of fatigue.", "direct_causal"),
    ("The team is now looking at ways to repair the damage to the nerves.", "direct_causal"),
    ("To find a spray that helps clear the lungs is very promising.", "direct_causal"),
])
def test_flags_news_background_speculation_and_look_alikes_are_careful(sentence: str, strength: str) -> None:
    assert _types(_cohort_article(sentence, strength), sentence[:20]) == set()


@pytest.mark.parametrize(("sentence", "strength"), [
    ("Swap crisps for almonds and your arteries will feel the difference.", "none"),
    ("Tablets strain young eyes.", "none"),
    ("The pump improves sugar control.", "direct_causal"),
    ("Green tea slashes the risk of stroke.", "direct_causal"),
    ("The supplement could lower blood pressure.", "conditional_causal"),
])
def test_flags_causal_claims_next_to_the_look_alikes_are_still_flagged(sentence: str, strength: str) -> None:
    assert "causal_overstatement" in _types(_cohort_article(sentence, strength), sentence[:20])


@pytest.mark.parametrize(("sentence", "cure"), [
    ("Five of the eight volunteers were free of psoriasis a year later.", True),
    ("Most of the patients made a full recovery on the diet.", True),
    ("The diet is the only way to get rid of eczema, the author says.", True),
    ("It is a breakthrough treatment for gout.", True),
    ("All but two were free of the infection after the antibiotics.", False),
    ("The programme is not a quick fix for arthritis.", False),
    ("It was a real breakthrough for the team.", False),
    ("Previous studies had found that surgery reversed diabetes in some patients.", False),
])
def test_flags_cure_wording_in_news(sentence: str, cure: bool) -> None:
    assert ("cure_language" in _types(_cohort_article(sentence, "direct_causal"), sentence[:20])) is cure
