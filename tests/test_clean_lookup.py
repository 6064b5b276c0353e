"""The weight table of the block model: the same weights as hashing each feature name."""

import numpy as np
import pytest

from pipeline.clean import lookup
from pipeline.clean.lookup import WeightTable, feature_index

N = 2**10
WEIGHTS = np.random.default_rng(0).normal(size=N)


def expected(names: list[str], prefixes: tuple[str, ...]) -> np.ndarray:
    return np.array([[WEIGHTS[feature_index(p + name, N)] for p in prefixes] for name in names])


def test_clean_lookup_gives_the_hashed_weights_of_new_and_known_names():
    table = WeightTable(WEIGHTS, ("w:", "f:"))
    first = ["share", "the", "é", "", "share"]
    assert np.array_equal(table.lookup(first), expected(first, ("w:", "f:")))
    second = ["the", "newsletter", "share"]
    assert np.array_equal(table.lookup(second), expected(second, ("w:", "f:")))
    assert len(table) == 5
    assert table.lookup([]).shape == (0, 2)


def test_clean_lookup_grows_past_many_names():
    table = WeightTable(WEIGHTS, ("k:",))
    names = [f"word{i}" for i in range(5000)]
    for start in range(0, 5000, 700):
        table.lookup(names[start : start + 700])
    assert np.array_equal(table.lookup(names), expected(names, ("k:",)))
    assert len(table) == 5000


def test_clean_lookup_empties_itself_when_full(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(lookup, "MAX_NAMES", 10)
    table = WeightTable(WEIGHTS, ("b:",))
    table.lookup([f"a{i}" for i in range(20)])
    names = ["x", "y", "a3"]
    assert np.array_equal(table.lookup(names), expected(names, ("b:",)))
    assert len(table) == 3
