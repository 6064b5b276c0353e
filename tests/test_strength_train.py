"""Training helpers of the claim-strength classifier: joining the certainty and evidence labels,
sample weights and the class offsets of the fitted model."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from pipeline.strength import train as strength_train
from pipeline.strength.train import (
    CERTAINTY_FILES,
    EVIDENCE_FILE,
    EVIDENCE_TEST_ARTICLES,
    Example,
    certainty_examples,
    evidence_examples,
    fit_compact,
)

FINDINGS = {
    "sentence": [
        (0, "Coffee drinkers were less likely to develop gout.", "train"),
        (1, "Daily walking may improve  sleep quality.", "test"),
        (2, "The samples were stored at -80 degrees.", "val"),
    ],
    "aspect": [(7, "Vitamin D did not prevent falls.", "ext")],
}


def _sha(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


@pytest.fixture()
def certainty_dir(tmp_path: Path) -> Path:
    for name, rows in FINDINGS.items():
        path = tmp_path / CERTAINTY_FILES[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "".join(json.dumps({"id": i, "finding": t, "split": s}) + "\n" for i, t, s in rows),
            encoding="utf-8",
        )
    return tmp_path


def _labels(tmp_path: Path, rows: list[tuple], header: str = "file\tid", name: str = "labels.tsv") -> Path:
    """A labels TSV: two key columns, then label, an empty case and the checksum."""
    path = tmp_path / name
    lines = ["# comment", f"{header}\tlabel\tcase\tsha1"]
    lines += [f"{a}\t{b}\t{label}\t\t{sha}" for a, b, label, sha in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_certainty_examples_join_labels_and_map_splits(certainty_dir: Path, tmp_path: Path) -> None:
    (_, coffee, _), (_, walking, _), (_, stored, _) = FINDINGS["sentence"]
    vitamin = FINDINGS["aspect"][0][1]
    labels = _labels(
        tmp_path,
        [
            ("sentence", 0, "correlational", _sha(coffee)),
            ("sentence", 1, "conditional_causal", _sha(walking)),
            ("sentence", 2, "skip", _sha(stored)),
            ("aspect", 7, "direct_causal", _sha(vitamin)),
        ],
    )
    examples = certainty_examples(certainty_dir, labels)
    assert [(e.label, e.split) for e in examples] == [
        ("correlational", "train"),
        ("conditional_causal", "test"),
        ("direct_causal", "test"),
    ]
    assert examples[1].text == "Daily walking may improve sleep quality."
    assert {e.source for e in examples} == {"certainty-pei2021"}


def test_certainty_examples_refuse_changed_text(certainty_dir: Path, tmp_path: Path) -> None:
    labels = _labels(tmp_path, [("sentence", 0, "correlational", "0000000000")])
    with pytest.raises(ValueError, match="does not match"):
        certainty_examples(certainty_dir, labels)


EVIDENCE_ROWS = [
    # (PromptID, PMCID, evidence span)
    ("11", "100", "Pain scores were  lower in the massage group (P = 0.02)."),
    ("12", "200", "Zinc shortened the duration of diarrhoea [95% CI 0.5-0.9]."),
    ("13", "100", "Table 2"),
]


@pytest.fixture()
def evidence_dir(tmp_path: Path) -> Path:
    root = tmp_path / "evidence"
    (root / EVIDENCE_FILE).parent.mkdir(parents=True)
    lines = ["UserID,PromptID,PMCID,Annotations"]
    lines += [f'0,{prompt},{pmcid},"{text}"' for prompt, pmcid, text in EVIDENCE_ROWS]
    (root / EVIDENCE_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    for relative in EVIDENCE_TEST_ARTICLES:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("200\n", encoding="utf-8")
    return root


def _evidence_labels(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    return _labels(tmp_path, rows, header="pmcid\tprompt", name="evidence.tsv")


def test_evidence_examples_join_strip_statistics_and_split(
    evidence_dir: Path, tmp_path: Path
) -> None:
    (p1, a1, t1), (p2, a2, t2), (p3, a3, t3) = EVIDENCE_ROWS
    labels = _evidence_labels(
        tmp_path,
        [
            (a1, p1, "correlational", _sha(t1)),
            (a2, p2, "direct_causal", _sha(t2)),
            (a3, p3, "skip", _sha(t3)),
        ],
    )
    examples = evidence_examples(evidence_dir, labels)
    assert [(e.text, e.label, e.split) for e in examples] == [
        ("Pain scores were lower in the massage group.", "correlational", "train"),
        ("Zinc shortened the duration of diarrhoea.", "direct_causal", "test"),
    ]
    assert {e.genre for e in examples} == {"evidence"}


def test_evidence_examples_refuse_unknown_sentence(evidence_dir: Path, tmp_path: Path) -> None:
    labels = _evidence_labels(tmp_path, [("100", "11", "correlational", "0000000000")])
    with pytest.raises(ValueError, match="not in the evidence corpus"):
        evidence_examples(evidence_dir, labels)


def test_fit_compact_adds_class_offsets_to_intercepts(monkeypatch: pytest.MonkeyPatch) -> None:
    X = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]] * 3))
    y = np.array(["none", "correlational", "conditional_causal", "direct_causal"] * 3)
    monkeypatch.setattr(strength_train, "CLASS_OFFSETS", {})
    plain = fit_compact(X, y, 1.0)
    monkeypatch.setattr(strength_train, "CLASS_OFFSETS", {"conditional_causal": -0.5})
    shifted = fit_compact(X, y, 1.0)
    delta = dict(zip(shifted.classes_, shifted.intercept_ - plain.intercept_))
    assert delta["conditional_causal"] == pytest.approx(-0.5)
    assert delta["none"] == pytest.approx(0.0)
    assert np.allclose(shifted.coef_, plain.coef_)


def test_certainty_findings_weigh_more_than_written_sentences() -> None:
    examples = [
        Example("a", "none", "train", "abstract", "news_blog.jsonl"),
        Example("b", "none", "train", "certainty", "certainty-pei2021"),
    ]
    weights = strength_train._weights(examples)
    assert weights[1] > weights[0] == 1.0
