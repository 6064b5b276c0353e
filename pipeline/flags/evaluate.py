"""Article-level evaluation of the flags: expert verdicts on press releases, and our own
hand-written expectations for the sample articles."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

from pipeline import language
from pipeline.flags.article import EVIDENCE_FLAGS
from pipeline.flags.webaudit import load_web_labels, page_split, sentence_hash
from pipeline.run import run_batch

EVIDENCE_QUESTION = "grasp the quality of the evidence"


def evaluate_releases(path: Path, *, threshold: float = 0.375, limit: int | None = None) -> dict:
    """Agreement with HealthNewsReview's "Does the news release seem to grasp the quality of the
    evidence?" on the FakeHealth releases (positive class: Not Satisfactory).

    Each release's title and body (``text/<news_id>.txt``) goes through the nlp pipeline (the
    text is already extracted, so no boilerplate removal); the article is predicted
    not-satisfactory when its assessment score (see ``pipeline/flags/article.py``) reaches
    ``threshold``. The AUCs of the score's two parts are reported too.
    """
    nlp = language.default()
    gold, scores, parts, counts = [], [], [], {name: 0 for name in EVIDENCE_FLAGS}
    lines = (path / "healthrelease_reviews" / "healthrelease_reviews_expert.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[:limit]:
        review = json.loads(line)
        verdict = next((c["answer"] for c in review["criteria"] if EVIDENCE_QUESTION in c["question"]), None)
        text_file = path / "text" / f"{review['news_id']}.txt"
        if verdict is None or not text_file.is_file():
            continue
        doc = nlp(text_file.read_text(encoding="utf-8"))
        for flag in doc._.flags:
            if flag["type"] in counts:
                counts[flag["type"]] += 1
        gold.append(verdict == "Not Satisfactory")
        scores.append(doc._.assessment["score"])
        parts.append((1.0 - doc._.assessment["reporting"], doc._.assessment["overstatement"]))
    y, s = np.array(gold), np.array(scores)
    two_classes = len(set(gold)) == 2
    pred = s >= threshold
    return {
        "releases": int(len(y)), "positive_share": round(float(y.mean()), 3), "threshold": threshold,
        "precision": round(float(precision_score(y, pred, zero_division=0)), 3),
        "recall": round(float(recall_score(y, pred, zero_division=0)), 3),
        "f1": round(float(f1_score(y, pred, zero_division=0)), 3),
        "roc_auc": round(float(roc_auc_score(y, s)), 3) if two_classes else None,
        "roc_auc_reporting_only": round(float(roc_auc_score(y, [p[0] for p in parts])), 3) if two_classes else None,
        "roc_auc_flags_only": round(float(roc_auc_score(y, [p[1] for p in parts])), 3) if two_classes else None,
        "baseline_all_positive_f1": round(float(f1_score(y, np.ones_like(y), zero_division=0)), 3),
        "flagged_share": round(float(pred.mean()), 3),
        "flags": counts,
    }


def evaluate_samples(folder: Path, gold_path: Path, batch: str | None = None) -> dict:
    """Check the sample articles against hand-written expectations (body, claims, flags).

    Args:
        folder: the articles.
        gold_path: their ``expected.json``.
        batch: score only this batch of the ``batches.json`` beside ``gold_path`` (one author's
            articles), run as a folder of its own, as it was scored when it was unseen.
    """
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    inputs = [folder]
    if batch is not None:
        batches = json.loads((gold_path.parent / "batches.json").read_text(encoding="utf-8"))
        if batch not in batches:
            raise ValueError(f"no batch {batch!r} in {gold_path.parent / 'batches.json'}: {', '.join(batches)}")
        gold = {name: gold[name] for name in batches[batch]}
        inputs = [folder / name for name in gold]
    records = {}
    errors = []
    for outcome in run_batch(inputs, flag=True):
        for record in outcome.records:
            records[_key(record["source"], folder)] = record
        errors += outcome.errors
    totals = {k: [0, 0] for k in CHECKS}
    misses: dict[str, list] = {}
    for name, expect in gold.items():
        record = records.get(name)
        if record is None:
            misses.setdefault(name, []).append("no record")
            continue
        for kind, ok, what in _checks(record, expect):
            totals[kind][0] += ok
            totals[kind][1] += 1
            if not ok:
                misses.setdefault(name, []).append(f"{kind}: {what}")
    summary = {k: {"ok": v[0], "of": v[1], "rate": round(v[0] / v[1], 3) if v[1] else None} for k, v in totals.items()}
    return {"files": len(gold), "errors": errors, "summary": summary, "misses": misses}


#: what ``evaluate_samples`` counts; ``claim_values``, ``claim_ranges`` and ``claim_bounds``
#: grade each found claim whose gold gives a value, a low/high pair or a bound (or whose
#: extracted quantity has a bound the gold does not)
CHECKS = ("body_with", "body_without", "claims", "claim_types", "claim_values", "claim_ranges",
          "claim_bounds", "not_claims", "flags", "no_flags_on")


def _key(source: str, folder: Path) -> str:
    path, _, line = source.partition("#")
    name = Path(path).relative_to(folder).as_posix() if Path(path).is_relative_to(folder) else Path(path).name
    return f"{name}#{line}" if line else name


def _checks(record: dict, expect: dict):  # noqa: ANN202 - generator of (kind, ok, what)
    text = record["text"]
    for snippet in expect.get("body_with", []):
        yield "body_with", snippet in text, snippet
    for snippet in expect.get("body_without", []):
        yield "body_without", snippet not in text, snippet
    claims = record["claims"]
    for claim in expect.get("claims", []):
        span = _gold_span(claim["quantity"], text)
        found = [c for c in claims if _overlaps(c["quantity"], claim["quantity"], span)]
        yield "claims", bool(found), claim["quantity"]
        if found:
            yield "claim_types", found[0]["type"] == claim["type"], f"{claim['quantity']} -> {found[0]['type']} (want {claim['type']})"
            yield from _meaning_checks(found[0]["quantity"], claim)
    for snippet in expect.get("not_claims", []):
        span = _gold_span(snippet, text)
        yield "not_claims", not any(_overlaps(c["quantity"], snippet, span) for c in claims), snippet
    flags = record.get("flags", [])
    for flag in expect.get("flags", []):
        ok = any(f["type"] == flag["type"] and flag["sentence_with"] in f["sentence"] for f in flags)
        yield "flags", ok, f"{flag['type']}: {flag['sentence_with']}"
    for snippet in expect.get("no_flags_on", []):
        hit = [f["type"] for f in flags if snippet in f["sentence"]]
        yield "no_flags_on", not hit, f"{snippet} ({', '.join(hit)})"


def _meaning_checks(quantity: dict, claim: dict):  # noqa: ANN202 - generator of (kind, ok, what)
    """Value, range and bound of an extracted quantity against its gold claim."""
    got = {k: quantity.get(k) for k in ("value", "low", "high", "bound")}
    want = {k: claim.get(k) for k in ("value", "low", "high", "bound")}
    shown = f"{claim['quantity']} -> {got} (want {want})"
    if want["value"] is not None:
        yield "claim_values", _same_number(got["value"], want["value"]), shown
    if want["low"] is not None or want["high"] is not None:
        ok = _same_number(got["low"], want["low"]) and _same_number(got["high"], want["high"])
        yield "claim_ranges", ok, shown
    if want["bound"] is not None or got["bound"] is not None:
        yield "claim_bounds", got["bound"] == want["bound"], shown


def _same_number(got: float | None, want: float | None) -> bool:
    """Equal after rounding to three places ("one in six" is 0.167 in the gold)."""
    if got is None or want is None:
        return got is None and want is None
    return abs(float(got) - float(want)) <= 0.0005 + 1e-9 * abs(float(want))


def _gold_span(wanted: str, text: str) -> tuple[int, int] | None:
    """Offsets of a gold string that occurs once in the body (as the gold format requires)."""
    start = text.find(wanted)
    if start < 0 or text.find(wanted, start + 1) >= 0:
        return None
    return start, start + len(wanted)


def _overlaps(quantity: dict, wanted: str, span: tuple[int, int] | None) -> bool:
    """True when an extracted quantity and a gold string cover the same words: by offsets
    where the gold string's place is known, else by text."""
    if span is not None:
        return quantity["start"] < span[1] and span[0] < quantity["end"]
    found = quantity["text"]
    return found == wanted or found in wanted or wanted in found


def evaluate_news(labels_path: Path, texts: Path) -> dict:
    """Sentence-level agreement of the flags with our labels on real news articles.

    ``labels_path`` is a TSV written by this project (``corpora/newsaudit/labels.tsv``): one
    row per sentence of each labelled article, as ``file``, ``start``, ``end`` (offsets into
    the cleaned body), ``sha1`` (first 12 hex digits of the sentence text), ``flags`` (the
    expected flag types, comma-separated, or ``-``) and ``careful`` (1 for a sentence that
    looks risky but must not be flagged). The article texts are read from ``texts`` at run
    time (they are not ours to copy). A sentence whose checksum no longer matches the cleaned
    body is counted under ``unaligned`` and skipped.

    Returns:
        Precision and recall over (sentence, flag type) pairs, per type and overall; the share
        of sentences that should carry no flag but do; the share of careful sentences left
        unflagged.
    """
    rows = [line.split("\t") for line in labels_path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    by_file: dict[str, list[list[str]]] = {}
    for row in rows:
        by_file.setdefault(row[0], []).append(row)
    # the labelled files run as one batch, as when they were labelled (the cleaner learns
    # repeated lines across the files of a batch)
    sources = [texts / name for name in sorted(by_file) if (texts / name).is_file()]
    records = {Path(r["source"]).name: r for o in run_batch(sources, flag=True) for r in o.records}
    graded = []
    unaligned = 0
    for name, file_rows in sorted(by_file.items()):
        record = records.get(name)
        for _file, start, end, sha1, expected, is_careful in file_rows:
            start_i, end_i = int(start), int(end)
            sentence = record["text"][start_i:end_i] if record else ""
            if sentence_hash(sentence) != sha1:
                unaligned += 1
                continue
            want = set() if expected == "-" else set(expected.split(","))
            got = {f["type"] for f in record["flags"] if f["start"] < end_i and start_i < f["end"]}
            graded.append((want, got, is_careful.strip() == "1"))
    return {"articles": len(by_file), "sentences": len(rows), "unaligned": unaligned, **_agreement(graded)}


def evaluate_web(labels_path: Path, wcxb_dir: Path) -> dict:
    """Sentence-level agreement of the flags with our labels on real health web pages.

    ``labels_path`` is ``corpora/webaudit/labels.tsv`` (offsets into each WCXB page's
    ``main_content`` and checksums; see ``pipeline/flags/webaudit.py``). Each page's main
    content is run through the pipeline as it is (it is already the article body), so the
    offsets index the same text the flags point into. The flag model trains on the ``train``
    pages of the labels' ``split.json`` (see ``pipeline/flags/webaudit.py``); when that split
    exists, the figures are also given for the ``held_out`` pages alone (never trained on: the
    honest figure for new web text) and for the ``train`` pages.

    Returns:
        As :func:`evaluate_news`: precision and recall over (sentence, flag type) pairs, the
        share of sentences that should carry no flag but do, careful sentences left unflagged;
        with a split, ``held_out_pages`` and ``train_pages`` with the same figures.
    """
    rows = load_web_labels(labels_path, wcxb_dir)
    by_page: dict[str, list[dict]] = {}
    for row in rows:
        by_page.setdefault(row["page"], []).append(row)
    nlp = language.default()
    graded: dict[str, list[tuple[set[str], set[str], bool]]] = {}
    for page, page_rows in by_page.items():
        flags = nlp(page_rows[0]["text"])._.flags
        for row in page_rows:
            got = {f["type"] for f in flags if f["start"] < row["end"] and row["start"] < f["end"]}
            graded.setdefault(page, []).append((set(row["flags"]), got, row["careful"]))
    result = {"pages": len(by_page), "sentences": len(rows), **_agreement([g for page in graded.values() for g in page])}
    split = page_split(labels_path)
    if split:
        for part, key in (("held_out", "held_out_pages"), ("train", "train_pages")):
            pages = [page for page in split[part] if page in graded]
            result[key] = {"pages": len(pages), **_agreement([g for page in pages for g in graded[page]])}
    return result


def _agreement(graded: list[tuple[set[str], set[str], bool]]) -> dict:
    """Precision/recall over (sentence, flag type) pairs from (expected, found, careful) rows."""
    counts = {"tp": Counter(), "fp": Counter(), "fn": Counter()}
    clean_sentences = clean_flagged = careful = careful_ok = 0
    for want, got, is_careful in graded:
        for kind in want | got:
            counts["tp" if kind in want and kind in got else "fn" if kind in want else "fp"][kind] += 1
        if not want:
            clean_sentences += 1
            clean_flagged += bool(got)
        if is_careful:
            careful += 1
            careful_ok += not got
    kinds = sorted(set().union(*counts.values()))
    per_type = {kind: _precision_recall(counts["tp"][kind], counts["fp"][kind], counts["fn"][kind]) for kind in kinds}
    total = _precision_recall(*(sum(counts[k].values()) for k in ("tp", "fp", "fn")))
    return {
        "overall": total,
        "per_type": per_type,
        "unflagged_sentences_flagged": round(clean_flagged / clean_sentences, 3) if clean_sentences else None,
        "careful_left_unflagged": f"{careful_ok}/{careful}",
    }


def _precision_recall(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {"tp": tp, "fp": fp, "fn": fn, "precision": _round(precision), "recall": _round(recall), "f1": _round(f1)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
