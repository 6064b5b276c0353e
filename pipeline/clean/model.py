"""The boilerplate block model: a linear classifier plus Viterbi smoothing over a document.

The classifier (a :class:`pipeline.linear.LinearModel` over hashed features) scores each
block as body or boilerplate; Viterbi decoding then picks the most probable label sequence
under a first-order transition matrix learned from the training documents, so an isolated
short line inside the article stays and an isolated sentence inside a footer goes.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline import paths
from pipeline.clean.features import (
    DENSE,
    LEXICAL_MAX,
    SHORT,
    DocFeatures,
    distinct,
    distinct_inverse,
)
from pipeline.clean.lookup import WeightTable, feature_index
from pipeline.linear import LinearModel

#: log-odds given to a block that a cue or folder repetition removes
FORCED = -20.0
#: default location of the shipped model, overridable with OVERCLAIM_BOILERPLATE_MODEL
DEFAULT_DIR = paths.model_dir("boilerplate")
BODY = "body"
CLASSES = ("boilerplate", BODY)


class BlockModel:
    """Scores blocks and decodes the body/boilerplate labels of a document.

    Args:
        linear: the fitted binary classifier (body vs boilerplate); ``meta`` carries ``transitions`` (2x2 log
            probabilities, row = previous label, 0 boilerplate / 1 body), ``prior`` (the
            share of body blocks in training) and ``smoothing`` (the weight of the
            transitions against the classifier).
    """

    def __init__(self, linear: LinearModel) -> None:
        if sorted(linear.classes) != sorted(CLASSES) or linear.coef.shape[0] != 1:
            raise ValueError(f"expected a binary model of {CLASSES}, got {linear.classes}")
        sign = 1.0 if linear.classes[1] == BODY else -1.0
        self.linear = linear
        self.weights = sign * linear.coef[0].astype(np.float64)
        self.bias = sign * float(linear.intercept[0])
        n = linear.n_features
        self.dense_weights = np.array([self.weights[feature_index(f, n)] for f in DENSE])
        self.transitions = np.asarray(linear.meta["transitions"], dtype=np.float64)
        prior = float(linear.meta["prior"])
        self.log_prior = np.log([1 - prior, prior])
        self.smoothing = float(linear.meta.get("smoothing", 1.0))
        self.threshold = float(linear.meta.get("threshold", 0.0))
        self._words = WeightTable(self.weights, ("w:", "f:", "l:"))
        self._keys = WeightTable(self.weights, ("k:",))
        self._pairs = WeightTable(self.weights, ("b:",))

    def logits(self, features: DocFeatures) -> np.ndarray:
        """Body-vs-boilerplate log-odds of each block (equal to the LinearModel's score)."""
        if not features.tokens:
            return np.zeros(0)
        return features.dense @ self.dense_weights + self._lexical(features) + self.bias

    def _lexical(self, features: DocFeatures) -> np.ndarray:
        """Each block's sum of the weights of :func:`pipeline.clean.features.lexical_names`.

        The weights are looked up once per distinct word, word pair or key of the document;
        the per-block sets of words and word pairs are built and summed with array operations.
        """
        vocab, ids = features.vocab, features.ids
        words = np.array(features.words, dtype=np.int64)
        n, n_vocab = len(words), max(len(vocab), 1)
        owner = np.repeat(np.arange(n), words)  # the block of each word
        # w: each distinct word of a block of at most LEXICAL_MAX words
        chosen = words[owner] <= LEXICAL_MAX
        block, word = np.divmod(distinct(owner[chosen] * n_vocab + ids[chosen]), n_vocab)
        used = distinct(word)
        table = np.zeros((n_vocab, 3))  # the w:, f: and l: weights of each word
        table[used] = self._words.lookup(list(map(vocab.__getitem__, used.tolist())))
        scores = np.zeros(n)
        scores += np.bincount(block, weights=table[word, 0], minlength=n)
        # f: and l: its first and last word
        lexical = np.flatnonzero((words > 0) & (words <= LEXICAL_MAX))
        first = np.cumsum(words)[lexical] - words[lexical]
        scores[lexical] += table[ids[first], 1] + table[ids[first + words[lexical] - 1], 2]
        # k: the key of a block of at most SHORT words
        short = np.flatnonzero((words > 0) & (words <= SHORT))
        keys = list(map(features.keys.__getitem__, short.tolist()))
        scores[short] += self._keys.lookup(keys)[:, 0]
        # b: its distinct word pairs (a word and the next one in the same block)
        left = np.flatnonzero((owner[:-1] == owner[1:]) & (words[owner[:-1]] <= SHORT))
        pairs = ids[left] * n_vocab + ids[left + 1]
        block, pair = np.divmod(distinct(owner[left] * n_vocab**2 + pairs), n_vocab**2)
        pair, where = distinct_inverse(pair)
        before, after = (side.tolist() for side in np.divmod(pair, n_vocab))
        names = [f"{vocab[a]}_{vocab[b]}" for a, b in zip(before, after)]
        scores += np.bincount(block, weights=self._pairs.lookup(names)[where, 0], minlength=n)
        return scores

    def body_logits(self, features: DocFeatures, forced: np.ndarray) -> np.ndarray:
        """Body log-odds of each block, with :data:`FORCED` for the ``forced`` removals."""
        return np.where(forced, FORCED, self.logits(features))

    def decode(self, logits: np.ndarray) -> np.ndarray:
        """Viterbi labels (1 body, 0 boilerplate) for a document's block log-odds."""
        n = len(logits)
        if not n:
            return np.zeros(0, dtype=int)
        shifted = logits - self.threshold
        log_p1 = -np.logaddexp(0, -shifted)
        log_p0 = -np.logaddexp(0, shifted)
        emit0 = (log_p0 - self.log_prior[0]).tolist()
        emit1 = (log_p1 - self.log_prior[1]).tolist()
        (t00, t01), (t10, t11) = (self.transitions * self.smoothing).tolist()
        s0, s1 = float(log_p0[0]), float(log_p1[0])
        back0, back1 = [0] * n, [0] * n  # the best label before a 0, before a 1
        for i in range(1, n):
            a, b = s0 + t00, s1 + t10
            if a >= b:
                best0 = a
            else:
                best0 = b
                back0[i] = 1
            a, b = s0 + t01, s1 + t11
            if a >= b:
                s1 = a + emit1[i]
            else:
                s1 = b + emit1[i]
                back1[i] = 1
            s0 = best0 + emit0[i]
        labels = [0] * n
        state = int(s1 > s0)
        for i in range(n - 1, -1, -1):
            labels[i] = state
            state = back1[i] if state else back0[i]
        return np.array(labels)


def model_dir() -> Path:
    """Where the model is loaded from: ``$OVERCLAIM_BOILERPLATE_MODEL`` or the shipped one."""
    return Path(os.environ.get("OVERCLAIM_BOILERPLATE_MODEL", DEFAULT_DIR))


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> BlockModel:
    """Load (once per process and path) the block model, verifying its checksums."""
    return BlockModel(LinearModel.load(path or model_dir()))
