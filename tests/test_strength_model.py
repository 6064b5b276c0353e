"""The shipped claim-strength model: predictions on hard cases, saving, loading, checksums."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.linear import ModelIntegrityError
from pipeline.strength import DEFAULT_MODEL_DIR, LABELS, StrengthModel, load_default
from pipeline.strength.evaluate import benchmark, evaluate, load_labelled, scores

HARD_CASES = [
    ("Eating nuts is linked to a lower risk of heart disease.", "correlational"),
    ("Green tea may help prevent cancer.", "conditional_causal"),
    ("Green tea helps prevent cancer.", "direct_causal"),
    ("No link was found between coffee and cancer.", "correlational"),
    ("The drug did not reduce mortality.", "direct_causal"),
    ("Could a daily walk keep dementia at bay?", "conditional_causal"),
    ("the condition could be cured as a result of the treatment", "conditional_causal"),
    (
        "If the theory of Dr. Paolo Zamboni is correct, liberation therapy for multiple sclerosis "
        "is a cure for the condition.",
        "conditional_causal",
    ),
    (
        "Patients with MS were found to be at least 3.7 times more likely to suffer from CCSVI.",
        "correlational",
    ),
    ("Researchers recruited 1,200 adults from three clinics in 2019.", "none"),
    ("Smokers with missing follow-up data had the worst prognosis.", "correlational"),
    ("The rs123 T allele is a susceptibility locus for gallstones.", "correlational"),
    ("A significant improvement in mobility was found after hip replacement.", "correlational"),
    ("The new inhaler was well tolerated and efficacious in older adults.", "direct_causal"),
    ("Programmes for reducing salt intake should be applied in schools.", "none"),
    ("The vaccine was safe in children under five.", "none"),
    ("Raising the tobacco tax is expected to reduce smoking among teenagers.", "conditional_causal"),
    ("We hypothesise that poor sleep accelerates memory decline in older adults.", "conditional_causal"),
    ("Candida species accounted for 9% of bloodstream isolates.", "none"),
    ("The enzyme is required for the repair of damaged DNA in yeast.", "direct_causal"),
    ("Air pollution is a leading cause of premature death in large cities.", "direct_causal"),
    ("Lameness was more common in cows housed on concrete floors.", "correlational"),
]

SENTENCES = [case.values[0] if hasattr(case, "values") else case[0] for case in HARD_CASES]


@pytest.fixture(scope="module")
def model() -> StrengthModel:
    return load_default()


@pytest.mark.parametrize(("sentence", "label"), HARD_CASES)
def test_strength_model_hard_cases(model: StrengthModel, sentence: str, label: str) -> None:
    assert model.predict([sentence]) == [label]


def test_strength_model_classes_and_probabilities(model: StrengthModel) -> None:
    assert tuple(model.classes) == LABELS
    proba = model.proba(SENTENCES)
    assert proba.shape == (len(HARD_CASES), len(LABELS))
    assert np.allclose(proba.sum(axis=1), 1.0, atol=1e-5)
    assert model.predict([]) == [] and model.proba([]).shape == (0, len(LABELS))


def test_strength_model_save_load_round_trip(model: StrengthModel, tmp_path: Path) -> None:
    model.save(tmp_path / "m")
    again = StrengthModel.load(tmp_path / "m")
    sentences = SENTENCES
    assert np.array_equal(model.proba(sentences), again.proba(sentences))
    assert {p.name for p in (tmp_path / "m").iterdir()} >= {
        "weights.npz",
        "meta.json",
        "SHA256SUMS",
        "lexicons.json",
    }


@pytest.mark.parametrize("name", ["weights.npz", "meta.json", "lexicons.json"])
def test_strength_model_refuses_tampered_files(
    model: StrengthModel, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "m"
    model.save(folder)
    with open(folder / name, "ab") as handle:
        handle.write(b" ")
    with pytest.raises(ModelIntegrityError):
        StrengthModel.load(folder)


def test_strength_model_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="train strength"):
        StrengthModel.load(tmp_path / "nothing")


def test_strength_model_missing_lexicon_is_refused(model: StrengthModel, tmp_path: Path) -> None:
    folder = tmp_path / "m"
    model.save(folder)
    (folder / "lexicons.json").unlink()
    with pytest.raises(ModelIntegrityError):
        StrengthModel.load(folder)


def test_strength_model_folder_is_small() -> None:
    folder = DEFAULT_MODEL_DIR
    assert sum(p.stat().st_size for p in folder.iterdir()) < 5_000_000


def test_evaluate_reads_yu2019_csv_and_jsonl(model: StrengthModel, tmp_path: Path) -> None:
    csv_path = tmp_path / "gold.csv"
    csv_path.write_text(
        "sentence,label\n"
        "Green tea helps prevent cancer.,1\n"
        "Green tea may help prevent cancer.,2\n"
        "Eating nuts is linked to a lower risk of heart disease.,3\n"
        '"Researchers recruited 1,200 adults from three clinics in 2019.",0\n',
        encoding="utf-8",
    )
    sentences, labels = load_labelled(csv_path)
    assert labels == ["direct_causal", "conditional_causal", "correlational", "none"]
    result = evaluate(csv_path, model)
    assert result["n"] == 4 and result["macro_f1"] == 1.0
    jsonl_path = tmp_path / "gold.jsonl"
    jsonl_path.write_text(
        "".join(json.dumps({"text": s, "label": l}) + "\n" for s, l in zip(sentences, labels)),
        encoding="utf-8",
    )
    assert evaluate(jsonl_path, model)["confusion"] == result["confusion"]


def test_evaluate_rejects_unknown_labels(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("sentence,label\nSomething.,7\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label"):
        load_labelled(path)


def test_scores_per_class_and_confusion() -> None:
    result = scores(["none", "none", "direct_causal"], ["none", "direct_causal", "direct_causal"])
    assert result["confusion"][0] == [1, 0, 0, 1]
    assert result["per_class"]["direct_causal"]["precision"] == 0.5
    assert result["per_class"]["none"]["recall"] == 0.5
    assert result["macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 2, abs=1e-4)


def test_benchmark_reports_rate(model: StrengthModel) -> None:
    result = benchmark(SENTENCES * 20, repeat=2, model=model)
    assert result["n"] == len(SENTENCES) * 20 and result["sentences_per_s"] > 0


def test_copied_model_folder_loads(tmp_path: Path) -> None:
    folder = DEFAULT_MODEL_DIR
    shutil.copytree(folder, tmp_path / "copy")
    assert StrengthModel.load(tmp_path / "copy").classes == list(LABELS)
