"""Text mode: boilerplate stripping for plain-text dumps of web pages.

Each line of the dump is a block. Cue rules (``data/cues.json``) and repetition across the
files of a folder remove blocks outright; the block classifier scores the others and
Viterbi decoding over the remaining sequence labels them body or boilerplate; body runs
then grow over adjacent near-miss sentences, and a document where nothing looks like body
keeps its best region. A comment section or a press release's end after the body removes
everything below it. Headline, byline and date lines at the head of the body become
metadata. Every removed block is reported with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from pipeline.clean.blocks import block_key, split_blocks
from pipeline.clean.cleaned import Cleaned
from pipeline.clean.cues import removal_reason, tail_start
from pipeline.clean.features import doc_features
from pipeline.clean.metadata import byline_author, date_of_line, strip_site_suffix
from pipeline.clean.model import BlockModel, load_model

#: a block repeated across a folder is removed when it has fewer words than this, or when
#: it occurs in at least half of the folder's documents
REPEAT_MAX_WORDS = 30
#: a document whose blocks are mostly repeated is a duplicate, not boilerplate
DUPLICATE_SHARE = 0.7
#: when no block is kept, blocks within this log-odds margin of the best one are kept
FALLBACK = 2.0
#: a full sentence next to the body joins it when its log-odds are above EDGE ...
EDGE = -2.5
#: ... and it has at least this many words
EDGE_WORDS = 8
#: how far after the first body block metadata lines are looked for
META_WINDOW = 3
TITLE_WORDS = (2, 30)
#: the cue category of image chrome and photo credits; a block between two is a caption
MEDIA_CREDIT = "media_credit"


@dataclass
class Decision:
    """The verdict on each block of one dump."""

    blocks: list[str]
    keep: list[bool]
    reasons: list[str | None]
    title: str | None = None
    author: str | None = None
    published: str | None = None


def decide(
    text: str,
    *,
    repeated: Mapping[str, int] | None = None,
    n_docs: int = 1,
    model: BlockModel | None = None,
) -> Decision:
    """Label every block of ``text`` as body or boilerplate and find its metadata lines.

    Args:
        text: the plain-text dump, one block per line.
        repeated: block key -> number of the folder's documents containing it.
        n_docs: number of documents in that folder.
        model: the block model (the shipped one by default).
    """
    blocks = split_blocks(text)
    if not blocks:
        return Decision([], [], [])
    model = model or load_model()
    features = doc_features(blocks)
    reasons = [removal_reason(c, n) for c, n in zip(features.cues, features.words)]
    for i in _repeated(blocks, features.words, repeated, n_docs):
        reasons[i] = reasons[i] or "repeated_across_folder"
    for i in range(1, len(blocks) - 1):
        if reasons[i] is None and reasons[i - 1] == reasons[i + 1] == MEDIA_CREDIT:
            reasons[i] = "caption"  # between "Enlarge this image" and the photo credit
    forced = np.array([r is not None for r in reasons])
    logits = model.body_logits(features, forced)
    labels = np.zeros(len(blocks), dtype=int)
    free = np.flatnonzero(~forced)
    labels[free] = model.decode(logits[free])  # removed blocks do not break the body's run
    sentences = _sentences(blocks, features.words)
    if not labels.any() and not forced.all():
        labels = _best_region(logits, forced, sentences)
    _extend_edges(labels, logits, forced, sentences)
    _cut_tail(labels, reasons, blocks)
    keep = [bool(k) for k in labels]
    decision = Decision(blocks, keep, reasons)
    _metadata(decision, features.tokens)
    return decision


def _extend_edges(
    labels: np.ndarray, logits: np.ndarray, forced: np.ndarray, sentences: np.ndarray
) -> None:
    """Grow each run of body blocks over adjacent sentences the classifier nearly accepted.

    A lede just under a "Share" line or a closing sentence above a footer is often scored
    a little below the threshold; a neighbour of the body that is a full sentence of at
    least :data:`EDGE_WORDS` words with log-odds above :data:`EDGE` joins it. Blocks that a
    cue removed (an "Advertisement" line inside the article) are stepped over.
    """

    def sentence_like(i: int) -> bool:
        return not labels[i] and not forced[i] and sentences[i] and logits[i] >= EDGE

    for i in np.flatnonzero(labels):
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(labels) and (forced[j] or sentence_like(j)):
                labels[j] = not forced[j]
                j += step


def _cut_tail(labels: np.ndarray, reasons: list[str | None], blocks: list[str]) -> None:
    """Remove every block after the start of the page's tail (:func:`tail_start`)."""
    start = tail_start(reasons, [len(b) if k else 0 for b, k in zip(blocks, labels)])
    if start is None:
        return
    for i in range(start + 1, len(blocks)):
        if labels[i]:
            labels[i] = 0
            reasons[i] = reasons[i] or reasons[start]


def _sentences(blocks: list[str], words: list[int]) -> np.ndarray:
    """Which blocks are full sentences of at least :data:`EDGE_WORDS` words."""
    return np.array([
        n >= EDGE_WORDS and b.rstrip("\"'”’)").endswith((".", "!", "?")) for b, n in zip(blocks, words)
    ])


def _best_region(logits: np.ndarray, forced: np.ndarray, sentences: np.ndarray) -> np.ndarray:
    """Fallback when no block looks like body in absolute terms: the document's best region.

    The best-scoring full sentence (or, without one, the best block) is kept with its
    neighbours whose log-odds come within :data:`FALLBACK` of it, bridging single weaker
    blocks.
    """
    free = np.where(forced, -np.inf, logits)
    candidates = np.where(sentences & ~forced, free, -np.inf)
    best = int(candidates.argmax()) if np.isfinite(candidates.max()) else int(free.argmax())
    floor = free[best] - FALLBACK
    labels = np.zeros(len(logits), dtype=int)
    labels[best] = 1
    for step in (-1, 1):
        i = best + step
        while 0 <= i < len(logits):
            if free[i] >= floor:
                labels[i] = 1
            elif not (0 <= i + step < len(logits) and free[i + step] >= floor):
                break
            i += step
    return labels


def _repeated(
    blocks: list[str], words: list[int], repeated: Mapping[str, int] | None, n_docs: int
) -> list[int]:
    """Indexes of blocks that recur in other documents of the same folder."""
    if not repeated or n_docs < 2:
        return []
    hits = []
    for i, block in enumerate(blocks):
        count = repeated.get(block_key(block), 0)
        if count >= 2 and (words[i] < REPEAT_MAX_WORDS or count * 2 >= n_docs):
            hits.append(i)
    share = sum(len(blocks[i]) for i in hits) / max(sum(map(len, blocks)), 1)
    return [] if share >= DUPLICATE_SHARE else hits


def _main_start(keep: list[bool], blocks: list[str]) -> int:
    """Index of the first block of the run of kept blocks that holds the most text."""
    best, best_chars, start, chars = len(blocks), 0, None, 0
    for i, (k, block) in enumerate(zip(keep + [False], blocks + [""])):
        if k:
            start = i if start is None else start
            chars += len(block)
            continue
        if start is not None and chars > best_chars:
            best, best_chars = start, chars
        start, chars = None, 0
    return best


def _metadata(decision: Decision, tokens: list[list[str]]) -> None:
    """Find title, byline and date lines at the head of the article; drop them from the body.

    When the headline is followed by a byline or date line, the kept blocks before the
    headline are page furniture (blurbs, teasers) and are dropped too.
    """
    blocks, keep, reasons = decision.blocks, decision.keep, decision.reasons
    start = _main_start(keep, blocks)
    end = min(len(blocks), start + META_WINDOW)
    anchors = []
    for i in range(end):
        author = byline_author(blocks[i])
        date = None if author else date_of_line(blocks[i])
        if author and decision.author is None:
            decision.author = author
        if date and decision.published is None:
            decision.published = date
        if author or date:
            anchors.append(i)
            keep[i] = False
            reasons[i] = reasons[i] or ("byline" if author else "date")
    title = _title_index(tokens, blocks, reasons, start, anchors)
    if title is None:
        return
    decision.title = strip_site_suffix(blocks[title]) if title == 0 else blocks[title]
    keep[title] = False
    reasons[title] = reasons[title] or "title"
    if any(0 < a - title <= 3 for a in anchors):
        for i in range(title):
            if keep[i]:
                keep[i] = False
                reasons[i] = reasons[i] or "before_title"


def _title_index(
    tokens: list[list[str]], blocks: list[str], reasons: list[str | None], first: int,
    anchors: list[int],
) -> int | None:
    """The headline: a title-like line before the body, near a byline or like the page title."""
    page_title = set(tokens[0])
    best, best_score = None, 0.0
    for i in range(min(first + 1, len(blocks))):
        if reasons[i] is not None or not TITLE_WORDS[0] <= len(tokens[i]) <= TITLE_WORDS[1]:
            continue
        if blocks[i].rstrip().endswith((".", ":", ",")):
            continue
        words = set(tokens[i])
        score = len(words & page_title) / len(words) if i else 0.5
        ahead = [a - i for a in anchors if 0 < a - i <= 3]
        if ahead:
            score += 1.0 + 0.1 * (3 - min(ahead))
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 0.5 else None


URL_LINE = re.compile(r"^https?://\S+$")


def page_url(blocks: list[str]) -> str | None:
    """The first line of a dump that is a bare http(s) URL (a page's own address), if any."""
    return next((b for b in blocks if URL_LINE.match(b)), None)


def clean_text(
    text: str, *, repeated: Mapping[str, int] | None = None, n_docs: int = 1
) -> Cleaned:
    """Strip the boilerplate from a plain-text dump of a web page.

    Args:
        text: the dump, one block (paragraph, menu item, button...) per line.
        repeated: for the dump's folder, block key (:func:`block_key`) -> number of the
            folder's documents that contain it (:func:`folder_counts`); blocks found in
            several documents of one site are boilerplate.
        n_docs: number of documents the counts were taken over.
    """
    decision = decide(text, repeated=repeated, n_docs=n_docs)
    kept = [b for b, k in zip(decision.blocks, decision.keep) if k]
    removed = [
        {"text": b, "reason": r or "classifier"}
        for b, k, r in zip(decision.blocks, decision.keep, decision.reasons)
        if not k
    ]
    return Cleaned(
        text="\n\n".join(kept),
        title=decision.title,
        author=decision.author,
        published=decision.published,
        url=page_url(decision.blocks),
        removed=removed,
        removed_chars=sum(len(item["text"]) for item in removed),
        kept_chars=sum(map(len, kept)),
    )
