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
from sklearn.utils import murmurhash3_32

from pipeline.clean.features import DENSE, DocFeatures
from pipeline.linear import LinearModel

#: default location of the shipped model, overridable with OVERCLAIM_BOILERPLATE_MODEL
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "boilerplate"
BODY = "body"
CLASSES = ("boilerplate", BODY)


def feature_index(name: str, n_features: int) -> int:
    """The column :func:`pipeline.linear.hash_features` gives the feature ``name``."""
    h = murmurhash3_32(name.encode("utf-8"), seed=0, positive=False)
    if h == -(2**31):
        return (2**31 - 1 - (n_features - 1)) % n_features
    return abs(h) % n_features


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
        self._lexical: dict[str, float] = {}

    def _weight(self, name: str) -> float:
        weight = self._lexical.get(name)
        if weight is None:
            if len(self._lexical) > 1_000_000:
                self._lexical.clear()
            weight = float(self.weights[feature_index(name, len(self.weights))])
            self._lexical[name] = weight
        return weight

    def logits(self, features: DocFeatures) -> np.ndarray:
        """Body-vs-boilerplate log-odds of each block (equal to the LinearModel's score)."""
        dense = features.dense @ self.dense_weights if len(features.lexical) else np.zeros(0)
        lexical = np.array([sum(self._weight(f) for f in names) for names in features.lexical])
        return dense + lexical + self.bias

    def decode(self, logits: np.ndarray) -> np.ndarray:
        """Viterbi labels (1 body, 0 boilerplate) for a document's block log-odds."""
        n = len(logits)
        if not n:
            return np.zeros(0, dtype=int)
        shifted = logits - self.threshold
        log_p1 = -np.logaddexp(0, -shifted)
        log_p0 = -np.logaddexp(0, shifted)
        emit = np.stack([log_p0, log_p1], axis=1) - self.log_prior
        trans = self.transitions * self.smoothing
        score = emit[0] + self.log_prior
        back = np.zeros((n, 2), dtype=int)
        for i in range(1, n):
            cand = score[:, None] + trans
            back[i] = cand.argmax(axis=0)
            score = cand.max(axis=0) + emit[i]
        labels = np.zeros(n, dtype=int)
        labels[-1] = int(score.argmax())
        for i in range(n - 1, 0, -1):
            labels[i - 1] = back[i, labels[i]]
        return labels


def model_dir() -> Path:
    """Where the model is loaded from: ``$OVERCLAIM_BOILERPLATE_MODEL`` or the shipped one."""
    return Path(os.environ.get("OVERCLAIM_BOILERPLATE_MODEL", DEFAULT_DIR))


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> BlockModel:
    """Load (once per process and path) the block model, verifying its checksums."""
    return BlockModel(LinearModel.load(path or model_dir()))
