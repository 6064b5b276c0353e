"""Training helpers of the claim-strength classifier: joining the certainty corpus labels."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.strength.train import CERTAINTY_FILES, certainty_examples

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


def _labels(tmp_path: Path, rows: list[tuple[str, int, str, str]]) -> Path:
    path = tmp_path / "labels.tsv"
    lines = ["# comment", "file\tid\tlabel\tcase\tsha1"]
    lines += [f"{f}\t{i}\t{label}\t\t{sha}" for f, i, label, sha in rows]
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
