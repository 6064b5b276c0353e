"""The learned flag model: one logistic score per sentence and flag type.

The hand-written rules of ``flagger.py`` fit the phrasing of the articles they were tuned on.
The model keeps them as evidence rather than as the verdict: for every sentence of an article
and each of the five flag types it scores a feature dict made of

* the sentence's words (hashed word 1-2-grams, lowercased, numbers as ``<num>``) and crude stems;
* its claim strength and the strength classifier's class probabilities;
* the rule flagger's verdicts on the sentence (this type, any other type, their scores) and on
  its neighbours;
* every cue group of ``data/cues.json`` that matches (causal verbs, cure words, hedges,
  negation, advice, testimony, animal words, baselines, ...), negated cues, and the rule
  helpers' readings (a causal cue the classifier backs, a promise, a conclusion, a claim head);
* the sentence's claims (types, quantity kinds, relative figures with and without a baseline);
* the article's evidence: designs detected (RCT, observational, uncontrolled, animal, cell),
  whether a trial backs the sentence (``Context.backed``), whether the sentence itself
  describes the evidence, its position;
* combinations a linear model cannot build itself (:func:`combined_features`): the broad cue
  groups of ``data/model_cues.json`` (the cure family of words, a promise to "you" after an
  imperative, first-person results), testimony, a cure word after a negation or in a reported
  claim, the sentence's strength (or a cure or promise) crossed with the article's
  evidence kind and designs and with whether a trial backs it, whether it names the article's
  treatment or exposure, and what the sentences either side say (hedge, caution, design);
* whether a claim reads as background or advice (:func:`combined_features`): a definition ("X is
  a vital component of ..."), a theory framed as such, advice to the reader, no study named in
  it or either side, and how many topic words it shares with the article's evidence sentences
  (:func:`evidence_overlap`): background physiology shares none, a claim about the study does.

Each feature is conjoined with the flag type (``causal_overstatement|cue=cure``), and, when the
model is trained ``shared``, also kept as is, so that the types share what they have in common.
A flag of a type is emitted when the probability reaches that type's threshold (chosen by
leave-one-batch-out cross-validation, stored in ``meta.json``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.flags.cues import cue_search, explanations, lexicon, topic_stopwords, topic_terms
from pipeline.flags.flagger import (
    CAUSAL,
    HEDGE,
    Context,
    Sentence,
    build_context,
    causal_cue,
    claim_head,
    concluded,
    describes_evidence,
    evidence_spans,
    headline_claim,
    is_relative,
    make_flag,
    negated,
    promised,
    stem,
)
from pipeline.linear import LinearModel, hash_features

FLAG_TYPES = ("causal_overstatement", "cure_language", "uncontrolled_efficacy", "relative_risk_only", "animal_to_human")
N_FEATURES = 2 ** 18
TOKEN = re.compile(r"[a-z]+(?:['\u2019][a-z]+)*|\d+(?:[.,]\d+)*")
#: feature-name prefixes of the word features, scaled by the model's ``ngram_weight``
WORD_PREFIXES = ("w=", "b=", "s=")
#: feature-name prefixes of the rule flagger's verdicts, scaled by the model's ``rule_weight``
RULE_PREFIXES = ("rule", "prev_rule", "next_rule")
#: cue groups whose negation ("did not cure", "never prevents") is a feature of its own
NEGATABLE = ("cure", "causal_strong", "effect_verbs", "improvement", "got_better", "body_verb")
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s)\b")
QUOTE = re.compile(r"[\"\u201c\u201d]")
POSITION_BUCKETS = 5
#: evidence roles cited for each flag type
EVIDENCE_ROLES = {
    "causal_overstatement": ("association", "uncontrolled", "observational", "animal", "cell"),
    "cure_language": ("association", "uncontrolled", "observational", "animal", "cell"),
    "uncontrolled_efficacy": ("uncontrolled",),
    "relative_risk_only": (),
    "animal_to_human": ("animal", "cell"),
}
#: cue groups of ``data/model_cues.json`` that mark a claim-like sentence as background or advice
QUALIFIER_GROUPS = frozenset({"definition", "hypothesis_frame", "advice_general"})
#: signals named in the explanation of a flag that only the model raised
MAX_SIGNALS = 3


@dataclass
class FlagModel:
    """A trained flag model: the logistic weights, the per-type thresholds and the feature
    settings it was trained with."""

    linear: LinearModel
    thresholds: dict[str, float]
    ngram_weight: float = 1.0
    shared: bool = True
    rule_weight: float = 1.0
    #: flag types whose rows see no rule verdicts at all (see :func:`typed_rows`)
    rule_free: tuple[str, ...] = ()
    #: flag types whose rule flags are kept even below the threshold (see :func:`model_flags`)
    rule_union: tuple[str, ...] = ()
    #: a rule flag of a ``rule_union`` type is dropped when the model's probability is below this
    #: share of the type's threshold (0: always kept)
    union_floor: float = 0.0

    @classmethod
    def load(cls, path: Path | str) -> FlagModel:
        """Read a model written by :meth:`save` (checksums verified by :class:`LinearModel`)."""
        linear = LinearModel.load(path)
        settings = linear.meta["flag_model"]
        return cls(linear, dict(settings["thresholds"]), float(settings["ngram_weight"]), bool(settings["shared"]),
                   float(settings["rule_weight"]), tuple(settings.get("rule_free", ())), tuple(settings.get("rule_union", ())),
                   float(settings.get("union_floor", 0.0)))

    def save(self, path: Path | str) -> None:
        """Write ``weights.npz``, ``meta.json`` (with the thresholds) and ``SHA256SUMS``."""
        self.linear.meta["flag_model"] = {"thresholds": self.thresholds, "ngram_weight": self.ngram_weight,
                                          "shared": self.shared, "rule_weight": self.rule_weight,
                                          "rule_free": list(self.rule_free), "rule_union": list(self.rule_union),
                                          "union_floor": self.union_floor, "types": list(FLAG_TYPES)}
        self.linear.save(path)

    def rows(self, base: dict[str, float]) -> list[dict[str, float]]:
        """The model's feature dicts for one sentence, one per type of :data:`FLAG_TYPES`."""
        return typed_rows(base, ngram_weight=self.ngram_weight, shared=self.shared, rule_weight=self.rule_weight,
                          rule_free=self.rule_free)

    def sentence_proba(self, bases: list[dict[str, float]]) -> np.ndarray:
        """Probability of each type of :data:`FLAG_TYPES` for each sentence, shape
        ``(sentences, types)``; the same as :meth:`proba` of :meth:`rows`, but the features kept
        unconjoined are hashed and scored once per sentence rather than once per type."""
        if not bases:
            return np.zeros((0, len(FLAG_TYPES)))
        conjoined, plain = [], []
        for base in bases:
            scaled = scaled_features(base, self.ngram_weight, self.rule_weight)
            # with rule-free types, the rule verdicts are no longer the same for every type
            rules = {key: value for key, value in scaled.items() if key.startswith(RULE_PREFIXES)} if self.rule_free else {}
            plain.append({key: value for key, value in scaled.items() if key not in rules} if self.shared else {})
            for kind in FLAG_TYPES:
                extra = {} if kind in self.rule_free else rules | rule_verdicts(base, kind, self.rule_weight)
                row = {f"{kind}|bias": 1.0}
                row.update({f"{kind}|{key}": value for key, value in (scaled | extra).items()
                            if not (kind in self.rule_free and key.startswith(RULE_PREFIXES))})
                if self.shared:
                    row.update(extra)
                conjoined.append(row)
        weights = self.linear.coef[0]
        raw = hash_features(conjoined, self.linear.n_features) @ weights + self.linear.intercept[0]
        raw = raw.reshape(len(bases), len(FLAG_TYPES))
        raw += (hash_features(plain, self.linear.n_features) @ weights)[:, None]
        return 1.0 / (1.0 + np.exp(-raw))

    def proba(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Probability of a flag for each row."""
        if not rows:
            return np.zeros(0)
        return self.linear.proba(hash_features(rows, self.linear.n_features))[:, 1]


def tokens(text: str) -> list[str]:
    """Lowercased words, every number as ``<num>``."""
    return ["<num>" if t[0].isdigit() else t for t in TOKEN.findall(text.lower())]


def word_features(span: str) -> dict[str, float]:
    """Word unigrams (``w=``), bigrams (``b=``) and crude stems (``s=``) of a sentence."""
    words = tokens(span)
    features = {f"w={w}": 1.0 for w in words}
    features.update({f"b={a} {b}": 1.0 for a, b in zip(words, words[1:])})
    features.update({f"s={stem(w)}": 1.0 for w in words if len(w) > 3 and w != "<num>"})
    return features


def cue_features(sentence: Sentence, span: str) -> dict[str, float]:
    """Every cue group that matches the sentence, negated cues, and the rule helpers' readings."""
    features: dict[str, float] = {}
    for name in lexicon("cues"):
        match = cue_search(name, span)
        if match:
            features[f"cue={name}"] = 1.0
            if name in NEGATABLE and negated(span, match):
                features[f"neg={name}"] = 1.0
    cue = causal_cue(sentence, span)
    if cue:
        features["causal_cue"] = 1.0
        if promised(span, cue):
            features["promised"] = 1.0
        if headline_claim(sentence, span, cue):
            features["headline_claim"] = 1.0
    if concluded(span):
        features["concluded"] = 1.0
    if HEDGE.search(span):
        features["hedge"] = 1.0
    if FIRST_PERSON.search(span):
        features["first_person"] = 1.0
    if QUOTE.search(span):
        features["quote"] = 1.0
    if span.rstrip().endswith("?"):
        features["question"] = 1.0
    if re.search(r"\d", span):
        features["digit"] = 1.0
    return features


def claim_features(context: Context, index: int, span: str, own: list[dict]) -> dict[str, float]:
    """The sentence's claims: types, quantity kinds, relative figures and their baselines."""
    if not own:
        return {"no_claim": 1.0}
    features: dict[str, float] = {}
    for claim in own:
        kind = claim["quantity"]["kind"]
        features[f"claim={claim['type']}"] = 1.0
        features[f"kind={kind}"] = 1.0
        features[f"claim_kind={claim['type']}:{kind}"] = 1.0
        if claim.get("comparator"):
            features["comparator"] = 1.0
        if claim.get("hedges"):
            features["claim_hedged"] = 1.0
        if claim in context.uncontrolled_claims:
            features["uncontrolled_claim"] = 1.0
        if is_relative(claim, span):
            features["relative"] = 1.0
            if not context.has_baseline_for(index, claim.get("outcome")):
                features["relative_no_baseline"] = 1.0
        else:
            features["absolute"] = 1.0
    if "relative" in features and "absolute" in features:
        features["relative_and_absolute"] = 1.0
    return features


def context_features(context: Context, index: int) -> dict[str, float]:
    """What the article says about its evidence, seen from sentence ``index``."""
    sentence = context.sentences[index]
    features = {f"design={label}": 1.0 for label in context.labels}
    features[f"evidence={context.evidence_kind()}"] = 1.0
    for flag, on in (("has_rct", context.has_rct), ("observational", context.observational),
                     ("uncontrolled", context.uncontrolled), ("animal", context.animal),
                     ("backed", context.backed(index)), ("describes_evidence", describes_evidence(context, sentence)),
                     ("animal_evidence", context.animal_evidence_for(index)),
                     ("animal_evidence_people", context.animal_evidence_for(index, True)),
                     ("trial_sentence", index in context.trial_sentences),
                     ("animal_sentence", index in context.animal_sentences),
                     ("human_sentence", index in context.human_sentences)):
        if on:
            features[flag] = 1.0
    if claim_head(context, sentence, context.span(index)):
        features["claim_head"] = 1.0
    for where, k in (("here", index), ("prev", index - 1)):
        if 0 <= k < len(context.sentences):
            bounds = context.sentences[k]
            for design in context.designs:
                if bounds.start <= design["start"] < bounds.end:
                    features[f"{where}={design['label']}"] = 1.0
    n = len(context.sentences)
    features[f"pos={min(POSITION_BUCKETS - 1, index * POSITION_BUCKETS // max(n, 1))}"] = 1.0
    if index == 0:
        features["first"] = 1.0
    return features


def rule_features(rule_flags: list[dict], sentences: list[Sentence], index: int) -> dict[str, float]:
    """The rule flagger's verdicts on the sentence (type and score) and on its neighbours."""
    features: dict[str, float] = {}
    for flag in rule_flags:
        for where, k in (("rule", index), ("prev_rule", index - 1), ("next_rule", index + 1)):
            if 0 <= k < len(sentences) and flag["start"] == sentences[k].start:
                features[f"{where}={flag['type']}"] = 1.0
                if where == "rule":
                    features[f"rule_score={flag['type']}"] = float(flag["score"])
    return features


def article_features(text: str, sentences: list[Sentence], claims: list[dict], designs: list[dict],
                     rule_flags: list[dict], context: Context | None = None) -> tuple[Context, list[dict[str, float]]]:
    """The article's evidence context and one type-free feature dict per sentence.

    Args:
        text: the cleaned article text.
        sentences: its sentences with claim strength and classifier scores.
        claims: its claims (contract Claim dicts).
        designs: its study-design mentions (``detect_designs``).
        rule_flags: the rule flagger's flags for the article.
        context: the article's ``build_context`` if the rules already built it (else built here).
    """
    context = build_context(text, sentences, designs, claims) if context is None else context
    rows = []
    for index, sentence in enumerate(sentences):
        span = text[sentence.start:sentence.end]
        own = [c for c in claims if sentence.start <= c["start"] < sentence.end]
        row = word_features(span)
        row.update(cue_features(sentence, span))
        row.update(claim_features(context, index, span, own))
        row.update(context_features(context, index))
        row.update(rule_features(rule_flags, sentences, index))
        if sentence.strength:
            row[f"strength={sentence.strength}"] = 1.0
        for label, probability in (sentence.scores or {}).items():
            row[f"p={label}"] = float(probability)
        rows.append(row)
    treatments = set().union(*(topic_terms(c["intervention"]) for c in claims if c.get("intervention")))
    overlaps = evidence_overlap(context, claims, designs)
    cues = lexicon("model_cues")
    groups = [{name for name, pattern in cues.items() if pattern.search(context.span(k))} for k in range(len(rows))]
    extra = [combined_features(context, rows, index, treatments, overlaps[index], groups) for index in range(len(rows))]
    for row, more in zip(rows, extra):
        row.update(more)
    return context, rows


def evidence_overlap(context: Context, claims: list[dict], designs: list[dict]) -> list[int]:
    """For each sentence, how many of its topic words the article's evidence sentences (those
    holding a numeric claim or naming a study design) use, its own words not counted. A causal
    sentence that shares no topic with the evidence is background (what a disease is, how the
    body works) or advice, not a claim resting on that evidence."""
    points = [c["start"] for c in claims] + [d["start"] for d in designs]
    evidence = {k for k, s in enumerate(context.sentences) if any(s.start <= point < s.end for point in points)}
    terms = context.terms
    counts = Counter(term for k in evidence for term in terms[k])
    return [sum(1 for term in terms[k] if counts[term] > (k in evidence)) for k in range(len(terms))]


def combined_features(context: Context, rows: list[dict[str, float]], index: int, treatments: set[str],
                      overlap: int, groups: list[set[str]]) -> dict[str, float]:
    """Features a linear model cannot build from the others: the broad cue groups of
    ``data/model_cues.json`` and their pairs (a cure word in the first person, a promise to
    "you" after an imperative), the sentence's strength (or a cure or promise) crossed with the
    article's evidence and with whether a trial backs it, whether it speaks of the article's
    treatment or exposure, and what the sentences either side say (a hedge, a caution, a
    design statement, someone else's claim reported); and, for a claim, whether it reads as
    background or advice: a definition, a theory framed as such, advice to the reader, no
    study named in it or either side, no topic shared with the evidence (``overlap``, see
    :func:`evidence_overlap`). ``groups`` holds the cue groups each sentence of the article matches."""
    row = rows[index]
    near_groups = groups[max(index - 1, 0):index + 2]
    groups = groups[index]
    features = {f"mc={name}": 1.0 for name in groups}
    cure = "cure_family" in groups or "cue=cure" in row
    first_person = "first_person" in row
    promise = "you_future" in groups and bool(groups & {"imperative_start", "and_you"})
    testimony = first_person and (cure or "causal_cue" in row or "cue=effect_verbs" in row or "cue=improvement" in row
                                  or "first_person_result" in groups)
    for name, on in (("promise_form", promise), ("imperative_and", {"imperative_start", "and_you"} <= groups),
                     ("testimony", testimony)):
        if on:
            features[name] = 1.0
    if cure:
        for name, on in (("first_person", first_person), ("you", "you_future" in groups),
                         ("imperative", "imperative_start" in groups), ("negation", "neg_any" in groups),
                         ("reported", "reported_claim" in groups), ("hedge", "hedge" in row), ("quote", "quote" in row)):
            if on:
                features[f"cure_and={name}"] = 1.0
    strength = next((key.split("=", 1)[1] for key in row if key.startswith("strength=")), "none")
    claim = strength in CAUSAL or "causal_cue" in row or cure or promise
    evidence = context.evidence_kind()
    features.update(inference_features(row, groups, evidence))
    backed = "backed" in row
    features[f"strength_evidence={strength}:{evidence}"] = 1.0
    features[f"strength_backed={strength}:{backed}"] = 1.0
    if claim:
        features[f"claim_evidence={evidence}"] = 1.0
        features[f"claim_backed={backed}"] = 1.0
        for label in context.labels:
            features[f"claim_design={label}"] = 1.0
        if index == 0:
            features["claim_first"] = 1.0
        for name in QUALIFIER_GROUPS & groups:
            features[f"claim_and={name}"] = 1.0
        if not any("study_ref" in near for near in near_groups):
            features["claim_no_study"] = 1.0
        features[f"claim_overlap={min(overlap, 2)}"] = 1.0
    features[f"evidence_overlap={min(overlap, 2)}"] = 1.0
    if treatments and context.terms[index] & treatments:
        features["about_treatment"] = 1.0
        features[f"treatment_strength={strength}"] = 1.0
        if claim:
            features[f"treatment_claim_evidence={evidence}"] = 1.0
    for where, k in (("prev", index - 1), ("next", index + 1)):
        if not 0 <= k < len(rows):
            continue
        near = rows[k]
        for name, key in (("hedge", "hedge"), ("caution", "cue=caution"), ("describes", "describes_evidence"),
                          ("limitations", "cue=limitations"), ("trial", "trial_sentence")):
            if key in near:
                features[f"{where}_{name}"] = 1.0
        near_strength = next((key.split("=", 1)[1] for key in near if key.startswith("strength=")), "none")
        features[f"{where}_strength={near_strength}"] = 1.0
    return features


def inference_features(row: dict[str, float], groups: set[str], evidence: str) -> dict[str, float]:
    """A conclusion drawn inside the sentence, crossed with the article's evidence: an animal or
    cell result carried over to people or the reader ("in mice ..., so you ..."), a result
    followed by what it is said to prove ("..., proof that it works"), and figures of speech that
    sell a remedy ("nature's ...", "the secret to ...", "it works"). Each is split by whether a
    hedge or a negation tempers it, since careful writers use the same frames to deny the leap."""
    features: dict[str, float] = {}
    tempered = "hedge" in row or "neg_any" in groups
    animal = "cue=animal_scope" in row
    people = "cue=human" in row or "you_future" in groups
    leap = "consequence" in groups and ("digit" in row or "study_ref" in groups or animal)
    for name, on in (("animal_to_people", animal and (people or "consequence" in groups)),
                     ("leap", leap), ("selling", bool(groups & {"promo_figure", "works_claim"}))):
        if on:
            name += "_tempered" if tempered else ""
            features[name] = 1.0
            features[f"{name}_evidence={evidence}"] = 1.0
    return features


def typed(base: dict[str, float], kind: str, *, ngram_weight: float = 1.0, shared: bool = True,
          rule_weight: float = 1.0, rule_free: tuple[str, ...] = ()) -> dict[str, float]:
    """One sentence's features for flag type ``kind`` (see :func:`typed_rows`)."""
    return typed_rows(base, (kind,), ngram_weight=ngram_weight, shared=shared, rule_weight=rule_weight,
                      rule_free=rule_free)[0]


def typed_rows(base: dict[str, float], kinds: tuple[str, ...] = FLAG_TYPES, *, ngram_weight: float = 1.0,
               shared: bool = True, rule_weight: float = 1.0, rule_free: tuple[str, ...] = ()) -> list[dict[str, float]]:
    """Conjoin a sentence's features with each flag type of ``kinds`` (and keep them unconjoined
    too when ``shared``); the rule's verdict on this type and on other types become ``rule_self``
    and ``rule_other``. Word features are scaled by ``ngram_weight``, the rule verdicts by
    ``rule_weight`` (dropped at 0): the rules were tuned on the training articles, so at full
    weight the model learns to trust them more than they deserve on a new author's text. The
    rows of the ``rule_free`` types get no rule verdicts at all (the rules' causal and cure
    verdicts carry over worst to new authors). The scaling is done once per sentence, whatever
    the number of types."""
    scaled = scaled_features(base, ngram_weight, rule_weight)
    rows = []
    for kind in kinds:
        extra = rule_verdicts(base, kind, rule_weight)
        row = {f"{kind}|bias": 1.0}
        for key, value in (scaled | extra).items():
            if kind in rule_free and key.startswith(RULE_PREFIXES):
                continue
            row[f"{kind}|{key}"] = value
            if shared:
                row[key] = value
        rows.append(row)
    return rows


def scaled_features(base: dict[str, float], ngram_weight: float, rule_weight: float) -> dict[str, float]:
    """A sentence's features with the word features scaled by ``ngram_weight`` and the rule
    verdicts by ``rule_weight`` (dropped at 0)."""
    scaled = {}
    for key, value in base.items():
        if key.startswith(WORD_PREFIXES):
            value *= ngram_weight
        elif key.startswith(RULE_PREFIXES):
            if not rule_weight:
                continue
            value *= rule_weight
        scaled[key] = value
    return scaled


def rule_verdicts(base: dict[str, float], kind: str, rule_weight: float) -> dict[str, float]:
    """``rule_self`` (and its score) when the rules raised flag type ``kind`` on the sentence,
    ``rule_other`` when they raised another type, scaled by ``rule_weight``."""
    if not rule_weight:
        return {}
    extra = {}
    if f"rule={kind}" in base:
        extra = {"rule_self": rule_weight, "rule_self_score": base[f"rule_score={kind}"] * rule_weight}
    if any(f"rule={other}" in base for other in FLAG_TYPES if other != kind):
        extra["rule_other"] = rule_weight
    return extra


def model_flags(model: FlagModel, text: str, sentences: list[Sentence], claims: list[dict], designs: list[dict],
                rule_flags: list[dict], context: Context | None = None) -> list[dict]:
    """The flags of one article as the model decides them.

    A flag of type ``t`` is emitted on a sentence when the model's probability reaches the
    threshold of ``t``; its score is that probability. A rule flag of a ``rule_union`` type is
    emitted below the threshold too (with the rule's score), unless the model's probability is
    under ``union_floor`` times the threshold: the uncontrolled-result rule reads the article's
    structure (one group, no comparison), which carries over to new authors, but it also fires
    on careful sentences that report both arms or a survey, which the model can overrule. Where the rule flagger raised the same
    flag, its severity (how strong the wording is: a cure under a condition is not "high"),
    claims, evidence and explanation are kept; otherwise they are built from what drove the
    model (see :func:`explain`), with the severity following the score.

    Returns:
        Contract Flag dicts sorted by position, with ids ``f1``, ``f2``, ...
    """
    context, base = article_features(text, sentences, claims, designs, rule_flags, context)
    probability = model.sentence_proba(base)
    rules = {(f["start"], f["type"]): f for f in rule_flags}
    thresholds = np.array([model.thresholds[kind] for kind in FLAG_TYPES])
    flags = []
    merged = union_rules(probability, sentences, rule_flags, model.rule_union, model.union_floor * thresholds)
    for index, k in zip(*np.nonzero(merged >= thresholds)):
        kind, p, sentence = FLAG_TYPES[k], float(probability[index, k]), sentences[index]
        rule = rules.get((sentence.start, kind))
        if rule is not None:
            flag = {**rule, "score": round(p, 3)} if p >= thresholds[k] else dict(rule)
        else:
            flag = explain(model, context, int(index), kind, model.rows(base[index])[k], claims, p)
        flags.append(flag)
    flags += _cure_as_cause(flags, rules)
    flags = without_vetoed(flags)
    flags.sort(key=lambda f: (f["start"], f["type"]))
    for number, flag in enumerate(flags, start=1):
        flag["id"] = f"f{number}"
    return flags


def without_vetoed(flags: list[dict]) -> list[dict]:
    """``flags`` less the causal-overstatement flags on sentences :func:`causal_vetoed` clears."""
    return [f for f in flags if not (f["type"] == "causal_overstatement" and causal_vetoed(f["sentence"]))]


def causal_vetoed(span: str) -> bool:
    """The sentence carries no causal-overstatement flag (cure wording is still flagged as cure
    language) when it reports a causal link as an assumption, hypothesis or theory ("the treatment
    assumes that ...", "hinges on the hypothesis that ...", "in theory") rather than asserting it, or
    opens by defining a disease ("MS is an auto-immune disease caused by ..."): background, not a finding."""
    return any(pattern.search(span) for pattern in lexicon("vetoes").values())


def union_rules(probability: np.ndarray, sentences: list[Sentence], rule_flags: list[dict],
                union: tuple[str, ...], floors: np.ndarray | None = None) -> np.ndarray:
    """``probability`` (sentences x types) with 1.0 wherever the rules flagged a type of ``union``
    and the probability reaches that type's floor (``floors``, one per type; none: no floor)."""
    if not union:
        return probability
    merged = probability.copy()
    for index, kind in rule_cells(sentences, rule_flags, union):
        k = FLAG_TYPES.index(kind)
        if floors is None or probability[index, k] >= floors[k]:
            merged[index, k] = 1.0
    return merged


def rule_cells(sentences: list[Sentence], rule_flags: list[dict], union: tuple[str, ...]) -> set[tuple[int, str]]:
    """(sentence index, flag type) of every rule flag of a type of ``union``."""
    starts = {sentence.start: index for index, sentence in enumerate(sentences)}
    return {(starts[flag["start"]], flag["type"]) for flag in rule_flags
            if flag["type"] in union and flag["start"] in starts}


def _cure_as_cause(flags: list[dict], rules: dict[tuple[int, str], dict]) -> list[dict]:
    """Causal overstatement on the cure claims the model flags and the rules read as causal.

    The contract counts a cure claim resting on associational or uncontrolled evidence as
    causal overstatement too, and the rules raise it only where no trial backs the claim. The
    model learns the two types from authors who often mark only the cure, so a cure flag whose
    sentence the rules also flagged as causal carries the rules' causal flag, scored with the
    model's cure probability. It adds no flag to a sentence the model left unflagged.
    """
    emitted = {(f["start"], f["type"]) for f in flags}
    return [
        {**rules[(f["start"], "causal_overstatement")], "score": f["score"]}
        for f in flags
        if f["type"] == "cure_language"
        and (f["start"], "causal_overstatement") in rules
        and (f["start"], "causal_overstatement") not in emitted
    ]


def explain(model: FlagModel, context: Context, index: int, kind: str, row: dict[str, float], claims: list[dict],
            score: float) -> dict:
    """A flag the rules did not raise, explained from the sentence's cues, claims and the
    article's evidence, plus the signals that weighed most in the model's score."""
    sentence = context.sentences[index]
    span = context.span(index)
    own = [c for c in claims if sentence.start <= c["start"] < sentence.end]
    templates = explanations()
    model_text = templates["model"]
    ids: list[str] = []
    evidence_kind = templates["evidence_kind"][context.evidence_kind()]
    rct = templates["rct"]["present" if context.has_rct else "absent"]
    if kind == "causal_overstatement":
        cue = claim_head(context, sentence, span) or causal_cue(sentence, span) or cue_search("causal_strong", span) \
            or cue_search("effect_verbs", span) or cue_search("cure", span)
        ids = [c["id"] for c in own if c["type"] == "association"]
        text = (templates["causal_overstatement"]["claim"].format(cue=cue.group(), evidence_kind=evidence_kind, rct=rct)
                if cue else model_text["causal_overstatement"].format(evidence_kind=evidence_kind, rct=rct))
    elif kind == "cure_language":
        cue = cue_search("cure", span)
        text = (templates["cure_language"]["hedged" if HEDGE.search(span) else "direct"].format(
            cue=cue.group(), support=templates["support"]["rct" if context.backed(index) else "none"]).strip()
            if cue else model_text["cure_language"])
    elif kind == "uncontrolled_efficacy":
        chosen = [c for c in own if c["type"] in ("efficacy", "prevalence")] or own
        ids = [c["id"] for c in chosen]
        quantity = cue_search("quantity", span)
        text = templates["uncontrolled_efficacy"].format(
            quantity=chosen[0]["quantity"]["text"] if chosen else quantity.group() if quantity else "the result",
            intervention=(chosen[0].get("intervention") if chosen else None) or "the treatment")
    elif kind == "relative_risk_only":
        chosen = [c for c in own if is_relative(c, span)] or own
        ids = [c["id"] for c in chosen]
        text = (templates["relative_risk_only"].format(quantity=chosen[0]["quantity"]["text"]) if chosen
                else model_text["relative_risk_only"])
    else:
        models = [model_text["models"][label] for label in ("animal", "cell") if label in context.labels]
        cue = cue_search("cure", span) or cue_search("advice", span) or causal_cue(sentence, span) \
            or cue_search("human", span)
        text = (templates["animal_to_human"].format(models=" and ".join(models) or "animals", cue=cue.group())
                if cue else model_text["animal_to_human"].format(models=" and ".join(models) or "animals"))
    signals = top_signals(model, row)
    if signals:
        text = f"{text} {model_text['signals'].format(signals='; '.join(signals))}"
    evidence = evidence_spans(context, sentence, EVIDENCE_ROLES[kind])
    return make_flag(kind, sentence, span, score, text, ids, evidence)


def top_signals(model: FlagModel, row: dict[str, float]) -> list[str]:
    """The features that raised the score most, in words a reviewer can check."""
    names = list(row)
    contribution = np.asarray(hash_features([{n: row[n]} for n in names], model.linear.n_features)
                              @ model.linear.coef[0]).ravel()
    described: list[str] = []
    for position in np.argsort(-contribution):
        if contribution[position] <= 0 or len(described) >= MAX_SIGNALS:
            break
        text = describe(names[position])
        if text and text not in described:
            described.append(text)
    return described


def describe(name: str) -> str | None:
    """A feature name in plain words (``None`` for a type's bias and for words that carry no topic)."""
    key = name.split("|", 1)[-1]
    if key == "bias":
        return None
    words = explanations()["model"]["features"]
    prefix, _, value = key.partition("=")
    if prefix in ("w", "b"):
        content = [w for w in value.split() if w != "<num>" and w not in topic_stopwords()]
        return words["word"].format(value=value) if content else None
    if prefix == "s":
        return words["stem"].format(value=value)
    if key in words:
        return words[key]
    if "{first}" in words.get(prefix, ""):  # "strength:evidence" or a trial-backing boolean
        backed = explanations()["model"]["backed"]
        first, _, second = value.partition(":")
        parts = [backed.get(part, part.replace("_", " ")) for part in (first, second)]
        return words[prefix].format(first=parts[0], second=parts[1])
    if prefix in words:
        return words[prefix].format(value=value.replace("_", " "))
    return key.replace("_", " ")

