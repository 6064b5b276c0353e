"""Scores and throughput of the quantity grammar.

* :func:`evaluate_corpus` — the annotated claims corpus (``corpora/claims/sentences.jsonl``):
  span precision/recall/F1 (exact and overlap), value F1, kind accuracy, bound and range
  exactness.
* :func:`evaluate_grobid` — the grobid-quantities TEI corpora: values and intervals.
* :func:`evaluate_recognizers` — the Microsoft Recognizers-Text English number, percentage
  and number-range specs.
* :func:`benchmark` — sentences per second.

Run as ``python -m pipeline.quantities.evaluate corpus|grobid|recognizers|benchmark PATH``.
The shared corpora are read in place, never copied.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.quantities import find_quantities
from pipeline.quantities.numbers import parse_number

_TEI = "{http://www.tei-c.org/ns/1.0}"


# --- shared helpers ------------------------------------------------------------------------


def same_number(a: float | None, b: float | None) -> bool:
    """True when both are ``None`` or equal up to rounding (0.6667 matches 2/3, 2021 != 2022)."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(1e-4 * max(abs(a), abs(b)), 5e-5)


def same_value(pred: dict, gold: dict) -> bool:
    """True when ``value``, ``low``, ``high`` and ``bound`` all agree."""
    return (same_number(pred.get("value"), gold.get("value"))
            and same_number(pred.get("low"), gold.get("low"))
            and same_number(pred.get("high"), gold.get("high"))
            and pred.get("bound") == gold.get("bound"))


def overlaps(a: dict, b: dict) -> bool:
    """True when the character spans of ``a`` and ``b`` overlap."""
    return a["start"] < b["end"] and b["start"] < a["end"]


def pair_overlapping(preds: list[dict], golds: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    candidates = sorted(
        ((min(p["end"], g["end"]) - max(p["start"], g["start"]), i, j)
         for i, p in enumerate(preds) for j, g in enumerate(golds) if overlaps(p, g)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((preds[i], golds[j]))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 rounded to 4 decimals."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _ratio(hits: int, total: int) -> float | None:
    """``hits / total`` rounded, or ``None`` when there is nothing to score."""
    return round(hits / total, 4) if total else None


# --- the claims corpus ---------------------------------------------------------------------


def evaluate_corpus(path: Path, split: str = "test", *, errors: int = 0) -> dict[str, Any]:
    """Score :func:`find_quantities` on one split of the annotated claims corpus.

    Args:
        path: ``corpora/claims/sentences.jsonl``.
        split: ``train``, ``test`` or ``all``.
        errors: list up to this many mismatches (text, gold, predicted) in the result.

    Returns:
        ``span_exact`` and ``span_overlap`` (P/R/F1), ``value`` (P/R/F1: a prediction counts
        when it overlaps a gold quantity and value, low, high and bound match),
        ``kind_accuracy``, ``bound_exact``, ``range_exact``, ``direction_accuracy`` and
        ``role_agreement`` (claim candidate vs non-claim) over overlapping pairs, and counts.
    """
    counts: Counter[str] = Counter()
    mismatches: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    for record in records:
        if split != "all" and record["split"] != split:
            continue
        counts["sentences"] += 1
        golds = record["quantities"]
        preds = find_quantities(record["text"])
        counts["gold"] += len(golds)
        counts["pred"] += len(preds)
        exact = {(g["start"], g["end"]) for g in golds}
        counts["exact_tp"] += sum((p["start"], p["end"]) in exact for p in preds)
        pairs = pair_overlapping(preds, golds)
        counts["overlap_tp"] += len(pairs)
        for pred, gold in pairs:
            ok = same_value(pred, gold)
            counts["value_tp"] += ok
            counts["kind_ok"] += pred["kind"] == gold["kind"]
            counts["direction_ok"] += pred["direction"] == gold["direction"]
            counts["role_ok"] += (pred["role"] is None) == (gold["role"] is None)
            if gold["bound"] is not None or pred["bound"] is not None:
                counts["bound_n"] += 1
                counts["bound_ok"] += pred["bound"] == gold["bound"]
            if gold["low"] is not None:
                counts["range_n"] += 1
                counts["range_ok"] += same_number(pred["low"], gold["low"]) and same_number(
                    pred["high"], gold["high"]) and pred["value"] is None
            if not ok and len(mismatches) < errors:
                mismatches.append({"text": record["text"], "gold": _brief(gold),
                                   "pred": _brief(pred)})
        if errors and len(mismatches) < errors:
            paired = {id(p) for p, _ in pairs} | {id(g) for _, g in pairs}
            for item, side in [(g, "missed") for g in golds] + [(p, "spurious") for p in preds]:
                if id(item) not in paired and len(mismatches) < errors:
                    mismatches.append({"text": record["text"], side: _brief(item)})
    n_pairs = counts["overlap_tp"]
    result: dict[str, Any] = {
        "split": split,
        "sentences": counts["sentences"],
        "gold": counts["gold"],
        "predicted": counts["pred"],
        "span_exact": prf(counts["exact_tp"], counts["pred"], counts["gold"]),
        "span_overlap": prf(n_pairs, counts["pred"], counts["gold"]),
        "value": prf(counts["value_tp"], counts["pred"], counts["gold"]),
        "kind_accuracy": _ratio(counts["kind_ok"], n_pairs),
        "direction_accuracy": _ratio(counts["direction_ok"], n_pairs),
        "role_agreement": _ratio(counts["role_ok"], n_pairs),
        "bound_exact": _ratio(counts["bound_ok"], counts["bound_n"]),
        "range_exact": _ratio(counts["range_ok"], counts["range_n"]),
    }
    if errors:
        result["errors"] = mismatches
    return result


def _brief(quantity: dict) -> dict[str, Any]:
    """The fields of a quantity worth showing in an error list."""
    keys = ("text", "kind", "value", "low", "high", "bound", "direction", "role")
    return {k: quantity.get(k) for k in keys if quantity.get(k) is not None}


# --- grobid-quantities ---------------------------------------------------------------------


def evaluate_grobid(path: Path, sets: Iterable[str] = ("evaluation",)) -> dict[str, Any]:
    """Score values and intervals on the grobid-quantities TEI corpora.

    Each ``<measure type="value|interval">`` is a gold quantity; its ``<num>`` children give
    the value, or the interval ends (``atLeast`` / ``atMost``; a one-sided interval is a
    bound). ``±`` intervals (``type="base"``) are scored on their base value; lists are
    skipped. A gold quantity is found when a predicted quantity overlaps its first number,
    and correct when value, low, high and bound all match.

    Args:
        path: the ``grobid-quantities`` folder (with ``resources/dataset/quantities``).
        sets: sub-folders to read: ``evaluation`` (holdout) and/or ``corpus`` (training).

    Returns:
        Per gold type (``value``, ``interval``, ``one_sided``, ``plus_minus``): ``n``,
        ``found`` (overlapping prediction) and ``correct``; overall ``value_recall`` (correct
        over all gold) and ``interval_exact`` (correct over intervals).
    """
    counts: Counter[str] = Counter()
    base = Path(path) / "resources" / "dataset" / "quantities"
    for name in sets:
        for file in sorted((base / name).glob("*.xml")):
            for text, golds in _grobid_paragraphs(file):
                preds = find_quantities(text)
                for gold in golds:
                    kind = gold.pop("type")
                    counts[f"{kind}_n"] += 1
                    hits = [p for p in preds if overlaps(p, gold)]
                    counts[f"{kind}_found"] += bool(hits)
                    counts[f"{kind}_correct"] += any(same_value(_grobid_view(p, kind), gold)
                                                     for p in hits)
    kinds = ("value", "interval", "one_sided", "plus_minus")
    result: dict[str, Any] = {k: {"n": counts[f"{k}_n"], "found": counts[f"{k}_found"],
                                  "correct": counts[f"{k}_correct"]} for k in kinds}
    total = sum(counts[f"{k}_n"] for k in kinds)
    result["value_recall"] = _ratio(sum(counts[f"{k}_correct"] for k in kinds), total)
    result["found_recall"] = _ratio(sum(counts[f"{k}_found"] for k in kinds), total)
    intervals = counts["interval_n"] + counts["one_sided_n"]
    result["interval_exact"] = _ratio(counts["interval_correct"] + counts["one_sided_correct"],
                                      intervals)
    return result


def _grobid_view(pred: dict, kind: str) -> dict:
    """A prediction as grobid would annotate it: no bound on plain values, base of ±."""
    view = plain_view(pred)
    if kind in ("value", "plus_minus"):
        view["bound"] = None
    return view


def plain_view(pred: dict) -> dict:
    """A prediction in the plain-number terms of other corpora.

    A signed difference ("−11%": value 11, decrease) becomes the negative number, and
    ``up_to`` becomes ``at_most``.
    """
    view = dict(pred)
    if view["bound"] == "up_to":
        view["bound"] = "at_most"
    if (view["kind"] == "difference" and "from_value" not in view and view["value"] is not None
            and re.search(r"[-−]\s*[\d.]|(?i:minus|negative)\s", view["text"])):
        view["value"] = -view["value"]
    return view


def _grobid_paragraphs(file: Path) -> Iterable[tuple[str, list[dict]]]:
    """Plain text and gold quantities of every ``<p>`` in one TEI file."""
    root = ET.parse(file).getroot()
    for paragraph in root.iter(f"{_TEI}p"):
        parts: list[str] = []
        golds: list[dict] = []
        _flatten(paragraph, parts, golds, inside=False)
        yield "".join(parts), [g for g in golds if g is not None]


def _flatten(element: ET.Element, parts: list[str], golds: list[dict], *, inside: bool) -> None:
    """Append the text of ``element`` to ``parts`` and its top-level measures to ``golds``."""
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag.replace(_TEI, "")
        start = sum(map(len, parts))
        nums: list[tuple[int, int, ET.Element]] = []
        if tag == "measure" and not inside and child.get("type") in ("value", "interval"):
            _flatten_nums(child, parts, nums)
            golds.append(_grobid_gold(child.get("type"), nums, "".join(parts), start))
        else:
            _flatten(child, parts, golds, inside=inside or tag == "measure")
        if child.tail:
            parts.append(child.tail)


def _flatten_nums(element: ET.Element, parts: list[str], nums: list) -> None:
    """Like :func:`_flatten` for the inside of one measure, recording its ``<num>`` spans."""
    if element.text:
        parts.append(element.text)
    for child in element:
        start = sum(map(len, parts))
        _flatten_nums(child, parts, nums)
        if child.tag.replace(_TEI, "") == "num":
            nums.append((start, sum(map(len, parts)), child))
        if child.tail:
            parts.append(child.tail)


def _grobid_gold(kind: str, nums: list, text: str, start: int) -> dict | None:
    """The gold quantity of one measure, or ``None`` when its numbers do not parse."""
    if not nums:
        return None
    values = []
    for s, e, num in nums:
        value = parse_number(text[s:e].strip())
        if value is None:
            return None
        values.append((s, e, value, num.attrib))
    first_start, first_end = values[0][0], values[0][1]
    gold = {"start": first_start, "end": first_end, "value": None, "low": None, "high": None,
            "bound": None}
    if kind == "value" or len(values) == 1 and not values[0][3]:
        gold.update(type="value", value=values[0][2])
        return gold
    attrs = {key: value for _, _, value, attrib in values for key in attrib if key != "when"}
    if "base" in [a.get("type") for *_, a in values]:
        base = next(v for *_, v, a in values if a.get("type") == "base")
        gold.update(type="plus_minus", value=base)
        return gold
    if "atLeast" in attrs and "atMost" in attrs:
        gold.update(type="interval", low=attrs["atLeast"], high=attrs["atMost"],
                    end=values[-1][1])
    elif "atLeast" in attrs:
        gold.update(type="one_sided", value=attrs["atLeast"], bound="at_least")
    elif "atMost" in attrs:
        gold.update(type="one_sided", value=attrs["atMost"], bound="at_most")
    else:
        return None
    return gold


# --- Recognizers-Text specs ----------------------------------------------------------------

_RANGE = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])$")
_SPEC_FILES = {"number": "NumberModel.json", "percent": "PercentModel.json",
               "range": "NumberRangeModel.json"}


def evaluate_recognizers(path: Path) -> dict[str, Any]:
    """Compare value/low/high/bound with the Recognizers-Text English resolutions.

    Args:
        path: the ``recognizers-text-specs`` folder (with ``Specs/Number/English``).

    Returns:
        Per model (``number``, ``percent``, ``range``): ``n`` gold results, ``found`` (a
        prediction overlaps), ``correct`` (its value/low/high/bound match the resolution),
        ``accuracy`` (correct / n), and ``negative_cases`` / ``spurious`` (predictions on
        inputs where the spec expects none).
    """
    folder = Path(path) / "Specs" / "Number" / "English"
    result: dict[str, Any] = {}
    for model, name in _SPEC_FILES.items():
        with open(folder / name, encoding="utf-8-sig") as handle:
            cases = json.load(handle)
        counts: Counter[str] = Counter()
        for case in cases:
            preds = find_quantities(case["Input"])
            golds = [g for g in (_spec_gold(model, r) for r in case["Results"]) if g]
            if not case["Results"]:
                counts["negative_cases"] += 1
                counts["spurious"] += len(preds)
            for gold in golds:
                counts["n"] += 1
                hits = [p for p in preds if overlaps(p, gold)]
                counts["found"] += bool(hits)
                counts["correct"] += any(same_value(_spec_view(p, model), gold) for p in hits)
        result[model] = {**counts, "accuracy": _ratio(counts["correct"], counts["n"])}
    return result


def _spec_view(pred: dict, model: str) -> dict:
    """A prediction as the spec resolves it (plain numbers carry no bound)."""
    view = plain_view(pred)
    if model != "range":
        view["bound"] = None
    return view


def _spec_gold(model: str, item: dict) -> dict | None:
    """A spec result as a gold quantity, or ``None`` when its resolution is not numeric."""
    resolution = str(item.get("Resolution", {}).get("value", ""))
    gold = {"start": item["Start"], "end": item["End"] + 1, "value": None, "low": None,
            "high": None, "bound": None}
    if model in ("number", "percent"):
        value = _float(resolution.rstrip("%"))
        if value is None:
            return None
        gold["value"] = value
        return gold
    match = _RANGE.match(resolution)
    if not match:
        return None
    _, low, high, _ = match.groups()
    low_v, high_v = _float(low), _float(high)
    if low_v is not None and high_v is not None:
        if low_v == high_v:
            gold["value"] = low_v
        else:
            gold.update(low=low_v, high=high_v)
    elif low_v is not None:
        gold.update(value=low_v, bound="at_least")
    elif high_v is not None:
        gold.update(value=high_v, bound="at_most")
    else:
        return None
    return gold


def _float(text: str) -> float | None:
    """``float(text)`` or ``None``."""
    try:
        return float(text)
    except ValueError:
        return None


# --- throughput ----------------------------------------------------------------------------


def benchmark(sentences: list[str], repeat: int = 5) -> dict[str, Any]:
    """Sentences per second of :func:`find_quantities` on one core (median of ``repeat`` runs).

    Reports wall-clock and CPU-time rates: on a busy machine the CPU-time rate is the fairer
    figure for one core.

    Args:
        sentences: the sentences to process, each once per run.
        repeat: number of timed runs.
    """
    walls, cpus = [], []
    found = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        found = sum(len(find_quantities(s)) for s in sentences)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return {"sentences": len(sentences), "quantities": found, "repeat": repeat,
            "seconds": round(wall, 4),
            "sentences_per_second": round(len(sentences) / wall) if wall else None,
            "cpu_sentences_per_second": round(len(sentences) / cpu) if cpu else None}


def read_sentences(paths: Iterable[Path], limit: int | None = None) -> list[str]:
    """Sentences of plain-text files (split at line breaks and after . ! ? before a space).

    Args:
        paths: text files or folders of ``*.txt`` files.
        limit: keep at most this many sentences.
    """
    sentences: list[str] = []
    for path in paths:
        path = Path(path)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for file in files:
            text = file.read_text(encoding="utf-8", errors="replace")
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
            if limit and len(sentences) >= limit:
                return sentences[:limit]
    return sentences


# --- command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.quantities.evaluate WHAT PATH...``; prints JSON."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.quantities.evaluate")
    parser.add_argument("what", choices=["corpus", "grobid", "recognizers", "benchmark"])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--split", default="test")
    parser.add_argument("--errors", type=int, default=0, help="list this many corpus errors")
    parser.add_argument("--limit", type=int, default=None, help="benchmark: max sentences")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.what == "corpus":
        result = evaluate_corpus(args.paths[0], args.split, errors=args.errors)
    elif args.what == "grobid":
        result = evaluate_grobid(args.paths[0])
    elif args.what == "recognizers":
        result = evaluate_recognizers(args.paths[0])
    else:
        result = benchmark(read_sentences(args.paths, args.limit), args.repeat)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
