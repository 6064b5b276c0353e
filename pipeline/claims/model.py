"""The claim classifier: exact non-claim rules, then a linear model over hashed features."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.claims.features import FeatureIndex, load_lexicon, quantity_features, sentence_context
from pipeline.claims.rules import load_rules, non_claim_role
from pipeline.linear import LinearModel

#: label of the non-claim class; the others are the contract's claim types
NONE = "none"
CLAIM_TYPES = ("efficacy", "safety", "association", "prevalence")


@dataclass
class Decision:
    """The verdict on one quantity.

    Attributes:
        label: a claim type, or ``"none"``.
        score: the classifier's probability of ``label`` (1.0 when an exact rule decided).
        role: the non-claim role an exact rule gave, if any.
    """

    label: str
    score: float
    role: str | None = None


@dataclass
class ClaimModel:
    """Rules plus a :class:`~pipeline.linear.LinearModel` over quantity features.

    Attributes:
        linear: the fitted linear model; its classes are ``"none"`` and the claim types.
        index: the hashed-feature column index (memoizes feature-name hashes).
    """

    linear: LinearModel
    index: FeatureIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = FeatureIndex(self.linear.n_features)
        self._coef_t = np.ascontiguousarray(self.linear.coef.T, dtype=np.float32)
        self._intercept = np.asarray(self.linear.intercept, dtype=np.float32)
        self._lexicon = load_lexicon()
        self._rules = load_rules()

    @classmethod
    def load(cls, path: Path | str) -> ClaimModel:
        """Read a model folder written by :meth:`save` (checksums are verified)."""
        return cls(LinearModel.load(path))

    def save(self, path: Path | str) -> None:
        """Write the model folder (``weights.npz``, ``meta.json``, ``SHA256SUMS``)."""
        self.linear.save(path)

    def probabilities(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Class probabilities for feature dicts, shape ``(len(rows), n_classes)``."""
        cols, vals, starts = self.index.encode(rows)
        contributions = self._coef_t[cols] * vals[:, None]
        raw = np.add.reduceat(contributions, starts, axis=0) + self._intercept
        if raw.shape[1] == 1:
            raw = np.hstack([-raw / 2, raw / 2])
        raw -= raw.max(axis=1, keepdims=True)
        exp = np.exp(raw)
        return exp / exp.sum(axis=1, keepdims=True)

    def classify(self, sentence: str, quantities: list[dict]) -> list[Decision]:
        """Decide for each quantity (offsets into ``sentence``) whether it is a claim, and which.

        Args:
            sentence: the sentence text.
            quantities: quantity dicts whose ``start``/``end`` index into ``sentence``.

        Returns:
            One :class:`Decision` per quantity, in order.
        """
        decisions: list[Decision | None] = []
        rows, pending = [], []
        ctx = None
        for i, quantity in enumerate(quantities):
            role = non_claim_role(sentence, quantity, self._rules)
            if role is not None:
                decisions.append(Decision(NONE, 1.0, role))
                continue
            if ctx is None:
                ctx = sentence_context(sentence, self._lexicon)
            decisions.append(None)
            rows.append(quantity_features(ctx, quantity))
            pending.append(i)
        if rows:
            proba = self.probabilities(rows)
            best = proba.argmax(axis=1)
            classes = self.linear.classes
            for i, row, k in zip(pending, proba, best):
                decisions[i] = Decision(classes[k], float(row[k]))
        return decisions  # type: ignore[return-value]
