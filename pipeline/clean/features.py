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

import numpy as np

from pipeline.clean.blocks import block_key
from pipeline.clean.cues import cues, stopwords

WORD = re.compile(r"\w+")
URL = re.compile(r"https?://|www\.\S+\.\w|\.(com|org|net|gov|edu)\b/?", re.I)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(\s|$)")
END_PERIOD = re.compile(r"[.!?][\"'”’)\]]*$")
SEPARATORS = re.compile(r"\s[|•·/»›]\s|\s-\s")
BULLET = re.compile(r"^[•·*»›▪►✓-]\s")

#: word-count bins (upper bounds, inclusive)
WORD_BINS = (0, 1, 2, 4, 8, 15, 30, 60)
#: the shape features that neighbours contribute
CONTEXT_SHAPE = ("len", "stop", "end_period", "end_other", "n_sent", "cue")
#: neighbour offsets
OFFSETS = (-2, -1, 1, 2)
#: how many words of a block give lexical features
MAX_WORDS = 40
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
_SHAPE_INDEX = {name: i for i, name in enumerate(SHAPE)}
_CONTEXT_INDEX = [_SHAPE_INDEX[name] for name in CONTEXT_SHAPE]
POSITION = ["pos", "pos0", "pos1", "pos2", "pos3", "pos4", "first", "last", "title_sim",
            "core_sim", "core_sim0", "win_len", "win_long", "gap_long"]
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
        lexical: per block, the names of its sparse lexical features (value 1 each).
        words: per block, its word count.
    """

    dense: np.ndarray
    lexical: list[list[str]]
    words: list[int]


def _shape(block: str, tokens: list[str], stop: frozenset[str]) -> np.ndarray:
    row = np.zeros(len(SHAPE), dtype=np.float64)
    n = len(tokens)
    chars = max(len(block), 1)
    row[next(i for i, b in enumerate(WORD_BINS + (10**9,)) if n <= b)] = 1.0
    row[_SHAPE_INDEX["len"]] = math.log1p(n) / 4
    row[_SHAPE_INDEX["chars"]] = math.log1p(chars) / 7
    if n:
        lower = [t.lower() for t in tokens]
        n_stop = sum(1 for t in lower if t in stop)
        row[_SHAPE_INDEX["stop"]] = n_stop / n
        row[_SHAPE_INDEX["stop0"]] = float(n_stop == 0 and n >= 3)
        alpha = [t for t in tokens if t[0].isalpha()]
        if alpha:
            row[_SHAPE_INDEX["caps"]] = sum(1 for t in alpha if t[0].isupper()) / len(alpha)
        row[_SHAPE_INDEX["comma"]] = min(block.count(",") / n, 1.0)
    row[_SHAPE_INDEX["allcaps"]] = float(block.isupper() and n >= 2)
    alnum = sum(1 for c in block if c.isalnum() or c.isspace())
    row[_SHAPE_INDEX["punct"]] = 1 - alnum / chars
    row[_SHAPE_INDEX["digit"]] = sum(1 for c in block if c.isdigit()) / chars
    tail = block.rstrip()
    if END_PERIOD.search(tail) and not tail.endswith("..."):
        row[_SHAPE_INDEX["end_period"]] = 1.0
    elif tail.endswith(":"):
        row[_SHAPE_INDEX["end_colon"]] = 1.0
    elif tail.endswith(("...", "…")):
        row[_SHAPE_INDEX["end_ellipsis"]] = 1.0
    else:
        row[_SHAPE_INDEX["end_other"]] = 1.0
    row[_SHAPE_INDEX["n_sent"]] = math.log1p(len(SENTENCE_END.findall(block))) / 2
    row[_SHAPE_INDEX["url"]] = float(bool(URL.search(block)))
    row[_SHAPE_INDEX["email"]] = float(bool(EMAIL.search(block)))
    row[_SHAPE_INDEX["date"]] = float(bool(DATE.search(block)))
    row[_SHAPE_INDEX["sep"]] = float(bool(SEPARATORS.search(block)))
    row[_SHAPE_INDEX["bullet"]] = float(bool(BULLET.match(block)))
    row[_SHAPE_INDEX["quote"]] = float(block[:1] in "\"“'‘")
    low = block.lower()
    for cue in cues():
        if cue.pattern.search(low):
            row[_SHAPE_INDEX[f"cue_{cue.name}"]] = 1.0
            row[_SHAPE_INDEX["cue"]] = 1.0
    return row


def _lexical(lower: list[str], key: str) -> list[str]:
    words = lower[:MAX_WORDS]
    names = {f"w:{w}" for w in words}
    if words:
        names.add(f"f:{words[0]}")
        names.add(f"l:{lower[-1]}")
    if len(lower) <= SHORT:
        names.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
        names.add(f"k:{key}")
    return sorted(names)


def doc_features(blocks: list[str]) -> DocFeatures:
    """Dense and lexical features of each block of one document (``blocks`` in order)."""
    n = len(blocks)
    stop = stopwords()
    tokens = [WORD.findall(b) for b in blocks]
    lower = [[t.lower() for t in toks] for toks in tokens]
    keys = [block_key(b) for b in blocks]
    key_counts = Counter(keys)
    shape = np.zeros((n, len(SHAPE)))
    for i, block in enumerate(blocks):
        shape[i] = _shape(block, tokens[i], stop)
        if keys[i] and key_counts[keys[i]] > 1:
            shape[i, _SHAPE_INDEX["dup"]] = 1.0
    context = np.zeros((n, len(OFFSETS) * len(CONTEXT_SHAPE) + len(OFFSETS)))
    width = len(CONTEXT_SHAPE)
    for j, d in enumerate(OFFSETS):
        src = shape[:, _CONTEXT_INDEX]
        if d < 0:
            context[-d:, j * width : (j + 1) * width] = src[: n + d] if n + d > 0 else 0
            context[: min(-d, n), len(OFFSETS) * width + j] = 1.0
        else:
            context[: max(n - d, 0), j * width : (j + 1) * width] = src[d:]
            context[max(n - d, 0) :, len(OFFSETS) * width + j] = 1.0
    position = _position(lower, shape)
    dense = np.hstack([shape, context, position])
    lexical = [_lexical(low, key) for low, key in zip(lower, keys)]
    return DocFeatures(dense=dense, lexical=lexical, words=[len(t) for t in tokens])


def _position(lower: list[list[str]], shape: np.ndarray) -> np.ndarray:
    n = len(lower)
    out = np.zeros((n, len(POSITION)))
    if not n:
        return out
    stop = stopwords()
    content = [{w for w in words if w not in stop and not w.isdigit()} for words in lower]
    title = content[0]
    long_rows = [i for i, words in enumerate(lower) if len(words) >= LONG]
    core: Counter[str] = Counter()
    for i in long_rows:
        core.update(content[i])
    is_long = np.array([len(words) >= LONG for words in lower], dtype=np.float64)
    lengths = shape[:, _SHAPE_INDEX["len"]]
    cum_len = np.concatenate([[0.0], np.cumsum(lengths)])
    cum_long = np.concatenate([[0.0], np.cumsum(is_long)])
    long_idx = np.array(long_rows)
    for i in range(n):
        rel = i / max(n - 1, 1)
        out[i, 0] = rel
        out[i, 1 + min(int(rel * 5), 4)] = 1.0
        out[i, 6] = float(i == 0)
        out[i, 7] = float(i == n - 1)
        words = content[i]
        if words and i > 0:
            out[i, 8] = len(words & title) / len(words)
        if words:
            own = 1 if len(lower[i]) >= LONG else 0
            out[i, 9] = sum(1 for w in words if core[w] - own > 0) / len(words)
            out[i, 10] = float(out[i, 9] == 0)
        lo, hi = max(0, i - 3), min(n, i + 4)
        out[i, 11] = (cum_len[hi] - cum_len[lo] - lengths[i]) / max(hi - lo - 1, 1)
        lo, hi = max(0, i - 5), min(n, i + 6)
        out[i, 12] = (cum_long[hi] - cum_long[lo] - is_long[i]) / max(hi - lo - 1, 1)
        if len(long_idx):
            others = np.abs(long_idx - i)
            others = others[others > 0]
            gap = int(others.min()) if len(others) else n
        else:
            gap = n
        out[i, 13] = math.log1p(gap) / 5
    return out


def feature_dicts(features: DocFeatures) -> list[dict[str, float]]:
    """One ``name -> value`` dict per block, for :func:`pipeline.linear.hash_features`."""
    rows = []
    for dense, lexical in zip(features.dense, features.lexical):
        row = {DENSE[j]: float(v) for j, v in enumerate(dense) if v}
        row.update(dict.fromkeys(lexical, 1.0))
        rows.append(row)
    return rows
