"""Features of the blocks of one document, for the boilerplate block classifier.

Each block gets dense features (its shape: length, stopword and punctuation ratios, ending
punctuation, digits, URLs and e-mails, cue categories, position, similarity to the title and
to the document's core) and the same shape features of its neighbours, plus sparse lexical
features (hashed words and, for short blocks, word pairs and the whole normalised block).

Training hashes :func:`feature_dicts` with :func:`pipeline.linear.hash_features`; inference
computes the identical linear score faster from the dense matrix and the word lists
(:class:`pipeline.clean.model.BlockModel`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from pipeline.clean.blocks import NUMBER
from pipeline.clean.cues import Cue, cues, match_cues, stopwords

WORD = re.compile(r"\w+")
URL = re.compile(r"https?://|www\.\S+\.\w|\.(com|org|net|gov|edu)\b/?", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
END_PERIOD = re.compile(r"[.!?][\"'”’)\]]*$")
SEPARATORS = re.compile(r"\s[|•·/»›]\s|\s-\s")
BULLET = re.compile(r"^[•·*»›▪►✓-]\s")
#: what is deleted from a document to count, line by line, its digits and punctuation
NOT_DIGIT = re.compile(r"[^\d\n]+")
NOT_PUNCT = re.compile(r"\w+|[^\S\n]+")
#: capitalised word starts, lower-case word starts and sentence ends, or a line break
CAPITALISED = re.compile(r"\b[^\W\d_a-z]|\n")
LOWER_START = re.compile(r"\b[a-z]|\n")
SENTENCE_ENDS = re.compile(r"[.!?](?=[\"'”’)]?(?:\s|$))|\n")

#: word-count bins (upper bounds, inclusive)
WORD_BINS = (0, 1, 2, 4, 8, 15, 30, 60)
#: the shape features that neighbours contribute
CONTEXT_SHAPE = ("len", "stop", "end_period", "end_other", "n_sent", "cue")
#: neighbour offsets
OFFSETS = (-2, -1, 1, 2)
#: how many words of a block give lexical features
MAX_WORDS = 40
#: blocks of more words than this give no lexical features
LEXICAL_MAX = 25
#: blocks of at most this many words also give word pairs and their whole key
SHORT = 10
#: a block of at least this many words counts as prose for the document core
LONG = 20


def _shape_names() -> list[str]:
    names = [f"nw{b}" for b in range(len(WORD_BINS) + 1)]
    names += ["len", "chars", "stop", "stop0", "punct", "digit", "caps", "allcaps", "comma",
              "end_period", "end_colon", "end_ellipsis", "end_other", "n_sent", "url", "email",
              "date", "sep", "bullet", "quote", "dup", "cue"]
    names += [f"cue_{cue.name}" for cue in cues()]
    return names


SHAPE = _shape_names()
_CUE_NAMES = [cue.name for cue in cues()]
_SHAPE_INDEX = {name: i for i, name in enumerate(SHAPE)}
_CONTEXT_INDEX = [_SHAPE_INDEX[name] for name in CONTEXT_SHAPE]
POSITION = ["pos", "pos0", "pos1", "pos2", "pos3", "pos4", "first", "last", "title_sim",
            "core_sim", "core_sim0", "win_len", "win_long", "gap_long", "after_comments",
            "after_legal", "cjk"]
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
DENSE = (
    SHAPE
    + [f"{d:+d}:{name}" for d in OFFSETS for name in CONTEXT_SHAPE]
    + [f"{d:+d}:none" for d in OFFSETS]
    + POSITION
)


@dataclass
class DocFeatures:
    """Features of every block of one document.

    Attributes:
        dense: ``(n_blocks, len(DENSE))`` float matrix, columns named by :data:`DENSE`.
        tokens: per block, its lower-cased words (they give the lexical features).
        keys: per block, its :func:`pipeline.clean.blocks.block_key`.
        cues: per block, the cue categories it matches.
    """

    dense: np.ndarray
    tokens: list[list[str]]
    keys: list[str]
    cues: list[list[Cue]]

    @property
    def words(self) -> list[int]:
        """Word count of each block."""
        return [len(t) for t in self.tokens]

    @property
    def lexical(self) -> list[set[str]]:
        """Names of each block's sparse lexical features (value 1 each)."""
        return [lexical_names(t, k) for t, k in zip(self.tokens, self.keys)]


_I = _SHAPE_INDEX
_BIN_OF = [next(i for i, b in enumerate(WORD_BINS) if n <= b) for n in range(WORD_BINS[-1] + 1)]


def _line_counts(pattern: re.Pattern[str], joined: str, n: int) -> list[int]:
    """Per line of ``joined``, the number of characters left after deleting ``pattern``."""
    lengths = [len(line) for line in pattern.sub("", joined).split("\n")]
    return lengths[:n]


def _start_counts(pattern: re.Pattern[str], joined: str) -> list[int]:
    """Per line of ``joined``, the matches of ``pattern`` (one character each, or \\n)."""
    return [len(line) for line in "".join(pattern.findall(joined)).split("\n")]


def _shape(
    block: str, lower: list[str], stop: frozenset[str], matched: list[Cue], counts: tuple[int, ...]
) -> list[float]:
    """The :data:`SHAPE` features of one block, in that order.

    ``counts`` holds the block's digits, punctuation marks, capitalised and lower-case word
    starts and sentence ends, counted over the whole document at once.
    """
    n_digits, n_punct, capitals, lowers, n_sentences = counts
    n = len(lower)
    chars = len(block)
    bins = [0.0] * (len(WORD_BINS) + 1)
    bins[_BIN_OF[n] if n < len(_BIN_OF) else len(WORD_BINS)] = 1.0
    stop_ratio = stop0 = comma = caps = 0.0
    if n:
        n_stop = sum(map(stop.__contains__, lower))
        stop_ratio = n_stop / n
        stop0 = float(n_stop == 0 and n >= 3)
        comma = min(block.count(",") / n, 1.0)
    alpha = capitals + lowers
    if alpha:
        caps = capitals / alpha
    digit = n_digits / chars
    end_period = end_colon = end_ellipsis = end_other = 0.0
    if END_PERIOD.search(block) and not block.endswith("..."):
        end_period = 1.0
    elif block.endswith(":"):
        end_colon = 1.0
    elif block.endswith(("...", "…")):
        end_ellipsis = 1.0
    else:
        end_other = 1.0
    url = email = date = 0.0
    if "http" in block or "www." in block or ".com" in block or ".org" in block:
        url = float(URL.search(block) is not None)
    if "@" in block:
        email = float(EMAIL.search(block) is not None)
    if digit:
        date = float(DATE.search(block, 0, 160) is not None)
    names = {cue.name for cue in matched}
    return bins + [
        math.log1p(n) / 4,
        math.log1p(chars) / 7,
        stop_ratio,
        stop0,
        n_punct / chars,
        digit,
        caps,
        float(n >= 2 and block.isupper()),
        comma,
        end_period,
        end_colon,
        end_ellipsis,
        end_other,
        math.log1p(n_sentences) / 2,
        url,
        email,
        date,
        float(SEPARATORS.search(block) is not None),
        float(BULLET.match(block) is not None),
        float(block[:1] in "\"“'‘"),
        0.0,
        float(bool(matched)),
    ] + [float(name in names) for name in _CUE_NAMES]


def lexical_names(lower: list[str], key: str) -> set[str]:
    """Lexical feature names of a block: its words (``w:``), first and last word (``f:``,
    ``l:``) and, for short blocks, its word pairs (``b:``) and whole key (``k:``).

    Blocks longer than :data:`LEXICAL_MAX` words have none: prose is judged by its shape,
    since its topic words (a health site's menu says "Doctors", "Prevention") mislead.
    """
    if not lower or len(lower) > LEXICAL_MAX:
        return set()
    words = lower[:MAX_WORDS]
    names = {"w:" + w for w in words}
    names.add("f:" + words[0])
    names.add("l:" + lower[-1])
    if len(lower) <= SHORT:
        names.update(f"b:{a}_{b}" for a, b in pairwise(words))
        names.add("k:" + key)
    return names


def doc_features(blocks: list[str]) -> DocFeatures:
    """Dense and lexical features of each block of one document (``blocks`` in order)."""
    n = len(blocks)
    stop = stopwords()
    lows = [b.lower() for b in blocks]
    lower = [WORD.findall(low) for low in lows]
    joined = "\n".join(b.replace("\n", " ") for b in blocks)
    digits = _line_counts(NOT_DIGIT, joined, n)
    counts = zip(
        digits,
        _line_counts(NOT_PUNCT, joined, n),
        _start_counts(CAPITALISED, joined),
        _start_counts(LOWER_START, joined),
        _start_counts(SENTENCE_ENDS, joined),
    )
    keys = [
        " ".join(WORD.findall(NUMBER.sub("0", low))) if d else " ".join(words)
        for low, words, d in zip(lows, lower, digits)
    ]
    key_counts = Counter(keys)
    matched = [match_cues(low, words) for low, words in zip(lows, lower)]
    rows = [_shape(b, lw, stop, m, c) for b, lw, m, c in zip(blocks, lower, matched, counts)]
    shape = np.array(rows, dtype=np.float64).reshape(n, len(SHAPE))
    shape[:, _I["dup"]] = [float(bool(k) and key_counts[k] > 1) for k in keys]
    width = len(CONTEXT_SHAPE)
    context = np.zeros((n, len(OFFSETS) * width + len(OFFSETS)))
    src = shape[:, _CONTEXT_INDEX]
    for j, d in enumerate(OFFSETS):
        cols = slice(j * width, (j + 1) * width)
        none = len(OFFSETS) * width + j
        if d < 0:
            if n + d > 0:
                context[-d:, cols] = src[: n + d]
            context[: min(-d, n), none] = 1.0
        else:
            if n - d > 0:
                context[: n - d, cols] = src[d:]
            context[max(n - d, 0) :, none] = 1.0
    position = _position(lower, shape)
    position[:, -1] = [float(bool(CJK.search(b, 0, 40))) for b in blocks]
    dense = np.hstack([shape, context, position])
    return DocFeatures(dense=dense, tokens=lower, keys=keys, cues=matched)


def _position(lower: list[list[str]], shape: np.ndarray) -> np.ndarray:
    n = len(lower)
    out = np.zeros((n, len(POSITION)))
    if not n:
        return out
    stop = stopwords()
    rel = np.arange(n) / max(n - 1, 1)
    out[:, 0] = rel
    out[np.arange(n), 1 + np.minimum((rel * 5).astype(int), 4)] = 1.0
    out[0, 6] = 1.0
    out[n - 1, 7] = 1.0
    content = [set(words).difference(stop) for words in lower]
    long_flags = [len(words) >= LONG for words in lower]
    is_long = np.array(long_flags)
    core: Counter[str] = Counter()
    for words, flag in zip(content, long_flags):
        if flag:
            core.update(words)
    in_core = {w for w, c in core.items() if c >= 1}  # words of some long block
    in_other_core = {w for w, c in core.items() if c >= 2}  # ... of another long block
    title = content[0]
    title_sim = [0.0] * n
    core_sim = [0.0] * n
    core_none = [0.0] * n
    for i, (words, flag) in enumerate(zip(content, long_flags)):
        if not words:
            continue
        if i:
            title_sim[i] = len(words & title) / len(words)
        core_sim[i] = len(words & (in_other_core if flag else in_core)) / len(words)
        core_none[i] = float(core_sim[i] == 0)
    out[:, 8] = title_sim
    out[:, 9] = core_sim
    out[:, 10] = core_none
    lengths = shape[:, _I["len"]]
    longs = is_long.astype(np.float64)
    for col, (values, half) in ((11, (lengths, 3)), (12, (longs, 5))):
        cum = np.concatenate([[0.0], np.cumsum(values)])
        lo = np.maximum(np.arange(n) - half, 0)
        hi = np.minimum(np.arange(n) + half + 1, n)
        out[:, col] = (cum[hi] - cum[lo] - values) / np.maximum(hi - lo - 1, 1)
    out[:, 13] = np.log1p(_gap_to_long(is_long)) / 5
    for col, cue in ((14, "cue_comments"), (15, "cue_legal")):
        seen = np.cumsum(shape[:, _I[cue]])
        out[1:, col] = seen[:-1] > 0
    return out


def _gap_to_long(is_long: np.ndarray) -> np.ndarray:
    """Distance from each block to the nearest other long block (``n`` when there is none)."""
    n = len(is_long)
    idx = np.flatnonzero(is_long)
    if not len(idx):
        return np.full(n, float(n))
    pos = np.arange(n)
    right = np.searchsorted(idx, pos, side="right")
    left = np.searchsorted(idx, pos, side="left") - 1
    gap = np.full(n, float(n))
    has_right = right < len(idx)
    gap[has_right] = idx[right[has_right]] - pos[has_right]
    has_left = left >= 0
    gap[has_left] = np.minimum(gap[has_left], pos[has_left] - idx[left[has_left]])
    return gap


def feature_dicts(features: DocFeatures) -> list[dict[str, float]]:
    """One ``name -> value`` dict per block, for :func:`pipeline.linear.hash_features`."""
    rows = []
    for dense, lexical in zip(features.dense, features.lexical):
        row = {DENSE[j]: float(v) for j, v in enumerate(dense) if v}
        row.update(dict.fromkeys(lexical, 1.0))
        rows.append(row)
    return rows

