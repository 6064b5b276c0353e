"""The block model: hashing, fast scoring, Viterbi decoding, saving without pickle."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from pipeline.clean.features import DENSE, doc_features, feature_dicts
from pipeline.clean.model import BlockModel, feature_index, load_model
from pipeline.linear import LinearModel, hash_features

N = 2**12
DOC = [
    "Home", "News", "Share",
    "Researchers followed 2,000 adults for ten years and found that walking more was linked to a lower risk of death.",
    "The study could not show cause and effect, the authors said, because the walkers may also have been healthier.",
    "Sign up for our newsletter", "© 2024 Example News. All rights reserved.",
]
LABELS = [0, 0, 0, 1, 1, 0, 0]


@pytest.fixture(scope="module")
def toy_model() -> BlockModel:
    rows = feature_dicts(doc_features(DOC)) * 3
    clf = LogisticRegression(max_iter=500).fit(
        hash_features(rows, N), ["body" if y else "boilerplate" for y in LABELS * 3]
    )
    meta = {"transitions": np.log([[0.9, 0.1], [0.1, 0.9]]).tolist(), "prior": 0.3}
    return BlockModel(LinearModel.from_sklearn(clf, meta))


@pytest.mark.parametrize("name", ["w:share", "len", "k:sign up for our newsletter", "-1:cue", "é"])
def test_clean_model_feature_index_matches_hasher(name):
    column = hash_features([{name: 1.0}], N).indices[0]
    assert feature_index(name, N) == column


def test_clean_model_fast_logits_equal_linear_scores(toy_model):
    features = doc_features(DOC)
    fast = toy_model.logits(features)
    X = hash_features(feature_dicts(features), N)
    raw = toy_model.linear.scores(X)
    body = toy_model.linear.classes.index("body")
    expected = raw[:, body] - raw[:, 1 - body]
    assert np.allclose(fast, expected, atol=1e-4)


def test_clean_model_decode_learns_the_toy_document(toy_model):
    labels = toy_model.decode(toy_model.logits(doc_features(DOC)))
    assert labels.tolist() == LABELS


def test_clean_model_viterbi_smooths_an_isolated_flip(toy_model):
    logits = np.array([4.0, 4.0, -2.0, 4.0, 4.0])
    assert toy_model.decode(logits).tolist() == [1, 1, 1, 1, 1]
    toy_model.smoothing = 0.0
    try:
        assert toy_model.decode(logits).tolist() == [1, 1, 0, 1, 1]
    finally:
        toy_model.smoothing = 1.0


def test_clean_model_roundtrip_without_pickle(toy_model, tmp_path):
    toy_model.linear.save(tmp_path)
    again = load_model(tmp_path)
    features = doc_features(DOC)
    assert np.allclose(again.logits(features), toy_model.logits(features), atol=1e-5)
    assert len(DENSE) == features.dense.shape[1]


def test_clean_model_shipped_model_loads():
    model = load_model()
    assert model.linear.n_features >= 2**16
    assert model.transitions.shape == (2, 2)
