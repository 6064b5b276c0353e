"""The five overstatement flags of the contract, from sentences, claims and study designs.

Everything here is a plain function over the article text, its sentences (offsets and claim
strength) and its claims, so ``overclaim flag`` can run it on records written by
``overclaim extract`` without extracting again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.flags.cues import explanations, lexicon, topic_terms
from pipeline.flags.design import detect_designs, summarize

CAUSAL = ("direct_causal", "conditional_causal")
HEDGE = re.compile(r"\b(?:could|may|might|can|potential(?:ly)?|possibl[ey]|theoretically|perhaps|appears? to|seems? to|suggests?|promising|hope)\b", re.I)
RELATIVE_CONTEXT = re.compile(r"\b(?:risk|odds|chances?|likel(?:y|ihood)|rates?|incidence|hazard)\b", re.I)
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: offsets into the text and its claim strength."""

    start: int
    end: int
    strength: str | None = None


@dataclass
class Context:
    """What the whole article says about its evidence."""

    text: str
    designs: list[dict]
    labels: set[str]
    claims: list[dict]
    association_claims: list[dict]
    uncontrolled_claims: list[dict]
    has_baseline: bool

    @property
    def has_rct(self) -> bool:
        return "rct" in self.labels

    @property
    def has_human_trial(self) -> bool:
        return bool({"rct", "human_trial"} & self.labels)

    @property
    def observational(self) -> bool:
        return bool(self.association_claims) or "observational" in self.labels

    @property
    def uncontrolled(self) -> bool:
        return bool(self.uncontrolled_claims) or "uncontrolled" in self.labels

    def evidence_kind(self) -> str:
        if self.observational and self.uncontrolled:
            return "association+uncontrolled"
        if self.observational:
            return "association"
        if self.uncontrolled:
            return "uncontrolled"
        return "none"


def flag_article(text: str, sentences: list[Sentence], claims: list[dict]) -> tuple[list[dict], list[dict]]:
    """Flag the sentences of one article.

    Args:
        text: the cleaned article text.
        sentences: its sentences, in order, with their claim strength.
        claims: its claims (contract Claim dicts with ``id``), in order.

    Returns:
        ``(designs, flags)``: the study-design mentions found and the contract Flag dicts,
        sorted by position, with ids ``f1``, ``f2``, ...
    """
    designs = detect_designs(text)
    context = _context(text, designs, claims)
    findings = associations(text, sentences, context)
    flags: list[dict] = []
    for index, sentence in enumerate(sentences):
        span = text[sentence.start:sentence.end]
        own_claims = [c for c in claims if sentence.start <= c["start"] < sentence.end]
        flags += _cure_flags(context, sentence, span, index)
        flags += _uncontrolled_flags(context, sentence, span, own_claims)
        flags += _relative_flags(context, sentence, span, own_claims)
        flags += _association_flags(context, sentence, span, own_claims)
        if not any(f["type"] == "causal_overstatement" and f["start"] == sentence.start for f in flags):
            flags += _topic_flags(context, sentence, span, findings)
        flags += _animal_flags(context, sentence, span)
    flags.sort(key=lambda f: (f["start"], f["type"]))
    for number, flag in enumerate(flags, start=1):
        flag["id"] = f"f{number}"
    return designs, flags


def _context(text: str, designs: list[dict], claims: list[dict]) -> Context:
    labels = summarize(designs)
    association = [c for c in claims if c["type"] == "association"]
    uncontrolled = [c for c in claims if c["type"] == "efficacy" and not c.get("comparator")] if "rct" not in labels else []
    baseline = bool(lexicon("cues")["baseline"].search(text)) or any(
        c["quantity"]["kind"] == "difference" for c in claims
    )
    return Context(text, designs, labels, claims, association, uncontrolled, baseline)


def _flag(kind: str, sentence: Sentence, span: str, score: float, explanation: str,
          claim_ids: list[str] | None = None, evidence: list[dict] | None = None) -> dict:
    severity = "high" if score >= 0.75 else "medium" if score >= 0.5 else "low"
    return {
        "id": "", "type": kind, "severity": severity, "score": round(score, 3),
        "start": sentence.start, "end": sentence.end, "sentence": span,
        "claim_ids": claim_ids or [], "evidence": evidence or [], "explanation": explanation,
    }


def _evidence(context: Context, sentence: Sentence, roles: tuple[str, ...]) -> list[dict]:
    """Spans elsewhere in the article that the verdict rests on."""
    spans: list[dict] = []
    seen: set[tuple[int, int]] = set()

    def add(start: int, end: int, role: str) -> None:
        if (start, end) in seen or sentence.start <= start < sentence.end or len(spans) >= MAX_EVIDENCE:
            return
        seen.add((start, end))
        spans.append({"start": start, "end": end, "text": context.text[start:end], "role": role})

    if "association" in roles:
        for claim in context.association_claims:
            add(claim["start"], claim["end"], "association")
    if "uncontrolled" in roles:
        for claim in context.uncontrolled_claims:
            add(claim["start"], claim["end"], "uncontrolled_result")
    for design in context.designs:
        if design["label"] in roles:
            add(design["start"], design["end"], f"{design['label']}_design")
    return sorted(spans, key=lambda s: s["start"])


def _cure_flags(context: Context, sentence: Sentence, span: str, index: int) -> list[dict]:
    cues = lexicon("cues")
    cure = cues["cure"].search(span)
    if not cure or cues["cure_negated"].search(span) or cues["animal_scope"].search(span):
        return []
    templates = explanations()
    support_key = "rct" if context.has_rct else "association" if context.observational else \
        "uncontrolled" if context.uncontrolled else "none"
    support = templates["support"][support_key]
    conditional = cues["future_condition"].search(span)
    hedged = sentence.strength == "conditional_causal" or HEDGE.search(span)
    mode = "conditional" if conditional else "hedged" if hedged else "direct"
    score = {"direct": 0.9, "hedged": 0.7, "conditional": 0.6}[mode] - (0.25 if context.has_rct else 0.0)
    flags = [_flag("cure_language", sentence, span, score,
                   templates["cure_language"][mode].format(cue=cure.group(), support=support).strip())]
    if not conditional and not context.has_rct:
        kind = context.evidence_kind()
        evidence = _evidence(context, sentence, ("association", "uncontrolled", "observational"))
        score = 0.85 if evidence else 0.55
        if hedged:
            score -= 0.1
        text = templates["causal_overstatement"]["cure"].format(
            cue=cure.group(), evidence_kind=templates["evidence_kind"][kind], rct=templates["rct"]["absent"])
        flags.append(_flag("causal_overstatement", sentence, span, score, text, evidence=evidence))
    return flags


def _association_flags(context: Context, sentence: Sentence, span: str, own: list[dict]) -> list[dict]:
    """Causal wording on an observational number: "coffee slashes the risk by 20 percent"."""
    cues = lexicon("cues")
    claims = [c for c in own if c["type"] == "association"]
    if not claims or sentence.strength not in CAUSAL or cues["cure"].search(span):
        return []
    verb = cues["effect_verbs"].search(span)
    if not verb:
        return []
    score = (0.8 if sentence.strength == "direct_causal" else 0.6) - (0.3 if cues["caution"].search(span) else 0.0)
    text = explanations()["causal_overstatement"]["association"].format(cue=verb.group())
    evidence = _evidence(context, sentence, ("observational",))
    return [_flag("causal_overstatement", sentence, span, score, text, [c["id"] for c in claims], evidence)]


@dataclass(frozen=True)
class Association:
    """An associational finding of the article, split into its two sides' topic words."""

    start: int
    end: int
    exposure: frozenset[str]
    outcome: frozenset[str]
    claim_id: str | None = None


def associations(text: str, sentences: list[Sentence], context: Context) -> list[Association]:
    """The article's associational findings: sentences with an association claim, and
    sentences that describe an observational design together with a relation ("people who
    drank coffee were less likely to..."). Each is cut at its relation cue into an exposure
    side (plus the claim's intervention slot) and an outcome side (plus its outcome slot)."""
    relation = lexicon("cues")["relation"]
    by_sentence = {c["start"]: c for c in context.association_claims}
    observational = [d["start"] for d in context.designs if d["label"] == "observational"]
    found = []
    for sentence in sentences:
        span = text[sentence.start:sentence.end]
        claim = by_sentence.get(sentence.start)
        cue = relation.search(span)
        if claim is None and not (cue and any(sentence.start <= s < sentence.end for s in observational)):
            continue
        cut = cue.start() if cue else claim["quantity"]["start"] - sentence.start
        exposure = topic_terms(span[:cut]) | topic_terms((claim or {}).get("intervention") or "")
        outcome = topic_terms(span[cut:]) | topic_terms((claim or {}).get("outcome") or "")
        found.append(Association(sentence.start, sentence.end, frozenset(exposure - outcome),
                                 frozenset(outcome - exposure), claim["id"] if claim else None))
    return found


def _topic_flags(context: Context, sentence: Sentence, span: str, findings: list[Association]) -> list[dict]:
    """A causal sentence about both sides of an association reported elsewhere in an article
    with no randomized evidence: "ultra-processed foods drive depression"."""
    cues = lexicon("cues")
    if (context.has_rct or cues["cure"].search(span) or cues["caution"].search(span)
            or cues["animal_scope"].search(span)):
        return []
    verb = cues["effect_verbs"].search(span)
    # a causal verb with no correlational phrase counts even where the classifier said correlational
    causal = sentence.strength in CAUSAL or (sentence.strength == "correlational" and not cues["relation"].search(span))
    if not verb or not causal:
        return []
    words = topic_terms(span)
    linked = [f for f in findings if f.start != sentence.start and words & f.exposure and words & f.outcome]
    if not linked:
        return []
    score = 0.7 if sentence.strength == "direct_causal" else 0.55
    templates = explanations()
    text = templates["causal_overstatement"]["exposure"].format(
        exposure=", ".join(sorted(words & linked[0].exposure)), cue=verb.group(),
        evidence_kind=templates["evidence_kind"]["association"], rct=templates["rct"]["absent"])
    evidence = [{"start": f.start, "end": f.end, "text": context.text[f.start:f.end], "role": "association"}
                for f in linked[:MAX_EVIDENCE]]
    return [_flag("causal_overstatement", sentence, span, score, text, [], evidence)]


def _uncontrolled_flags(context: Context, sentence: Sentence, span: str, own: list[dict]) -> list[dict]:
    claims = [c for c in own if c in context.uncontrolled_claims and c["quantity"]["kind"] != "p_value"]
    if (not claims or re.search(r"\b(?:control|placebo|compared|versus|vs\.?|untreated)\b", span, re.I)
            or lexicon("cues")["animal_scope"].search(span)):
        return []
    score = 0.85 if "uncontrolled" in context.labels else 0.7
    claim = claims[0]
    text = explanations()["uncontrolled_efficacy"].format(
        quantity=claim["quantity"]["text"], intervention=claim.get("intervention") or "the treatment")
    evidence = _evidence(context, sentence, ("uncontrolled",))
    return [_flag("uncontrolled_efficacy", sentence, span, score, text, [c["id"] for c in claims], evidence)]


def is_relative(claim: dict, sentence_text: str) -> bool:
    """A ratio, or a percentage change in a risk, odds, chance or rate."""
    quantity = claim["quantity"]
    if quantity["kind"] == "ratio":
        return True
    return (quantity["kind"] == "percent" and quantity.get("direction") is not None
            and quantity.get("unit") != "percentage_point" and bool(RELATIVE_CONTEXT.search(sentence_text)))


def _relative_flags(context: Context, sentence: Sentence, span: str, own: list[dict]) -> list[dict]:
    if context.has_baseline:
        return []
    claims = [c for c in own if c["type"] in ("association", "efficacy", "safety") and is_relative(c, span)]
    if not claims:
        return []
    text = explanations()["relative_risk_only"].format(quantity=claims[0]["quantity"]["text"])
    return [_flag("relative_risk_only", sentence, span, 0.7, text, [c["id"] for c in claims])]


def _animal_flags(context: Context, sentence: Sentence, span: str) -> list[dict]:
    if not ({"animal", "cell"} & context.labels) or context.has_human_trial:
        return []
    cues = lexicon("cues")
    if cues["animal_scope"].search(span) or cues["caution"].search(span):
        return []
    cure = cues["cure"].search(span)
    claim_cue = cure or (sentence.strength in CAUSAL and cues["effect_verbs"].search(span))
    if not claim_cue or not (cure or cues["human"].search(span)):
        return []
    models = sorted({d["text"].lower() for d in context.designs if d["label"] in ("animal", "cell")})[:3]
    text = explanations()["animal_to_human"].format(models=" and ".join(models) or "animals", cue=claim_cue.group())
    evidence = _evidence(context, sentence, ("animal", "cell"))
    return [_flag("animal_to_human", sentence, span, 0.75, text, evidence=evidence)]
