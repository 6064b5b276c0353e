"""The boilerplate block model: a linear classifier plus Viterbi smoothing over a document.

The classifier (a :class:`pipeline.linear.LinearModel` over hashed features) scores each
block as body or boilerplate; Viterbi decoding then picks the most probable label sequence
under a first-order transition matrix learned from the training documents, so an isolated
short line inside the article stays and an isolated sentence inside a footer goes.
"""

from __future__ import annotations

import os
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from sklearn.utils import murmurhash3_32

from pipeline import paths
from pipeline.clean.features import DENSE, LEXICAL_MAX, MAX_WORDS, SHORT, DocFeatures
from pipeline.linear import LinearModel

#: log-odds given to a block that a cue or folder repetition removes
FORCED = -20.0
#: default location of the shipped model, overridable with OVERCLAIM_BOILERPLATE_MODEL
DEFAULT_DIR = paths.model_dir("boilerplate")
BODY = "body"
CLASSES = ("boilerplate", BODY)


def feature_index(name: str, n_features: int) -> int:
    """The column :func:`pipeline.linear.hash_features` gives the feature ``name``."""
    h = murmurhash3_32(name.encode("utf-8"), seed=0, positive=False)
    if h == -(2**31):
        return (2**31 - 1 - (n_features - 1)) % n_features
    return abs(h) % n_features


class _WeightCache(dict):
    """Weight of the feature ``prefix + key``, hashing each name once."""

    def __init__(self, weights: np.ndarray, prefix: str) -> None:
        super().__init__()
        self.weights = weights
        self.prefix = prefix

    def __missing__(self, key: str) -> float:
        weight = float(self.weights[feature_index(self.prefix + key, len(self.weights))])
        self[key] = weight
        return weight


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
        self._caches = {p: _WeightCache(self.weights, p) for p in ("w:", "f:", "l:", "b:", "k:")}
        self._word, self._first, self._last, self._pair, self._key = (
            cache.__getitem__ for cache in self._caches.values()
        )

    def logits(self, features: DocFeatures) -> np.ndarray:
        """Body-vs-boilerplate log-odds of each block (equal to the LinearModel's score)."""
        if not features.tokens:
            return np.zeros(0)
        if sum(map(len, self._caches.values())) > 1_000_000:
            for cache in self._caches.values():
                cache.clear()
        lexical = [self._lexical(t, k) for t, k in zip(features.tokens, features.keys)]
        return features.dense @ self.dense_weights + np.array(lexical) + self.bias

    def _lexical(self, lower: list[str], key: str) -> float:
        """Sum of the weights of :func:`pipeline.clean.features.lexical_names`, cached."""
        n = len(lower)
        if not n or n > LEXICAL_MAX:
            return 0.0
        if n == 1:  # a menu item or a button: no word pairs
            word = lower[0]
            return self._first(word) + self._last(word) + self._word(word) + self._key(key)
        words = lower[:MAX_WORDS]
        score = self._first(words[0]) + self._last(lower[-1]) + sum(map(self._word, set(words)))
        if n <= SHORT:
            score += sum(map(self._pair, set(map("_".join, pairwise(words))))) + self._key(key)
        return score

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
        back0, back1 = [0] * n, [0] * n
        for i in range(1, n):
            a, b = s0 + t00, s1 + t10
            back0[i], best0 = (0, a) if a >= b else (1, b)
            a, b = s0 + t01, s1 + t11
            back1[i], best1 = (0, a) if a >= b else (1, b)
            s0, s1 = best0 + emit0[i], best1 + emit1[i]
        labels = np.zeros(n, dtype=int)
        state = int(s1 > s0)
        for i in range(n - 1, -1, -1):
            labels[i] = state
            state = back1[i] if state else back0[i]
        return labels


def model_dir() -> Path:
    """Where the model is loaded from: ``$OVERCLAIM_BOILERPLATE_MODEL`` or the shipped one."""
    return Path(os.environ.get("OVERCLAIM_BOILERPLATE_MODEL", DEFAULT_DIR))


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> BlockModel:
    """Load (once per process and path) the block model, verifying its checksums."""
    return BlockModel(LinearModel.load(path or model_dir()))
