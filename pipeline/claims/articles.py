"""Whole articles with gold claims as training data for the claim classifier.

A sentence corpus teaches the classifier what a claim looks like; real articles teach it
what a claim looks like *in an article*: after a boilerplate strip, with the study named
three paragraphs earlier, among prices, doses and dates. A gold article set is a folder with
``articles/`` and ``expected.json`` in the format of ``corpora/heldout/README.md`` (every
health-claim quantity with its ``type``, every other number in ``not_claims``). Entries
without a ``claims`` list are skipped.

Each article is ingested and cleaned as ``overclaim extract`` does it, segmented and parsed
by the quantity grammar; every quantity found is labelled by the gold span it overlaps (a
claim's type, or ``none`` for a non-claim or a claim's attached CI/p-value) and described
with its sentence and its article's design context, exactly as the spaCy component sees it.
Quantities overlapping no gold span are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy

from pipeline.claims.context import article_contexts, sentence_groups
from pipeline.claims.features import load_lexicon, quantity_features, sentence_context
from pipeline.claims.model import NONE
from pipeline.claims.rules import load_rules, non_claim_role
from pipeline.flags.design import detect_designs
from pipeline.ingest import RawDoc, read
from pipeline.run import clean_doc


@dataclass
class ArticleRows:
    """Training rows of one gold article set.

    Attributes:
        rows: feature dicts, one per labelled quantity.
        labels: their labels (claim type or ``none``).
        groups: the article each row comes from (``set/file``), for grouped folds.
        articles: the number of articles used.
        unaligned: quantities found that overlap no gold span (left out).
        ruled_out: quantities an exact rule rules out (left out, as at run time).
    """

    rows: list[dict[str, float]]
    labels: list[str]
    groups: list[str]
    articles: int = 0
    unaligned: int = 0
    ruled_out: int = 0


def _parser() -> spacy.language.Language:
    """Sentence segmentation and the quantity grammar on a blank English pipeline."""
    import pipeline.quantities.component  # noqa: F401 - registers the factories
    import pipeline.sentences  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("overclaim_sentences")
    nlp.add_pipe("overclaim_quantities")
    nlp.initialize()
    return nlp


def gold_spans(text: str, entry: dict) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` for every gold string of one article found in its cleaned text.

    Claims give their type; non-claims and the CI/p-value text attached to a claim give
    ``none`` (``attached_text`` may be one string or a list of them). Strings that the cleaned
    text does not contain are skipped.
    """
    spans = []
    wanted = [(c["quantity"], c["type"]) for c in entry.get("claims", [])]
    for claim in entry.get("claims", []):
        attached = claim.get("attached_text") or []
        wanted += [(text, NONE) for text in ([attached] if isinstance(attached, str) else attached)]
    wanted += [(s, NONE) for s in entry.get("not_claims", [])]
    for string, label in wanted:
        at = text.find(string)
        if at >= 0:
            spans.append((at, at + len(string), label))
    return spans


def _label(start: int, end: int, spans: list[tuple[int, int, str]]) -> str | None:
    """The label of the gold span a quantity overlaps most; a claim wins ties with ``none``."""
    best, best_overlap = None, 0
    for s, e, label in spans:
        overlap = min(end, e) - max(start, s)
        if overlap > best_overlap or (overlap == best_overlap and overlap > 0 and label != NONE):
            best, best_overlap = label, overlap
    return best


def _articles(folder: Path) -> Iterator[tuple[str, RawDoc, dict]]:
    """``(name, raw document, gold entry)`` for every article of a set that has claim gold."""
    gold = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    for name, entry in gold.items():
        if "claims" not in entry:
            continue
        raws = read(folder / "articles" / name)
        if raws and isinstance(raws[0], RawDoc):
            yield name, raws[0], entry


def article_rows(folders: list[Path]) -> ArticleRows:
    """Labelled feature rows from gold article sets (see the module docstring).

    Args:
        folders: gold article sets, each with ``articles/`` and ``expected.json``.

    Returns:
        The rows, labels and article groups, with counts of what was left out.
    """
    nlp, lexicon, rules = _parser(), load_lexicon(), load_rules()
    out = ArticleRows([], [], [])
    for folder in folders:
        for name, raw, entry in _articles(Path(folder)):
            doc = nlp(clean_doc(raw).text)
            spans = gold_spans(doc.text, entry)
            groups = sentence_groups(doc.spans["quantities"])
            contexts = article_contexts(doc.text, [(sent.start_char, sent.end_char) for sent, _ in groups],
                                        detect_designs(doc.text))
            out.articles += 1
            for (sent, quantities), context in zip(groups, contexts):
                ctx = None
                for quantity in quantities:
                    label = _label(sent.start_char + quantity["start"], sent.start_char + quantity["end"], spans)
                    if label is None:
                        out.unaligned += 1
                        continue
                    if non_claim_role(sent.text, quantity, rules) is not None:
                        out.ruled_out += 1
                        continue
                    ctx = ctx or sentence_context(sent.text, lexicon)
                    out.rows.append(quantity_features(ctx, quantity, context))
                    out.labels.append(label)
                    out.groups.append(f"{Path(folder).name}/{name}")
    return out
