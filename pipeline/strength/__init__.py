"""Claim strength of a sentence: none, correlational, conditional causal or direct causal.

A linear classifier (:class:`pipeline.linear.LinearModel`) over hashed word n-grams and cue
features (:mod:`pipeline.strength.features`). The shipped model lives in ``models/strength/``
of the repository: ``weights.npz``, ``meta.json``, ``SHA256SUMS`` and the copy of the cue
lexicon it was trained with (``lexicons.json``, whose sha256 is recorded in ``meta.json``).

Example:
    >>> from pipeline.strength import load_default
    >>> load_default().predict(["Green tea may help prevent cancer."])
    ['conditional_causal']
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from pipeline.linear import LinearModel, ModelIntegrityError, sha256_file
from pipeline.paths import model_dir
from pipeline.strength import features as _features

LABELS = ("none", "correlational", "conditional_causal", "direct_causal")
DEFAULT_MODEL_DIR = model_dir("strength")
LEXICON_FILE = "lexicons.json"


def featurize(sentences: list[str]) -> sparse.csr_matrix:
    """Features of each sentence with the default configuration (one CSR row each)."""
    return _features.featurize(sentences)


class StrengthModel:
    """A trained claim-strength classifier: featurization plus linear weights.

    Attributes:
        linear: the weights, classes and meta (``meta["features"]`` holds the feature
            configuration: ``n_features``, ``ngram_weight``, ``ngram_range``).
        lexicon_path: the cue lexicon the model was trained with.
    """

    def __init__(self, linear: LinearModel, lexicon_path: Path = _features.LEXICON_PATH):
        unknown = set(linear.classes) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown strength labels {sorted(unknown)}; expected {LABELS}")
        self.linear = linear
        self.lexicon_path = Path(lexicon_path)
        config = linear.meta.get("features", {})
        self._n_features = int(config.get("n_features", linear.n_features))
        self._ngram_weight = float(config.get("ngram_weight", _features.NGRAM_WEIGHT))
        self._ngram_range = tuple(config.get("ngram_range", _features.NGRAM_RANGE))

    @property
    def classes(self) -> list[str]:
        """Class names in the order of the :meth:`proba` columns."""
        return list(self.linear.classes)

    def featurize(self, sentences: list[str]) -> sparse.csr_matrix:
        """Features with this model's configuration and lexicon."""
        return _features.featurize(
            sentences,
            n_features=self._n_features,
            ngram_weight=self._ngram_weight,
            ngram_range=self._ngram_range,  # type: ignore[arg-type]
            lexicon_path=self.lexicon_path,
        )

    def proba(self, sentences: list[str]) -> np.ndarray:
        """Class probabilities, shape ``(len(sentences), len(self.classes))``."""
        if not sentences:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        return self.linear.proba(self.featurize(sentences))

    def predict(self, sentences: list[str]) -> list[str]:
        """The most probable label of each sentence."""
        if not sentences:
            return []
        return self.linear.predict(self.featurize(sentences))

    def save(self, path: Path | str) -> None:
        """Write the weights, meta, checksums and the lexicon copy into the folder ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        target = path / LEXICON_FILE
        if self.lexicon_path.resolve() != target.resolve():
            shutil.copyfile(self.lexicon_path, target)
        self.linear.meta["lexicon_sha256"] = sha256_file(target)
        self.linear.save(path)

    @classmethod
    def load(cls, path: Path | str) -> StrengthModel:
        """Read a model written by :meth:`save`, verifying every checksum.

        Raises:
            ModelIntegrityError: a file is missing or was changed after saving.
        """
        path = Path(path)
        if not path.is_dir():
            raise ModelIntegrityError(
                f"{path}: no claim-strength model here; build one with "
                "`overclaim train strength` (pipeline.strength.train.train)"
            )
        linear = LinearModel.load(path)
        lexicon = path / LEXICON_FILE
        expected = linear.meta.get("lexicon_sha256")
        if not lexicon.is_file() or expected is None:
            raise ModelIntegrityError(f"{lexicon}: the model's cue lexicon is missing")
        if sha256_file(lexicon) != expected:
            raise ModelIntegrityError(
                f"{lexicon}: sha256 does not match meta.json; the file was changed"
            )
        return cls(linear, lexicon)

    @property
    def meta(self) -> dict[str, Any]:
        """The model's meta data (features, training data, metrics)."""
        return self.linear.meta


@lru_cache(maxsize=1)
def load_default() -> StrengthModel:
    """The shipped model in ``models/strength/`` (loaded once, then cached)."""
    return StrengthModel.load(DEFAULT_MODEL_DIR)


__all__ = ["DEFAULT_MODEL_DIR", "LABELS", "StrengthModel", "featurize", "load_default"]
