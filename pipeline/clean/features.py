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
from itertools import chain, compress, count, pairwise, repeat

import numpy as np

from pipeline.clean.cues import Cue, cues, match_lines, stopwords, triggers

URL = re.compile(r"https?://|www\.\S+\.\w|\.(com|org|net|gov|edu)\b/?", re.IGNORECASE)
#: what a block must contain (one of) for the URL and e-mail patterns to be tried
LINK_HINTS = ("http", "www.", ".com", ".org", "@")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_DATE = (
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
DATE = re.compile(_DATE, re.IGNORECASE)
#: :data:`DATE` for lower-cased ASCII text (the same matches, several times faster)
DATE_LOWER = re.compile(_DATE)
#: dates are looked for in the first characters of a block only
DATE_SPAN = 160

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
#: class bits of a word: a stopword, a cue trigger word
STOP, TRIGGER = 1, 2


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
        words: per block, its number of words.
        vocab: the document's distinct words, in order of first occurrence.
        ids: every word of the document, in order, as an index into ``vocab``.
    """

    dense: np.ndarray
    tokens: list[list[str]]
    keys: list[str]
    cues: list[tuple[Cue, ...]]
    words: list[int]
    vocab: list[str]
    ids: np.ndarray

    @property
    def lexical(self) -> list[set[str]]:
        """Names of each block's sparse lexical features (value 1 each)."""
        return [lexical_names(t, k) for t, k in zip(self.tokens, self.keys)]


_I = _SHAPE_INDEX

#: character classes (bit flags) of :func:`_char_flags`
(_WORD, _DIGIT, _SPACE, _CAPITAL, _LOWER, _SENT_END, _CLOSER, _SEP, _BULLET, _COMMA, _END_CLOSER,
 _QUOTE, _CJK) = (1 << i for i in range(13))
#: closing quotes and brackets that may follow a sentence's end mark at the end of a block
END_CLOSERS = "\"'”’)]"
#: opening quotes (a block starting with one is a quote)
QUOTES = "\"“'‘"
_FLAG_CHARS = {_SENT_END: ".!?", _CLOSER: "\"'”’)", _SEP: "|•·/»›-", _BULLET: "•·*»›▪►✓-",
               _COMMA: ",", _END_CLOSER: END_CLOSERS, _QUOTE: QUOTES}
_BMP = 0x10000
_NEWLINE, _SPACE_CODE, _DOT, _COMMA_CODE, _ZERO = map(ord, "\n .,0")


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
    if CJK.match(char):
        flags |= _CJK
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
    flags = _bmp_flags().take(codes, mode="clip")
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


def _char_counts(text: str, codes: np.ndarray, flags: np.ndarray) -> dict[str, np.ndarray]:
    r"""Per line of ``text`` (each ending with a line break), counts of characters of each
    kind, in a few array passes over its code points ``codes`` and their :func:`_char_flags`.

    Returns, per line: ``chars`` (its length), ``digits``, ``punct`` (neither word characters
    nor spaces), ``commas``, ``capitals`` and ``lowers`` (word starts matching
    ``\b[^\W\d_a-z]`` and ``\b[a-z]``), ``sentences`` (``.!?``, maybe closed by a quote or
    bracket, before a space or the end), ``separators`` (one of ``|•·/»›-`` between two
    spaces), ``bullet`` (the line starts with a bullet character and a space), ``ending``
    (:func:`_endings`), ``cjk`` (Chinese, Japanese or Korean characters), and whether it
    starts with one of :data:`QUOTES` (``quote``) or holds one of :data:`LINK_HINTS`
    (``link_hint``).
    """
    newline = codes == _NEWLINE
    ends = np.flatnonzero(newline)
    starts = np.concatenate(([0], ends[:-1] + 1))

    def has(flag: int) -> np.ndarray:
        return (flags & flag) > 0

    word, space = has(_WORD), has(_SPACE)
    word_start = word & ~_shifted(word, -1, False)
    closed = has(_CLOSER) & _shifted(space, 1, True)
    sentence_end = has(_SENT_END) & (_shifted(space, 1, True) | _shifted(closed, 1, False))
    inline_space = space & ~newline
    separator = has(_SEP) & _shifted(inline_space, -1, False) & _shifted(inline_space, 1, False)
    bullet = has(_BULLET) & _shifted(inline_space, 1, False)
    counted = {
        "cjk": has(_CJK),
        "digits": has(_DIGIT),
        "punct": ~word & ~space,
        "commas": has(_COMMA),
        "capitals": word_start & has(_CAPITAL),
        "lowers": word_start & has(_LOWER),
        "sentences": sentence_end,
        "separators": separator,
    }  # no mask is true on a line break: summed from each line's start
    per_line = np.add.reduceat(np.stack(list(counted.values())), starts, axis=1, dtype=np.int64)
    return {
        **dict(zip(counted, per_line)),
        "chars": ends - starts,
        "link_hint": _hint_lines(text, ends),
        "quote": has(_QUOTE)[starts],
        "bullet": bullet[starts],
        "ending": _endings(codes, flags, starts, ends),
    }


def _hint_lines(text: str, ends: np.ndarray) -> np.ndarray:
    """Which lines of ``text`` (the ``i``-th ends at ``ends[i]``) hold one of :data:`LINK_HINTS`."""
    found = []
    for hint in LINK_HINTS:
        at = text.find(hint)
        while at >= 0:
            found.append(at)
            at = text.find(hint, at + 1)
    lines = np.zeros(len(ends), dtype=bool)
    lines[np.searchsorted(ends, found)] = True
    return lines


def _endings(codes: np.ndarray, flags: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How each line (``starts[i]:ends[i]``) ends: 0 a sentence end (``.!?``, maybe followed
    by closing quotes or brackets, not ``...``), 1 a colon, 2 an ellipsis, 3 anything else."""
    last_open = ends - 1  # stepped back over closing quotes and brackets
    closer = np.ones(len(ends), dtype=bool)
    while closer.any():
        closer = (last_open >= starts) & ((flags[last_open] & _END_CLOSER) > 0)
        last_open = last_open - closer
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


def _has_date(block: str) -> bool:
    """Whether :data:`DATE` matches in the first :data:`DATE_SPAN` characters of ``block``."""
    head = block[:DATE_SPAN]
    return (DATE_LOWER.search(head.lower()) if head.isascii() else DATE.search(head)) is not None


def _shape(
    blocks: list[str],
    words: np.ndarray,
    n_stop: np.ndarray,
    matched: list[tuple[Cue, ...]],
    counts: dict[str, np.ndarray],
) -> np.ndarray:
    """The :data:`SHAPE` features of every block (one row each), mostly as array operations.

    ``words`` and ``n_stop`` are the blocks' numbers of words and of stopwords, ``counts``
    their :func:`_char_counts`.
    """
    n = len(blocks)
    shape = np.zeros((n, len(SHAPE)))
    chars = counts["chars"].astype(np.float64)
    safe_words = np.maximum(words, 1)
    safe_chars = np.maximum(chars, 1)
    shape[np.arange(n), np.searchsorted(WORD_BINS, words)] = 1.0
    shape[:, _I["len"]] = np.log1p(words) / 4
    shape[:, _I["chars"]] = np.log1p(chars) / 7
    shape[:, _I["stop"]] = n_stop / safe_words
    shape[:, _I["stop0"]] = (n_stop == 0) & (words >= 3)
    shape[:, _I["punct"]] = counts["punct"] / safe_chars
    digit = counts["digits"] / safe_chars
    shape[:, _I["digit"]] = digit
    alpha = counts["capitals"] + counts["lowers"]
    shape[:, _I["caps"]] = counts["capitals"] / np.maximum(alpha, 1)
    shape[:, _I["allcaps"]] = np.fromiter(map(str.isupper, blocks), dtype=bool, count=n)
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
    for i in np.flatnonzero(digit).tolist():
        shape[i, _I["date"]] = _has_date(blocks[i])
    shape[:, _I["sep"]] = counts["separators"] > 0
    shape[:, _I["bullet"]] = counts["bullet"]
    shape[:, _I["quote"]] = counts["quote"]
    for i in compress(range(n), matched):  # the blocks with a cue
        shape[i, _I["cue"]] = 1.0
        for cue in matched[i]:
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
        return DocFeatures(
            dense=np.zeros((0, len(DENSE))), tokens=[], keys=[], cues=[], words=[], vocab=[],
            ids=np.zeros(0, dtype=np.int64),
        )
    joined = "\n".join(blocks)
    if joined.count("\n") >= n:  # a block holding a line break: it becomes a space
        joined = "\n".join(b.replace("\n", " ") for b in blocks)
    text = joined + "\n"  # every line ends with a line break
    codes = _codes(text)
    flags = _char_flags(text, codes)
    counts = _char_counts(text, codes, flags)
    low = joined.lower()
    lows = low.split("\n")
    low_codes = _codes(low)
    # lower-casing keeps word characters and digits what they are (see the tests), so when no
    # character became several, the flags of the document serve for its lower-cased form
    low_flags = flags[:-1] if len(low_codes) == len(joined) else _char_flags(low, low_codes)
    lower, keys = _words_and_keys(low_codes, low_flags, (counts["digits"] > 0).tolist())
    n_words = np.fromiter(map(len, lower), dtype=np.int64, count=n)
    vocab, ids = _vocabulary(list(chain.from_iterable(lower)))
    owner = np.repeat(np.arange(n), n_words)  # the block of each word
    classes = np.fromiter(map(_word_classes().get, vocab, repeat(0)), dtype=np.uint8, count=len(vocab))
    classes = classes[ids]
    stop = (classes & STOP) > 0
    triggered = np.flatnonzero(np.bincount(owner, weights=classes & TRIGGER, minlength=n))
    matched = match_lines(lows, lower, triggered.tolist())
    n_stop = np.bincount(owner, weights=stop, minlength=n)
    shape = _shape(blocks, n_words, n_stop, matched, counts)
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
    content = ~stop
    position = _position(n_words, ids[content], owner[content], len(vocab), shape)
    for i in np.flatnonzero(counts["cjk"]).tolist():
        position[i, -1] = CJK.search(blocks[i], 0, 40) is not None
    dense = np.hstack([shape, context, position])
    return DocFeatures(
        dense=dense, tokens=lower, keys=keys, cues=matched, words=n_words.tolist(), vocab=vocab,
        ids=ids,
    )


def _words_and_keys(
    codes: np.ndarray, flags: np.ndarray, digits: list[bool]
) -> tuple[list[list[str]], list[str]]:
    """The words (``\\w+`` runs) and the key (:func:`pipeline.clean.blocks.block_key`) of each
    line of a lower-cased document, from its code points ``codes`` and their
    :func:`_char_flags`; ``digits`` says which lines hold a digit.

    In a few array passes over the document's characters, those that are not word characters
    become spaces (and, for the keys of lines with digits, every number that
    :data:`pipeline.clean.blocks.NUMBER` matches becomes ``0``); each line is then split on
    the spaces.
    """
    word = ((flags & _WORD) > 0) | (codes == _NEWLINE)  # line breaks stay
    spaced = np.where(word, codes, _SPACE_CODE)
    digit = (flags & _DIGIT) > 0
    between = _shifted(digit, -1, False) & _shifted(digit, 1, False)
    number = digit | (((codes == _DOT) | (codes == _COMMA_CODE)) & between)  # ``\d+(?:[.,]\d+)*``
    first = number & ~_shifted(number, -1, False)
    folded = np.where(first, _ZERO, spaced)[first | ~number]
    words = [line.split() for line in _decode(spaced).split("\n")]
    folded_lines = _decode(folded).split("\n")
    keys = [" ".join(f.split() if d else w) for f, w, d in zip(folded_lines, words, digits)]
    return words, keys


def _decode(codes: np.ndarray) -> str:
    """The text of the code points ``codes`` (the inverse of :func:`_codes`)."""
    return codes.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def _vocabulary(words: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct ``words`` in order of first occurrence, and each word's index among them."""
    index = dict(zip(dict.fromkeys(words), count()))
    return list(index), np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct ``values`` (``np.unique``, several times faster on short arrays)."""
    ordered = np.sort(values, kind="stable")
    return ordered[_starts(ordered)]


def distinct_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`distinct` and, for each value, the index of its distinct value."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = _starts(ordered)
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def _starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values of the sorted array ``ordered`` starts."""
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, int]:
    """The class bits (:data:`STOP`, :data:`TRIGGER`) of the stopwords and cue trigger words."""
    classes = dict.fromkeys(stopwords(), STOP)
    for word in triggers():
        classes[word] = classes.get(word, 0) | TRIGGER
    return classes


def _position(
    words: np.ndarray,
    content_ids: np.ndarray,
    content_owner: np.ndarray,
    n_vocab: int,
    shape: np.ndarray,
) -> np.ndarray:
    """Position, title-similarity and document-core features of every block.

    ``words`` are the blocks' numbers of words; ``content_ids`` the document's non-stopwords
    (indexes into its vocabulary of ``n_vocab`` words) and ``content_owner`` their blocks.
    """
    n = len(words)
    out = np.zeros((n, len(POSITION)))
    if not n:
        return out
    rel = np.arange(n) / max(n - 1, 1)
    out[:, 0] = rel
    out[np.arange(n), 1 + np.minimum((rel * 5).astype(int), 4)] = 1.0
    out[0, 6] = 1.0
    out[n - 1, 7] = 1.0
    # each block's set of content words, as (block, word) pairs
    block, word = np.divmod(distinct(content_owner * n_vocab + content_ids), max(n_vocab, 1))
    sizes = np.bincount(block, minlength=n).astype(np.float64)
    is_long = words >= LONG
    long_pair = is_long[block]
    core = np.bincount(word[long_pair], minlength=n_vocab)  # long blocks holding each word
    # a word of a long block counts when another long block has it too
    hits = np.where(long_pair, core[word] >= 2, core[word] >= 1)
    core_hits = np.bincount(block, weights=hits, minlength=n)
    in_title = np.zeros(n_vocab, dtype=bool)
    in_title[word[block == 0]] = True
    title_hits = np.bincount(block, weights=in_title[word], minlength=n)
    title_hits[0] = 0.0
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

