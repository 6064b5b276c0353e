"""Evaluate claim detection, typing, slots and hedges on the annotated corpus, and time them.

Evaluation runs end to end from the sentence text: the quantity grammar finds the numbers,
:func:`pipeline.claims.detect_claims` keeps the claims; gold quantities are used only to
line predictions up with the annotation (a prediction counts for the gold quantity its span
overlaps most).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from pathlib import Path

from pipeline.claims import ClaimModel, detect_claims, load_default
from pipeline.claims.corpus import align, gold_label, quantity_finder, read_corpus, record_contexts, strip_gold
from pipeline.claims.model import CLAIM_TYPES, NONE
from pipeline.claims.slots import SLOT_NAMES


def _ratio(num: float, den: float) -> float:
    return round(num / den, 4) if den else 0.0


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def _span(sentence: str, text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    start = sentence.find(text)
    return (start, start + len(text)) if start >= 0 else None


def _tokens(text: str) -> set[str]:
    return {t.strip(".,;:'\"()").lower() for t in text.split()} - {""}


def evaluate(corpus: Path, split: str = "test", model: ClaimModel | None = None, *,
             gold_quantities: bool = False, with_errors: bool = False) -> dict:
    """Score detection, typing, slots and hedges on one split of the corpus.

    Args:
        corpus: ``sentences.jsonl``.
        split: ``"test"`` or ``"train"``.
        model: the claim model; the shipped one by default.
        gold_quantities: feed the gold quantity spans (labels stripped) instead of running the
            quantity grammar, to separate claim errors from grammar errors. Also used when
            the grammar is not available.
        with_errors: add ``errors``, every misclassified quantity, for review.

    Returns:
        ``detection`` (claim recall, share of non-claim numbers reported as claims, precision),
        ``typing`` (accuracy on detected claims, per-type F1, confusion counts), ``slots``
        (exact and overlap F1 per slot), ``hedges`` (F1), and the counts behind them.
    """
    model = model or load_default()
    finder = None if gold_quantities else quantity_finder()
    records = read_corpus(Path(corpus), split)
    gold_claims = detected = typed_right = 0
    gold_non = non_as_claim = predicted = predicted_right = spurious = 0
    per_type = {t: Counter() for t in CLAIM_TYPES}
    confusion: Counter = Counter()
    slot_counts = {s: Counter() for s in SLOT_NAMES}
    hedge = Counter()
    errors = []
    for record, context in zip(records, record_contexts(records)):
        text, gold = record["text"], record["quantities"]
        found = finder(text) if finder else [strip_gold(g) for g in gold]
        claims = detect_claims(text, found, model=model, context=context)
        links = align([c["quantity"] for c in claims], gold)
        best_for_gold: dict[int, dict] = {}
        for claim, j in zip(claims, links):
            predicted += 1
            if j is None:
                spurious += 1
                per_type[claim["type"]]["fp"] += 1
                errors.append({"id": record["id"], "quantity": claim["quantity"]["text"], "gold": None, "predicted": claim["type"]})
                continue
            best_for_gold.setdefault(j, claim)
        for j, g in enumerate(gold):
            label = gold_label(g)
            claim = best_for_gold.get(j)
            if label == NONE:
                gold_non += 1
                if claim is not None:
                    non_as_claim += 1
                    per_type[claim["type"]]["fp"] += 1
                    errors.append({"id": record["id"], "quantity": g["text"], "gold": g.get("role"), "predicted": claim["type"]})
                continue
            gold_claims += 1
            if claim is None:
                per_type[label]["fn"] += 1
                confusion[(label, NONE)] += 1
                errors.append({"id": record["id"], "quantity": g["text"], "gold": label, "predicted": NONE})
                continue
            detected += 1
            predicted_right += 1
            confusion[(label, claim["type"])] += 1
            if claim["type"] == label:
                typed_right += 1
                per_type[label]["tp"] += 1
            else:
                per_type[label]["fn"] += 1
                per_type[claim["type"]]["fp"] += 1
                errors.append({"id": record["id"], "quantity": g["text"], "gold": label, "predicted": claim["type"]})
        if any(gold_label(g) != NONE for g in gold):
            main = best_for_gold[min(best_for_gold)] if best_for_gold else (claims[0] if claims else None)
            _score_slots(text, record["slots"], main, slot_counts)
        gold_hedges = Counter(h.lower() for h in record["hedges"])
        pred_hedges = Counter({h.lower(): 1 for c in claims for h in c["hedges"]})
        hedge["tp"] += sum((gold_hedges & pred_hedges).values())
        hedge["fp"] += sum((pred_hedges - gold_hedges).values())
        hedge["fn"] += sum((gold_hedges - pred_hedges).values())
    result = {
        "split": split,
        "sentences": len(records),
        "quantities": "gold" if finder is None else "grammar",
        "detection": {
            "gold_claims": gold_claims,
            "claim_recall": _ratio(detected, gold_claims),
            "gold_non_claims": gold_non,
            "nonclaim_as_claim": _ratio(non_as_claim, gold_non),
            "predicted_claims": predicted,
            "precision": _ratio(predicted_right, predicted),
            "spurious": spurious,
        },
        "typing": {
            "accuracy": _ratio(typed_right, detected),
            "f1": {t: _f1(c["tp"], c["fp"], c["fn"])["f1"] for t, c in per_type.items()},
            "per_type": {t: _f1(c["tp"], c["fp"], c["fn"]) for t, c in per_type.items()},
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        },
        "slots": {s: _slot_scores(c) for s, c in slot_counts.items()},
        "hedges": _f1(hedge["tp"], hedge["fp"], hedge["fn"]),
    }
    if with_errors:
        result["errors"] = errors
    return result


def _score_slots(sentence: str, gold: dict, claim: dict | None, counts: dict[str, Counter]) -> None:
    """Count exact and overlapping slot matches for one sentence."""
    for slot in SLOT_NAMES:
        g, p = gold.get(slot), (claim or {}).get(slot)
        c = counts[slot]
        if g and p:
            exact = g.strip().lower() == p.strip().lower()
            gs, ps = _span(sentence, g), _span(sentence, p)
            overlap = bool(gs and ps and gs[0] < ps[1] and ps[0] < gs[1])
            c["exact_tp"] += exact
            c["exact_fp"] += not exact
            c["exact_fn"] += not exact
            c["overlap_tp"] += overlap
            c["overlap_fp"] += not overlap
            c["overlap_fn"] += not overlap
            gt, pt = _tokens(g), _tokens(p)
            c["tok_tp"] += len(gt & pt)
            c["tok_fp"] += len(pt - gt)
            c["tok_fn"] += len(gt - pt)
        elif g:
            for kind in ("exact", "overlap"):
                c[kind + "_fn"] += 1
            c["tok_fn"] += len(_tokens(g))
        elif p:
            for kind in ("exact", "overlap"):
                c[kind + "_fp"] += 1
            c["tok_fp"] += len(_tokens(p))


def _slot_scores(c: Counter) -> dict[str, float]:
    return {
        "exact_f1": _f1(c["exact_tp"], c["exact_fp"], c["exact_fn"])["f1"],
        "overlap_f1": _f1(c["overlap_tp"], c["overlap_fp"], c["overlap_fn"])["f1"],
        "token_f1": _f1(c["tok_tp"], c["tok_fp"], c["tok_fn"])["f1"],
        "gold": c["exact_tp"] + c["exact_fn"],
    }


def benchmark(sentences: list[str], repeat: int = 5, model: ClaimModel | None = None) -> dict:
    """Throughput of the quantity grammar plus claim detection, one core.

    Args:
        sentences: the sentences to process (each run processes them all).
        repeat: number of timed runs; the median is reported.
        model: the claim model; the shipped one by default.

    Returns:
        ``sentences``, ``repeat``, median ``sentences_per_s`` and ``seconds`` per run, and
        the number of claims found per run.
    """
    from pipeline.quantities import find_quantities

    model = model or load_default()
    for sentence in sentences[:50]:
        detect_claims(sentence, find_quantities(sentence), model=model)
    times, claims = [], 0
    for _ in range(repeat):
        claims = 0
        started = time.perf_counter()
        for sentence in sentences:
            claims += len(detect_claims(sentence, find_quantities(sentence), model=model))
        times.append(time.perf_counter() - started)
    seconds = statistics.median(times)
    return {
        "sentences": len(sentences),
        "repeat": repeat,
        "seconds": round(seconds, 4),
        "sentences_per_s": round(len(sentences) / seconds, 1) if seconds else 0.0,
        "claims": claims,
    }
