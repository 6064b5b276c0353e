"""Reading the annotated claims corpus and lining up found quantities with gold ones."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from pipeline.claims.context import article_contexts
from pipeline.claims.model import NONE

#: gold-only fields that must never reach the classifier as features
GOLD_ONLY = ("claim", "role")


def read_corpus(path: Path, split: str | None = None) -> list[dict]:
    """Records of ``sentences.jsonl``, optionally only one split."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if split is None or record["split"] == split:
                    records.append(record)
    return records


def corpus_sha256(path: Path) -> str:
    """Hex sha256 of the corpus file, recorded in the model's metadata."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def gold_label(quantity: dict) -> str:
    """The classifier label of a gold quantity: its claim type, or ``"none"``."""
    return quantity.get("claim") or NONE


def strip_gold(quantity: dict) -> dict:
    """A gold quantity as the grammar would give it (no claim label, no gold role)."""
    return {k: v for k, v in quantity.items() if k not in GOLD_ONLY}


def align(found: list[dict], gold: list[dict]) -> list[int | None]:
    """For each found quantity, the index of the gold quantity it overlaps most (or ``None``)."""
    links: list[int | None] = []
    for q in found:
        best, best_overlap = None, 0
        for j, g in enumerate(gold):
            overlap = min(q["end"], g["end"]) - max(q["start"], g["start"])
            if overlap > best_overlap:
                best, best_overlap = j, overlap
        links.append(best)
    return links


def quantity_finder() -> Callable[[str], list[dict]] | None:
    """:func:`pipeline.quantities.find_quantities`, or ``None`` when the grammar is unavailable."""
    try:
        from pipeline.quantities import find_quantities
    except ImportError:
        return None
    return find_quantities


def labelled_quantities(record: dict, finder: Callable[[str], list[dict]] | None) -> list[tuple[dict, str]]:
    """Training pairs ``(quantity, label)`` for one corpus sentence.

    With a quantity grammar, its quantities are labelled by the gold quantity they overlap
    (``"none"`` when they overlap none), so the classifier learns from what it will see at
    run time; gold quantities the grammar misses are added too. Without a grammar the gold
    quantities are used, stripped of their labels.
    """
    gold = record["quantities"]
    if finder is None:
        return [(strip_gold(g), gold_label(g)) for g in gold]
    found = finder(record["text"])
    links = align(found, gold)
    pairs = [(q, gold_label(gold[j]) if j is not None else NONE) for q, j in zip(found, links)]
    covered = {j for j in links if j is not None}
    pairs += [(strip_gold(g), gold_label(g)) for j, g in enumerate(gold) if j not in covered]
    return pairs


def record_contexts(records: list[dict]) -> list[dict[str, float] | None]:
    """The article design context of each record, ``None`` for a sentence without a ``doc``.

    The sentences sharing a ``doc`` id are joined with single spaces, in corpus order, into
    their article, and :func:`~pipeline.claims.context.article_contexts` describes each of
    them, as the spaCy component does for a real article.
    """
    groups: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        if record.get("doc"):
            groups.setdefault(record["doc"], []).append(i)
    contexts: list[dict[str, float] | None] = [None] * len(records)
    for members in groups.values():
        spans, offset = [], 0
        for i in members:
            spans.append((offset, offset + len(records[i]["text"])))
            offset += len(records[i]["text"]) + 1
        text = " ".join(records[i]["text"] for i in members)
        for i, context in zip(members, article_contexts(text, spans)):
            contexts[i] = context
    return contexts
