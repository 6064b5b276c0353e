"""Article-level study-design context for typing claims.

The type of a claim often depends on the study behind it, which an article usually names
once ("in a cohort of 12,000 nurses", "in the randomized trial") and then reports figures in
later sentences. :func:`article_contexts` gives every sentence of an article a small feature
dict: the designs detected anywhere in the article, a one-word summary of them, the designs
named in the sentence itself and the nearest design statement before it. The designs come
from :func:`pipeline.flags.design.detect_designs` (used read-only).
"""

from __future__ import annotations

from bisect import bisect_right

from pipeline.claims.features import cue_groups
from pipeline.flags.design import detect_designs

#: design labels that mean people were assigned a treatment
TRIAL_LABELS = frozenset({"rct", "human_trial"})
#: design labels about animals or cells
LAB_LABELS = frozenset({"animal", "cell", "animal_trial"})
#: characters before a sentence whose harm and benefit words it may refer back to ("...watching
#: for a rhythm problem." then "3.1 percent of those taking the capsules developed the condition")
LOOKBACK_CHARS = 240
#: cue groups of that text kept as context
LOOKBACK_CUES = frozenset({"adverse", "side_effect", "harm", "effect"})


def sentence_groups(spans) -> list[tuple[object, list[dict]]]:  # noqa: ANN001 - spaCy spans
    """The quantity spans of a Doc grouped by sentence, in text order.

    Returns:
        ``(sentence span, quantities)`` pairs; each quantity dict (from ``span._.quantity``)
        is copied with offsets into its sentence, sorted by position.
    """
    groups: dict[int, tuple[object, list[dict]]] = {}
    for span in spans:
        quantity = span._.quantity
        if quantity is None:
            continue
        sent = span.sent
        start = sent.start_char
        shifted = dict(quantity, start=quantity["start"] - start, end=quantity["end"] - start)
        groups.setdefault(start, (sent, []))[1].append(shifted)
    return [(sent, sorted(qs, key=lambda q: (q["start"], q["end"]))) for _, (sent, qs) in sorted(groups.items())]


def summarize_designs(labels: set[str]) -> str:
    """One word for the designs of an article: ``trial``, ``observational``, ``mixed``,
    ``uncontrolled``, ``meta``, ``lab`` or ``none``."""
    trial = bool(labels & TRIAL_LABELS)
    observational = "observational" in labels
    if trial and observational:
        return "mixed"
    if trial:
        return "trial"
    if observational:
        return "observational"
    if "uncontrolled" in labels:
        return "uncontrolled"
    if "meta_analysis" in labels:
        return "meta"
    if labels & LAB_LABELS:
        return "lab"
    return "none"


def article_contexts(text: str, sentences: list[tuple[int, int]],
                     designs: list[dict] | None = None) -> list[dict[str, float]]:
    """Design-context features for each sentence of an article.

    Args:
        text: the article text.
        sentences: ``(start, end)`` character offsets of the sentences to describe.
        designs: the article's design mentions if already detected (else detected here).

    Returns:
        One ``name -> value`` dict per sentence: ``doc_design=LABEL`` for every design in the
        article, ``doc_kind=SUMMARY``, ``sent_design=LABEL`` for designs inside the sentence,
        ``prev_design=LABEL`` for the last design named before it, and ``near_design=LABEL``
        (the sentence's own last design, else the previous one, else ``none``), and
        ``before_cue=GROUP`` for harm and benefit cue groups in the :data:`LOOKBACK_CHARS`
        characters before the sentence.
    """
    designs = detect_designs(text) if designs is None else designs
    labels = {d["label"] for d in designs}
    base = {"doc_design=" + label: 1.0 for label in sorted(labels)}
    base["doc_kind=" + summarize_designs(labels)] = 1.0
    ends = [d["end"] for d in designs]
    contexts = []
    for start, end in sentences:
        feats = dict(base)
        inside = [d["label"] for d in designs if d["start"] >= start and d["end"] <= end]
        for label in inside:
            feats["sent_design=" + label] = 1.0
        before = bisect_right(ends, start)
        previous = designs[before - 1]["label"] if before else None
        if previous:
            feats["prev_design=" + previous] = 1.0
        feats["near_design=" + (inside[-1] if inside else previous or "none")] = 1.0
        for name in sorted(cue_groups(text[max(0, start - LOOKBACK_CHARS):start]) & LOOKBACK_CUES):
            feats["before_cue=" + name] = 1.0
        contexts.append(feats)
    return contexts
