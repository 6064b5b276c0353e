"""The claim classifier: exact non-claim rules, then a linear model over hashed features."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.claims.features import FeatureIndex, load_lexicon, own_features, sentence_context
from pipeline.claims.rules import load_rules, non_claim_role, unit_type
from pipeline.linear import LinearModel

#: label of the non-claim class; the others are the contract's claim types
NONE = "none"
CLAIM_TYPES = ("efficacy", "safety", "association", "prevalence")
#: a quantity is a non-claim only when the classifier gives ``none`` at least this
#: probability; below it the most likely claim type wins even if ``none`` is the single most
#: likely class (the claim mass is often split over two types)
NONE_THRESHOLD = 0.5
#: words between two quantities that make them the two sides of one comparison ("and" too:
#: "1.4 percent of the aspirin group and 1.2 percent of the placebo group")
COMPARISON = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?|against|than|while|whereas|and)(?!\w)|\bv\b",
                        re.IGNORECASE)
#: the most characters between the two sides of a comparison
COMPARISON_GAP = 80


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
        none_threshold: the least probability of ``none`` that makes a quantity a non-claim.
        index: the hashed-feature column index (memoizes feature-name hashes).
    """

    linear: LinearModel
    none_threshold: float = NONE_THRESHOLD
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

    def probabilities(self, rows: list[dict[str, float]], shared: dict[str, float] | None = None) -> np.ndarray:
        """Class probabilities for feature dicts, shape ``(len(rows), n_classes)``.

        Args:
            rows: one feature dict per quantity; none may be empty.
            shared: features that every row has too (a sentence's ``ctx.features``), scored
                once instead of once per row.
        """
        cols, vals, starts = self.index.encode(rows)
        contributions = self._coef_t[cols] * vals[:, None]
        raw = np.add.reduceat(contributions, starts, axis=0) + self._intercept
        if shared:
            cols, vals, _ = self.index.encode([shared])
            raw += (self._coef_t[cols] * vals[:, None]).sum(axis=0)
        if raw.shape[1] == 1:
            raw = np.hstack([-raw / 2, raw / 2])
        raw -= raw.max(axis=1, keepdims=True)
        exp = np.exp(raw)
        return exp / exp.sum(axis=1, keepdims=True)

    def classify(self, sentence: str, quantities: list[dict], context: dict[str, float] | None = None) -> list[Decision]:
        """Decide for each quantity (offsets into ``sentence``) whether it is a claim, and which.

        Args:
            sentence: the sentence text.
            quantities: quantity dicts whose ``start``/``end`` index into ``sentence``.
            context: the sentence's article design context
                (:func:`pipeline.claims.context.article_contexts`), ``None`` when seen alone.

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
            fixed = unit_type(quantity, self._rules)
            if fixed is not None:
                decisions.append(Decision(fixed, 1.0))
                continue
            if ctx is None:
                ctx = sentence_context(sentence, self._lexicon)
            decisions.append(None)
            rows.append(own_features(ctx, quantity, context))
            pending.append(i)
        if rows:
            proba = self.probabilities(rows, shared=ctx.features)
            share_comparison_types(sentence, [quantities[i] for i in pending], proba,
                                   self.linear.classes)
            classes = self.linear.classes
            none = classes.index(NONE) if NONE in classes else None
            for i, row in zip(pending, proba):
                k = int(row.argmax())
                if none is not None and k == none and row[none] < self.none_threshold:
                    k = int(np.delete(row, none).argmax())
                    k += k >= none
                decisions[i] = Decision(classes[k], float(row[k]))
        return decisions  # type: ignore[return-value]


def share_comparison_types(sentence: str, quantities: list[dict], proba: np.ndarray,
                           classes: list[str]) -> None:
    """Give the two sides of a comparison one claim type, in place.

    Rates quoted side by side ("7 percent of the drug group, compared with 3 percent on
    placebo"; "27.5% vs 19.1%") take the type of the comparison: for two neighbouring
    quantities of the same kind joined by a comparison word, the claim-type probabilities
    of both become their mean (``none`` keeps each its own).

    Args:
        sentence: the sentence; quantity offsets index into it.
        quantities: the quantities the rows of ``proba`` belong to, in sentence order.
        proba: class probabilities, one row per quantity (changed in place).
        classes: the class names of the columns.
    """
    types = [k for k, name in enumerate(classes) if name != NONE]
    for j in range(1, len(quantities)):
        first, second = quantities[j - 1], quantities[j]
        if first.get("kind") != second.get("kind") or second["start"] - first["end"] > COMPARISON_GAP:
            continue
        if not COMPARISON.search(sentence[first["end"]:second["start"]]):
            continue
        mean = (proba[j - 1, types] + proba[j, types]) / 2
        for row in (j - 1, j):
            scale = proba[row, types].sum()
            proba[row, types] = mean / max(mean.sum(), 1e-12) * scale
