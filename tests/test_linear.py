"""Pickle-free model storage: round trip, checksum verification, binary and multiclass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from pipeline.linear import LinearModel, ModelIntegrityError, hash_features


def _fit(labels: list[str]) -> tuple[LinearModel, object]:
    rows = [{f"w={w}": 1.0 for w in text.split()} for text in ("a b", "b c", "c d", "d a", "a a", "c c")]
    X = hash_features(rows, 64)
    clf = LogisticRegression().fit(X, labels)
    return LinearModel.from_sklearn(clf, {"features": "test"}), (clf, X)


@pytest.mark.parametrize("labels", [list("xyxyxy"), list("xyzxyz")])
def test_linear_matches_sklearn_and_round_trips(tmp_path: Path, labels: list[str]) -> None:
    model, (clf, X) = _fit(labels)
    assert model.predict(X) == list(clf.predict(X))
    np.testing.assert_allclose(model.proba(X), clf.predict_proba(X), rtol=1e-5, atol=1e-6)
    model.save(tmp_path / "m")
    again = LinearModel.load(tmp_path / "m")
    assert again.classes == model.classes and again.meta == {"features": "test"}
    np.testing.assert_array_equal(again.proba(X), model.proba(X))


def test_linear_refuses_tampered_or_unverified(tmp_path: Path) -> None:
    model, _ = _fit(list("xyxyxy"))
    model.save(tmp_path / "m")
    weights = tmp_path / "m" / "weights.npz"
    weights.write_bytes(weights.read_bytes() + b"\0")
    with pytest.raises(ModelIntegrityError, match="sha256"):
        LinearModel.load(tmp_path / "m")
    (tmp_path / "m" / "SHA256SUMS").unlink()
    with pytest.raises(ModelIntegrityError, match="unverified"):
        LinearModel.load(tmp_path / "m")


def test_linear_weights_load_without_pickle(tmp_path: Path) -> None:
    model, _ = _fit(list("xyxyxy"))
    model.save(tmp_path / "m")
    with np.load(tmp_path / "m" / "weights.npz", allow_pickle=False) as data:
        assert set(data.files) == {"coef", "intercept"}
