"""Sentence features for the claim-strength classifier.

Two kinds of features, hashed into one sparse matrix:

* lowercased word n-grams (1-2) with numbers normalised to ``<num>``, and crudely stemmed
  words, weighted by ``ngram_weight`` (chosen by cross-validation against the cue features);
* cue features built from the lexicons in ``data/lexicons.json``: which cue categories occur
  (causal verbs by verb form, hedges, modals, correlational phrases, conditionals, negation,
  "further research" and study-design words), where they occur relative to each other
  ("modal within 3 tokens before a causal verb", "negated association", "if ... causal"),
  an abstracted token sequence in which cue words are replaced by their category
  ("MODAL CAUSE_b", "NEG CORR"), and sentence form (question, headline style, length);
* construction features from the ``structural`` word lists of the same file: what a modal
  or hedge governs ("may reduce" vs "may be useful"), active, passive and "in group" uses of
  causal verbs, efficacy predicates, group comparisons ("higher in X than in Y") and
  significant change after an intervention ("improved significantly after surgery");
* the relation features of the main clause alone when a recommendation, research call or
  interpretation follows it ("X was associated with Y, and future trials should ...").

Cue features carry most of the signal across genres because they name the linguistic
device rather than the topic.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.utils import murmurhash3_32

LEXICON_PATH = Path(__file__).parent / "data" / "lexicons.json"

#: hashed feature space; big enough that collisions among a few 10,000 features are rare
N_FEATURES = 1 << 18
#: value given to each n-gram feature (cue features have value 1)
NGRAM_WEIGHT = 0.5
#: n-gram orders used over the word sequence
NGRAM_RANGE = (1, 2)
#: how many tokens before a cue a hedge, negation or modal may stand to scope over it
WINDOW = 3

_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*|\d+(?:[.,]\d+)*|[%?]")
_NUMBER = re.compile(r"\d")
_CONTRACTION = re.compile(r"n['’]t\b")

#: words kept as themselves in the abstracted sequence; every other non-cue word becomes "_"
_FUNCTION_WORDS = frozenset(
    [
        "that",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "with",
        "to",
        "of",
        "in",
        "the",
        "a",
        "an",
        "by",
        "and",
        "but",
        "than",
        "for",
        "on",
        "who",
        "which",
        "it",
        "there",
        "this",
        "these",
        "those",
        "as",
        "from",
        "at",
        "or",
        "between",
    ]
)
#: verb categories matched with their inflection; the suffix in the tag is the verb form
_VERB_FORMS = ("b", "s", "d", "g")
#: tags that hedge a following cue
_HEDGES = frozenset({"MODAL", "HEDGE", "HEDGEV_b", "HEDGEV_s", "HEDGEV_d", "HEDGEV_g"})
#: tags that negate a following cue
_NEGATIONS = frozenset({"NEG", "FAILV_b", "FAILV_s", "FAILV_d", "FAILV_g"})
#: the relation cues whose context is described structurally, by family
_RELATION_FAMILY = {
    **{f"CAUSE_{f}": "cause" for f in _VERB_FORMS},
    **{f"CORRV_{f}": "corr" for f in _VERB_FORMS},
    "CORR": "corr",
    "CAUSEN": "causen",
}
#: when several cues start at the same token, the abstracted sequence shows the first of these
_PRIORITY = (
    "NEG",
    "MODAL",
    "CAN",
    "COND",
    "HEDGEV",
    "HEDGE",
    "FAILV",
    "CAUSE",
    "CORRV",
    "CORR",
    "CAUSEN",
    "FURTHER",
    "PURPOSE",
    "NEEDV",
    "RECOMMEND",
    "EVIDV",
    "AIMV",
    "WEAKN",
    "DESIGN_RCT",
    "DESIGN_OBS",
    "DESIGN_META",
    "DESIGN_ANIMAL",
    "SIGNIF",
    "COMPAR",
    "REPORT",
    "DESCRIBE",
)
#: cue categories used only inside the structural features, never as bag or sequence items
_STRUCTURAL_ONLY = frozenset({"EPISTEMIC"})

_RANK = {name: r for r, name in enumerate(_PRIORITY)}


@dataclass(frozen=True)
class Lexicon:
    """Cue phrases indexed by their first token.

    Attributes:
        index: first token -> list of (token tuple, tag), longest phrases first.
        digest: sha256 of the lexicon file, recorded in the model's meta.
        words: the ``structural`` word lists (name -> words) used by the construction
            features only.
    """

    index: dict[str, list[tuple[tuple[str, ...], str]]]
    digest: str
    words: dict[str, frozenset[str]]


def inflect(lemma: str, irregular: dict[str, dict]) -> dict[str, list[str]]:
    """Forms of a verb lemma: base, third person -s, past/participle -ed, gerund -ing.

    Args:
        lemma: the base form, e.g. ``"reduce"``.
        irregular: lemma -> ``{"s": str, "d": [str, ...], "g": str}`` for verbs that the
            spelling rules below would get wrong.

    Returns:
        form letter (``b``, ``s``, ``d``, ``g``) -> word forms.
    """
    if lemma in irregular:
        forms = irregular[lemma]
        return {"b": [lemma], "s": [forms["s"]], "d": list(forms["d"]), "g": [forms["g"]]}
    if lemma.endswith("e"):
        stem = lemma[:-1]
        return {"b": [lemma], "s": [lemma + "s"], "d": [lemma + "d"], "g": [stem + "ing"]}
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        stem = lemma[:-1]
        return {"b": [lemma], "s": [stem + "ies"], "d": [stem + "ied"], "g": [lemma + "ing"]}
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else lemma + "s"
    return {"b": [lemma], "s": [third], "d": [lemma + "ed"], "g": [lemma + "ing"]}


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and index the cue lexicons (cached per path)."""
    raw = path.read_bytes()
    data = json.loads(raw)
    entries: set[tuple[tuple[str, ...], str]] = set()
    for tag, lemmas in data["verbs"].items():
        for phrase in lemmas:
            head, *rest = phrase.split()
            for form, words in inflect(head, data["irregular"]).items():
                for word in words:
                    entries.add(((word, *rest), f"{tag}_{form}"))
    for tag, phrases in data["phrases"].items():
        for phrase in phrases:
            entries.add((tuple(phrase.split()), tag))
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for tokens, tag in sorted(entries, key=lambda e: (-len(e[0]), e)):
        index.setdefault(tokens[0], []).append((tokens, tag))
    words = {name: frozenset(items) for name, items in data.get("structural", {}).items()}
    return Lexicon(index=index, digest=hashlib.sha256(raw).hexdigest(), words=words)


def tokenize(sentence: str) -> list[str]:
    """Lowercased word tokens with numbers as ``<num>``; ``%`` and ``?`` kept as tokens."""
    text = _CONTRACTION.sub(" not", sentence.lower().replace("cannot", "can not"))
    return ["<num>" if _NUMBER.match(tok) else tok for tok in _TOKEN.findall(text)]


def find_cues(tokens: Sequence[str], lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Every lexicon match as ``(start, end, tag)``; for each tag only the longest at a start."""
    matches = []
    index = lexicon.index
    n = len(tokens)
    for i, tok in enumerate(tokens):
        candidates = index.get(tok)
        if not candidates:
            continue
        seen: set[str] = set()
        for phrase, tag in candidates:
            if tag in seen:
                continue
            k = len(phrase)
            if k == 1 or (i + k <= n and tuple(tokens[i : i + k]) == phrase):
                matches.append((i, i + k, tag))
                seen.add(tag)
    return _drop_nested(matches)


def _drop_nested(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop a cue lying inside a longer cue of another family ("lower" in "lower risk")."""
    longer = [(s, e, _family(t)) for s, e, t in matches if e - s > 1]
    if not longer:
        return matches
    kept = []
    for start, end, tag in matches:
        family = _family(tag)
        inside = any(
            s <= start and end <= e and e - s > end - start and f != family for s, e, f in longer
        )
        if not inside:
            kept.append((start, end, tag))
    return kept


def _family(tag: str) -> str:
    """The tag without its verb-form suffix (``CAUSE_b`` -> ``CAUSE``)."""
    return tag[:-2] if tag[-2:-1] == "_" and tag[-1] in "bsdg" else tag


def _abstracted(tokens: Sequence[str], cues: list[tuple[int, int, str]]) -> list[str]:
    """The token sequence with cues replaced by their tag and content words by ``_``."""
    best: dict[int, tuple[int, int, str]] = {}
    rank = _RANK
    for cue in cues:
        start, _, tag = cue
        current = best.get(start)
        if current is None or rank[_family(tag)] < rank[_family(current[2])]:
            best[start] = cue
    out: list[str] = []
    i = 0
    while i < len(tokens):
        cue = best.get(i)
        if cue is not None:
            out.append(cue[2])
            i = cue[1]
            continue
        tok = tokens[i]
        word = tok if tok in _FUNCTION_WORDS else "_"
        if not (word == "_" and out and out[-1] == "_"):
            out.append(word)
        i += 1
    return out


def _shape_features(sentence: str, tokens: Sequence[str], feats: dict[str, float]) -> None:
    """Question, headline style and length features."""
    stripped = sentence.strip()
    last = stripped[-1:] if stripped else ""
    if last == "?":
        feats["form:question"] = 1.0
        if tokens and tokens[0] in {
            "does",
            "do",
            "did",
            "can",
            "could",
            "is",
            "are",
            "will",
            "should",
            "would",
            "has",
            "have",
            "might",
            "may",
        }:
            feats["form:yesno_question"] = 1.0
    elif last == "!":
        feats["form:exclaim"] = 1.0
    elif last not in {".", ";", ":", '"', "'", ")", "”", "’"}:
        feats["form:no_final_period"] = 1.0
    words = [w for w in stripped.split() if len(w) > 3 and w[:1].isalpha()]
    if words:
        capitals = sum(1 for w in words if w[:1].isupper())
        if len(words) >= 3 and capitals / len(words) >= 0.6:
            feats["form:title_case"] = 1.0
    if ":" in stripped[:80] and len(tokens) < 25:
        feats["form:colon_headline"] = 1.0
    n = len(tokens)
    feats["form:len_" + ("short" if n < 10 else "medium" if n < 25 else "long")] = 1.0


def _relation_features(
    tokens: Sequence[str], cues: list[tuple[int, int, str]], feats: dict[str, float]
) -> None:
    """Where hedges, modals, negations, conditionals and research-agenda words stand
    relative to each relation cue (causal verb, causal noun, correlational phrase).

    Each feature is emitted for the cue's family (``cause``, ``causen``, ``corr``) and, for
    the two causal families, also for the umbrella ``causal`` so that nominal causal claims
    ("is a cure") borrow strength from verbal ones ("cures").
    """
    n = len(tokens)
    hedge_at = [s for s, _, t in cues if t in _HEDGES]
    can_at = [s for s, _, t in cues if t == "CAN"]
    neg_at = [s for s, _, t in cues if t in _NEGATIONS]
    cond_at = [s for s, _, t in cues if t == "COND" and tokens[s] != "would"]
    epistemic_at = [s for s, _, t in cues if t == "EPISTEMIC"]
    # "if the results are confirmed", "if the theory is correct": the claim itself is in doubt
    doubt_at = [c for c in cond_at if any(c < e <= c + 8 for e in epistemic_at)]
    if doubt_at:
        feats["if_epistemic"] = 1.0
    agenda_at = [s for s, _, t in cues if _family(t) in _AGENDA]
    report_that = [
        e for _, e, t in cues if _family(t) in ("HEDGEV", "EVIDV") and e < n and tokens[e] == "that"
    ]
    question = n > 0 and tokens[-1] == "?"
    first_relation = None
    for start, end, tag in sorted(cues):
        family = _RELATION_FAMILY.get(tag)
        if family is None:
            continue
        if first_relation is None:
            first_relation = family
            feats[f"first_relation:{family}"] = 1.0
        form = tag[-1] if tag[-2:-1] == "_" else "n"
        names = (family, "causal") if family != "corr" else (family,)
        doubted = any(c < start for c in doubt_at)
        context = []
        # an epistemic condition ("if the theory is correct, X is a cure") hedges like a modal
        if doubted or any(start - WINDOW <= h < start for h in hedge_at):
            context.append("hedged")
        elif any(h < start for h in hedge_at):
            context.append("hedge_far")
        else:
            context.append("unhedged")
        if any(start - WINDOW <= c < start for c in can_at):
            context.append("can")
        if any(start - WINDOW <= g < start for g in neg_at):
            context.append("negated")
        if any(c < start for c in cond_at):
            context.append("conditional")
        if doubted:
            context.append("if_epistemic")
        if context[0] == "hedged":
            context.append("scoped")
        if agenda_at:
            context.append("agenda_before" if min(agenda_at) < start else "agenda_after")
        if any(r <= start for r in report_that):
            context.append("that_clause")
        if question:
            context.append("question")
        if start > 0 and tokens[start - 1] in _ADJECTIVAL and form == "d":
            context.append("adjectival")
        if form in "sd" and end < n and tokens[end] in _INTRANSITIVE_NEXT:
            context.append("intransitive")
        for name in names:
            feats[f"rel:{name}"] = 1.0
            feats[f"rel:{name}_{form}"] = 1.0
            for item in context:
                feats[f"{item}:{name}"] = 1.0
            feats[f"{context[0]}:{name}_{form}"] = 1.0
    starts: dict[int, str] = {}
    for start, _, tag in cues:
        starts.setdefault(start, _family(tag))
    for start, end, tag in cues:
        if tag in _HEDGES or tag == "CAN":
            j = end
            passive = False
            while j < n and tokens[j] in _MODAL_SKIP:
                passive = passive or tokens[j] in ("be", "been")
                j += 1
            governed = starts.get(j, "other") if j < n else "end"
            if governed == "other" and passive and tokens[j].endswith(("ed", "en")):
                governed = "other_passive"  # "can be used", "may be performed"
            feats[("can" if tag == "CAN" else "hedge") + "_governs:" + governed] = 1.0
    families = sorted({_RELATION_FAMILY[t] for _, _, t in cues if t in _RELATION_FAMILY})
    feats["relations:" + ("+".join(families) if families else "nothing")] = 1.0
    compar = [s for s, _, t in cues if t in ("COMPAR", "CORR")]
    if compar and "than" in tokens[min(compar) :]:
        feats["comparison_than"] = 1.0
    if any(s > 0 and tokens[s - 1] in _HAVE for s in compar):
        feats["have_comparative"] = 1.0


#: tags of the hedges whose scope is followed by :func:`_construction_features`
_SCOPE_HEDGES = frozenset({"MODAL", "HEDGE", "HEDGEV"})
#: how many tokens after a modal or hedge word its scope may reach (within the clause)
SCOPE = 6
#: the same for hedging verbs, whose that-clause starts with a subject ("suggest that X ...")
SCOPE_VERB = 10


def _construction_features(
    tokens: Sequence[str],
    cues: list[tuple[int, int, str]],
    words: dict[str, frozenset[str]],
    feats: dict[str, float],
) -> None:
    """Clause-level constructions that separate the four labels in conclusion sentences.

    * modal scope: does a modal or hedge govern a relation ("may reduce", "may be associated")
      or a predicate that states no relation ("may be useful", "should be considered")?
    * finite causal verbs: "X reduced Y" (active), "Y was reduced by X" (passive), against
      "Y was reduced in patients with X" (a group comparison);
    * efficacy predicates: "was effective in reducing", "more effective than", "superior to";
    * group comparisons: "was higher in X than in Y", "patients with X had more Y", a
      comparative in a sentence naming study arms ("fewer falls in the exercise group");
    * causal verbs acting on clinical practice ("may help clinicians identify");
    * change before and after an intervention in one group: "a significant improvement in Y
      after X" (a comparison, correlational in Yu et al.'s scheme) against a described course
      with no significance word ("pain peaks on the day after surgery").
    """
    n = len(tokens)
    empty: frozenset[str] = frozenset()
    breaks = words.get("clause_breaks", empty)
    nonrel = words.get("nonrelational_predicates", empty)
    be = words.get("be_forms", empty)
    have = words.get("have_forms", empty)
    adverbs = words.get("degree_adverbs", empty)
    groups = words.get("group_prepositions", empty)
    efficacy = words.get("efficacy_words", empty)
    nonfinite = words.get("nonfinite_before", empty)
    relation_at = {s: _RELATION_FAMILY[t] for s, _, t in cues if t in _RELATION_FAMILY}
    hedge_scopes = []
    for _, end, tag in cues:
        family = _family(tag)
        if family not in _SCOPE_HEDGES and family != "CAN":
            continue
        scope = "nothing"
        reach = SCOPE_VERB if family == "HEDGEV" else SCOPE
        for j in range(end, min(n, end + reach)):
            if j in relation_at:
                scope = relation_at[j]
                break
            if tokens[j] in breaks:
                break
            if scope == "nothing" and tokens[j] in nonrel and tokens[j] != "be":
                scope = "nonrelational"
        if family == "CAN":
            # "can reduce" states a general effect: kept apart from the hedges
            feats["can_scope:" + scope] = 1.0
            continue
        hedge_scopes.append(scope)
        feats["modal_scope:" + scope] = 1.0
    if hedge_scopes:
        related = [s for s in hedge_scopes if s in ("cause", "causen", "corr")]
        feats["hedges:" + ("govern_relation" if related else "govern_no_relation")] = 1.0
        if any(s in ("cause", "causen") for s in related):
            feats["hedges:govern_causal"] = 1.0
    practice = words.get("practice_objects", empty)
    for start, end, tag in cues:
        # "may help clinicians identify", "could facilitate the diagnosis": a causal verb whose
        # object is clinical practice or knowledge, not a health outcome
        if _family(tag) == "CAUSE" and any(t in practice for t in tokens[end : end + 3]):
            feats["cause_object:practice"] = 1.0
        if _family(tag) != "CAUSE" or tag[-1] not in "sd":
            continue
        i = start - 1
        while i >= 0 and tokens[i] in adverbs:
            i -= 1
        before = tokens[i] if i >= 0 else ""
        after = tokens[end] if end < n else ""
        if before in be or before in have:
            if after == "by":
                feats["cause_verb:passive_by"] = 1.0
            elif after in groups:
                feats["cause_verb:be_in_group"] = 1.0
            else:
                feats["cause_verb:after_be"] = 1.0
        elif before and before not in nonfinite and before not in _ADJECTIVAL:
            feats["cause_verb:finite_" + tag[-1]] = 1.0
            if after in groups or after in ("with", "at"):
                feats["cause_verb:finite_prep"] = 1.0
            else:
                feats["cause_verb:finite_object"] = 1.0
    # most sentences have neither; skip the token loop for them
    has_comparison = "than" in tokens or not efficacy.isdisjoint(tokens)
    for i, tok in enumerate(tokens if has_comparison else ()):
        if tok in efficacy:
            after = tokens[i + 1] if i + 1 < n else ""
            if after in ("in", "at", "for") and i + 2 < n and tokens[i + 2].endswith("ing"):
                feats["efficacy:in_doing"] = 1.0
            elif after in ("than", "to", "as"):
                feats["efficacy:compared"] = 1.0
            elif i > 0 and tokens[i - 1] in be:
                feats["efficacy:predicate"] = 1.0
        elif tok == "than" and i + 1 < n:
            after = tokens[i + 1]
            if after in groups or after in ("those", "the", "that", "controls", "non", "patients"):
                feats["than:group"] = 1.0
    compar = [s for s, _, t in cues if t in ("COMPAR", "CORR")]
    if compar and not words.get("group_nouns", empty).isdisjoint(tokens):
        # "lower in the intervention group", "more often than with placebo": arms compared
        feats["compar:group_noun"] = 1.0
    for s in compar:
        i = s - 1
        while i >= 0 and tokens[i] in adverbs:
            i -= 1
        before = tokens[i] if i >= 0 else ""
        after = tokens[s + 1] if s + 1 < n else ""
        if before in be and after in groups:
            feats["compar:be_in_group"] = 1.0
        elif before in have:
            feats["compar:had_more"] = 1.0
    # "a significant improvement in Y was found after X": a before-after comparison in one group
    # (correlational) against a described course ("pain peaks two days after surgery")
    if "after" in tokens:
        after_at = tokens.index("after")
        if not words.get("change_words", empty).isdisjoint(tokens[:after_at]):
            signif = any(t == "SIGNIF" and s < after_at for s, _, t in cues)
            feats["change_after:" + ("significant" if signif else "plain")] = 1.0


#: cue families that make a following relation the object of future research or advice
_AGENDA = frozenset({"FURTHER", "NEEDV", "RECOMMEND", "AIMV", "PURPOSE"})
#: words before an -ed form that make it an adjective ("an increased risk")
_ADJECTIVAL = frozenset({"a", "an", "the", "with", "of", "and", "significantly", "more", "less"})
#: words after a finite causal verb that show it is used without an object ("rose with age")
_INTRANSITIVE_NEXT = frozenset(
    {"with", "in", "among", "over", "during", "after", "across", "between", "from", "at", "by"}
)
#: words between a modal and the verb it governs ("may also not be able to ...")
_MODAL_SKIP = frozenset(
    {
        "be",
        "been",
        "have",
        "also",
        "not",
        "still",
        "further",
        "thus",
        "therefore",
        "then",
        "even",
        "only",
        "partly",
        "partially",
        "well",
        "in",
        "part",
        "to",
        "significantly",
        "substantially",
        "greatly",
    }
)
_HAVE = frozenset({"have", "has", "had", "having", "showed", "show", "shows", "exhibited"})


#: where a trailing clause (recommendation, research call, interpretation) starts
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:but|although|though|whereas|while|which|suggesting|indicating|highlighting"
    r"|underscoring|supporting|emphasi[sz]ing"
    r"|and\s+(?:should|must|further|future|more|its|their|this))\b"
)


def _main_clause_features(sentence: str, lexicon: Lexicon, feats: dict[str, float]) -> None:
    """The relation features of the first clause alone, when a trailing clause follows.

    "X was associated with Y, and future trials should test Z": the main claim is the
    association; the research call after the break should not outweigh it.
    """
    found = _CLAUSE_BREAK.search(sentence.lower())
    if not found or found.start() < 15:
        return
    tokens = tokenize(sentence[: found.start()])
    main: dict[str, float] = {}
    _relation_features(tokens, find_cues(tokens, lexicon), main)
    for name in main:
        if name.startswith(("rel:", "hedged:", "unhedged:", "negated:", "relations:")):
            feats["main:" + name] = 1.0


_SUFFIX = re.compile(r"(?:ations?|ingly|edly|ings?|ions?|ies|ied|ed|es|ly|s)$")


def _stem(token: str) -> str:
    """A crude stem: common inflectional and derivational endings removed."""
    return _SUFFIX.sub("", token) if len(token) > 5 else token


def sentence_features(
    sentence: str,
    lexicon: Lexicon,
    ngram_weight: float = NGRAM_WEIGHT,
    ngram_range: tuple[int, int] = NGRAM_RANGE,
) -> dict[str, float]:
    """All features of one sentence as a name -> value dict (before hashing)."""
    tokens = tokenize(sentence)
    feats: dict[str, float] = {}
    cues = find_cues(tokens, lexicon)
    if ngram_weight:
        lo, hi = ngram_range
        grams = ["w:" + tok for tok in tokens]
        for n in range(1, hi + 1):
            if n > 1:
                grams = [g + " " + tok for g, tok in zip(grams, tokens[n - 1 :])]
            if n >= lo:
                feats.update(dict.fromkeys(grams, ngram_weight))
        # crude stems let "associated", "association" and "associates" share a weight
        feats.update(dict.fromkeys(("s:" + _stem(tok) for tok in tokens), ngram_weight))
    _relation_features(tokens, cues, feats)
    _construction_features(tokens, cues, lexicon.words, feats)
    _main_clause_features(sentence, lexicon, feats)
    cues = [cue for cue in cues if cue[2] not in _STRUCTURAL_ONLY]
    for tag in {tag for _, _, tag in cues}:
        feats["cue:" + tag] = 1.0
        feats["cuefam:" + _family(tag)] = 1.0
    abstract = _abstracted(tokens, cues)
    is_tag = [a[0].isupper() for a in abstract]
    last = len(abstract) - 1
    for i in range(last):
        if is_tag[i] or is_tag[i + 1]:
            feats["a:" + abstract[i] + " " + abstract[i + 1]] = 1.0
        if i + 1 < last and (is_tag[i] or is_tag[i + 1] or is_tag[i + 2]):
            feats["a:" + abstract[i] + " " + abstract[i + 1] + " " + abstract[i + 2]] = 1.0
    skeleton = [a for a in abstract if a[0].isupper() and _family(a) in _SKELETON]
    for a, b in itertools.pairwise(skeleton):
        if a != b:
            feats["sk:" + a + ">" + b] = 1.0
    _shape_features(sentence, tokens, feats)
    feats["bias"] = 1.0
    return feats


#: cue families that make up the ordered cue skeleton of a sentence
_SKELETON = frozenset(
    {
        "NEG",
        "MODAL",
        "CAN",
        "COND",
        "HEDGEV",
        "HEDGE",
        "FAILV",
        "CAUSE",
        "CORRV",
        "CORR",
        "CAUSEN",
        "FURTHER",
        "PURPOSE",
        "NEEDV",
        "RECOMMEND",
        "EVIDV",
    }
)


def hash_column(name: str, n_features: int) -> int:
    """The column of a feature name, exactly as ``FeatureHasher(alternate_sign=False)``."""
    h = murmurhash3_32(name, seed=0)
    if h == -(1 << 31):
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


#: feature name -> column, per hashed width; hashing is the slowest step, names repeat a lot
_COLUMN_CACHE: dict[int, dict[str, int]] = {}
_COLUMN_CACHE_MAX = 2_000_000


def featurize(
    sentences: Iterable[str],
    *,
    n_features: int = N_FEATURES,
    ngram_weight: float = NGRAM_WEIGHT,
    ngram_range: tuple[int, int] = NGRAM_RANGE,
    lexicon_path: Path = LEXICON_PATH,
) -> sparse.csr_matrix:
    """Hash the features of each sentence into one CSR row.

    The columns equal those of :func:`pipeline.linear.hash_features`; names already seen
    are looked up in a cache instead of being hashed again.

    Args:
        sentences: the sentences, one string each.
        n_features: columns of the hashed matrix.
        ngram_weight: value of each word n-gram feature (0 leaves n-grams out).
        ngram_range: smallest and largest n-gram order.
        lexicon_path: the cue lexicon file.

    Returns:
        A ``(len(sentences), n_features)`` CSR matrix.
    """
    lexicon = load_lexicon(lexicon_path)
    cache = _COLUMN_CACHE.setdefault(n_features, {})
    if len(cache) > _COLUMN_CACHE_MAX:
        cache.clear()
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    lookup = cache.get
    for sentence in sentences:
        feats = sentence_features(sentence, lexicon, ngram_weight, ngram_range)
        columns = [lookup(name) for name in feats]
        if None in columns:
            columns = [
                cache.setdefault(name, hash_column(name, n_features)) if c is None else c
                for name, c in zip(feats, columns)
            ]
        indices.extend(columns)
        values.extend(feats.values())
        indptr.append(len(indices))
    X = sparse.csr_matrix(
        (
            np.asarray(values, dtype=np.float64),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, n_features),
    )
    X.sum_duplicates()
    return X
