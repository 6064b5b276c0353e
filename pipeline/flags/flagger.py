"""The five overstatement flags of the contract, from sentences, claims and study designs.

Everything here is a plain function over the article text, its sentences (offsets, claim
strength and the strength classifier's scores) and its claims, so ``overclaim flag`` can run
it on records written by ``overclaim extract`` without extracting again.

The core signal is a causal sentence (a causal cue that the strength classifier backs, or an
unambiguous one such as "prevents" or "shields you from") in an article whose evidence for it
is observational, uncontrolled or animal work. A randomized trial in the article backs only
the sentences about the trial's topic, so a news round-up with one good trial does not excuse
its other stories; a trial that found nothing, or one still planned, backs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from pipeline.flags.cues import cue_search, explanations, lexicon, topic_terms, word_families
from pipeline.flags.design import detect_designs, summarize
from pipeline.sentences import trimmed

CAUSAL = ("direct_causal", "conditional_causal")
HEDGE = re.compile(r"\b(?:could|may|might|can|potential(?:ly)?|possibl[ey]|theoretically|perhaps|appears? to|seems? to|suggests?|promising|hope)\b", re.I)
RELATIVE_CONTEXT = re.compile(r"\b(?:risk|odds|chances?|likel(?:y|ihood)|rates?|incidence|hazard|often|common|frequent|"
                              r"fewer|cases|deaths|attacks|strokes|admissions|diagnoses|events|infections|colds)\b", re.I)
#: trial designs whose sentence is the evidence itself, never a claim about it
TRIAL_LABELS = ("rct", "human_trial", "planned_trial", "animal_trial")
#: classifier probability of direct_causal above which an ordinary effect verb reads as causal
DIRECT_SCORE = 0.35
#: topic words a sentence must share with a trial's sentence to be backed by it
TRIAL_OVERLAP = 2
#: "by" just before a percentage after a verb of change ("ups your risk by 15 percent"), not the
#: agent of a passive ("was reported by 3.4% of patients")
CHANGE_BY = re.compile(r"\b(?:ups?|cut|cuts|slash\w*|halv\w*|rais\w*|lower\w*|reduc\w*|increas\w*|decreas\w*|boost\w*|"
                       r"drop\w*|fell|falls?|rose|rises?|climb\w*|declin\w*|improv\w*|shr[ai]nk\w*|grew|jump\w*)\b"
                       r"[^.;]{0,80}\bby (?:about |around |roughly |nearly |almost |up to |as much as |more than |over |"
                       r"at least |a full )?$", re.I)
MAX_EVIDENCE = 5
#: a promise right after a named part of the body ("your joints will feel the difference")
PROMISED_AFTER = re.compile(r"\s+(?:will|'ll)\b", re.I)
#: what may stand between "will" and the causal cue it promises: an adverb ("will quickly lower"),
#: "help (to)"; "will change how doctors treat" promises nothing about health
PROMISE_GAP = re.compile(r"\s*(?:(?:\w+ly|also|even|soon|help|help to|still)\s+)?", re.I)
#: punctuation after which a sentence goes on to cite its evidence
CLAIM_SPLIT = re.compile(r":\s|;\s|\s[\u2014\u2013-]\s")
#: claim types that make a one-group figure something other than a treatment result
NOT_EFFICACY = ("association", "prevalence", "safety")
#: sentences either side of a trial's null result that describe the same trial
NULL_TRIAL_WINDOW = 2
#: units of a difference that gives a baseline rate ("from 4 percent to 3 percent"), not "by 17 minutes"
RATE_UNITS = ("percent", "percentage_point", "rate")
#: word stems of a relative figure's outcome that a baseline's sentence must name ("the same
#: outcome"; all of them for a one-word outcome)
BASELINE_OVERLAP = 2
#: topic words shared with the figure's sentence that make a nearby baseline a restatement of it
BASELINE_SENTENCE_OVERLAP = 3
#: sentences either side of a relative figure where a restatement of the same comparison gives its baseline
BASELINE_WINDOW = 3


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: offsets into the text, its claim strength and the strength
    classifier's class probabilities (``None`` when unknown)."""

    start: int
    end: int
    strength: str | None = None
    scores: dict[str, float] | None = None

    @classmethod
    def of(cls, span) -> Sentence:  # noqa: ANN001 - spaCy Span with the strength extensions
        """The sentence of a parsed span, without surrounding whitespace, with its strength."""
        return cls(*trimmed(span), span._.strength, span._.strength_scores)

    def direct_score(self) -> float:
        """The classifier's probability that the sentence states direct causation."""
        if self.scores:
            return self.scores.get("direct_causal", 0.0)
        return 1.0 if self.strength == "direct_causal" else 0.0


@dataclass
class Context:
    """What the whole article says about its evidence."""

    text: str
    sentences: list[Sentence]
    designs: list[dict]
    labels: set[str]
    association_claims: list[dict]
    uncontrolled_claims: list[dict]
    #: ``(start, end)`` of every absolute risk or baseline rate stated in the article
    baselines: list[tuple[int, int]]
    #: indices of sentences reporting a randomized or human trial that was run and found an effect
    trial_sentences: list[int] = field(default_factory=list)
    #: indices of sentences reporting animal or cell work
    animal_sentences: list[int] = field(default_factory=list)
    #: indices of sentences reporting a study in people or a human result
    human_sentences: list[int] = field(default_factory=list)

    @property
    def has_rct(self) -> bool:
        return bool(self.trial_sentences)

    @property
    def observational(self) -> bool:
        named = any(d["label"] == "observational" and _named(d) for d in self.designs)
        return bool(self.association_claims) or named

    @cached_property
    def uncontrolled(self) -> bool:
        return (bool(self.uncontrolled_claims) or "uncontrolled" in self.labels
                or bool(lexicon("cues")["own_clinic"].search(self.text)))

    @property
    def animal(self) -> bool:
        return bool(self.animal_sentences)

    def span(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start:sentence.end]

    @cached_property
    def terms(self) -> list[set[str]]:
        """The topic words of each sentence (:func:`topic_terms`), found once per article."""
        return [topic_terms(self.span(index)) for index in range(len(self.sentences))]

    def evidence_kind(self) -> str:
        if self.observational and self.uncontrolled:
            return "association+uncontrolled"
        if self.observational:
            return "association"
        if self.uncontrolled:
            return "uncontrolled"
        if self.animal:
            return "animal"
        return "none"

    def backed(self, index: int) -> bool:
        """Whether a randomized or human trial in the article backs sentence ``index``: the
        trial is the article's only evidence, the sentence restates the trial sentence just
        before it, or the sentence is about the trial's topic."""
        if not self.trial_sentences:
            return False
        if not (self.observational or self.uncontrolled or self.animal):
            return True
        # "That means patches raise your chances ...": a restatement of the trial just reported
        if index - 1 in self.trial_sentences and lexicon("cues")["restatement"].search(self.span(index)):
            return True
        words = self.terms[index]
        for trial in self.trial_sentences:
            if len(words & self.terms[trial]) >= TRIAL_OVERLAP:
                return True
        return False

    def has_baseline_for(self, index: int, outcome: str | None) -> bool:
        """Whether the article gives an absolute risk or baseline rate for the outcome of a
        relative figure in sentence ``index``: in that sentence (or one either side, when the
        figure names no outcome or the sentence points back to the one before), in a sentence that names the same outcome
        (:data:`BASELINE_OVERLAP` of its word stems; "died" and "dying" count as one), or in a
        sentence within :data:`BASELINE_WINDOW` that restates the same comparison
        (:data:`BASELINE_SENTENCE_OVERLAP` topic words, "In absolute terms, 2.2% of those ...")."""
        sentence = self.sentences[index]
        # a figure that names no outcome ("That is a 25 percent lower risk") shares its neighbours'
        # baselines; one whose sentence points back to the comparison ("The link held up ...") also
        # those of the sentence before last, since that comparison is often restated in between
        first, last = sentence.start, sentence.end
        back = 2 if lexicon("cues")["anaphora"].search(self.span(index)) else 1 if not outcome else 0
        if back:
            first = self.sentences[max(index - back, 0)].start
            last = self.sentences[min(index + 1, len(self.sentences) - 1)].end
        own = stems(self.terms[index])
        wanted = stems(topic_terms(outcome)) if outcome else set()
        for start, _ in self.baselines:
            if first <= start < last:
                return True
            host = next((k for k, s in enumerate(self.sentences) if s.start <= start < s.end), None)
            if host is None:
                continue
            words = stems(self.terms[host])
            if len(words & wanted) >= min(BASELINE_OVERLAP, len(wanted) or 1):
                return True
            # the same comparison restated nearby ("In absolute terms, 2.2% of those on placebo ...")
            if abs(host - index) <= BASELINE_WINDOW and len(words & own) >= BASELINE_SENTENCE_OVERLAP:
                return True
        return False

    def animal_evidence_for(self, index: int, about_people: bool = False) -> bool:
        """Whether the article's evidence for sentence ``index`` is animal or cell work: no
        trial backs it, and the article reports no study in people, or the sentence shares
        more topic words with the animal work than with any human study (as many, for a
        sentence that speaks of people or "you": the animal work is then as close a source)."""
        if not self.animal or self.backed(index):
            return False
        if not (self.trial_sentences or self.observational or self.uncontrolled):
            return True
        words = stems(self.terms[index])
        animal = max(len(words & stems(self.terms[i])) for i in self.animal_sentences)
        human = max((len(words & stems(self.terms[i])) for i in self.human_sentences), default=0)
        return animal > human or (about_people and animal >= max(human, 1))


def stems(words: set[str]) -> set[str]:
    """Five-letter stems, so that "diagnosis" and "diagnoses" name the same outcome (and
    irregular forms joined first: "died", "dying" and "death")."""
    return {stem(word) for word in words}


def stem(word: str) -> str:
    """A crude stem: the family head, without "-ing" or "-ed" (and a doubled final consonant:
    "quitting" -> "quit"), cut to five letters."""
    word = word_families().get(word, word)
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]
            break
    return word[:5]


def flag_article(text: str, sentences: list[Sentence], claims: list[dict],
                 designs: list[dict] | None = None, context: Context | None = None) -> tuple[list[dict], list[dict]]:
    """Flag the sentences of one article.

    Args:
        text: the cleaned article text.
        sentences: its sentences, in order, with their claim strength (and classifier scores).
        claims: its claims (contract Claim dicts with ``id``), in order.
        designs: its study-design mentions if already detected (else detected here).
        context: the article's :func:`build_context` if already built from these designs.

    Returns:
        ``(designs, flags)``: the study-design mentions found and the contract Flag dicts,
        sorted by position, with ids ``f1``, ``f2``, ...
    """
    designs = detect_designs(text) if designs is None else designs
    context = build_context(text, sentences, designs, claims) if context is None else context
    flags: list[dict] = []
    for index, sentence in enumerate(sentences):
        span = text[sentence.start:sentence.end]
        own_claims = [c for c in claims if sentence.start <= c["start"] < sentence.end]
        flags += _cure_flags(context, sentence, span, index)
        flags += _uncontrolled_flags(context, sentence, span, own_claims, index)
        flags += _relative_flags(context, sentence, span, own_claims, index)
        animal = _animal_flags(context, sentence, span, index)
        flags += animal
        if not any(f["type"] == "causal_overstatement" and f["start"] == sentence.start for f in flags):
            flags += _causal_flags(context, sentence, span, own_claims, index, bool(animal))
    flags.sort(key=lambda f: (f["start"], f["type"]))
    for number, flag in enumerate(flags, start=1):
        flag["id"] = f"f{number}"
    return designs, flags


def build_context(text: str, sentences: list[Sentence], designs: list[dict], claims: list[dict]) -> Context:
    """What the article says about its evidence: designs, trial, animal and human sentences,
    association and uncontrolled claims, baselines (see :class:`Context`)."""
    labels = summarize(designs)
    # results in animals or cells are not evidence about people of any kind
    animal_scope = lexicon("cues")["animal_scope"]
    human_claims = [c for c in claims if not animal_scope.search(text[c["start"]:c["end"]])]
    association = [c for c in human_claims if c["type"] == "association"]
    # figures of an article whose only studies are in animals or cells are lab results, even
    # in sentences that do not name the species ("treated muscle fibres held 2.3 times as many")
    lab_only = bool(labels & {"animal", "cell", "animal_trial"}) and not labels & {"rct", "human_trial", "observational", "uncontrolled"}
    uncontrolled = [c for c in human_claims if c["type"] == "efficacy" and not c.get("comparator")] \
        if not ("rct" in labels or lab_only) else []
    baselines = [m.span() for m in lexicon("cues")["baseline"].finditer(text)] + [
        (c["start"], c["end"]) for c in claims if _absolute_rate(c["quantity"])
    ]
    null_result = lexicon("cues")["null_result"]
    trials, nulls, animals, humans = [], [], [], []
    for index, sentence in enumerate(sentences):
        here = {d["label"] for d in designs if sentence.start <= d["start"] < sentence.end}
        span = text[sentence.start:sentence.end]
        if {"rct", "human_trial"} & here:
            (nulls if null_result.search(span) else trials).append(index)
        if {"animal", "cell", "animal_trial"} & here:
            animals.append(index)
        elif here - {"planned_trial"} or any(sentence.start <= c["start"] < sentence.end for c in association + uncontrolled):
            humans.append(index)
    # the design sentences of a trial that found nothing ("970 children were randomly
    # assigned ...") back nothing either; a sentence with its own result still does
    effect = lexicon("cues")["effect_verbs"]
    trials = [i for i in trials if effect.search(text[sentences[i].start:sentences[i].end])
              or not any(abs(i - n) <= NULL_TRIAL_WINDOW for n in nulls)]
    return Context(text, sentences, designs, labels, association, uncontrolled, baselines, trials, animals, humans)


def _absolute_rate(quantity: dict) -> bool:
    """An absolute rate change in percent or points ("from 4 percent to 3 percent", "by 2
    percentage points") or a rate per population ("12 per 100,000")."""
    if quantity["kind"] == "difference":
        return quantity.get("unit") in RATE_UNITS
    return quantity["kind"] == "other" and str(quantity.get("unit") or "").startswith("per ")


def make_flag(kind: str, sentence: Sentence, span: str, score: float, explanation: str,
          claim_ids: list[str] | None = None, evidence: list[dict] | None = None) -> dict:
    score = min(max(score, 0.0), 1.0)
    severity = "high" if score >= 0.75 else "medium" if score >= 0.5 else "low"
    return {
        "id": "", "type": kind, "severity": severity, "score": round(score, 3),
        "start": sentence.start, "end": sentence.end, "sentence": span,
        "claim_ids": claim_ids or [], "evidence": evidence or [], "explanation": explanation,
    }


def evidence_spans(context: Context, sentence: Sentence, roles: tuple[str, ...]) -> list[dict]:
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


def _named(design: dict) -> bool:
    """A design named as such, not just a group of people ("people who walked ..."), which
    trials and overstated sentences describe too."""
    return " who " not in design["text"].lower()


def describes_evidence(context: Context, sentence: Sentence) -> bool:
    """The sentence reports the evidence itself: a trial (its design, result or plans), or
    another named study design in words the classifier does not read as direct causation."""
    return any(sentence.start <= d["start"] < sentence.end and _named(d)
               and (d["label"] in TRIAL_LABELS or sentence.strength != "direct_causal") for d in context.designs)


def causal_cue(sentence: Sentence, span: str) -> re.Match[str] | None:
    """The cue that makes the sentence a claim of cause and effect, or ``None``.

    Unambiguous causal phrases ("prevents", "shields you from", "saves lives") count whatever
    the classifier says, unless the sentence is correlational wording ("linked to"); ordinary
    effect verbs ("lowers", "keeps", "helps") count where the classifier reads the sentence as
    causal. Hedged sentences under an explicit condition ("if", "one day", "might"), cautions,
    and background facts ("is caused by", "can cause side effects") are not claims.
    """
    if cue_search("caution", span) or cue_search("caused_by", span) or cue_search("background", span):
        return None
    if cue_search("relation", span) and sentence.strength != "direct_causal":
        return None
    if sentence.strength == "conditional_causal" and cue_search("hedge_condition", span):
        return None
    strong = cue_search("causal_strong", span)
    causal_reading = sentence.strength in CAUSAL or sentence.direct_score() >= DIRECT_SCORE
    target = cue_search("body_target", span)
    if not strong and target and (causal_reading or PROMISED_AFTER.match(span, target.end())):
        # a part of the body named ("your heart", "our brains") is a claim only in causal wording
        # or in a promise about it ("and your joints will thank you")
        strong = target
    if not strong and sentence.strength != "conditional_causal":
        # "wear out the heart"; under a hedge such phrases are mostly warnings ("can upset the stomach")
        strong = cue_search("body_verb", span)
    if strong and not negated(span, strong):
        return strong
    verb = cue_search("effect_verbs", span)
    # a promise ("will ease") or a claim closed to doubt ("..., full stop") reads as causal
    readable = (sentence.strength in CAUSAL or sentence.direct_score() >= DIRECT_SCORE
                or (verb and promised(span, verb)) or cue_search("certainty", span))
    if verb and readable and not negated(span, verb):
        return verb
    return cue_search("promise_benefit", span)


def promised(span: str, cue: re.Match[str]) -> bool:
    """The cue follows a "will" ("... will keep dementia away", "you'll never need"): a promise
    about the future, which no trial's average result can back."""
    return any(cue.start() >= m.end() and PROMISE_GAP.fullmatch(span[m.end():cue.start()])
               for m in lexicon("cues")["promise"].finditer(span))


def claim_head(context: Context, sentence: Sentence, span: str) -> re.Match[str] | None:
    """An unambiguous causal claim made next to the evidence it cites, judged apart from it:
    before a colon, semicolon or dash that introduces the evidence ("Social media is what
    drives this epidemic: a survey of 10,000 teenagers found ..."), or after a connective that
    draws a conclusion from it ("..., which shows that beetroot protects your heart"), or that
    carries it over to something else ("..., and FloraPrime delivers the same protection")."""
    cues = lexicon("cues")
    split = CLAIM_SPLIT.search(span)
    if split and not any(sentence.start <= d["start"] < sentence.start + split.start() for d in context.designs):
        head = span[:split.start()]
        cue = cues["causal_strong"].search(head)
        if cue and not negated(head, cue):
            return cue
    # "... 30 percent fewer colds, and FloraPrime delivers the same protection": the evidence carried over
    carried = cue_search("carry_over", span)
    if carried and not negated(span, carried) and not cue_search("caution", span):
        return carried
    # "... found X, which shows that beetroot protects your heart": the conclusion is a claim
    conclusion = cue_search("conclusion", span)
    if conclusion:
        cue = cues["causal_strong"].search(span, conclusion.end())
        if cue and not negated(span[conclusion.end():], cue) and not cue_search("caution", span):
            return cue
    return None


def negated(span: str, cue: re.Match[str]) -> bool:
    """A negation just before the cue: "did not benefit", "never prevents"."""
    return bool(lexicon("cues")["negation"].search(span[:cue.start()]))


def _cure_flags(context: Context, sentence: Sentence, span: str, index: int) -> list[dict]:
    """Cure or miracle wording; unless a trial backs it or it depends on an explicit
    condition, also a causal overstatement resting on the article's weaker evidence."""
    cure = cue_search("cure", span)
    # a cure in animals is an animal result, unless the sentence carries it over to people or
    # concludes it for them ("..., which a charity called proof that the jab can end alcoholism")
    leap = (cue_search("human", span) and cue_search("bridge", span)) or concluded(span)
    if not cure or cue_search("cure_negated", span) or cue_search("background", span) or (
            cue_search("animal_scope", span) and not leap):
        return []
    templates = explanations()
    backed = context.backed(index)
    support_key = "rct" if backed else "association" if context.observational else \
        "uncontrolled" if context.uncontrolled else "none"
    support = templates["support"][support_key]
    conditional = cue_search("future_condition", span)
    hedged = sentence.strength == "conditional_causal" or HEDGE.search(span)
    mode = "conditional" if conditional else "hedged" if hedged else "direct"
    score = {"direct": 0.9, "hedged": 0.7, "conditional": 0.6}[mode] - (0.25 if backed else 0.0)
    flags = [make_flag("cure_language", sentence, span, score,
                   templates["cure_language"][mode].format(cue=cure.group(), support=support).strip())]
    # a promised cure ("it will reverse yours") outruns any trial
    if not conditional and (not backed or promised(span, cure)):
        kind = context.evidence_kind()
        evidence = evidence_spans(context, sentence, ("association", "uncontrolled", "observational", "animal", "cell"))
        score = (0.85 if evidence else 0.55) - (0.1 if hedged else 0.0)
        text = templates["causal_overstatement"]["promise"].format(cue=cure.group()) if backed else \
            templates["causal_overstatement"]["cure"].format(
                cue=cure.group(), evidence_kind=templates["evidence_kind"][kind],
                rct=templates["rct"]["present" if context.has_rct else "absent"])
        flags.append(make_flag("causal_overstatement", sentence, span, score, text, evidence=evidence))
    return flags


def _causal_flags(context: Context, sentence: Sentence, span: str, own: list[dict], index: int,
                  animal_flagged: bool) -> list[dict]:
    """Causal wording that outruns the article's evidence: "coffee slashes the risk by 20
    percent" on a cohort, "saunas save lives", "X boosts your immunity" on a case series."""
    claims = [c for c in own if c["type"] == "association"]
    head = claim_head(context, sentence, span)
    if cue_search("cure", span) or cue_search("animal_scope", span) or (
            not head and describes_evidence(context, sentence)):
        return []
    # on animal evidence alone, a causal claim is an overstatement only where it is about people;
    # with studies in people as well, it outruns those
    human_evidence = context.observational or context.uncontrolled
    if context.animal_evidence_for(index) and not animal_flagged and not human_evidence:
        return []
    if own and all(c["type"] == "safety" for c in own):
        return []  # a count of harms ("1 in 100 led to a bruise") is not a benefit outrunning its evidence
    cue = head or causal_cue(sentence, span)
    # with no study of any kind in the article (a medicine leaflet), there is nothing to outrun
    no_study = context.evidence_kind() == "none" and not context.labels - {"planned_trial"}
    # a promise ("will keep dementia away") or a claim closed to doubt ("full stop") outruns any trial
    unbacked = promised(span, cue) or cue_search("certainty", span) if cue else False
    backed = context.backed(index)
    if not cue or (backed and not claims and not unbacked) or no_study:
        return []
    templates = explanations()
    hedged = sentence.strength == "conditional_causal"
    score = (0.6 if hedged else 0.8) - (0.1 if sentence.strength not in CAUSAL else 0.0)
    if claims:
        text = templates["causal_overstatement"]["association"].format(cue=cue.group())
    elif backed:
        text = templates["causal_overstatement"]["promise"].format(cue=cue.group())
    else:
        text = templates["causal_overstatement"]["claim"].format(
            cue=cue.group(), evidence_kind=templates["evidence_kind"][context.evidence_kind()],
            rct=templates["rct"]["absent" if not context.has_rct else "present"])
    evidence = evidence_spans(context, sentence, ("association", "uncontrolled", "observational", "animal", "cell"))
    return [make_flag("causal_overstatement", sentence, span, score, text, [c["id"] for c in claims], evidence)]


def _uncontrolled_flags(context: Context, sentence: Sentence, span: str, own: list[dict], index: int) -> list[dict]:
    """A share of treated people who improved, or a before/after change in one group, with no
    group to compare them against."""
    cues = lexicon("cues")
    compared = cue_search("comparison", span) and not cue_search("before_after", span)
    if compared or cue_search("animal_scope", span) or cue_search("caution", span):
        return []
    better = cue_search("got_better", span)
    better = better and not negated(span, better) and not cue_search("not_improved", span)
    # a customer survey, a testimonial, a company's own data, or a study that this sentence or the
    # one before calls uncontrolled ("a report on three patients"), is not backed by a trial
    first = context.sentences[max(index - 1, 0)].start
    uncontrolled_here = any(d["label"] == "uncontrolled" and first <= d["start"] < sentence.end
                            and cues["uncontrolled_named"].search(d["text"]) for d in context.designs)
    backed = context.backed(index) and not (cue_search("own_clinic", span) or uncontrolled_here)
    # a share of one group counts when they got better, and not in wording of correlation
    # ("tied to weight loss: 86% of those who ...", which is an association)
    group = cue_search("group_report", span) if better and not cue_search("relation", span) else None
    single = cue_search("testimonial", span) or (None if backed else cue_search("single_group_change", span) or group)
    # shares of users reporting side effects are harms, and group rates associations, unless
    # the sentence says they got better ("80% of them had less pain")
    typed_away = own and all(c["type"] in NOT_EFFICACY for c in own) and not better
    if single and not negated(span, single) and not typed_away:
        return [_uncontrolled_flag(context, sentence, span, own, single.group())]
    if backed or not _uncontrolled_setting(context):
        return []
    improved = cue_search("improvement", span) and not cue_search("not_improved", span)
    claims = [c for c in own if c in context.uncontrolled_claims and c["quantity"]["kind"] != "p_value"] if improved else []
    if not claims and not (improved and cue_search("quantity", span)):
        return []
    fallback = "" if claims else cue_search("quantity", span).group()
    return [_uncontrolled_flag(context, sentence, span, claims or own, fallback)]


def _uncontrolled_flag(context: Context, sentence: Sentence, span: str, claims: list[dict], fallback: str) -> dict:
    """The flag for an uncontrolled result, citing the sentence's efficacy and prevalence
    claims; ``fallback`` names the result when no claim does."""
    claims = [c for c in claims if c["type"] in ("efficacy", "prevalence")]
    score = 0.85 if "uncontrolled" in context.labels else 0.7
    quantity = claims[0]["quantity"]["text"] if claims else fallback
    intervention = (claims[0].get("intervention") if claims else None) or "the treatment"
    text = explanations()["uncontrolled_efficacy"].format(quantity=quantity, intervention=intervention)
    evidence = evidence_spans(context, sentence, ("uncontrolled",))
    return make_flag("uncontrolled_efficacy", sentence, span, score, text, [c["id"] for c in claims], evidence)


def _uncontrolled_setting(context: Context) -> bool:
    """The article reports treated people without a comparison: a named uncontrolled design,
    a clinic's own patients, or efficacy figures in an article with no trial and no cohort."""
    if "uncontrolled" in context.labels or lexicon("cues")["own_clinic"].search(context.text):
        return True
    return bool(context.uncontrolled_claims) and not (context.observational or context.animal)


def is_relative(claim: dict, sentence_text: str) -> bool:
    """A ratio, or a percentage or fractional change ("15 percent lower", "by 15 percent",
    "half as likely") in a risk, odds, chance, rate or count of events."""
    quantity = claim["quantity"]
    if quantity["kind"] == "ratio":
        return True
    change = quantity.get("direction") is not None or CHANGE_BY.search(claim["sentence"][:quantity["start"] - claim["start"]])
    # "half as likely", "cuts the risk by two-thirds": a fraction that changes a risk
    return (quantity["kind"] in ("percent", "fraction") and bool(change)
            and quantity.get("unit") != "percentage_point" and bool(RELATIVE_CONTEXT.search(sentence_text)))


def _relative_flags(context: Context, sentence: Sentence, span: str, own: list[dict], index: int) -> list[dict]:
    """A relative figure whose outcome has no absolute risk or baseline anywhere in the article."""
    if cue_search("animal_scope", span):
        return []  # a biomarker change in animals or cells has no human baseline to give
    if any(c["quantity"]["kind"] in ("percent", "fraction") and c["quantity"].get("direction") is None
           and not is_relative(c, span) for c in own):
        return []  # the sentence gives the absolute rates itself ("1.3 times as often: 2.6% vs 2.0%")
    if cue_search("time_trend", span):
        return []  # a change over calendar time ("rose fivefold since 2014") is a trend, not a risk
    claims = [c for c in own if c["type"] in ("association", "efficacy", "safety") and is_relative(c, span)
              and not context.has_baseline_for(index, c.get("outcome"))]
    if not claims:
        return []
    text = explanations()["relative_risk_only"].format(quantity=claims[0]["quantity"]["text"])
    return [make_flag("relative_risk_only", sentence, span, 0.7, text, [c["id"] for c in claims])]


def _animal_flags(context: Context, sentence: Sentence, span: str, index: int) -> list[dict]:
    """Animal or cell results sold as a benefit for people: a cure, advice to readers, a
    causal claim about people or "you", or a headline-style causal claim with no species.
    Where the article also reports human studies, only an explicit leap counts ("in rats ...,
    which means it can do the same for your knees")."""
    human = cue_search("human", span)
    # a result carried over ("does the same job in your knees") or promised to the reader
    bridge = cue_search("bridge", span) or cue_search("carry_over", span) or cue_search("promise_benefit", span)
    # the leap is explicit: the sentence, or the one before it, is about the animals or cells
    about_animals = cue_search("animal_scope", span) or {index - 1, index} & set(context.animal_sentences)
    leap = bool(bridge and human and about_animals and context.animal) or bool(about_animals and concluded(span))
    if not (leap or context.animal_evidence_for(index, bool(human))) or (not leap and describes_evidence(context, sentence)):
        return []
    if cue_search("caution", span) or cue_search("caused_by", span):
        return []
    if cue_search("animal_scope", span) and not leap:
        return []
    cure = cue_search("cure", span)
    if cure and cue_search("cure_negated", span):
        return []
    advice = cue_search("advice", span)
    cue = cure or advice or (human and bridge) or causal_cue(sentence, span)
    if not cue:
        return []
    if not (cure or advice or human or leap) and not headline_claim(sentence, span, cue):
        return []
    models = sorted({d["text"].lower() for d in context.designs if d["label"] in ("animal", "cell")})[:3]
    text = explanations()["animal_to_human"].format(models=" and ".join(models) or "animals", cue=cue.group())
    evidence = evidence_spans(context, sentence, ("animal", "cell"))
    return [make_flag("animal_to_human", sentence, span, 0.75 if human or cure else 0.6, text, evidence=evidence)]


def concluded(span: str) -> re.Match[str] | None:
    """A conclusion drawn in the sentence itself from the result it reports, stated as cause
    or cure, or promised ("..., proving that HBOT heals lung damage in patients")."""
    cues = lexicon("cues")
    conclusion = cue_search("conclusion", span)
    if not conclusion or cue_search("caution", span):
        return None
    rest = span[conclusion.end():]
    cue = (cues["causal_strong"].search(rest) or cues["cure"].search(rest) or cues["body_verb"].search(rest)
           or cues["promise_benefit"].search(rest))
    return cue if cue and not negated(rest, cue) else None


def headline_claim(sentence: Sentence, span: str, cue: re.Match[str]) -> bool:
    """A claim that names no one ("Green tea burns belly fat"): an unambiguous causal phrase,
    or a present-tense effect verb in a causal sentence without a measured result (a result
    such as "memory improved threefold" describes the animals of the sentence before)."""
    if cue_search("quantity", span) or re.search(r"\d", span):
        return False
    return bool(cue_search("causal_strong", span)) or (
        sentence.strength == "direct_causal" and cue.group().split()[0].lower().endswith("s"))
