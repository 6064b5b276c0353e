"""The quantity grammar: one parametrized test per quantity form.

Each case is (sentence, span, expected fields); the quantity whose text equals ``span`` must
exist and carry the expected fields. Sentences are written for these tests.
"""

from __future__ import annotations

import itertools

import pytest

from pipeline.quantities import find_quantities


def quantity(sentence: str, span: str) -> dict:
    """The quantity with text ``span`` in ``sentence`` (fails with the found list)."""
    found = find_quantities(sentence)
    for q in found:
        if q["text"] == span:
            return q
    raise AssertionError(f"{span!r} not in {[q['text'] for q in found]}")


def check(sentence: str, span: str, expected: dict) -> None:
    q = quantity(sentence, span)
    assert sentence[q["start"]:q["end"]] == span
    for key, value in expected.items():
        if isinstance(value, float):
            assert q[key] == pytest.approx(value, rel=1e-3), (key, q)
        else:
            assert q[key] == value, (key, q)


#: The seed article's four claims, in sentences of our own with the same quantity phrases
#: (the article itself is read by test_quantities_seed_article_file when it is available).
SEED_37 = "People with the disease were at least 3.7 times more likely to have the vein problem."
SEED_73 = "In one series, 73 percent of treated patients had no symptoms up to two years later."
SEED_RANGE = "Across studies, patients were between 3.7 and 13.5 times more likely to have it."
SEED_95 = "An early study reported that 95 percent of the patients also had the condition."

SEED = [
    (SEED_37, "at least 3.7 times",
     {"kind": "ratio", "value": 3.7, "bound": "at_least", "direction": "increase",
      "role": None, "low": None}),
    (SEED_73, "73 percent", {"kind": "percent", "value": 73, "bound": None, "role": None}),
    (SEED_73, "up to two years", {"role": "duration", "bound": "up_to", "value": 2}),
    (SEED_RANGE, "between 3.7 and 13.5 times",
     {"kind": "ratio", "low": 3.7, "high": 13.5, "value": None, "direction": "increase"}),
    (SEED_95, "95 percent", {"kind": "percent", "value": 95, "role": None}),
    ("Views: 5,139", "5,139", {"role": "views", "value": 5139}),
    ("Founded in 2002, the charity now runs ten clinics.", "2002",
     {"role": "year", "value": 2002}),
    ("Last updated: Feb 11, 2024", "Feb 11, 2024", {"role": "date"}),
]


@pytest.mark.parametrize("sentence,span,expected", SEED)
def test_quantities_seed_article(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, expected)


QUANTULUM_FAILURES = [
    # bound kept, not a bare count
    ("They were at least 3.7 times more likely to have it.", "at least 3.7 times",
     {"bound": "at_least", "kind": "ratio", "value": 3.7}),
    # a range, never a midpoint
    ("They were between 3.7 and 13.5 times more likely.", "between 3.7 and 13.5 times",
     {"low": 3.7, "high": 13.5, "value": None}),
    # a change, not a range
    ("Smoking fell from 8.2% to 5.9% in five years.", "from 8.2% to 5.9%",
     {"kind": "difference", "from_value": 8.2, "to_value": 5.9, "value": 2.3,
      "direction": "decrease", "low": None}),
    ("Obese patients were twice as likely to be admitted.", "twice",
     {"kind": "ratio", "value": 2, "direction": "increase"}),
    ("The number of cases doubled last winter.", "doubled",
     {"kind": "ratio", "value": 2, "direction": "increase"}),
]


def test_quantities_seed_article_file() -> None:
    from tests.conftest import SEED as SEED_FILE

    if not SEED_FILE.exists():
        pytest.skip("shared seed article not available")
    text = SEED_FILE.read_text(encoding="utf-8")
    found = find_quantities(text)
    candidates = [q["text"] for q in found if q["role"] is None and q["value"] is not None
                  or q["role"] is None and q["low"] is not None]
    assert candidates == ["at least 3.7 times", "73 percent", "between 3.7 and 13.5 times",
                          "95 percent"]
    roles = {q["text"]: q["role"] for q in found}
    assert roles["2002"] == "year" and roles["5,139"] == "views"
    assert roles["up to two years"] == "duration"


@pytest.mark.parametrize("sentence,span,expected", QUANTULUM_FAILURES)
def test_quantities_quantulum_failures(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, expected)


@pytest.mark.parametrize("sentence", ["Views: 5,139", "Founded in 2002, the charity grew."])
def test_quantities_non_claims_have_a_role(sentence: str) -> None:
    assert all(q["role"] is not None for q in find_quantities(sentence))


PERCENT = [
    ("Some 73 percent of patients improved.", "Some 73 percent", {"value": 73, "bound": "about"}),
    ("About 73% of patients improved.", "About 73%", {"value": 73, "bound": "about"}),
    ("Seventy-three per cent of patients improved.", "Seventy-three per cent", {"value": 73}),
    ("Mortality was 3·4% in the trial arm.", "3·4%", {"value": 3.4}),
    ("It cut deaths by 20 percent.", "20 percent", {"value": 20, "direction": "decrease"}),
    ("Users had a 20 percent higher risk.", "20 percent", {"direction": "increase"}),
    ("They were 30% less likely to relapse.", "30%", {"direction": "decrease"}),
    ("Uptake rose 12 per cent last year.", "12 per cent", {"direction": "increase"}),
    ("More than 40 percent of adults are affected.", "More than 40 percent",
     {"bound": "at_least"}),
    ("Fewer than 5% had side effects.", "Fewer than 5%", {"bound": "at_most"}),
    ("Nearly 10 percent quit.", "Nearly 10 percent", {"bound": "about"}),
    ("Between 10% and 20% of adults snore.", "Between 10% and 20%",
     {"low": 10, "high": 20, "value": None}),
    ("Roughly 10-20% of adults snore.", "Roughly 10-20%",
     {"low": 10, "high": 20, "bound": "about"}),
]


@pytest.mark.parametrize("sentence,span,expected", PERCENT)
def test_quantities_percent(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, {"kind": "percent", **expected})


RATIO = [
    ("The risk was three times higher.", "three times", {"value": 3, "direction": "increase"}),
    ("We saw a threefold rise in cases.", "threefold", {"value": 3, "unit": "fold"}),
    ("There was a 2.5-fold increase.", "2.5-fold", {"value": 2.5, "direction": "increase"}),
    ("The drug halved the risk of death.", "halved", {"value": 0.5, "direction": "decrease"}),
    ("Heavy drinkers face double the risk.", "double", {"value": 2, "direction": "increase"}),
    ("Cases could nearly triple by 2050.", "nearly triple", {"value": 3, "bound": "about"}),
    ("A two- to threefold increase was seen.", "two- to threefold", {"low": 2, "high": 3}),
    ("The risk is 3.7 to 13.5 times higher.", "3.7 to 13.5 times", {"low": 3.7, "high": 13.5}),
    ("They were one and a half times as likely to die.", "one and a half times",
     {"value": 1.5, "direction": "increase"}),
]


@pytest.mark.parametrize("sentence,span,expected", RATIO)
def test_quantities_ratio(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, {"kind": "ratio", **expected})


@pytest.mark.parametrize("sentence", [
    "It was a double-blind trial.",
    "The patient had triple-negative breast cancer.",
])
def test_quantities_multiplier_adjectives_are_not_ratios(sentence: str) -> None:
    assert find_quantities(sentence) == []


EFFECT_MEASURES = [
    ("Risk rose with BMI (odds ratio 1.8, 95% CI 1.2-2.6).", "odds ratio 1.8",
     {"unit": "odds_ratio", "value": 1.8, "ci_low": 1.2, "ci_high": 2.6, "ci_level": 95}),
    ("Mortality was lower (HR 0.82, 95% CI 0.71–0.95; P=.002).", "HR 0.82",
     {"unit": "hazard_ratio", "value": 0.82, "ci_low": 0.71, "ci_high": 0.95,
      "p_value": 0.002, "direction": "decrease"}),
    ("Smokers had more strokes (aOR 1.8; P < .001).", "aOR 1.8",
     {"unit": "odds_ratio", "p_value": 0.001, "p_bound": "at_most"}),
    ("Statin users had a relative risk of 1.3 for diabetes.", "relative risk of 1.3",
     {"unit": "relative_risk", "value": 1.3, "direction": "increase"}),
    ("The HR 0.79 (0.70-0.90) favoured the drug.", "HR 0.79",
     {"ci_low": 0.7, "ci_high": 0.9}),
    ("Falls were rarer (IRR 0.61; 0.44–0.85).", "IRR 0.61", {"ci_low": 0.44, "ci_high": 0.85}),
]


@pytest.mark.parametrize("sentence,span,expected", EFFECT_MEASURES)
def test_quantities_effect_measures(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, {"kind": "ratio", **expected})


def test_quantities_ci_is_not_a_separate_quantity() -> None:
    found = find_quantities("Risk rose (odds ratio 1.8, 95% CI 1.2-2.6; P = 0.01).")
    assert [q["text"] for q in found] == ["odds ratio 1.8"]
    assert found[0]["p_value"] == 0.01


def test_quantities_ratio_with_ci_spanning_one_has_no_direction() -> None:
    q = quantity("Aspirin did not cut events (HR 0.97, 95% CI 0.80-1.10).", "HR 0.97")
    assert q["direction"] is None and q["ci_high"] == 1.1


def test_quantities_ci_attaches_to_a_percent() -> None:
    q = quantity("Relapses fell by 29% (95% CI 14–41) over a year.", "29%")
    assert (q["ci_low"], q["ci_high"]) == (14, 41)


P_VALUES = [
    ("The difference was significant, p < 0.01.", "p < 0.01",
     {"value": 0.01, "bound": "at_most"}),
    ("This held for the whole cohort (P=.04).", "P=.04", {"value": 0.04, "bound": None}),
    ("It was not significant (p-value of 0.3).", "p-value of 0.3", {"value": 0.3}),
]


@pytest.mark.parametrize("sentence,span,expected", P_VALUES)
def test_quantities_p_value(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, {"kind": "p_value", **expected})


FRACTIONS = [
    ("One in four adults has high blood pressure.", "One in four", {"value": 0.25}),
    ("It affects 1 in 250 babies.", "1 in 250", {"value": 0.004}),
    ("Nine out of 10 dentists agree.", "Nine out of 10", {"value": 0.9}),
    ("About one in every 50,000 people reacts.", "About one in every 50,000",
     {"value": 2e-05, "bound": "about"}),
    ("Half of the patients relapsed.", "Half", {"value": 0.5}),
    ("It cut the risk of stroke by a third.", "a third",
     {"value": 0.3333, "direction": "decrease"}),
    ("Two-thirds of adults are overweight.", "Two-thirds", {"value": 0.6667}),
    ("Three quarters of cases are mild.", "Three quarters", {"value": 0.75}),
    ("More than half of the cohort dropped out.", "More than half",
     {"value": 0.5, "bound": "at_least"}),
    ("Seven of 10 patients responded.", "Seven of 10", {"value": 0.7}),
]


@pytest.mark.parametrize("sentence,span,expected", FRACTIONS)
def test_quantities_fraction(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, {"kind": "fraction", **expected})


def test_quantities_a_third_before_a_noun_is_an_ordinal() -> None:
    q = quantity("She had a third dose of the vaccine.", "a third")
    assert (q["role"], q["value"]) == ("ordinal", 3)


DIFFERENCES = [
    ("Scores rose by about 1 percentage point.", "by about 1 percentage point",
     {"value": 1, "bound": "about", "unit": "percentage_point", "direction": "increase"}),
    ("Obesity rose from 13.9 percent to 19.7 percent over two decades.",
     "from 13.9 percent to 19.7 percent",
     {"value": 5.8, "from_value": 13.9, "to_value": 19.7, "direction": "increase"}),
    ("Weight fell more on the drug (difference −8.2 kg).", "difference −8.2 kg",
     {"value": 8.2, "direction": "decrease"}),
    ("The rate rose by 2.3 per 100,000.", "by 2.3 per 100,000", {"value": 2.3}),
    ("Waist: down 9 cm", "9 cm", {"value": 9, "direction": "decrease"}),
    ("Systolic pressure was up 6 mmHg at the last visit.", "6 mmHg", {"value": 6, "direction": "increase"}),
    ("Cold water pushes heart rate up by as much as 30 beats per minute.",
     "by as much as 30 beats per minute", {"value": 30, "bound": "up_to"}),
]


@pytest.mark.parametrize("sentence,span,expected", DIFFERENCES)
def test_quantities_difference(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, {"kind": "difference", **expected})


RANGES_AND_BOUNDS = [
    ("The gain was 3.7-13.5 points.", "3.7-13.5 points", {"low": 3.7, "high": 13.5}),
    ("They slept 5 to 6 hours.", "5 to 6 hours", {"low": 5, "high": 6, "value": None}),
    ("Adults aged 50 to 70 took part.", "50 to 70", {"low": 50, "high": 70, "role": "age"}),
    ("No fewer than 300 people came.", "No fewer than 300", {"bound": "at_least"}),
    ("Up to 700 workers may lose jobs.", "Up to 700", {"bound": "up_to"}),
    ("Around 50 patients were seen.", "Around 50", {"bound": "about"}),
    ("Those aged 65 or older qualify.", "65 or older", {"bound": "at_least", "role": "age"}),
    ("Men who smoked 20 or more cigarettes a day.", "20 or more cigarettes",
     {"bound": "at_least", "value": 20}),
    ("Almost 2,000 deaths were recorded.", "Almost 2,000", {"bound": "about", "value": 2000}),
    ("It finds roughly 1 to 3 of every 1,000 tumours.", "roughly 1 to 3 of every 1,000",
     {"kind": "fraction", "low": 0.001, "high": 0.003, "bound": "about"}),
    ("Between 2 and 4 out of 10 patients relapse.", "Between 2 and 4 out of 10",
     {"kind": "fraction", "low": 0.2, "high": 0.4}),
]


@pytest.mark.parametrize("sentence,span,expected", RANGES_AND_BOUNDS)
def test_quantities_ranges_and_bounds(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, expected)


NUMBER_WORDS = [
    ("Two hundred people signed.", "Two hundred", 200),
    ("A dozen clinics closed.", "A dozen", 12),
    ("Some 1.5 million people use it.", "Some 1.5 million", 1500000),
    ("It involved 1,200 nurses.", "1,200", 1200),
    ("Nearly half a million children were tested.", "Nearly half a million", 500000),
    ("Forty-two patients died.", "Forty-two", 42),
    ("The scheme has 800k followers.", "800k", 800000),
    ("Poison centres get about 1 300 calls a year.", "about 1 300", 1300),
    ("Some 12\u2009000 residents are exposed.", "Some 12\u2009000", 12000),
    ("Clinics saw 2,61,000 cases.", "2,61,000", 261000),
]


@pytest.mark.parametrize("sentence,span,value", NUMBER_WORDS)
def test_quantities_number_words(sentence: str, span: str, value: float) -> None:
    check(sentence, span, {"value": value})


def test_quantities_spaced_groups_need_a_clean_end() -> None:
    assert [q["text"] for q in find_quantities("They ran 5 100-metre sprints.")] == ["5", "100-metre"]


COUNTS = [
    ("Only 12 patients died in the trial.", "12", {"unit": "people", "role": None}),
    ("A study of 1,200 women found no link.", "1,200", {"role": "sample_size"}),
    ("The trial enrolled 300 volunteers.", "300", {"role": "sample_size"}),
    ("Outcomes were similar (n = 412).", "n = 412", {"role": "sample_size", "value": 412}),
]


@pytest.mark.parametrize("sentence,span,expected", COUNTS)
def test_quantities_counts_of_people(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, {"kind": "count", **expected})


NNT = [
    ("The number needed to treat was 25.", "number needed to treat was 25"),
    ("It had an NNT of 25 over five years.", "NNT of 25"),
]


@pytest.mark.parametrize("sentence,span", NNT)
def test_quantities_number_needed_to_treat(sentence: str, span: str) -> None:
    check(sentence, span, {"kind": "other", "unit": "nnt", "value": 25})


ROLES = [
    ("The trial began in 2019.", "2019", "year"),
    ("The 2019 study was small.", "2019", "year"),
    ("Take 500 mg twice a day.", "500 mg", "dose"),
    ("Give 2,000 IU of vitamin D.", "2,000 IU", "dose"),
    ("It was offered to 65-year-olds.", "65-year-olds", "age"),
    ("The test costs $1,200 privately.", "$1,200", "price"),
    ("The pills cost about £300 a year.", "about £300", "price"),
    ("They were followed for two years.", "two years", "duration"),
    ("Symptoms eased up to two years later.", "up to two years", "duration"),
    ("Call 1-800-555-0199 for details.", "1-800-555-0199", "phone"),
    ("It came third in the ranking.", "third", "ordinal"),
    ("She finished 21st of 40 runners.", "21st", "ordinal"),
    ("Participants walked 5 km a day.", "5 km", "measurement"),
    ("Blood pressure of 120 mmHg is normal.", "120 mmHg", "measurement"),
    ("Peak oxygen uptake was 31.5 ml/kg/min at baseline.", "31.5 ml/kg/min", "measurement"),
    ("Born in the 1990s, they were young.", "1990s", "year"),
    ("Most were in their 50s.", "50s", "age"),
    ("It is offered to the under-25s.", "under-25s", "age"),
    ("Clinic hours run 8am–6pm on weekdays.", "8am–6pm", "date"),
    ("The study of 30 hospitals ran for a year.", "a year", "duration"),
    ("Martha Jones, 76, broke her hip.", "76", "age"),
    ("Adults over 65 were at higher risk.", "over 65", "age"),
    ("The claim rests on one study [3] only.", "3", "other"),
    ("For support, text SHOUT to 85258.", "85258", "phone"),
    ("The 340-patient trial reported early.", "340", "sample_size"),
    ("A meta-analysis of 16 prospective studies found it.", "16", "sample_size"),
    ("Order before 2 pm for delivery.", "2 pm", "date"),
    ("Full report: https://example.org/report2024.", "https://example.org/report2024", "url"),
]


@pytest.mark.parametrize("sentence,span,role", ROLES)
def test_quantities_roles(sentence: str, span: str, role: str) -> None:
    check(sentence, span, {"role": role})


@pytest.mark.parametrize("sentence", [
    "People with type 2 diabetes and COVID-19 were studied.",
    "Vitamin B12 and omega-3 levels were low.",
    "The phase 3 trial of the 5:2 diet is over.",
    "Fatigue can persist after SARS-CoV-2 or sars-cov-2 infection; anti-IL-6 drugs were tried.",
])
def test_quantities_names_are_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_quantities_change_with_a_rate_or_score_article() -> None:
    for sentence, span, value, ends in [
        ("Sleep went from four hours a night to seven and a half.", "from four hours a night to seven and a half",
         3.5, (4, 7.5)),
        ("Crying fell from 5 hours a day to 1 hour.", "from 5 hours a day to 1 hour", 4, (5, 1)),
        ("My pain score went from an 8 to a 2.", "from an 8 to a 2", 6, (8, 2)),
    ]:
        found = find_quantities(sentence)
        assert [q["text"] for q in found] == [span]
        assert (found[0]["kind"], found[0]["value"]) == ("difference", value)
        assert (found[0]["from_value"], found[0]["to_value"]) == ends


def test_quantities_hyphened_name_does_not_swallow_a_fraction() -> None:
    assert [q["text"] for q in find_quantities("Still, one-in-4 children had a cough.")] == ["one-in-4"]


def test_quantities_bare_one_is_not_a_count() -> None:
    assert find_quantities("One study found it is one of the most common causes.") == []


def test_quantities_rate_per_population() -> None:
    check("Incidence was 4.8 cases per 100,000 a year.", "4.8 cases per 100,000",
          {"kind": "other", "value": 4.8})


def test_quantities_reduction_of_duration_is_a_claim() -> None:
    check("Therapy cut sleep latency by 19 minutes.", "by 19 minutes",
          {"role": None, "direction": "decrease", "kind": "difference", "value": 19})


def test_quantities_years_in_a_span_are_separate() -> None:
    found = find_quantities("Cases fell between 2010 and 2022.")
    assert [(q["text"], q["role"]) for q in found] == [("2010", "year"), ("2022", "year")]


def test_quantities_offset_is_added() -> None:
    found = find_quantities("It rose 5%.", offset=100)
    assert (found[0]["start"], found[0]["end"]) == (108, 110)


def test_quantities_document_spans_sorted_and_disjoint() -> None:
    text = ("Founded in 2002. Views: 5,139. About 73 percent of patients, aged 50 to 70, "
            "were 3.7 times more likely (OR 3.7, 95% CI 1.2-9.9) to improve within a year.")
    found = find_quantities(text)
    for a, b in itertools.pairwise(found):
        assert a["end"] <= b["start"]
    for q in found:
        assert text[q["start"]:q["end"]] == q["text"]


def test_quantities_component_writes_spans() -> None:
    import spacy

    import pipeline.quantities.component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("overclaim_quantities")
    doc = nlp("Research has shown that 73 percent of patients improved (OR 1.8, 95% CI 1.2-2.6).")
    spans = doc.spans["quantities"]
    assert [s.text for s in spans] == ["73 percent", "OR 1.8"]
    assert spans[1]._.quantity["ci_low"] == 1.2


MORE_FORMS = [
    ("I finished in 4 hours 31 minutes.", "4 hours 31 minutes", {"value": 271}),
    ("Men were 30 ± 10 years old.", "30 ± 10 years old", {"value": 30, "plus_minus": 10}),
    ("Doses were more than 10 and less than 40 mg.", "more than 10 and less than 40 mg",
     {"low": 10, "high": 40, "bound": None, "value": None}),
    ("Items were scored from 0 to 4.", "from 0 to 4", {"low": 0, "high": 4}),
    ("The app is rated 4.7 out of 5.", "4.7 out of 5", {"value": 4.7, "kind": "other"}),
    ("Cases could nearly triple to 153 million.", "nearly triple",
     {"value": 3, "bound": "about", "kind": "ratio"}),
    ("Coverage slipped by 2 percentage points to 91 percent.", "by 2 percentage points",
     {"kind": "difference", "value": 2, "direction": "decrease"}),
    ("Some five and a half million people have it.", "Some five and a half million",
     {"value": 5500000, "bound": "about"}),
    ("The constant was 6.23x10^-4 per day.", "6.23x10^-4", {"value": 0.000623}),
    ("Symptoms returned within a year.", "a year", {"value": 1, "bound": None}),
    ("Mortality fell in 2 weeks (P = 0.03).", "P = 0.03", {"kind": "p_value"}),
    ("Weight changed by −8.2 kg.", "by −8.2 kg", {"kind": "difference", "value": 8.2,
                                                 "direction": "decrease"}),
    ("Gout usually starts between the ages of 30 and 50.", "between the ages of 30 and 50",
     {"low": 30, "high": 50, "role": "age"}),
    ("Pain fell from 2 hours to about 20 minutes.", "from 2 hours to about 20 minutes",
     {"kind": "difference", "from_value": 120, "to_value": 20, "value": 100}),
    ("Scores fell from a mean of 6.1 to 4.8.", "from a mean of 6.1 to 4.8",
     {"kind": "difference", "value": 1.3, "direction": "decrease"}),
]


def test_quantities_in_before_a_percent_is_no_fraction() -> None:
    found = find_quantities("Remission at week 12 in 49.5% of patients.")
    assert [(q["text"], q["kind"]) for q in found] == [("12", "other"), ("49.5%", "percent")]


@pytest.mark.parametrize("sentence,span,expected", MORE_FORMS)
def test_quantities_more_forms(sentence: str, span: str, expected: dict) -> None:
    check(sentence, span, expected)


def test_quantities_count_of_a_sample_is_a_fraction() -> None:
    found = find_quantities("Liver injury occurred in 12 of 8,400 patients, and in 3 of the 46 children.")
    assert [(q["text"], q["kind"], q["value"]) for q in found] == [
        ("12 of 8,400", "fraction", 0.001429), ("3 of the 46", "fraction", 0.06522)]


def test_quantities_count_with_its_percentage_stays_two_counts() -> None:
    found = find_quantities("Liver injury occurred in 12 of 8,400 patients (0.14%).")
    assert [(q["text"], q["kind"], q["role"]) for q in found] == [
        ("12", "count", None), ("8,400", "count", "sample_size"), ("0.14%", "percent", None)]


@pytest.mark.parametrize("sentence,span,value,bound,direction", [
    ("The rate falls from roughly 10 percent to 8 percent.", "from roughly 10 percent to 8 percent", 2, "about", "decrease"),
    ("The share rose from 8.1% in 2015 to 9.4% in 2024.", "from 8.1% in 2015 to 9.4%", 1.3, None, "increase"),
    ("Coverage was down from 71.2% in the 2022–23 season to 66.8%.", "from 71.2% in the 2022–23 season to 66.8%", 4.4, None, "decrease"),
    ("Children given filters had fewer symptom days, from 4.2 to 3.1 days a fortnight.", "from 4.2 to 3.1 days", 1.1, None, "decrease"),
    ("It was linked to a 4.5-point drop in IQ.", "4.5-point", 4.5, None, "decrease"),
    ("My pain went from 8 out of 10 to 2 out of 10.", "from 8 out of 10 to 2 out of 10", 6, None, "decrease"),
    ("My pain went from about 7 out of 10 to 3.", "from about 7 out of 10 to 3", 4, "about", "decrease"),
])
def test_quantities_changes_with_inner_bounds_years_and_descending_ends(
        sentence: str, span: str, value: float, bound: str | None, direction: str) -> None:
    found = next(q for q in find_quantities(sentence) if q["text"] == span)
    assert (found["kind"], found["value"], found["bound"], found["direction"]) == (
        "difference", value, bound, direction)


def test_quantities_range_keeps_its_order_and_an_inner_bound() -> None:
    found = find_quantities("Scores ranged from 40 to 60, and rates between about 10 and 20 percent.")
    assert [(q["low"], q["high"], q["bound"]) for q in found] == [(40, 60, None), (10, 20, "about")]


def test_quantities_scaled_counts_have_no_float_noise() -> None:
    assert find_quantities("An estimated 4.1 million adults swim outdoors.")[0]["value"] == 4_100_000


def test_quantities_bound_after_an_opening_quote() -> None:
    found = find_quantities("“Around one in three patients come back worse,” she said.")
    assert (found[0]["text"], found[0]["bound"]) == ("Around one in three", "about")


def test_quantities_p_value_skips_a_time_point() -> None:
    found = find_quantities("Scores were 4.2 points higher at 6 months (P=.01).")
    assert found[0]["text"] == "4.2 points" and found[0]["p_value"] == 0.01


def test_quantities_list_lines_are_not_a_range() -> None:
    found = find_quantities("Doses:\n- 5 mg\n- 10 mg")
    assert [(q["text"], q["value"]) for q in found] == [("5 mg", 5), ("10 mg", 10)]


def test_quantities_lexicons_load_and_are_documented() -> None:
    from pipeline.quantities.lexicon import FILES, load

    for name in FILES:
        assert "_doc" in load(name), name
    with pytest.raises(ValueError):
        load("nonexistent")


@pytest.mark.parametrize("sentence, text, value", [
    ("One-in-five adults has high cholesterol.", "One-in-five", 0.2),
    ("Smokers face a one-in-10 chance of a stroke.", "one-in-10", 0.1),
    ("About 1-in-4 women had the condition.", "About 1-in-4", 0.25),
])
def test_quantities_hyphenated_one_in_n(sentence: str, text: str, value: float) -> None:
    (quantity,) = [q for q in find_quantities(sentence) if q["kind"] == "fraction"]
    assert (quantity["text"], quantity["value"]) == (text, value)
