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
from itertools import compress

import numpy as np

from pipeline.clean.blocks import block_key, split_blocks
from pipeline.clean.cleaned import Cleaned
from pipeline.clean.cues import removal_reason, tail_start
from pipeline.clean.features import DENSE, DocFeatures, distinct, doc_features
from pipeline.clean.metadata import (
    BYLINE_STARTS,
    DATE_LINE_MAX,
    byline_author,
    date_of_line,
    strip_site_suffix,
)
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
#: the column of the digit share among the dense features
DIGIT = DENSE.index("digit")


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
    lengths = np.fromiter(map(len, blocks), dtype=np.int64, count=len(blocks))
    reasons = [removal_reason(c, n) if c else None for c, n in zip(features.cues, features.words)]
    for i in _repeated(blocks, features.words, repeated, n_docs):
        reasons[i] = reasons[i] or "repeated_across_folder"
    if MEDIA_CREDIT in reasons:
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
    _cut_tail(labels, reasons, lengths)
    keep = labels.astype(bool).tolist()
    decision = Decision(blocks, keep, reasons)
    _metadata(decision, features, labels, lengths)
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

    body = labels.astype(bool)
    inside = body[:-1] & body[1:]  # a body block followed by another
    edges = body & ~(np.concatenate(([False], inside)) & np.concatenate((inside, [False])))
    for i in np.flatnonzero(edges):  # the neighbours of the other body blocks are body
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(labels) and (forced[j] or sentence_like(j)):
                labels[j] = not forced[j]
                j += step


def _cut_tail(labels: np.ndarray, reasons: list[str | None], lengths: np.ndarray) -> None:
    """Remove every block after the start of the page's tail (:func:`tail_start`)."""
    start = tail_start(reasons, np.where(labels, lengths, 0).tolist())
    if start is None:
        return
    for i in range(start + 1, len(labels)):
        if labels[i]:
            labels[i] = 0
            reasons[i] = reasons[i] or reasons[start]


def _sentences(blocks: list[str], words: list[int]) -> np.ndarray:
    """Which blocks are full sentences of at least :data:`EDGE_WORDS` words."""
    out = np.zeros(len(blocks), dtype=bool)
    for i in np.flatnonzero(np.array(words) >= EDGE_WORDS).tolist():
        out[i] = blocks[i].rstrip("\"'”’)").endswith((".", "!", "?"))
    return out


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


def _main_start(labels: np.ndarray, lengths: np.ndarray) -> int:
    """Index of the first block of the run of kept blocks that holds the most text."""
    edges = np.diff(np.concatenate(([0], labels.astype(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    total = np.concatenate(([0], np.cumsum(lengths)))
    chars = total[stops] - total[starts]
    if not len(chars) or chars.max() <= 0:
        return len(labels)
    return int(starts[chars.argmax()])


def _metadata(
    decision: Decision, features: DocFeatures, labels: np.ndarray, lengths: np.ndarray
) -> None:
    """Find title, byline and date lines at the head of the article; drop them from the body.

    When the headline is followed by a byline or date line, the kept blocks before the
    headline are page furniture (blurbs, teasers) and are dropped too. Only blocks that pass
    cheap tests (a byline's first word, a short line with a digit) are parsed.
    """
    blocks, keep, reasons = decision.blocks, decision.keep, decision.reasons
    start = _main_start(labels, lengths)
    end = min(len(blocks), start + META_WINDOW)
    bylines = [
        i for i, words in enumerate(features.tokens[:end])
        if words and words[0].casefold() in BYLINE_STARTS
    ]
    dates = np.flatnonzero((features.dense[:end, DIGIT] > 0) & (lengths[:end] <= DATE_LINE_MAX))
    anchors = []
    for i in sorted(set(bylines).union(dates.tolist())):
        author = byline_author(blocks[i]) if i in bylines else None
        date = None if author else date_of_line(blocks[i])
        if author and decision.author is None:
            decision.author = author
        if date and decision.published is None:
            decision.published = date
        if author or date:
            anchors.append(i)
            keep[i] = False
            reasons[i] = reasons[i] or ("byline" if author else "date")
    title = _title_index(features, blocks, reasons, start, anchors)
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
    features: DocFeatures,
    blocks: list[str],
    reasons: list[str | None],
    first: int,
    anchors: list[int],
) -> int | None:
    """The headline: a title-like line before the body, near a byline or like the page title.

    A line's score is the share of its distinct words found in the page title (the first
    line), plus a bonus for standing 1 to 3 lines above a byline or date line.
    """
    limit = min(first + 1, len(blocks))
    words = np.array(features.words[:limit], dtype=np.int64)
    owner = np.repeat(np.arange(limit), words)
    n_vocab = max(len(features.vocab), 1)
    block, word = np.divmod(distinct(owner * n_vocab + features.ids[: len(owner)]), n_vocab)
    in_title = np.zeros(n_vocab, dtype=bool)
    in_title[word[block == 0]] = True
    sizes = np.bincount(block, minlength=limit)
    scores = np.bincount(block, weights=in_title[word], minlength=limit) / np.maximum(sizes, 1)
    scores[0] = 0.5
    near: dict[int, float] = {}
    for a in anchors:
        for distance in (1, 2, 3):
            near[a - distance] = max(near.get(a - distance, 0.0), 1.0 + 0.1 * (3 - distance))
    for i, bonus in near.items():
        if 0 <= i < limit:
            scores[i] += bonus
    sized = np.flatnonzero((words >= TITLE_WORDS[0]) & (words <= TITLE_WORDS[1])).tolist()
    candidates = [
        i for i in sized if reasons[i] is None and not blocks[i].rstrip().endswith((".", ":", ","))
    ]
    best = max(candidates, key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= 0.5 else None


URL_LINE = re.compile(r"^https?://\S+$")


def page_url(blocks: list[str]) -> str | None:
    """The first line of a dump that is a bare http(s) URL (a page's own address), if any."""
    return next(filter(URL_LINE.match, blocks), None)


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
    kept = list(compress(decision.blocks, decision.keep))
    removed = [
        {"text": b, "reason": r or "classifier"}
        for b, k, r in zip(decision.blocks, decision.keep, decision.reasons)
        if not k
    ]
    kept_chars = sum(map(len, kept))
    return Cleaned(
        text="\n\n".join(kept),
        title=decision.title,
        author=decision.author,
        published=decision.published,
        url=page_url(decision.blocks),
        removed=removed,
        removed_chars=sum(map(len, decision.blocks)) - kept_chars,
        kept_chars=kept_chars,
    )
