"""Features of a quantity in its sentence, for the claim classifier.

Featurization is split in two so that it stays cheap: :func:`sentence_context` tokenizes a
sentence and finds its cue phrases once, then :func:`quantity_features` builds a small
``name -> value`` dict for each quantity from that context. The names are hashed into
columns by :class:`FeatureIndex` (the same murmurhash column as
:func:`pipeline.linear.hash_features`, memoized), so training and inference agree exactly.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.utils import murmurhash3_32

DATA = Path(__file__).parent / "data"
TOKEN = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*|\d+(?:[.,·]\d+)*|[^\w\s]", re.UNICODE)
SHAPE_DIGITS = re.compile(r"\d+")
SHAPE_LETTERS = re.compile(r"[^\W\d_]+")
#: Words (as counts) that the quantity's head noun may be: "2,000 patients" is a count of people.
PEOPLE = frozenset(
    "people patients adults women men children participants volunteers subjects respondents "
    "individuals babies infants teenagers students workers smokers users cases deaths residents "
    "americans britons veterans mothers girls boys kids nurses doctors donors survivors".split()
)
CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\s-\s|\b(?:but|while|whereas|although|though)\b")
WINDOW = 6
#: letters kept of each sentence word as a crude stem ("infected", "infections" -> "infec"),
#: so that unseen inflections of known words still count
STEM = 5
NEAR_CHARS = 60
#: cue groups crossed with the article's study design
CROSSED_CUES = frozenset({"adverse", "harm", "treatment", "treated_group", "trial", "association", "observational",
                          "cohort", "self_selected", "prevalence", "effect", "demographic", "condition_holder",
                          "health", "side_effect", "uptake", "diagnostic", "exposure", "coverage",
                          "dose_response"})
#: cue groups that describe the quantity itself count only close to it: units and "aged" or
#: "enrolled" right next to it (a clause's "within weeks" says nothing about the figure "rose by
#: 70%"), business words in its own clause ("at our three clinics, 84% reported less fatigue"
#: is a claim, "sales jumped 30 percent" is not); other groups also count when near it
CUE_SCOPE = {"nonclaim": "adjacent", "business": "clause"}
ADJACENT_CHARS = 16
#: cue groups whose meaning depends on the direction of the quantity ("pain fell" is a benefit,
#: "inflammation rose" a harm) and on whether animals or cells are the subject
POLAR_CUES = frozenset({"harm", "adverse", "effect", "health", "side_effect"})
#: words that join the two sides of a comparison ("16 percent ... compared with 10 percent")
COMPARE_WORDS = frozenset({"versus", "vs", "compared", "than", "while", "whereas", "against", "and"})
#: the most tokens between a quantity and the other side of its comparison
PAIR_TOKENS = 12


@dataclass(frozen=True)
class Lexicon:
    """Cue phrase groups, indexed for matching over a sentence's tokens.

    Attributes:
        phrases: first token -> ``(tokens, group)`` for every literal phrase.
        prefixes: ``(prefix, group)`` for phrases written ``"word*"`` (one token).
        suffixes: ``(suffix, group)`` for phrases written ``"*word"`` (one token).
        version: the lexicon file's version.
    """

    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    prefixes: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    version: int


@lru_cache(maxsize=4)
def load_lexicon(path: Path = DATA / "cues.json") -> Lexicon:
    """Read ``cues.json`` and index its phrases by first token.

    Args:
        path: the lexicon file.

    Returns:
        The indexed lexicon (cached per path).
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    prefixes, suffixes = [], []
    for group, entries in raw["groups"].items():
        for phrase in entries:
            if phrase.startswith("*"):
                suffixes.append((phrase[1:], group))
            elif phrase.endswith("*"):
                prefixes.append((phrase[:-1], group))
            else:
                tokens = tuple(TOKEN.findall(phrase.lower()))
                phrases.setdefault(tokens[0], []).append((tokens, group))
    return Lexicon(
        phrases={first: tuple(entries) for first, entries in phrases.items()},
        prefixes=tuple(prefixes),
        suffixes=tuple(suffixes),
        version=int(raw.get("version", 1)),
    )


def find_cues(tokens: list[str], starts: list[int], ends: list[int], lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """Every cue phrase in a token list, as ``(group, start, end)`` character offsets.

    A phrase inside a longer phrase of another group is dropped: "stopped treatment" is an
    ``adverse`` cue, not also an ``effect`` one ("stopped").
    """
    cues = []
    n = len(tokens)
    suffix_words = tuple(s for s, _ in lexicon.suffixes)
    prefix_words = tuple(p for p, _ in lexicon.prefixes)
    for i, token in enumerate(tokens):
        for phrase, group in lexicon.phrases.get(token, ()):
            j = i + len(phrase)
            if j <= n and (len(phrase) == 1 or tuple(tokens[i:j]) == phrase):
                cues.append((group, starts[i], ends[j - 1]))
        if prefix_words and token.startswith(prefix_words):
            cues += [(g, starts[i], ends[i]) for p, g in lexicon.prefixes if token.startswith(p)]
        if suffix_words and len(token) > 4 and token.endswith(suffix_words):
            cues += [(g, starts[i], ends[i]) for s, g in lexicon.suffixes
                     if token.endswith(s) and len(token) >= len(s) + 2]
    return [cue for cue in cues if not any(
        other[0] != cue[0] and other[1] <= cue[1] and cue[2] <= other[2] and other[2] - other[1] > cue[2] - cue[1]
        for other in cues)]


@dataclass
class SentenceContext:
    """What every quantity of one sentence shares.

    Attributes:
        text: the sentence.
        lower: the sentence in lowercase.
        tokens: lowercase tokens, numbers replaced by their shape.
        starts: start offset of each token.
        ends: end offset of each token.
        cues: ``(group, start, end)`` for every cue phrase found.
        features: sentence-level features (cue groups present, hashed unigrams, their
            five-letter stems and bigrams, the first two words).
        breaks: offsets of clause breaks (punctuation, "but", "while", "whereas").
    """

    text: str
    lower: str
    tokens: list[str]
    starts: list[int]
    ends: list[int]
    cues: list[tuple[str, int, int]]
    features: dict[str, float]
    breaks: list[int]


def shape(text: str) -> str:
    """Collapse digit runs to ``9`` and letter runs to ``a``: "5,139" -> "9,9"."""
    return SHAPE_LETTERS.sub("a", SHAPE_DIGITS.sub("9", text))


def tokenize(lower: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens of lowercased text (numbers replaced by their shape), with their start and end offsets."""
    tokens, starts, ends = [], [], []
    for match in TOKEN.finditer(lower):
        word = match.group()
        tokens.append("<" + shape(word) + ">" if word[0].isdigit() else word)
        starts.append(match.start())
        ends.append(match.end())
    return tokens, starts, ends


def cue_groups(text: str, lexicon: Lexicon | None = None) -> set[str]:
    """The names of the cue groups found in a piece of text."""
    tokens, starts, ends = tokenize(text.lower())
    return {name for name, _, _ in find_cues(tokens, starts, ends, lexicon or load_lexicon())}


def sentence_context(sentence: str, lexicon: Lexicon | None = None) -> SentenceContext:
    """Tokenize a sentence and find its cue phrases (matched on tokens, not regexes, to stay fast).

    Args:
        sentence: the sentence text.
        lexicon: cue groups; the packaged ``cues.json`` by default.

    Returns:
        The shared context for :func:`quantity_features`.
    """
    lexicon = lexicon or load_lexicon()
    lower = sentence.lower()
    tokens, starts, ends = tokenize(lower)
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(lower)]
    cues = find_cues(tokens, starts, ends, lexicon)
    features: dict[str, float] = {"bias": 1.0}
    present = sorted({name for name, _, _ in cues})
    for i, name in enumerate(present):
        features["cue=" + name] = 1.0
        for other in present[i + 1:]:
            features["cue=" + name + "&" + other] = 1.0
    words = [t for t in tokens if t[0].isalpha()]
    for word in words:
        features["w=" + word] = 1.0
        features["ws=" + word[:STEM]] = 1.0
    for left, right in zip(words, words[1:]):
        features["b=" + left + "_" + right] = 1.0
    for word in words[:2]:
        features["first=" + word] = 1.0
    return SentenceContext(sentence, lower, tokens, starts, ends, cues, features, breaks)


def quantity_features(ctx: SentenceContext, quantity: dict, doc: dict[str, float] | None = None) -> dict[str, float]:
    """Features of one quantity (offsets into ``ctx.text``) plus its sentence's features.

    Args:
        ctx: the sentence context from :func:`sentence_context`.
        quantity: a quantity dict (``text``, ``start``, ``end``, ``kind``, ...).
        doc: the sentence's article context (:func:`pipeline.claims.context.article_contexts`),
            or ``None`` for a sentence seen alone; its design features are added and crossed
            with the cue groups of the quantity's clause.

    Returns:
        A ``name -> value`` dict ready for :class:`FeatureIndex`: ``ctx.features`` plus
        :func:`own_features` (their names never collide).
    """
    feats = dict(ctx.features)
    feats.update(own_features(ctx, quantity, doc))
    return feats


def own_features(ctx: SentenceContext, quantity: dict, doc: dict[str, float] | None = None) -> dict[str, float]:
    """The features of one quantity without its sentence's shared ``ctx.features``, so that a
    model can score the shared part once per sentence (arguments as :func:`quantity_features`)."""
    start, end = quantity["start"], quantity["end"]
    feats: dict[str, float] = {}
    text = quantity.get("text") or ctx.text[start:end]
    kind = quantity.get("kind") or "none"
    feats["kind=" + kind] = 1.0
    feats["shape=" + shape(text.lower())] = 1.0
    for key in ("bound", "direction", "role", "unit"):
        value = quantity.get(key)
        if value:
            feats[key + "=" + str(value).lower()] = 1.0
            feats[key + "&kind=" + str(value).lower() + "&" + kind] = 1.0
    for key in ("ci_low", "p_value", "low"):
        if quantity.get(key) is not None:
            feats["has=" + key] = 1.0
    value = quantity.get("value")
    if value is None:
        value = quantity.get("high")
    if isinstance(value, (int, float)):
        feats["mag=" + magnitude(value)] = 1.0
        if float(value).is_integer() and 1800 <= value <= 2100 and "," not in text:
            feats["yearlike&kind=" + kind] = 1.0
    first_right = bisect_left(ctx.starts, end)
    left_end = bisect_right(ctx.ends, start)
    left = range(max(0, left_end - WINDOW), left_end)
    right = range(first_right, min(len(ctx.tokens), first_right + WINDOW))
    tokens = ctx.tokens
    for pos, i in enumerate(reversed(left), 1):
        if pos <= 3:
            feats[f"l{pos}=" + tokens[i]] = 1.0
        feats["lw=" + tokens[i]] = 1.0
    for pos, i in enumerate(right, 1):
        if pos <= 3:
            feats[f"r{pos}=" + tokens[i]] = 1.0
        feats["rw=" + tokens[i]] = 1.0
    r1 = tokens[right[0]] if right else "</s>"
    r2 = tokens[right[1]] if len(right) > 1 else "</s>"
    l1 = tokens[left[-1]] if left else "<s>"
    feats["r12=" + r1 + "_" + r2] = 1.0
    feats["l1&kind=" + l1 + "&" + kind] = 1.0
    feats["r1&kind=" + r1 + "&" + kind] = 1.0
    if r1 == "of" and len(right) > 1:
        feats["of_noun=" + r2] = 1.0
    if r1 in PEOPLE:
        feats["count_people&kind=" + kind] = 1.0
    if not left:
        feats["sent_initial"] = 1.0
    if r1 == "(" and len(right) > 1 and tokens[right[1]].startswith("<") and (len(right) < 3 or tokens[right[2]] == "%"):
        feats["count_then_percent"] = 1.0
    if r1 == "of" and len(right) > 1 and (tokens[right[1]].startswith("<") or tokens[right[1]] == "the"):
        feats["n_of_m&kind=" + kind] = 1.0
    if r1 == "of" and any(tokens[i] in PEOPLE for i in right[1:4]):
        feats["of_people&kind=" + kind] = 1.0
    clause_start = ctx.breaks[bisect_right(ctx.breaks, start) - 1] if ctx.breaks and ctx.breaks[0] < start else 0
    after = bisect_left(ctx.breaks, end)
    clause_end = ctx.breaks[after] if after < len(ctx.breaks) else len(ctx.text)
    clause: list[str] = []
    for name, cue_start, cue_end in ctx.cues:
        scope = CUE_SCOPE.get(name)
        if scope == "adjacent":
            if cue_start - end <= ADJACENT_CHARS and start - cue_end <= ADJACENT_CHARS:
                feats["adjacent=" + name] = 1.0
            continue
        if clause_start <= cue_start and cue_end <= clause_end and name not in clause:
            clause.append(name)
            feats["clause=" + name] = 1.0
        if scope == "clause":
            continue
        if cue_end <= start and start - cue_end <= NEAR_CHARS:
            feats["near_before=" + name] = 1.0
        elif cue_start >= end and cue_start - end <= NEAR_CHARS:
            feats["near_after=" + name] = 1.0
    direction = quantity.get("direction") or "none"
    animal = "cue=animal" in ctx.features
    for cue in clause:
        if cue in POLAR_CUES:
            feats["clause=" + cue + "&dir=" + direction] = 1.0
            if animal:
                feats["animal&clause=" + cue + "&dir=" + direction] = 1.0
        if animal and cue in CROSSED_CUES:
            feats["animal&clause=" + cue] = 1.0
    pair, partner = comparison_side(tokens, left_end, first_right)
    if pair:
        feats["pair=" + pair] = 1.0
        for cue in clause:
            if cue in CROSSED_CUES:
                feats["pair&clause=" + cue] = 1.0
        low, high = sorted((start, ctx.starts[partner]))
        for name, cue_start, _ in ctx.cues:
            if low < cue_start < high and name in CROSSED_CUES:
                feats["pair_between=" + name] = 1.0
    if doc:
        add_design_features(feats, doc, kind, clause, pair)
    return feats


def comparison_side(tokens: list[str], left_end: int, first_right: int) -> tuple[str | None, int]:
    """Whether a quantity is one side of a comparison of two figures ("16 percent reported
    nausea, compared with 10 percent"; "4.1 percent versus 6.3 percent"): ``"first"`` when a
    comparison word and then another number follow it within :data:`PAIR_TOKENS` tokens,
    ``"second"`` when a number and then a comparison word precede it, else ``None``.

    Args:
        tokens: the sentence tokens (numbers as ``<shape>``).
        left_end: index of the first token after the quantity's left context.
        first_right: index of the first token after the quantity.

    Returns:
        ``(side, index of the other side's number token)``; ``(None, -1)`` when unpaired.
    """
    seen_word = False
    for i in range(first_right, min(len(tokens), first_right + PAIR_TOKENS)):
        if tokens[i] in COMPARE_WORDS:
            seen_word = True
        elif seen_word and tokens[i][0] == "<":
            return "first", i
    seen_word = False
    for i in range(left_end - 1, max(0, left_end - PAIR_TOKENS) - 1, -1):
        if tokens[i] in COMPARE_WORDS:
            seen_word = True
        elif seen_word and tokens[i][0] == "<":
            return "second", i
    return None, -1


def add_design_features(feats: dict[str, float], doc: dict[str, float], kind: str, clause: list[str],
                        pair: str | None = None) -> None:
    """Add the article's design features to a quantity's features, with crosses: the
    article summary, the nearest design statement and the harm or benefit words just before
    the sentence against the clause's cue groups, the quantity's kind and whether it is one
    side of a comparison (an observational article's "25 percent lower risk" or "4.1 percent
    versus 6.3 percent" is an association, a trial's "per 1,000 person-years" an efficacy
    figure, a harm cue a safety one, an arm's rate of "the condition" a harm named before it)."""
    feats.update(doc)
    anchors = [name for name in doc if name.startswith(("doc_kind=", "near_design=", "before_cue="))]
    for anchor in anchors:
        feats[anchor + "&kind=" + kind] = 1.0
        if pair:
            feats[anchor + "&pair"] = 1.0
        for cue in clause:
            if cue in CROSSED_CUES:
                feats[anchor + "&clause=" + cue] = 1.0


def magnitude(value: float) -> str:
    """A coarse bucket of a number's size, for the classifier."""
    value = abs(value)
    if value < 1:
        return "lt1"
    if value < 10:
        return "lt10"
    if value <= 100:
        return "le100"
    if value < 1000:
        return "lt1k"
    if value < 10000:
        return "lt10k"
    return "big"


class FeatureIndex:
    """Map feature names to hashed columns, memoizing the murmurhash of each name.

    The column of a name is the one :func:`pipeline.linear.hash_features` gives it (signed
    32-bit murmurhash3 of the UTF-8 name, seed 0, absolute value modulo ``n_features``).
    """

    MAX_CACHE = 1_000_000

    def __init__(self, n_features: int) -> None:
        self.n_features = n_features
        self._cache: dict[str, int] = {}

    def column(self, name: str) -> int:
        """The column of one feature name."""
        col = self._cache.get(name)
        if col is None:
            h = murmurhash3_32(name, seed=0)
            col = (2147483647 - (self.n_features - 1)) % self.n_features if h == -2147483648 \
                else abs(h) % self.n_features
            if len(self._cache) >= self.MAX_CACHE:
                self._cache.clear()
            self._cache[name] = col
        return col

    def encode(self, rows: list[dict[str, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Flatten feature dicts into ``(columns, values, row_starts)`` arrays.

        Args:
            rows: one feature dict per quantity; none may be empty.

        Returns:
            Column indices, their values, and the offset where each row begins.
        """
        cols: list[int] = []
        vals: list[float] = []
        row_starts = []
        get = self._cache.get
        for row in rows:
            row_starts.append(len(cols))
            found = [get(name) for name in row]
            if None in found:
                found = [self.column(name) if col is None else col for name, col in zip(row, found)]
            cols.extend(found)
            vals.extend(row.values())
        return (np.asarray(cols, dtype=np.int64), np.asarray(vals, dtype=np.float32),
                np.asarray(row_starts, dtype=np.int64))
