"""Train the text-mode block classifier.

Every WCXB article page is rendered to a plain-text dump (:func:`pipeline.clean.render.html_to_text`)
and each of its blocks is labelled body when its words are found in the page's gold main
content; the labelled dumps written for this project (``corpora/boilerplate``) are added.
A logistic regression over hashed block features is fitted on 60% of the WCXB pages (each
also cropped to its body and a few blocks around it, as short pasted dumps are), the
Viterbi smoothing weight and decision threshold are chosen on another 20% by the article
extraction F1, then the model is refitted on those 80% and scored on the held-out 20%.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import platform
import random
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

from pipeline.clean.blocks import block_key, split_blocks
from pipeline.clean.card import write_card
from pipeline.clean.features import doc_features, feature_dicts
from pipeline.clean.metrics import aggregate, page_counts
from pipeline.clean.model import DEFAULT_DIR, BlockModel
from pipeline.clean.render import html_to_text
from pipeline.linear import LinearModel, hash_features

N_FEATURES = 2**18
C = 0.5
SMOOTHING = (0.25, 0.5, 1.0, 1.5)
THRESHOLDS = (-0.5, 0.0, 0.5)
#: labels of the hand-written dumps: line prefix -> body?
PREFIXES = {"+": 1, "-": 0, "t": 0, "a": 0, "d": 0}
#: a rendered page whose blocks cover less of its gold text than this is not used
MIN_COVERAGE = 0.6
GRAM = 3
#: WCXB page types trained on (product, listing and forum pages label menus as content)
PAGE_TYPES = ("article",)
#: cropped variants keep up to this many blocks before and after the body
CROP_MARGIN = 8
#: sample weight of the hand-written dumps relative to a WCXB page
EXTRA_WEIGHT = 3.0


@dataclass
class LabelledDoc:
    """One training document: its blocks, their labels and (for WCXB) the gold text."""

    name: str
    blocks: list[str]
    labels: list[int]
    gold: str | None = None


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + GRAM]) for i in range(len(words) - GRAM + 1)}


def label_blocks(blocks: list[str], gold: str) -> list[int]:
    """1 for blocks whose words belong to ``gold``, 0 for the others.

    A block of three words or more is body when at least half of its word trigrams occur
    in the gold text; a shorter one when it equals a line of the gold text.
    """
    gold_grams = _grams(re.findall(r"\w+", gold.lower()))
    gold_lines = {block_key(line) for line in gold.splitlines()}
    labels = []
    for block in blocks:
        words = re.findall(r"\w+", block.lower())
        if len(words) >= GRAM:
            grams = _grams(words)
            labels.append(int(len(grams & gold_grams) >= 0.5 * len(grams)))
        else:
            labels.append(int(bool(words) and block_key(block) in gold_lines))
    return labels


def _wcxb_doc(paths: tuple[Path, Path]) -> LabelledDoc | None:
    html_path, truth_path = paths
    raw = json.loads(truth_path.read_text(encoding="utf-8"))
    if raw.get("_internal", {}).get("page_type", {}).get("primary") not in PAGE_TYPES:
        return None
    gold = raw["ground_truth"].get("main_content") or ""
    if not gold.strip():
        return None
    with gzip.open(html_path, "rt", encoding="utf-8", errors="replace") as handle:
        blocks = split_blocks(html_to_text(handle.read()))
    labels = label_blocks(blocks, gold)
    kept = "\n".join(b for b, y in zip(blocks, labels) if y)
    tp, _, fn = page_counts(gold, kept)
    if tp + fn == 0 or tp / (tp + fn) < MIN_COVERAGE:
        return None
    return LabelledDoc(html_path.name.split(".")[0], blocks, labels, gold)


def wcxb_docs(wcxb: Path, jobs: int = 2) -> list[LabelledDoc]:
    """Render and label every WCXB page under ``wcxb`` (the corpus root or its ``dev``)."""
    root = wcxb / "dev" if (wcxb / "dev").is_dir() else wcxb
    pairs = [
        (path, root / "ground-truth" / (path.name.split(".")[0] + ".json"))
        for path in sorted((root / "html").glob("*.html.gz"))
    ]
    with ProcessPoolExecutor(jobs) as pool:
        docs = list(pool.map(_wcxb_doc, pairs, chunksize=16))
    return [doc for doc in docs if doc is not None]


def extra_docs(extra: Path) -> list[LabelledDoc]:
    """The hand-labelled dumps under ``extra``: each line starts with a label and a space.

    ``+`` body, ``-`` boilerplate, ``t`` title, ``a`` byline, ``d`` date line.
    """
    docs = []
    for path in sorted(extra.rglob("*.txt")):
        blocks, labels = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            tag, _, block = line.partition(" ")
            if tag not in PREFIXES:
                raise ValueError(f"{path}: line without a label prefix: {line[:60]!r}")
            blocks.append(block.strip())
            labels.append(PREFIXES[tag])
        docs.append(LabelledDoc(str(path.relative_to(extra)), blocks, labels))
    return docs


def unlabel(path: Path) -> str:
    """The raw dump of a hand-labelled file (label prefixes removed)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line.partition(" ")[2] if line.strip() else "" for line in lines)


def cropped(docs: list[LabelledDoc], seed: int = 0) -> list[LabelledDoc]:
    """Short variants of the WCXB documents: the body with a few blocks around it.

    Plain-text dumps pasted by users are often much shorter than a rendered page (a few
    menu lines around the article); these variants teach the model that case.
    """
    rng = random.Random(seed)
    out = []
    for doc in docs:
        body = [i for i, y in enumerate(doc.labels) if y]
        if not body:
            continue
        lo = max(0, body[0] - rng.randint(0, CROP_MARGIN))
        hi = min(len(doc.blocks), body[-1] + 1 + rng.randint(0, CROP_MARGIN))
        out.append(LabelledDoc(doc.name + "-crop", doc.blocks[lo:hi], doc.labels[lo:hi], doc.gold))
    return out


def _matrix(docs: list[LabelledDoc]) -> tuple[object, np.ndarray, np.ndarray]:
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    weights: list[float] = []
    for doc in docs:
        rows.extend(feature_dicts(doc_features(doc.blocks)))
        labels.extend(doc.labels)
        weights.extend([1.0 if doc.gold is not None else EXTRA_WEIGHT] * len(doc.blocks))
    return hash_features(rows, N_FEATURES), np.array(labels), np.array(weights)


def _transitions(docs: list[LabelledDoc]) -> np.ndarray:
    counts = np.ones((2, 2))
    for doc in docs:
        for a, b in zip(doc.labels, doc.labels[1:]):
            counts[a, b] += 1
    return np.log(counts / counts.sum(axis=1, keepdims=True))


def fit(docs: list[LabelledDoc], smoothing: float = 1.0, threshold: float = 0.0) -> BlockModel:
    """Fit the block classifier and its transition matrix on ``docs``."""
    X, y, weights = _matrix(docs)
    clf = LogisticRegression(C=C, max_iter=2000, solver="liblinear")
    clf.fit(X, np.where(y == 1, "body", "boilerplate"), sample_weight=weights)
    meta = {
        "transitions": _transitions(docs).tolist(),
        "prior": float(y.mean()),
        "smoothing": smoothing,
        "threshold": threshold,
    }
    return BlockModel(LinearModel.from_sklearn(clf, meta))


def page_scores(model: BlockModel, docs: list[LabelledDoc]) -> dict[str, float]:
    """Article-extraction precision/recall/F1 of the model's cleaned text on ``docs``."""
    from pipeline.clean.text import decide

    counts = []
    for doc in docs:
        decision = decide("\n".join(doc.blocks), model=model)
        kept = "\n".join(b for b, k in zip(decision.blocks, decision.keep) if k)
        counts.append(page_counts(doc.gold, kept))
    return aggregate(counts)


def _tune(model: BlockModel, docs: list[LabelledDoc]) -> tuple[float, float, dict]:
    best = (-1.0, 1.0, 0.0, {})
    for smoothing in SMOOTHING:
        for threshold in THRESHOLDS:
            model.smoothing, model.threshold = smoothing, threshold
            scores = page_scores(model, docs)
            if scores["f1"] > best[0]:
                best = (scores["f1"], smoothing, threshold, scores)
    return best[1], best[2], best[3]


def _split(name: str) -> str:
    bucket = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 5
    return "test" if bucket == 0 else "tune" if bucket == 1 else "train"


def _digest(paths: Iterator[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def train(wcxb: Path, out: Path = DEFAULT_DIR, *, extra: Path | None = None) -> dict:
    """Train the block model and write it (weights, meta, checksums, model card) to ``out``.

    Args:
        wcxb: the WCXB corpus (folder with ``dev/html`` and ``dev/ground-truth``).
        out: the model folder (``models/boilerplate`` of the repository by default).
        extra: a folder of hand-labelled dumps (``corpora/boilerplate`` by default).

    Returns:
        The metrics: block accuracy and article F1 on the held-out WCXB pages.
    """
    extra = extra or Path(__file__).resolve().parents[2] / "corpora" / "boilerplate"
    docs = wcxb_docs(wcxb)
    own = extra_docs(extra) if extra.is_dir() else []
    parts = {name: [d for d in docs if _split(d.name) == name] for name in ("train", "tune", "test")}
    model = fit(parts["train"] + cropped(parts["train"]) + own)
    smoothing, threshold, tune_scores = _tune(model, parts["tune"])
    fitted = parts["train"] + parts["tune"]
    final = fit(fitted + cropped(fitted) + own, smoothing, threshold)
    metrics = {
        "wcxb_tune": tune_scores,
        "wcxb_test": page_scores(final, parts["test"]),
        "pages": {name: len(part) for name, part in parts.items()},
        "extra_docs": len(own),
    }
    root = wcxb / "dev" if (wcxb / "dev").is_dir() else wcxb
    final.linear.meta.update(
        {
            "task": "boilerplate block classification (body vs boilerplate) for plain-text dumps",
            "features": "pipeline.clean.features (dense shape/context features + hashed words)",
            "n_features_hashed": N_FEATURES,
            "C": C,
            "page_types": list(PAGE_TYPES),
            "extra_weight": EXTRA_WEIGHT,
            "data": {
                "wcxb_dev_sha256": _digest((root / "ground-truth").glob("*.json")),
                "extra_sha256": _digest(extra.rglob("*.txt")) if own else None,
                "pages": metrics["pages"],
                "extra_docs": len(own),
            },
            "metrics": metrics,
            "versions": {
                "python": platform.python_version(),
                "scikit-learn": sklearn.__version__,
                "numpy": np.__version__,
            },
        }
    )
    final.linear.save(out)
    write_card(out, final.linear.meta)
    return metrics
