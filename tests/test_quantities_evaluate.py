"""The quantity evaluation: corpus, grobid-quantities, Recognizers specs and benchmark.

Small gold files are written to a temporary folder, so these tests never need /work/shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.quantities.evaluate import (
    benchmark,
    evaluate_corpus,
    evaluate_grobid,
    evaluate_recognizers,
    main,
    read_sentences,
    same_value,
)


def gold(text: str, span: str, **fields) -> dict:
    start = text.index(span)
    q = {"text": span, "start": start, "end": start + len(span), "kind": "percent",
         "value": None, "low": None, "high": None, "bound": None, "direction": None,
         "claim": None, "role": None}
    q.update(fields)
    return q


def record(i: int, split: str, text: str, quantities: list[dict]) -> dict:
    return {"id": f"c{i:04d}", "split": split, "genre": "news", "text": text,
            "quantities": quantities, "slots": {}, "hedges": []}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    a = "Smokers were at least 3.7 times more likely to have it."
    b = "Around 73 percent of patients improved, aged 50 to 70."
    c = "Cases fell between 2010 and 2022, a report said."
    records = [
        record(1, "test", a, [gold(a, "at least 3.7 times", kind="ratio", value=3.7,
                                   bound="at_least", direction="increase",
                                   claim="association")]),
        record(2, "test", b, [gold(b, "Around 73 percent", value=73, bound="about",
                                   claim="efficacy"),
                              gold(b, "50 to 70", kind="other", low=50, high=70, role="age")]),
        record(3, "train", c, [gold(c, "2010", kind="other", value=2010, role="year"),
                               gold(c, "2022", kind="other", value=2021, role="year")]),
    ]
    path = tmp_path / "sentences.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_quantities_evaluate_corpus_scores_test_split(corpus: Path) -> None:
    result = evaluate_corpus(corpus, "test")
    assert result["sentences"] == 2 and result["gold"] == 3
    assert result["value"]["f1"] == 1.0
    assert result["span_exact"]["recall"] == 1.0
    assert result["range_exact"] == 1.0 and result["bound_exact"] == 1.0


def test_quantities_evaluate_corpus_counts_value_errors(corpus: Path) -> None:
    result = evaluate_corpus(corpus, "train", errors=5)
    assert result["span_overlap"]["f1"] == 1.0
    assert result["value"]["recall"] == 0.5
    assert result["errors"][0]["gold"]["value"] == 2021


def test_quantities_evaluate_same_value_tolerates_rounding() -> None:
    base = {"value": 0.6667, "low": None, "high": None, "bound": None}
    assert same_value({**base, "value": 2 / 3}, base)
    assert not same_value({**base, "bound": "about"}, base)


GROBID_XML = """<tei xmlns="http://www.tei-c.org/ns/1.0"><text><p>We ran for \
<measure type="value"><num>four</num> <measure type="TIME" unit="day">days</measure></measure> \
at <measure type="interval"><num atLeast="20">20</num> to <num atMost="30">30</num> \
<measure type="LENGTH" unit="km">km</measure></measure> and above \
<measure type="interval"><num atLeast="5">5</num> <measure type="TIME" unit="h">h</measure>\
</measure>; men were <measure type="interval"><num type="base">30</num> &#xB1; \
<num type="range">10</num> <measure type="TIME" unit="year">years</measure></measure> old.</p>\
</text></tei>"""


def test_quantities_evaluate_grobid_reads_values_and_intervals(tmp_path: Path) -> None:
    folder = tmp_path / "resources" / "dataset" / "quantities" / "evaluation"
    folder.mkdir(parents=True)
    (folder / "a.training.tei.xml").write_text(GROBID_XML, encoding="utf-8")
    result = evaluate_grobid(tmp_path)
    assert result["value"] == {"n": 1, "found": 1, "correct": 1}
    assert result["interval"] == {"n": 1, "found": 1, "correct": 1}
    assert result["one_sided"]["n"] == 1 and result["plus_minus"]["n"] == 1
    assert result["value_recall"] >= 0.75


def test_quantities_evaluate_recognizers_compares_resolutions(tmp_path: Path) -> None:
    folder = tmp_path / "Specs" / "Number" / "English"
    folder.mkdir(parents=True)
    specs = {
        "NumberModel.json": [{"Input": "forty-two trillion", "Results": [
            {"Text": "forty-two trillion", "Resolution": {"value": "42000000000000"},
             "Start": 0, "End": 17}]}, {"Input": "the June 5th", "Results": []}],
        "PercentModel.json": [{"Input": "180 percent", "Results": [
            {"Text": "180 percent", "Resolution": {"value": "180%"}, "Start": 0, "End": 10}]}],
        "NumberRangeModel.json": [{"Input": "between 15 and 25", "Results": [
            {"Text": "between 15 and 25", "Resolution": {"value": "[15,25)"}, "Start": 0,
             "End": 16}]}, {"Input": "more than 40", "Results": [
            {"Text": "more than 40", "Resolution": {"value": "(40,)"}, "Start": 0, "End": 11}]}],
    }
    for name, cases in specs.items():
        (folder / name).write_text(json.dumps(cases), encoding="utf-8-sig")
    result = evaluate_recognizers(tmp_path)
    assert result["number"]["accuracy"] == 1.0
    assert result["percent"]["accuracy"] == 1.0
    assert result["range"]["accuracy"] == 1.0
    assert result["number"]["negative_cases"] == 1


def test_quantities_evaluate_benchmark_reports_rate() -> None:
    result = benchmark(["It rose 5%.", "No numbers here."], repeat=3)
    assert result["sentences"] == 2 and result["quantities"] == 1
    assert result["sentences_per_second"] > 0


def test_quantities_evaluate_read_sentences_and_cli(tmp_path: Path, corpus: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "a.txt").write_text("It rose 5%. Then it fell.\nA new line", encoding="utf-8")
    assert read_sentences([tmp_path]) == ["It rose 5%.", "Then it fell.", "A new line"]
    assert main(["corpus", str(corpus), "--split", "test"]) == 0
    assert json.loads(capsys.readouterr().out)["value"]["f1"] == 1.0
