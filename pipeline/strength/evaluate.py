"""Score a claim-strength model on any labelled file, and measure its speed.

Accepted files:

* CSV with columns ``sentence,label`` where ``label`` is 0..3 in the numbering of
  Yu et al. (2019): 0 none, 1 direct causal, 2 conditional causal, 3 correlational;
  label names are accepted too.
* JSONL with ``text`` (or ``sentence``) and ``label`` (a name from :data:`LABELS`).
"""

from __future__ import annotations

import csv
import json
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.strength import LABELS, StrengthModel, load_default

#: Yu et al. (2019) numbering, as in their pubmed_causal_language_use.csv
YU2019_LABELS = {"0": "none", "1": "direct_causal", "2": "conditional_causal", "3": "correlational"}


def _label(value: Any, where: str) -> str:
    text = str(value).strip()
    label = YU2019_LABELS.get(text, text)
    if label not in LABELS:
        raise ValueError(f"{where}: unknown label {value!r}; expected 0-3 or one of {LABELS}")
    return label


def load_labelled(path: Path) -> tuple[list[str], list[str]]:
    """Read sentences and gold labels from a CSV or JSONL file.

    Raises:
        ValueError: unknown file type, missing column or unknown label.
    """
    path = Path(path)
    sentences: list[str] = []
    labels: list[str] = []
    if path.suffix.lower() == ".csv":
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"sentence", "label"} <= set(reader.fieldnames):
                raise ValueError(f"{path}: a CSV needs the columns sentence,label")
            for i, row in enumerate(reader, start=2):
                sentences.append(row["sentence"])
                labels.append(_label(row["label"], f"{path}:{i}"))
    elif path.suffix.lower() in (".jsonl", ".json"):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            text = record.get("text", record.get("sentence"))
            if text is None or "label" not in record:
                raise ValueError(f"{path}:{i}: a JSONL record needs text and label")
            sentences.append(str(text))
            labels.append(_label(record["label"], f"{path}:{i}"))
    else:
        raise ValueError(f"{path}: expected a .csv or .jsonl file")
    return sentences, labels


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Macro-F1, accuracy, per-class precision/recall/F1 and the confusion matrix.

    The confusion matrix has one row per gold label and one column per predicted label,
    both in the order of :data:`LABELS`.
    """
    index = {label: i for i, label in enumerate(LABELS)}
    confusion = [[0] * len(LABELS) for _ in LABELS]
    for g, p in zip(gold, pred):
        confusion[index[g]][index[p]] += 1
    per_class = {}
    for i, label in enumerate(LABELS):
        tp = confusion[i][i]
        predicted = sum(row[i] for row in confusion)
        support = sum(confusion[i])
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    present = [label for label in LABELS if per_class[label]["support"]]
    n = len(gold)
    return {
        "n": n,
        "macro_f1": round(sum(per_class[c]["f1"] for c in present) / max(len(present), 1), 4),
        "accuracy": round(sum(confusion[i][i] for i in range(len(LABELS))) / n, 4) if n else 0.0,
        "per_class": per_class,
        "labels": list(LABELS),
        "confusion": confusion,
    }


def evaluate(path: Path, model: StrengthModel | None = None) -> dict[str, Any]:
    """Score ``model`` (default: the shipped model) on a labelled CSV or JSONL file."""
    sentences, gold = load_labelled(Path(path))
    model = model or load_default()
    result = scores(gold, model.predict(sentences))
    result["path"] = str(path)
    return result


def benchmark(
    sentences: Sequence[str], repeat: int = 5, model: StrengthModel | None = None
) -> dict[str, Any]:
    """Batch inference speed: median sentences per second over ``repeat`` runs."""
    model = model or load_default()
    batch = list(sentences)
    model.predict(batch[:10])
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        model.predict(batch)
        rates.append(len(batch) / (time.perf_counter() - start))
    return {
        "n": len(batch),
        "repeat": repeat,
        "sentences_per_s": round(statistics.median(rates)),
        "min": round(min(rates)),
        "max": round(max(rates)),
    }


def evaluate_cli(path: Path, model_dir: Path | None = None) -> int:
    """Print the scores of ``evaluate`` as JSON (for ``overclaim evaluate strength``)."""
    model = StrengthModel.load(model_dir) if model_dir else None
    print(json.dumps(evaluate(path, model), indent=2))
    return 0


__all__ = ["YU2019_LABELS", "benchmark", "evaluate", "evaluate_cli", "load_labelled", "scores"]
