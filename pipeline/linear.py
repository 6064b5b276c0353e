"""Linear classifiers stored without pickle.

Every learned component of overclaim (boilerplate blocks, claim typing, claim strength) is a
linear model over hashed sparse features. scikit-learn fits it; this module keeps only what
inference needs: the class names, the weight matrix and the intercepts, written as
``weights.npz`` (loaded with ``allow_pickle=False``) beside a ``meta.json`` that records the
feature configuration, the training data and the metrics, and a ``SHA256SUMS`` file that is
checked on every load.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher

WEIGHTS = "weights.npz"
META = "meta.json"
SUMS = "SHA256SUMS"


class ModelIntegrityError(RuntimeError):
    """A saved model is missing a file or its checksum does not match."""


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hasher(n_features: int) -> FeatureHasher:
    """The feature hasher every model uses: deterministic, non-negative, dict input."""
    return FeatureHasher(n_features=n_features, input_type="dict", alternate_sign=False)


def hash_features(rows: Iterable[Mapping[str, float]], n_features: int) -> sparse.csr_matrix:
    """Hash feature dicts (name -> value) into a CSR matrix of ``n_features`` columns."""
    return hasher(n_features).transform(rows).tocsr()


@dataclass
class LinearModel:
    """A fitted linear classifier: ``scores = X @ coef.T + intercept``.

    Attributes:
        classes: class names, in the order of the score columns.
        coef: ``(n_classes, n_features)`` weights; ``(1, n_features)`` for a binary model
            whose single row scores ``classes[1]`` against ``classes[0]``.
        intercept: one bias per row of ``coef``.
        meta: free-form description saved as JSON (features, data, metrics, versions).
    """

    classes: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def n_features(self) -> int:
        return int(self.coef.shape[1])

    @classmethod
    def from_sklearn(cls, estimator: Any, meta: Mapping[str, Any] | None = None) -> LinearModel:
        """Copy the weights of a fitted scikit-learn linear classifier."""
        return cls(
            classes=[str(c) for c in estimator.classes_],
            coef=np.asarray(estimator.coef_, dtype=np.float32),
            intercept=np.asarray(estimator.intercept_, dtype=np.float32),
            meta=dict(meta or {}),
        )

    def scores(self, X: sparse.spmatrix | np.ndarray) -> np.ndarray:
        """Per-class scores, shape ``(n_rows, n_classes)``."""
        raw = np.asarray(X @ self.coef.T) + self.intercept
        if self.coef.shape[0] == 1 and len(self.classes) == 2:
            raw = np.hstack([-raw / 2, raw / 2])
        return raw

    def proba(self, X: sparse.spmatrix | np.ndarray) -> np.ndarray:
        """Class probabilities (softmax of the scores; the logistic for a binary model)."""
        raw = self.scores(X)
        raw = raw - raw.max(axis=1, keepdims=True)
        exp = np.exp(raw)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, X: sparse.spmatrix | np.ndarray) -> list[str]:
        """The best class name for each row."""
        return [self.classes[i] for i in self.scores(X).argmax(axis=1)]

    def save(self, path: Path | str) -> None:
        """Write ``weights.npz``, ``meta.json`` and ``SHA256SUMS`` into the folder ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path / WEIGHTS, coef=self.coef, intercept=self.intercept)
        meta = {**self.meta, "classes": self.classes, "n_features": self.n_features}
        (path / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        sums = "".join(f"{sha256_file(path / name)}  {name}\n" for name in (WEIGHTS, META))
        (path / SUMS).write_text(sums, encoding="utf-8")

    @classmethod
    def load(cls, path: Path | str) -> LinearModel:
        """Read a model written by :meth:`save`, verifying its checksums first.

        Raises:
            ModelIntegrityError: a file is missing or does not match its recorded sha256.
        """
        path = Path(path)
        verify(path)
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        with np.load(path / WEIGHTS, allow_pickle=False) as weights:
            coef, intercept = weights["coef"], weights["intercept"]
        classes = meta.pop("classes")
        meta.pop("n_features", None)
        return cls(classes=classes, coef=coef, intercept=intercept, meta=meta)


def verify(path: Path) -> None:
    """Check every file listed in ``path/SHA256SUMS`` against its recorded digest."""
    sums = path / SUMS
    if not sums.is_file():
        raise ModelIntegrityError(f"{path}: no {SUMS} file; refusing to load an unverified model")
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        target = path / name.strip()
        if not target.is_file():
            raise ModelIntegrityError(f"{target}: listed in {SUMS} but missing")
        if sha256_file(target) != digest:
            raise ModelIntegrityError(f"{target}: sha256 does not match {SUMS}; the file was changed")
