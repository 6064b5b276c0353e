"""The learned flag model: features, training round trip, and the flagger component with and
without a model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import spacy

from pipeline.flags import Sentence, detect_designs, flag_article
from pipeline.flags import component as flag_component
from pipeline.flags.model import (
    FLAG_TYPES,
    FlagModel,
    article_features,
    describe,
    model_flags,
    causal_vetoed,
    tokens,
    typed,
    union_rules,
)
from pipeline.flags.train import (
    WEB_FALSE_LIMIT,
    check,
    featurize,
    fit,
    lobo,
    pick,
    score_web,
    summarize,
    thresholds_for,
    web_article,
)
from pipeline.linear import ModelIntegrityError
from tests.test_flags import _article

COHORT = [
    ("Researchers followed 40,000 adults for ten years in an observational study.", "none"),
    ("Coffee drinkers were 20 percent less likely to develop gout.", "correlational"),
    ("So coffee prevents gout.", "direct_causal"),
    ("The study cannot show cause and effect.", "none"),
]
PARAMS = {"C": 1.0, "ngram_weight": 0.5, "ungraded_weight": 0.3, "other_weight": 1.0, "careful_weight": 1.0,
          "shared": True, "rule_weight": 1.0}


def _relative_claim(text: str, sentences: list[Sentence]) -> dict:
    quantity = "20 percent"
    start = text.index(quantity)
    sentence = next(s for s in sentences if s.start <= start < s.end)
    return {"id": "c1", "type": "association", "start": sentence.start, "end": sentence.end,
            "sentence": text[sentence.start:sentence.end], "strength": sentence.strength,
            "quantity": {"text": quantity, "start": start, "end": start + len(quantity), "kind": "percent",
                         "value": 20, "low": None, "high": None, "bound": None, "direction": "decrease"},
            "population": None, "intervention": None, "outcome": "gout", "comparator": None, "timeframe": None,
            "attribution": None, "hedges": []}


def _cohort():
    text, sentences = _article(COHORT)
    return text, sentences, [_relative_claim(text, sentences)]


def _featurized(name: str, batch: str):
    text, sentences, claims = _cohort()
    expect = {"flags": [{"type": "causal_overstatement", "sentence_with": "So coffee prevents gout"},
                        {"type": "relative_risk_only", "sentence_with": "20 percent less likely"}],
              "no_flags_on": ["cannot show cause and effect"]}
    return featurize(name, batch, text, sentences, claims, expect)


def test_flag_model_tokens_replace_numbers() -> None:
    assert tokens("Cut risk by 20.5 percent, in 1,200 people") == ["cut", "risk", "by", "<num>", "percent", "in", "<num>", "people"]


def test_flag_model_features_of_a_cohort_article() -> None:
    text, sentences, claims = _cohort()
    designs = detect_designs(text)
    _, rules = flag_article(text, sentences, claims, designs)
    context, rows = article_features(text, sentences, claims, designs, rules)
    assert len(rows) == len(sentences)
    causal, relative, careful = rows[2], rows[1], rows[3]
    assert causal["w=prevents"] == 1.0 and "b=coffee prevents" in causal
    assert causal["strength=direct_causal"] == 1.0
    assert "cue=causal_strong" in causal and "causal_cue" in causal
    assert causal["design=observational"] == 1.0 and "backed" not in causal
    assert causal["rule=causal_overstatement"] == 1.0
    assert relative["claim=association"] == 1.0 and relative["relative_no_baseline"] == 1.0
    assert "w=<num>" in relative
    assert "no_claim" in careful and not any(k.startswith("rule=") for k in careful)
    assert context.observational


def test_flag_model_combined_features() -> None:
    text, sentences, claims = _cohort()
    designs = detect_designs(text)
    _, rows = article_features(text, sentences, claims, designs, flag_article(text, sentences, claims, designs)[1])
    causal = rows[2]
    assert causal["strength_evidence=direct_causal:association"] == 1.0 and causal["claim_evidence=association"] == 1.0
    assert causal["claim_backed=False"] == 1.0 and causal["next_caution"] == 1.0 and causal["prev_strength=correlational"] == 1.0
    text, sentences = _article([("Take Zestra every day and you'll never get sick again.", "none"),
                                ("It healed my skin in a month.", "direct_causal")])
    _, rows = article_features(text, sentences, [], [], [])
    assert rows[0]["mc=cure_family"] == 1.0 and rows[0]["promise_form"] == 1.0 and rows[0]["cure_and=you"] == 1.0
    assert rows[1]["testimony"] == 1.0 and rows[1]["cure_and=first_person"] == 1.0 and "promise_form" not in rows[1]


def test_flag_model_background_and_advice_features() -> None:
    text, sentences = _article([("Coffee drinkers were 20 percent less likely to develop gout in a cohort study.", "correlational"),
                                ("Myelin is a vital component of the brain and helps carry signals.", "direct_causal"),
                                ("Exercise regularly to keep your heart strong.", "direct_causal"),
                                ("So coffee prevents gout.", "direct_causal")])
    claims = [_relative_claim(text, sentences)]
    designs = detect_designs(text)
    _, rows = article_features(text, sentences, claims, designs, flag_article(text, sentences, claims, designs)[1])
    background, advice, claim = rows[1], rows[2], rows[3]
    assert background["mc=definition"] == 1.0 and background["claim_and=definition"] == 1.0
    assert background["claim_overlap=0"] == 1.0
    assert advice["mc=advice_general"] == 1.0 and advice["claim_no_study"] == 1.0
    assert claim["claim_overlap=2"] == 1.0 and "claim_and=definition" not in claim


def test_flag_model_inference_features() -> None:
    text, sentences = _article([("In mice, the extract cut fat by 30 percent, so you will slim down too.", "direct_causal"),
                                ("In mice, the extract cut fat by 30 percent, but nobody knows if people respond.", "none"),
                                ("Members lost 3 kg in a month, proof that it works.", "direct_causal"),
                                ("Ginger is nature's painkiller.", "none"),
                                ("The risk of gout was 10 percent lower in the treated group, where 40 percent of people had gout.", "none")])
    claims = []
    for number, (phrase, direction) in enumerate((("10 percent", "decrease"), ("40 percent", None)), start=1):
        start = text.index(phrase)
        sentence = next(s for s in sentences if s.start <= start < s.end)
        claims.append({"id": f"c{number}", "type": "association", "start": sentence.start, "end": sentence.end,
                       "sentence": text[sentence.start:sentence.end],
                       "quantity": {"text": phrase, "start": start, "end": start + len(phrase), "kind": "percent",
                                    "value": float(phrase.split()[0]), "low": None, "high": None, "bound": None,
                                    "direction": direction},
                       "outcome": "fat", "comparator": None, "intervention": None, "hedges": []})
    _, rows = article_features(text, sentences, claims, detect_designs(text), [])
    bridge, hedged, leap, selling, mixed = rows
    assert bridge["animal_to_people"] == 1.0 and any(k.startswith("animal_to_people_evidence=") for k in bridge)
    assert hedged["animal_to_people_tempered"] == 1.0 and "animal_to_people" not in hedged
    assert leap["leap"] == 1.0 and leap["selling"] == 1.0
    assert selling["selling"] == 1.0 and "leap" not in selling
    assert "relative" in mixed and "absolute" in mixed and mixed["relative_and_absolute"] == 1.0


def test_flag_model_rule_union_floor() -> None:
    text, sentences = _article([("All 20 patients felt better after the tea.", "none"), ("Nothing else.", "none")])
    rule = {"type": "uncontrolled_efficacy", "start": sentences[0].start}
    probability = np.full((2, len(FLAG_TYPES)), 0.1)
    k = FLAG_TYPES.index("uncontrolled_efficacy")
    kept = union_rules(probability, sentences, [rule], ("uncontrolled_efficacy",))
    assert kept[0, k] == 1.0 and kept[1, k] == 0.1
    floors = np.full(len(FLAG_TYPES), 0.2)
    assert union_rules(probability, sentences, [rule], ("uncontrolled_efficacy",), floors)[0, k] == 0.1
    probability[0, k] = 0.3
    assert union_rules(probability, sentences, [rule], ("uncontrolled_efficacy",), floors)[0, k] == 1.0


def test_flag_model_causal_vetoed_causal_links_are_not_flagged() -> None:
    assert causal_vetoed("The treatment assumes that narrowed veins cause the disease.")
    assert causal_vetoed("The approach hinges on the hypothesis that the virus triggers it.")
    assert not causal_vetoed("So coffee prevents gout.")
    assert causal_vetoed("Multiple sclerosis is known to be an auto-immune condition where the immune system attacks myelin.")
    assert causal_vetoed("Psoriasis is a chronic skin disease caused by an overactive immune system.")
    assert not causal_vetoed("Turmeric is a natural cure that reverses arthritis.")
    assert not causal_vetoed("Our study shows that sugar is a cause of diabetes.")
    _, model = _trained()
    text, sentences = _article([("The treatment assumes that narrowed veins cause the disease.", "direct_causal"),
                                ("So coffee prevents gout.", "direct_causal")])
    model.thresholds = {kind: 0.0 for kind in FLAG_TYPES}
    flags = model_flags(model, text, sentences, [], [], [])
    causal = [f["sentence"] for f in flags if f["type"] == "causal_overstatement"]
    assert causal == ["So coffee prevents gout."]
    assert any(f["type"] == "cure_language" and "assumes" in f["sentence"] for f in flags)


def test_flag_model_signals_are_described_in_plain_words() -> None:
    text, sentences = _article(COHORT)
    claims = [_relative_claim(text, sentences)]
    designs = detect_designs(text)
    _, rows = article_features(text, sentences, claims, designs, flag_article(text, sentences, claims, designs)[1])
    for name in {key for row in rows for key in row}:
        words = describe(name)
        assert words is None or ("=" not in words and "_" not in words), (name, words)


def test_flag_model_typed_features_conjoin_the_type() -> None:
    base = {"w=cures": 1.0, "rule=cure_language": 1.0, "rule_score=cure_language": 0.9, "cue=cure": 1.0}
    row = typed(base, "cure_language", ngram_weight=0.5, shared=False)
    assert row["cure_language|w=cures"] == 0.5 and row["cure_language|rule_self"] == 1.0
    assert row["cure_language|rule_self_score"] == 0.9 and "cure_language|rule_other" not in row
    assert "cue=cure" not in row and row["cure_language|bias"] == 1.0
    assert not any("rule" in key for key in typed(base, "cure_language", rule_weight=0.0))
    other = typed(base, "causal_overstatement", shared=True)
    assert other["causal_overstatement|rule_other"] == 1.0 and other["cue=cure"] == 1.0


def test_flag_model_gold_alignment() -> None:
    article = _featurized("a.txt", "1")
    assert article.labels[2, "causal_overstatement"] == (1, "positive")
    assert article.labels[2, "cure_language"] == (0, "other")
    assert article.labels[3, "animal_to_human"] == (0, "careful")
    assert article.labels[0, "cure_language"] == (0, "ungraded")
    assert article.unaligned == []


def _trained() -> tuple[list, FlagModel]:
    articles = [_featurized(f"{n}.txt", str(n % 2)) for n in range(4)]
    model = fit(articles, PARAMS, {kind: 0.5 for kind in FLAG_TYPES}, {"note": "test"})
    return articles, model


def test_flag_model_round_trip_and_checksum(tmp_path: Path) -> None:
    articles, model = _trained()
    model.save(tmp_path / "flags")
    again = FlagModel.load(tmp_path / "flags")
    assert again.thresholds == model.thresholds and again.ngram_weight == 0.5 and again.shared
    causal, cure = FLAG_TYPES.index("causal_overstatement"), FLAG_TYPES.index("cure_language")
    rows = [again.rows(articles[0].base[2])[causal], again.rows(articles[0].base[3])[cure]]
    np.testing.assert_allclose(again.proba(rows), model.proba(rows))
    base = articles[0].base
    every = again.proba([row for features in base for row in again.rows(features)]).reshape(len(base), len(FLAG_TYPES))
    np.testing.assert_allclose(again.sentence_proba(base), every)
    assert again.proba(rows)[0] > 0.5 > again.proba(rows)[1]
    weights = tmp_path / "flags" / "weights.npz"
    weights.write_bytes(weights.read_bytes() + b"x")
    with pytest.raises(ModelIntegrityError):
        FlagModel.load(tmp_path / "flags")


def test_flag_model_web_page_labels() -> None:
    text, sentences, claims = _cohort()
    spans = [text[s.start:s.end] for s in sentences]
    rows = [{"start": sentences[0].start, "end": sentences[0].end, "sentence": spans[0], "flags": [], "careful": False},
            {"start": sentences[1].start, "end": sentences[1].end, "sentence": spans[1], "flags": ["relative_risk_only"],
             "careful": False},
            {"start": sentences[3].start, "end": sentences[3].end, "sentence": spans[3], "flags": [], "careful": True}]
    article = web_article("0001", "webaudit:1", text, sentences, claims, rows)
    assert article.labels[0, "causal_overstatement"] == (0, "clean")
    assert article.labels[1, "relative_risk_only"] == (1, "positive") and article.labels[1, "cure_language"] == (0, "other")
    assert article.labels[3, "animal_to_human"] == (0, "careful")
    assert not any(index == 2 for index, _ in article.labels)  # not labelled: left out
    proba = {key: 0.9 if key == (1, "relative_risk_only") or key == (0, "causal_overstatement") else 0.1
             for key in article.labels}
    web = score_web([article], [proba], {kind: 0.5 for kind in FLAG_TYPES})
    assert (web["tp"], web["fp"], web["fn"]) == (1, 1, 0) and web["unflagged_sentences_flagged"] == 0.5
    assert web["careful_unflagged"] == "1/1"
    # a cost for flags on clean sentences raises a threshold past a clean sentence scored above the positive
    proba[0, "relative_risk_only"] = 0.95
    assert thresholds_for([article], [proba], cost=1.0)["relative_risk_only"] == 0.9
    assert thresholds_for([article], [proba], cost=1.0, clean_cost=2.0)["relative_risk_only"] == 1.0


def test_flag_model_leave_one_batch_out_and_thresholds() -> None:
    articles, _ = _trained()
    oof = lobo(articles, PARAMS)
    assert all(len(p) == len(a.labels) for a, p in zip(articles, oof))
    thresholds = thresholds_for(articles, oof, cost=1.0)
    assert set(thresholds) == set(FLAG_TYPES)
    article = articles[0]
    flags = [{"type": k, "sentence": article.text[article.sentences[i].start:article.sentences[i].end]}
             for (i, k), p in oof[0].items() if p >= thresholds[k]]
    result = summarize(check(article, flags))
    assert result["flags"]["of"] == 2 and result["careful_unflagged"]["of"] == 1


def test_flag_model_flags_keep_the_contract() -> None:
    _, model = _trained()
    text, sentences, claims = _cohort()
    designs = detect_designs(text)
    _, rules = flag_article(text, sentences, claims, designs)
    model.thresholds = {kind: 0.0 for kind in FLAG_TYPES}  # every sentence and type: the model-only path too
    flags = model_flags(model, text, sentences, claims, designs, rules)
    assert len(flags) == len(sentences) * len(FLAG_TYPES)
    assert [f["id"] for f in flags] == [f"f{n}" for n in range(1, len(flags) + 1)]
    for flag in flags:
        assert flag["severity"] in ("high", "medium", "low") and 0.0 <= flag["score"] <= 1.0
        assert flag["explanation"] and "{" not in flag["explanation"]
        assert text[flag["start"]:flag["end"]] == flag["sentence"]
        for span in flag["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]
    rule = next(f for f in rules if f["type"] == "causal_overstatement")
    kept = next(f for f in flags if f["type"] == "causal_overstatement" and f["start"] == rule["start"])
    assert kept["explanation"] == rule["explanation"] and kept["evidence"] == rule["evidence"]
    assert kept["severity"] == rule["severity"] and kept["claim_ids"] == rule["claim_ids"]
    animal = next(f for f in flags if f["type"] == "animal_to_human" and "prevents" in f["sentence"])
    assert "from animals" in animal["explanation"] and "prevents" in animal["explanation"]
    ruled = {(f["start"], f["type"]) for f in rules}
    assert any("Learned model" in f["explanation"] for f in flags if (f["start"], f["type"]) not in ruled)


def _doc(nlp):  # noqa: ANN001, ANN202 - spaCy objects
    text, sentences, claims = _cohort()
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    for sent, (_, strength) in zip(doc.sents, COHORT):
        sent._.strength = strength
    doc._.claims = claims
    return doc


def test_flag_model_component_without_a_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(flag_component, "model_dir", lambda name: tmp_path / name)
    nlp = spacy.blank("en")
    flagger = nlp.add_pipe("overclaim_flagger")
    assert flagger.model is None
    doc = flagger(_doc(nlp))
    text, sentences, claims = _cohort()
    assert doc._.flags == flag_article(text, sentences, claims)[1]


def test_flag_model_component_with_a_model(tmp_path: Path) -> None:
    _, model = _trained()
    model.thresholds = {kind: 1.01 for kind in FLAG_TYPES}  # nothing reaches: the model decides, not the rules
    model.save(tmp_path / "flags")
    nlp = spacy.blank("en")
    flagger = nlp.add_pipe("overclaim_flagger", config={"model_path": str(tmp_path / "flags")})
    assert flagger.model is not None
    doc = flagger(_doc(nlp))
    assert doc._.flags == [] and doc._.designs
    rules_only = spacy.blank("en").add_pipe("overclaim_flagger", config={"use_model": False})
    assert rules_only.model is None


def test_flag_model_train_command_end_to_end(tmp_path: Path) -> None:
    from pipeline.flags.train import train

    gold_set = tmp_path / "gold"
    (gold_set / "articles").mkdir(parents=True)
    gold, batches = {}, {}
    for n in range(4):
        name = f"a{n}.txt"
        (gold_set / "articles" / name).write_text(" ".join(s for s, _ in COHORT) + "\n", encoding="utf-8")
        gold[name] = {"flags": [{"type": "causal_overstatement", "sentence_with": "So coffee prevents gout"}],
                      "no_flags_on": ["cannot show cause and effect"]}
        batches.setdefault(str(n % 2 + 1), []).append(name)
    (gold_set / "expected.json").write_text(json.dumps(gold), encoding="utf-8")
    (gold_set / "batches.json").write_text(json.dumps(batches), encoding="utf-8")
    space = {"C": (1.0,), "ngram_weight": (0.5,), "ungraded_weight": (0.3,), "other_weight": (1.0,), "careful_weight": (1.0,),
             "shared": (True,), "rule_weight": (0.3,)}
    result = train([gold_set], tmp_path / "model", space, web=None)
    model = FlagModel.load(tmp_path / "model")
    assert set(model.thresholds) == set(FLAG_TYPES) and model.rule_weight == 0.3
    assert result["lobo_all"]["model"]["flags"]["of"] == 4
    card = (tmp_path / "model" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "Leave-one-batch-out" in card and "gold:2" in card


def test_pick_keeps_real_web_false_flags_within_the_limit() -> None:
    loose = {"flags": 0.9, "careful_unflagged": 0.95, "web": {"unflagged_sentences_flagged": WEB_FALSE_LIMIT + 0.01}}
    tight = {"flags": 0.8, "careful_unflagged": 0.95, "web": {"unflagged_sentences_flagged": WEB_FALSE_LIMIT}}
    assert pick([loose, tight]) is tight
    assert pick([{"flags": 0.9, "careful_unflagged": 0.95}, tight])["flags"] == 0.9
