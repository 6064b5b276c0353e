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

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, pairwise

import numpy as np

from pipeline.clean.blocks import NUMBER
from pipeline.clean.cues import Cue, cues, match_cues, stopwords

WORD = re.compile(r"\w+")
URL = re.compile(r"https?://|www\.\S+\.\w|\.(com|org|net|gov|edu)\b/?", re.IGNORECASE)
#: what a block must contain for the URL and e-mail patterns to be tried
LINK_HINT = re.compile(r"http|www\.|\.com|\.org|@")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)

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

#: character classes (bit flags) of :func:`_char_flags`
_WORD, _DIGIT, _SPACE, _CAPITAL, _LOWER, _SENT_END, _CLOSER, _SEP, _BULLET, _COMMA, _END_CLOSER = (
    1 << i for i in range(11)
)
#: closing quotes and brackets that may follow a sentence's end mark at the end of a block
END_CLOSERS = "\"'”’)]"
_FLAG_CHARS = {_SENT_END: ".!?", _CLOSER: "\"'”’)", _SEP: "|•·/»›-", _BULLET: "•·*»›▪►✓-",
               _COMMA: ",", _END_CLOSER: END_CLOSERS}
_BMP = 0x10000
_NEWLINE = 10
QUOTES = ("\"", "“", "'", "‘")


def _flags_of(char: str) -> int:
    r"""The class flags of one character, as Python's ``re`` sees ``\w``, ``\d`` and ``\s``."""
    flags = 0
    if char.isalnum() or char == "_":
        flags |= _WORD
        if "a" <= char <= "z":
            flags |= _LOWER
        elif not char.isdecimal() and char != "_":
            flags |= _CAPITAL  # what ``[^\W\d_a-z]`` matches
    if char.isdecimal():
        flags |= _DIGIT
    if char.isspace():
        flags |= _SPACE
    for flag, chars in _FLAG_CHARS.items():
        if char in chars:
            flags |= flag
    return flags


@lru_cache(maxsize=1)
def _bmp_flags() -> np.ndarray:
    """Class flags of every character of the Basic Multilingual Plane."""
    return np.array([_flags_of(chr(i)) for i in range(_BMP)], dtype=np.uint16)


def _codes(text: str) -> np.ndarray:
    """The code points of ``text``."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _char_flags(text: str, codes: np.ndarray) -> np.ndarray:
    """Class flags of each character of ``text`` (``codes`` are its code points)."""
    flags = _bmp_flags()[np.minimum(codes, _BMP - 1)]
    for i in np.flatnonzero(codes >= _BMP):
        flags[i] = _flags_of(text[i])
    return flags


def _shifted(mask: np.ndarray, step: int, fill: bool) -> np.ndarray:
    """``mask`` moved so that position ``i`` holds ``mask[i + step]`` (``fill`` off the ends)."""
    out = np.full(len(mask), fill)
    if step > 0:
        out[: len(mask) - step] = mask[step:]
    else:
        out[-step:] = mask[: len(mask) + step]
    return out


def _char_counts(joined: str) -> dict[str, np.ndarray]:
    r"""Per line of ``joined``, counts of characters of each kind, in a few array passes.

    Returns, per line: ``chars`` (its length), ``digits``, ``punct`` (neither word characters
    nor spaces), ``commas``, ``capitals`` and ``lowers`` (word starts matching
    ``\b[^\W\d_a-z]`` and ``\b[a-z]``), ``sentences`` (``.!?``, maybe closed by a quote or
    bracket, before a space or the end), ``separators`` (one of ``|•·/»›-`` between two
    spaces), ``bullet`` (the line starts with a bullet character and a space), ``words``
    (word starts), ``link_hint`` (hints of a URL or e-mail address, :data:`LINK_HINT`) and
    ``ending`` (:func:`_endings`).
    """
    text = joined + "\n"  # every line ends with a line break
    codes = _codes(text)
    flags = _char_flags(text, codes)
    newline = codes == _NEWLINE
    ends = np.flatnonzero(newline)
    starts = np.concatenate(([0], ends[:-1] + 1))

    def per_line(mask: np.ndarray) -> np.ndarray:  # no mask is true on a line break
        return np.add.reduceat(mask, starts, dtype=np.int64)

    def has(flag: int) -> np.ndarray:
        return (flags & flag) > 0

    word, space = has(_WORD), has(_SPACE)
    word_start = word & ~_shifted(word, -1, False)
    closed = has(_CLOSER) & _shifted(space, 1, True)
    sentence_end = has(_SENT_END) & (_shifted(space, 1, True) | _shifted(closed, 1, False))
    inline_space = space & ~newline
    separator = has(_SEP) & _shifted(inline_space, -1, False) & _shifted(inline_space, 1, False)
    bullet = has(_BULLET) & _shifted(inline_space, 1, False)
    return {
        "chars": ends - starts,
        "link_hint": per_line(_hint_mask(text, len(codes))),
        "digits": per_line(has(_DIGIT)),
        "punct": per_line(~word & ~space),
        "commas": per_line(has(_COMMA)),
        "capitals": per_line(word_start & has(_CAPITAL)),
        "lowers": per_line(word_start & has(_LOWER)),
        "words": per_line(word_start),
        "sentences": per_line(sentence_end),
        "separators": per_line(separator),
        "bullet": bullet[starts],
        "ending": _endings(codes, flags, starts, ends),
    }


def _hint_mask(text: str, size: int) -> np.ndarray:
    """Where ``text`` has a hint of a URL or an e-mail address (:data:`LINK_HINT`)."""
    mask = np.zeros(size, dtype=bool)
    mask[[m.start() for m in LINK_HINT.finditer(text)]] = True
    return mask


def _endings(codes: np.ndarray, flags: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How each line (``starts[i]:ends[i]``) ends: 0 a sentence end (``.!?``, maybe followed
    by closing quotes or brackets, not ``...``), 1 a colon, 2 an ellipsis, 3 anything else."""
    positions = np.arange(len(codes))
    last_open = np.maximum.accumulate(np.where((flags & _END_CLOSER) > 0, -1, positions))[ends - 1]
    last = np.where(ends > starts, codes[ends - 1], 0)
    sentence = (last_open >= starts) & ((flags[np.maximum(last_open, 0)] & _SENT_END) > 0)
    dots = ends - starts >= 3
    for back in (1, 2, 3):
        dots &= codes[np.maximum(ends - back, 0)] == ord(".")
    out = np.full(len(starts), 3)
    out[last == ord("…")] = 2
    out[last == ord(":")] = 1
    out[sentence] = 0
    out[dots] = 2
    return out


def _shape(
    blocks: list[str], lower: list[list[str]], matched: list[list[Cue]], counts: dict[str, np.ndarray]
) -> np.ndarray:
    """The :data:`SHAPE` features of every block (one row each), mostly as array operations.

    ``counts`` are the blocks' :func:`_char_counts`.
    """
    n = len(blocks)
    stop = stopwords()
    shape = np.zeros((n, len(SHAPE)))
    words = np.fromiter(map(len, lower), dtype=np.int64, count=n)
    chars = counts["chars"].astype(np.float64)
    safe_words = np.maximum(words, 1)
    safe_chars = np.maximum(chars, 1)
    shape[np.arange(n), np.searchsorted(WORD_BINS, words)] = 1.0
    flat = list(chain.from_iterable(lower))
    is_stop = np.fromiter(map(stop.__contains__, flat), dtype=bool, count=len(flat))
    total = np.concatenate(([0], np.cumsum(is_stop)))
    bounds = np.cumsum(words)
    n_stop = (total[bounds] - total[bounds - words]).astype(np.float64)
    shape[:, _I["len"]] = np.log1p(words) / 4
    shape[:, _I["chars"]] = np.log1p(chars) / 7
    shape[:, _I["stop"]] = n_stop / safe_words
    shape[:, _I["stop0"]] = (n_stop == 0) & (words >= 3)
    shape[:, _I["punct"]] = counts["punct"] / safe_chars
    digit = counts["digits"] / safe_chars
    shape[:, _I["digit"]] = digit
    alpha = counts["capitals"] + counts["lowers"]
    shape[:, _I["caps"]] = counts["capitals"] / np.maximum(alpha, 1)
    shape[:, _I["allcaps"]] = [b.isupper() for b in blocks]
    shape[:, _I["allcaps"]] *= words >= 2
    shape[:, _I["comma"]] = np.minimum(counts["commas"] / safe_words, 1.0) * (words > 0)
    shape[np.arange(n), _I["end_period"] + counts["ending"]] = 1.0
    shape[:, _I["n_sent"]] = np.log1p(counts["sentences"]) / 2
    for i in counts["link_hint"].nonzero()[0]:
        block = blocks[i]
        if "http" in block or "www." in block or ".com" in block or ".org" in block:
            shape[i, _I["url"]] = URL.search(block) is not None
        if "@" in block:
            shape[i, _I["email"]] = EMAIL.search(block) is not None
    for i in np.flatnonzero(digit):
        shape[i, _I["date"]] = DATE.search(blocks[i], 0, 160) is not None
    shape[:, _I["sep"]] = counts["separators"] > 0
    shape[:, _I["bullet"]] = counts["bullet"]
    shape[:, _I["quote"]] = [b.startswith(QUOTES) for b in blocks]
    for i, found in enumerate(matched):
        if found:
            shape[i, _I["cue"]] = 1.0
            for cue in found:
                shape[i, _I["cue_" + cue.name]] = 1.0
    return shape


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
    if not n:
        return DocFeatures(dense=np.zeros((0, len(DENSE))), tokens=[], keys=[], cues=[])
    joined = "\n".join(b.replace("\n", " ") for b in blocks)
    counts = _char_counts(joined)
    lows, lower = _words(joined.lower(), counts["words"])
    matched = [match_cues(low, words) for low, words in zip(lows, lower)]
    shape = _shape(blocks, lower, matched, counts)
    keys = [
        " ".join(WORD.findall(NUMBER.sub("0", low))) if digit else " ".join(words)
        for low, words, digit in zip(lows, lower, shape[:, _I["digit"]].tolist())
    ]
    key_counts = Counter(keys)
    shape[:, _I["dup"]] = [bool(k) and key_counts[k] > 1 for k in keys]
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
    position[:, -1] = [bool(CJK.search(b, 0, 40)) for b in blocks]
    dense = np.hstack([shape, context, position])
    return DocFeatures(dense=dense, tokens=lower, keys=keys, cues=matched)


def _words(low: str, counts: np.ndarray) -> tuple[list[str], list[list[str]]]:
    """The lines of the lower-cased document ``low`` and their words.

    The words are found in one pass over the document and cut into lines by ``counts``
    (the words of each line, from :func:`_char_counts`); should lower-casing have changed
    them (a rare letter whose lower case is not a word character), line by line.
    """
    lows = low.split("\n")
    flat = WORD.findall(low)
    if len(flat) != int(counts.sum()) or len(lows) != len(counts):
        return lows, [WORD.findall(line) for line in lows]
    ends = np.cumsum(counts).tolist()
    return lows, [flat[a:b] for a, b in zip([0] + ends[:-1], ends)]


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
    for words in compress(content, long_flags):
        core.update(words)
    in_core = set(core)  # words of some long block
    in_other_core = {w for w, c in core.items() if c >= 2}  # ... of another long block
    title = content[0]
    sizes = np.fromiter(map(len, content), dtype=np.float64, count=n)
    title_hits = np.fromiter(map(len, map(title.intersection, content)), dtype=np.float64, count=n)
    title_hits[0] = 0.0
    core_hits = np.fromiter(
        (len(words & (in_other_core if flag else in_core)) for words, flag in zip(content, long_flags)),
        dtype=np.float64,
        count=n,
    )
    safe = np.maximum(sizes, 1)
    title_sim = title_hits / safe
    core_sim = core_hits / safe
    core_none = (core_hits == 0) & (sizes > 0)
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

