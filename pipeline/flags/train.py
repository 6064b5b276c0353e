"""Train the flag model (``pipeline/flags/model.py``) on gold article sets.

A gold set is a folder with ``articles/``, ``expected.json`` (per file: ``flags`` as
``{type, sentence_with}`` and ``no_flags_on`` substrings of careful sentences) and optionally
``batches.json`` (batch name -> file names; each batch was written by one author). The
articles go through the pipeline without flags; each gold flag and careful substring is
aligned to the sentence that contains it. Training examples are (sentence, flag type) pairs:

* positive: a gold flag of that type on the sentence;
* negative: a careful sentence (every type, weight ``careful_weight``), another type on a
  flagged sentence (weight ``other_weight``), an ungraded sentence (weight ``ungraded_weight``:
  it may hold a problem the author did not list).

Everything is measured leave-one-batch-out (train on every batch but one, score the left-out
batch with the checks of ``overclaim evaluate samples``), since a batch is one author's phrasing
and the model must carry over to new authors. The per-type thresholds are chosen on the
out-of-batch predictions of the batches the rules were tuned on, the hyperparameters by the
scores on the other batches (see :func:`search`); the shipped model is then fit on all batches.
"""

from __future__ import annotations

import itertools
import json
import platform
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from pipeline import language
from pipeline.flags.cues import DATA
from pipeline.flags.design import detect_designs
from pipeline.flags.evaluate import _checks, _key
from pipeline.flags.flagger import Sentence, build_context, flag_article
from pipeline.flags.model import FLAG_TYPES, N_FEATURES, FlagModel, article_features, typed
from pipeline.linear import LinearModel, hash_features
from pipeline.run import run_batch
from pipeline.sentences import trimmed

#: hyperparameter grid searched leave-one-batch-out. Narrowed by earlier runs on flagdev (rules-unseen
#: batches 16-18): C 0.1, careful weight 1.0, ungraded weight 0.1 and n-gram weight 0.3 scored lower. With the
#: combined features of model.py, rule weight 1.0 (0.760 recall, 0.928 careful) and 0.3 (0.766, 0.928) trailed;
#: rule weight 0 and 0.3 with no rule verdicts for causal and cure rows (rule_free) led: the rules' causal
#: and cure verdicts carry over worst to new authors
GRID = {
    "C": (0.3,),
    "ngram_weight": (1.0,),
    "ungraded_weight": (0.3,),
    "other_weight": (1.0,),
    "careful_weight": (3.0,),
    "shared": (True,),
    "rule_weight": (0.0, 0.3),
    "rule_free": (("causal_overstatement", "cure_language"),),
}
#: the pooled share of careful sentences that must stay unflagged when thresholds are chosen
CAREFUL_TARGET = 0.95
#: trade-offs (cost of a flagged careful sentence, in found flags) swept to draw the curve
LAMBDAS = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0)
MAX_ITER = 2000


@dataclass
class Article:
    """One gold article, run through the pipeline without flags, with its feature rows."""

    name: str
    batch: str
    text: str
    sentences: list[Sentence]
    rule_flags: list[dict]
    base: list[dict[str, float]]
    expect: dict
    #: (sentence index, flag type) -> label 1/0 and the example's kind
    labels: dict[tuple[int, str], tuple[int, str]] = field(default_factory=dict)
    unaligned: list[str] = field(default_factory=list)


def gold_sets(paths: Iterable[Path]) -> list[Article]:
    """Read, run and featurize every article of the given gold sets.

    Raises:
        FileNotFoundError: a folder has no ``articles/`` or ``expected.json``.
    """
    nlp = language.default()
    keep = [n for n in nlp.pipe_names if n in ("overclaim_sentences", "overclaim_strength")]
    articles = []
    for folder in paths:
        gold = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        batches_file = folder / "batches.json"
        batch_of = {name: f"{folder.name}:{batch}" for batch, names in
                    json.loads(batches_file.read_text(encoding="utf-8")).items() for name in names} \
            if batches_file.is_file() else {}
        records = {}
        for outcome in run_batch([folder / "articles"], flag=False):
            for record in outcome.records:
                records[_key(record["source"], folder / "articles")] = record
        for name, expect in gold.items():
            if name not in records:
                continue
            record = records[name]
            with nlp.select_pipes(enable=keep):
                doc = nlp(record["text"])
            sentences = [Sentence(*trimmed(s), s._.strength, s._.strength_scores) for s in doc.sents]
            articles.append(featurize(name, batch_of.get(name, folder.name), record["text"], sentences,
                                      record["claims"], expect))
    return articles


def featurize(name: str, batch: str, text: str, sentences: list[Sentence], claims: list[dict], expect: dict) -> Article:
    """Rule flags, feature rows and aligned gold labels of one article."""
    designs = detect_designs(text)
    context = build_context(text, sentences, designs, claims)
    _, rule_flags = flag_article(text, sentences, claims, designs, context)
    _, base = article_features(text, sentences, claims, designs, rule_flags, context)
    article = Article(name, batch, text, sentences, rule_flags, base, expect)
    spans = [text[s.start:s.end] for s in sentences]
    flagged: dict[int, set[str]] = {}
    for flag in expect.get("flags", []):
        index = next((k for k, span in enumerate(spans) if flag["sentence_with"] in span), None)
        if index is None:
            article.unaligned.append(flag["sentence_with"])
        else:
            flagged.setdefault(index, set()).add(flag["type"])
    careful = {k for snippet in expect.get("no_flags_on", []) for k, span in enumerate(spans) if snippet in span}
    for index in range(len(sentences)):
        for kind in FLAG_TYPES:
            if kind in flagged.get(index, ()):
                article.labels[index, kind] = (1, "positive")
            elif index in flagged:
                article.labels[index, kind] = (0, "other")
            elif index in careful:
                article.labels[index, kind] = (0, "careful")
            else:
                article.labels[index, kind] = (0, "ungraded")
    return article


def design_matrix(articles: Sequence[Article], params: dict[str, Any]) -> tuple[sparse.csr_matrix, np.ndarray, list[str], np.ndarray]:
    """Hashed rows of every (sentence, type) pair: matrix, labels, example kinds, article index."""
    rows, y, kinds, owner = [], [], [], []
    for a, article in enumerate(articles):
        for (index, kind), (label, what) in article.labels.items():
            rows.append(typed(article.base[index], kind, ngram_weight=params["ngram_weight"], shared=params["shared"],
                              rule_weight=params["rule_weight"], rule_free=tuple(params.get("rule_free", ()))))
            y.append(label)
            kinds.append(what)
            owner.append(a)
    return hash_features(rows, N_FEATURES), np.array(y), kinds, np.array(owner)


def sample_weights(kinds: Sequence[str], params: dict[str, Any]) -> np.ndarray:
    """Weight of each example by its kind (positives weigh 1)."""
    by_kind = {"positive": 1.0, "careful": params["careful_weight"], "other": params["other_weight"],
               "ungraded": params["ungraded_weight"]}
    return np.array([by_kind[k] for k in kinds])


def fit_linear(X: sparse.csr_matrix, y: np.ndarray, weights: np.ndarray, C: float) -> LogisticRegression:
    """L2 logistic regression, positives and negatives balanced by total weight."""
    estimator = LogisticRegression(C=C, class_weight="balanced", max_iter=MAX_ITER, solver="liblinear", random_state=0)
    return estimator.fit(X, y, sample_weight=weights)


def probabilities(estimator: LogisticRegression, X: sparse.csr_matrix) -> np.ndarray:
    """Probability of the positive class for each row."""
    return estimator.predict_proba(X)[:, 1]


def lobo(articles: Sequence[Article], params: dict[str, Any]) -> list[dict[tuple[int, str], float]]:
    """Leave-one-batch-out probabilities: for each article, ``(sentence, type) -> p`` from the
    model trained on every other batch."""
    X, y, kinds, owner = design_matrix(articles, params)
    weights = sample_weights(kinds, params)
    batch = np.array([articles[a].batch for a in owner])
    keys = [(a, key) for a, article in enumerate(articles) for key in article.labels]  # the rows' order
    out: list[dict[tuple[int, str], float]] = [{} for _ in articles]
    for held in sorted(set(batch)):
        test = batch == held
        estimator = fit_linear(X[~test], y[~test], weights[~test], params["C"])
        for row, value in zip(np.flatnonzero(test), probabilities(estimator, X[test])):
            a, key = keys[row]
            out[a][key] = float(value)
    return out


def predicted_flags(article: Article, proba: dict[tuple[int, str], float], thresholds: dict[str, float]) -> list[dict]:
    """Minimal flag dicts (type and sentence) where the probability reaches the threshold."""
    return [{"type": kind, "sentence": article.text[article.sentences[i].start:article.sentences[i].end]}
            for (i, kind), p in proba.items() if p >= thresholds[kind]]


def check(article: Article, flags: list[dict]) -> Counter:
    """The flag checks of ``overclaim evaluate samples`` on one article: counts of
    ``("flags"|"no_flags_on", ok)`` and ``(type, ok)``, plus flags on ungraded sentences."""
    counts: Counter = Counter()
    expect = {k: article.expect.get(k, []) for k in ("flags", "no_flags_on")}
    for kind, ok, what in _checks({"text": article.text, "claims": [], "flags": flags}, expect):
        counts[kind, ok] += 1
        if kind == "flags":
            counts[what.split(":")[0], ok] += 1
    graded = {s for s in (f["sentence_with"] for f in expect["flags"])} | set(expect["no_flags_on"])
    counts["ungraded_flags"] += sum(not any(g in f["sentence"] for g in graded) for f in flags)
    return counts


def summarize(counts: Counter) -> dict[str, Any]:
    """Pooled flag recall, careful sentences unflagged and recall per type."""
    def rate(key: str) -> dict[str, Any]:
        ok, bad = counts[key, True], counts[key, False]
        return {"ok": ok, "of": ok + bad, "rate": round(ok / (ok + bad), 3) if ok + bad else None}

    return {"flags": rate("flags"), "careful_unflagged": rate("no_flags_on"),
            "per_type": {kind: rate(kind) for kind in FLAG_TYPES}, "ungraded_flags": counts["ungraded_flags"]}


def score_rules(articles: Sequence[Article]) -> dict[str, Any]:
    """The rule flagger's figures on the articles (it is not trained, so no folds)."""
    total: Counter = Counter()
    for article in articles:
        total += check(article, article.rule_flags)
    return summarize(total)


def score_model(articles: Sequence[Article], oof: Sequence[dict], thresholds: dict[str, float],
                by_batch: bool = False) -> dict[str, Any]:
    """Pooled figures of out-of-batch probabilities at the given thresholds (and per batch)."""
    total: Counter = Counter()
    batches: dict[str, Counter] = {}
    for article, proba in zip(articles, oof):
        counts = check(article, predicted_flags(article, proba, thresholds))
        total += counts
        batches.setdefault(article.batch, Counter()).update(counts)
    result = summarize(total)
    if by_batch:
        result["by_batch"] = {b: summarize(c) for b, c in sorted(batches.items(), key=lambda kv: _batch_order(kv[0]))}
    return result


def _batch_order(batch: str) -> tuple[str, int, str]:
    prefix, _, number = batch.rpartition(":")
    return (prefix, int(number), "") if number.isdigit() else (prefix, 0, number)


def thresholds_for(articles: Sequence[Article], oof: Sequence[dict], cost: float) -> dict[str, float]:
    """Per type, the threshold maximizing gold flags found minus ``cost`` times careful
    sentences flagged, over out-of-batch probabilities."""
    chosen = {}
    for kind in FLAG_TYPES:
        points = []  # (probability, +1 for a found gold flag, -cost for a flagged careful sentence)
        for article, proba in zip(articles, oof):
            for (i, k), p in proba.items():
                label, what = article.labels[i, k]
                if k != kind:
                    continue
                if label == 1:
                    points.append((p, 1.0))
                elif what == "careful":
                    points.append((p, -cost))
        points.sort(reverse=True)
        best, best_gain, gain = 1.0, 0.0, 0.0
        for position, (p, value) in enumerate(points):
            gain += value
            tied = position + 1 < len(points) and points[position + 1][0] == p
            if gain > best_gain and not tied:
                best, best_gain = p, gain
        chosen[kind] = round(float(best), 4)
    return chosen


def tradeoff(articles: Sequence[Article], oof: Sequence[dict]) -> list[dict[str, Any]]:
    """Flag recall against careful sentences unflagged for each cost in :data:`LAMBDAS`."""
    curve = []
    for cost in LAMBDAS:
        thresholds = thresholds_for(articles, oof, cost)
        result = score_model(articles, oof, thresholds)
        curve.append({"cost": cost, "thresholds": thresholds, "flags": result["flags"]["rate"],
                      "careful_unflagged": result["careful_unflagged"]["rate"], "ungraded_flags": result["ungraded_flags"]})
    return curve


def pick(curve: list[dict[str, Any]]) -> dict[str, Any]:
    """The point with the highest recall among those meeting :data:`CAREFUL_TARGET` (the
    most careful point when none does)."""
    meeting = [c for c in curve if (c["careful_unflagged"] or 0) >= CAREFUL_TARGET]
    if meeting:
        return max(meeting, key=lambda c: (c["flags"], c["careful_unflagged"]))
    return max(curve, key=lambda c: (c["careful_unflagged"], c["flags"]))


def grid(space: dict[str, tuple]) -> list[dict[str, Any]]:
    """Every combination of the grid's values (the first key varies slowest)."""
    return [dict(zip(space, values)) for values in itertools.product(*space.values())]


def tuned_batches() -> set[str]:
    """The batches the rules were tuned on, as ``set:batch`` names (``data/rules_tuned.json``)."""
    raw = json.loads((DATA / "rules_tuned.json").read_text(encoding="utf-8"))
    return {f"{name}:{batch}" for name, batches in raw.items() if not name.startswith("_") for batch in batches}


def split_by_rules(articles: Sequence[Article]) -> tuple[list[int], list[int]]:
    """Indices of the articles of batches the rules were tuned on, and of the others ("fresh");
    both are all articles when either is empty."""
    tuned = tuned_batches()
    seen = [i for i, a in enumerate(articles) if a.batch in tuned]
    fresh = [i for i, a in enumerate(articles) if a.batch not in tuned]
    if not seen or not fresh:
        everything = list(range(len(articles)))
        return everything, everything
    return seen, fresh


def search(articles: Sequence[Article], space: dict[str, tuple] = GRID) -> list[dict[str, Any]]:
    """Leave-one-batch-out figures of every hyperparameter setting, best first.

    For each setting the thresholds are chosen on the out-of-batch probabilities of the batches
    the rules were tuned on (:func:`pick` on :func:`tradeoff`); the setting is judged by flag
    recall plus careful sentences unflagged on the other batches, where the rule verdicts are
    as unreliable as on new text.
    """
    seen, fresh = split_by_rules(articles)
    results = []
    for params in grid(space):
        oof = lobo(articles, params)
        curve = tradeoff([articles[i] for i in seen], [oof[i] for i in seen])
        chosen = pick(curve)
        unseen = score_model([articles[i] for i in fresh], [oof[i] for i in fresh], chosen["thresholds"])
        results.append({"params": params, "chosen": chosen, "curve": curve, "oof": oof, "fresh": unseen,
                        "fresh_curve": tradeoff_on([articles[i] for i in fresh], [oof[i] for i in fresh], curve)})
    results.sort(key=lambda r: -(r["fresh"]["flags"]["rate"] + r["fresh"]["careful_unflagged"]["rate"]))
    return results


def tradeoff_on(articles: Sequence[Article], oof: Sequence[dict], curve: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures of other articles at each point (thresholds) of a trade-off curve."""
    points = []
    for point in curve:
        result = score_model(articles, oof, point["thresholds"])
        points.append({"cost": point["cost"], "flags": result["flags"]["rate"],
                       "careful_unflagged": result["careful_unflagged"]["rate"], "ungraded_flags": result["ungraded_flags"]})
    return points


def fit(articles: Sequence[Article], params: dict[str, Any], thresholds: dict[str, float],
        meta: dict[str, Any] | None = None) -> FlagModel:
    """Fit the flag model on every article."""
    X, y, kinds, _ = design_matrix(articles, params)
    estimator = fit_linear(X, y, sample_weights(kinds, params), params["C"])
    linear = LinearModel.from_sklearn(estimator, meta)
    return FlagModel(linear, thresholds, params["ngram_weight"], params["shared"], params["rule_weight"],
                     tuple(params.get("rule_free", ())))


def train(paths: Sequence[Path], out: Path, space: dict[str, tuple] = GRID) -> dict[str, Any]:
    """Choose hyperparameters and thresholds leave-one-batch-out, fit on everything, save the
    model into ``out`` with a ``MODEL_CARD.md``; returns the summary figures."""
    started = time.time()
    articles = gold_sets(paths)
    results = search(articles, space)
    best = results[0]
    params, chosen, oof = best["params"], best["chosen"], best["oof"]
    seen, fresh = split_by_rules(articles)
    parts = {"all": list(range(len(articles))), "rules_tuned": seen, "rules_unseen": fresh}
    scores = {}
    for part, indices in parts.items():
        subset = [articles[i] for i in indices]
        scores[part] = {"rules": score_rules(subset),
                        "model": score_model(subset, [oof[i] for i in indices], chosen["thresholds"])}
    batches = sorted({a.batch for a in articles}, key=_batch_order)
    by_batch = {b: {"rules": score_rules([a for a in articles if a.batch == b]),
                    "model": score_model([a for i, a in enumerate(articles) if a.batch == b],
                                         [oof[i] for i, a in enumerate(articles) if a.batch == b], chosen["thresholds"])}
                for b in batches}
    data = {
        "sets": [str(p) for p in paths], "articles": len(articles), "batches": len(batches),
        "rules_unseen_batches": sorted({articles[i].batch for i in fresh}, key=_batch_order) if fresh != seen else [],
        "sentences": sum(len(a.sentences) for a in articles),
        "examples": dict(Counter(what for a in articles for (_, what) in a.labels.values())),
        "gold_flags": sum(len(a.expect.get("flags", [])) for a in articles),
        "unaligned_gold_flags": sum(len(a.unaligned) for a in articles),
        "careful": sum(len(a.expect.get("no_flags_on", [])) for a in articles),
    }
    metrics = {
        "scores": scores, "by_batch": by_batch, "curve": best["curve"], "fresh_curve": best["fresh_curve"],
        "params": params, "thresholds": chosen["thresholds"], "cost": chosen["cost"],
        "grid": [{"params": r["params"], "tuned_flags": r["chosen"]["flags"], "tuned_careful": r["chosen"]["careful_unflagged"],
                  "unseen_flags": r["fresh"]["flags"]["rate"], "unseen_careful": r["fresh"]["careful_unflagged"]["rate"]}
                 for r in results],
    }
    meta = {"data": data, "metrics": {k: v for k, v in metrics.items() if k not in ("by_batch",)},
            "versions": {"python": platform.python_version(), "sklearn": sklearn.__version__},
            "features": "see pipeline/flags/model.py", "n_hash_features": N_FEATURES}
    model = fit(articles, params, chosen["thresholds"], meta)
    out.mkdir(parents=True, exist_ok=True)
    model.save(out)
    (out / "MODEL_CARD.md").write_text(model_card(data, metrics), encoding="utf-8")
    return {"saved": str(out), "seconds": round(time.time() - started, 1), "params": params,
            "thresholds": chosen["thresholds"],
            **{f"lobo_{part}": {who: _short(result) for who, result in pair.items()} for part, pair in scores.items()}}


def _short(result: dict[str, Any]) -> dict[str, Any]:
    return {"flags": result["flags"], "careful_unflagged": result["careful_unflagged"],
            "per_type": {k: f"{v['ok']}/{v['of']}" for k, v in result["per_type"].items()},
            "ungraded_flags": result["ungraded_flags"]}


def _fraction(rate: dict[str, Any]) -> str:
    return f"{rate['rate']:.3f} ({rate['ok']}/{rate['of']})" if rate["of"] else "-"


def model_card(data: dict[str, Any], metrics: dict[str, Any]) -> str:
    """The model card: data, features, hyperparameters and leave-one-batch-out figures."""
    unseen = ", ".join(data["rules_unseen_batches"]) or "none (all batches tuned on)"
    lines = [
        "# Flag model (overclaim)",
        "",
        "(sentence, flag type) -> probability that the sentence carries that flag, for the five flag types of",
        "the contract. One binary logistic regression (scikit-learn, liblinear, L2, positives and negatives",
        "balanced by weight) over hashed features conjoined with the flag type (and, with `shared`, also kept",
        "unconjoined): word 1-2-grams (lowercased, numbers as `<num>`) and crude stems of the sentence; its",
        "claim strength and the strength classifier's probabilities; the rule flagger's verdicts on the",
        "sentence and its neighbours (scaled by `rule_weight`); every cue group of",
        "`pipeline/flags/data/cues.json` that matches (and negated cues), the rule helpers' readings (causal",
        "cue, promise, conclusion, claim head); the sentence's claims (types, kinds, relative figures with or",
        "without a baseline); the article's designs and evidence kind, whether a trial backs the sentence,",
        "whether the sentence describes the evidence, its position; and their combinations (strength x evidence",
        "kind, a cure word in the first person or after a negation, a promise after an imperative, the",
        "neighbouring sentences' hedges and cautions; `data/model_cues.json`). Types listed in `rule_free` see",
        "no rule verdicts. See `pipeline/flags/model.py`. Weights are",
        "`weights.npz` + `meta.json` + `SHA256SUMS`; no pickle. A flag is emitted when the probability reaches",
        "its type's threshold (`meta.json`, `flag_model.thresholds`).",
        "",
        "## Training data",
        "",
        f"- gold sets: {', '.join(f'`{s}`' for s in data['sets'])} (written for overclaim): {data['articles']} articles in "
        f"{data['batches']} batches (one author each), {data['sentences']} sentences",
        f"- gold flags {data['gold_flags']} ({data['unaligned_gold_flags']} could not be aligned to a sentence of the "
        f"cleaned text and count as misses), careful sentences {data['careful']}",
        f"- (sentence, type) examples by kind: {data['examples']}",
        "- positives: gold flags of the type; negatives: careful sentences (all types, `careful_weight`), other types",
        "  on flagged sentences (`other_weight`), ungraded sentences (`ungraded_weight`)",
        f"- batches the rules were NOT tuned on (`pipeline/flags/data/rules_tuned.json`): {unseen}",
        "",
        "## Hyperparameters",
        "",
        "Leave-one-batch-out (LOBO): train on every batch but one, score the left-out batch. The rules and",
        "cue lexicons were tuned on most batches, so there the rule features are as good as in-sample and",
        "LOBO flatters any model that trusts them. Hence: per-type thresholds are chosen on the LOBO",
        "probabilities of the rules-tuned batches (most flags found minus a cost x careful sentences flagged,",
        f"the cost being the highest-recall point with at least {CAREFUL_TARGET} of their careful sentences",
        "unflagged), and the setting is chosen by recall + careful share on the batches the rules never saw.",
        "",
        f"Chosen: {metrics['params']}; cost {metrics['cost']}; thresholds {metrics['thresholds']}.",
        "",
        "| setting | recall, rules-tuned batches | careful | recall, rules-unseen batches | careful |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {g['params']} | {g['tuned_flags']} | {g['tuned_careful']} | {g['unseen_flags']} | {g['unseen_careful']} |"
              for g in metrics["grid"]]
    lines += [
        "",
        "## Leave-one-batch-out scores",
        "",
        "Checks of `overclaim evaluate samples`: a gold flag is found when a flag of its type covers its",
        "sentence; a careful sentence must carry no flag. Rules are not trained, so their figures need no",
        "folds (in-sample on the rules-tuned batches). The model figures on the rules-unseen batches are",
        "the estimate for a new author; they were also used to choose the setting, so they are slightly",
        "optimistic.",
        "",
        "| batches | detector | flag recall | careful unflagged | " + " | ".join(FLAG_TYPES) + " | flags on ungraded sentences |",
        "|---|---|---|---|" + "---|" * len(FLAG_TYPES) + "---|",
    ]
    for part, pair in metrics["scores"].items():
        for who, result in pair.items():
            lines.append(f"| {part} | {who} | {_fraction(result['flags'])} | {_fraction(result['careful_unflagged'])} | "
                         + " | ".join(_fraction(result["per_type"][k]) for k in FLAG_TYPES) + f" | {result['ungraded_flags']} |")
    lines += ["", "Per left-out batch:", "",
              "| batch | model recall | model careful | rules recall | rules careful |", "|---|---|---|---|---|"]
    for batch, pair in metrics["by_batch"].items():
        lines.append(f"| {batch} | {_fraction(pair['model']['flags'])} | {_fraction(pair['model']['careful_unflagged'])} | "
                     f"{_fraction(pair['rules']['flags'])} | {_fraction(pair['rules']['careful_unflagged'])} |")
    lines += ["", "Trade-off: thresholds chosen on the rules-tuned batches at each cost of a flagged careful sentence;",
              "figures on those batches and on the rules-unseen ones:", "",
              "| cost | recall (tuned) | careful (tuned) | ungraded flags (tuned) | recall (unseen) | careful (unseen) | ungraded flags (unseen) |",
              "|---|---|---|---|---|---|---|"]
    lines += [f"| {c['cost']} | {c['flags']} | {c['careful_unflagged']} | {c['ungraded_flags']} | {f['flags']} | "
              f"{f['careful_unflagged']} | {f['ungraded_flags']} |" for c, f in zip(metrics["curve"], metrics["fresh_curve"])]
    lines += ["", "Rebuild: `overclaim train flags` (default `--articles corpora/flagdev`).", ""]
    return "\n".join(lines)
