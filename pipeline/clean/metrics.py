"""The article-extraction-benchmark (AEB) score: 4-word shingles of ``\\w+`` tokens.

For each page, the predicted and the gold text are turned into multisets of shingles
(case kept, as the benchmark does); true positives, false positives and false negatives are
counted and normalised to sum to one, so long pages weigh no more than short ones.
Precision is the mean over pages that predicted something or expected nothing, recall the
mean over pages with gold text, and F1 the harmonic mean of the two means.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence

TOKEN = re.compile(r"\w+")
SHINGLE = 4

Counts = tuple[float, float, float]


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of the ``n``-token shingles of ``text`` (one shingle if it is shorter)."""
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_counts(gold: str | None, pred: str | None) -> Counts:
    """Normalised (tp, fp, fn) shingle counts of one page."""
    want, got = shingles(gold), shingles(pred)
    tp = float(sum((want & got).values()))
    fp = float(sum((got - want).values()))
    fn = float(sum((want - got).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def aggregate(pages: Sequence[Counts]) -> dict[str, float]:
    """Macro precision, recall and F1 over pages, as the benchmark computes them."""
    precisions = [_precision(*c) for c in pages if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in pages if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(pages)}
