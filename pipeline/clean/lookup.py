"""A cache of hashed-feature weights that looks up all the names of a document at once.

The block model needs the weights of the hashed features (murmurhash of ``prefix + name``,
as :func:`pipeline.linear.hash_features` gives them) of every distinct word, word pair and
short block of a document. Hashing each name with murmurhash is slow, and so is a Python
dictionary of them once it is large: each look-up visits scattered memory. This table keeps
the weights in flat arrays, in open addressing by Python's own string hash (computed once
per string object), so one document's look-ups are a few array operations.

Two different names share a table row only if their 64-bit string hashes are equal: for a
million names the chance that any pair does is below one in ten million, far below the
collisions of the hashing trick itself (2**18 columns).
"""

from __future__ import annotations

import numpy as np
from sklearn.utils import murmurhash3_32

#: the table is emptied when it holds more names than this
MAX_NAMES = 1_000_000
#: the string hash of no name (``hash`` never returns -1): marks a free slot
FREE = -1
#: the table grows when more than this share of its slots would be taken (short probes)
LOAD = 0.25


def feature_index(name: str, n_features: int) -> int:
    """The column :func:`pipeline.linear.hash_features` gives the feature ``name``."""
    h = murmurhash3_32(name.encode("utf-8"), seed=0, positive=False)
    if h == -(2**31):
        return (2**31 - 1 - (n_features - 1)) % n_features
    return abs(h) % n_features


class WeightTable:
    """The weights of the features ``prefix + name`` for each prefix, by name.

    Args:
        weights: the model's coefficients, one per hashed column.
        prefixes: the feature prefixes; :meth:`lookup` gives one column of weights each.
    """

    def __init__(self, weights: np.ndarray, prefixes: tuple[str, ...]) -> None:
        self.weights = weights
        self.prefixes = prefixes
        self._reset(1 << 12)

    def __len__(self) -> int:
        return self.size

    def _reset(self, capacity: int) -> None:
        self.keys = np.full(capacity, FREE, dtype=np.int64)  # the string hash stored in each slot
        self.values = np.zeros((capacity, len(self.prefixes)))
        self.size = 0

    def lookup(self, names: list[str]) -> np.ndarray:
        """The weights of ``names``: one row per name, one column per prefix."""
        keys = np.fromiter(map(hash, names), dtype=np.int64, count=len(names))
        slots = self._slots(keys)
        new = self.keys[slots] == FREE
        if new.any():
            if self.size > MAX_NAMES:
                self._reset(len(self.keys))
                new[:] = True
            self._add([names[i] for i in np.flatnonzero(new)], keys[new])
            slots = self._slots(keys)
        return self.values[slots]

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        """Where each of ``keys`` is stored, or the free slot where it would go (linear probing)."""
        mask = len(self.keys) - 1
        slots = keys & mask
        pending = np.arange(len(keys))
        while len(pending):
            stored = self.keys[slots[pending]]
            pending = pending[(stored != FREE) & (stored != keys[pending])]
            slots[pending] = (slots[pending] + 1) & mask
        return slots

    def _add(self, names: list[str], keys: np.ndarray) -> None:
        """Store the weights of new ``names`` (whose hashes are ``keys``)."""
        keys, first = np.unique(keys, return_index=True)
        n = len(self.weights)
        rows = [[feature_index(p + names[i], n) for p in self.prefixes] for i in first.tolist()]
        values = self.weights[np.array(rows, dtype=np.int64).reshape(len(keys), len(self.prefixes))]
        if self.size + len(keys) > LOAD * len(self.keys):
            self._grow(int((self.size + len(keys)) / LOAD) + 1)
        self._insert(keys, values)

    def _grow(self, needed: int) -> None:
        """Move the entries to arrays of at least ``needed`` slots."""
        used = self.keys != FREE
        keys, values = self.keys[used], self.values[used]
        capacity = len(self.keys)
        while capacity < needed:
            capacity *= 2
        self._reset(capacity)
        self._insert(keys, values)

    def _insert(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Put distinct new ``keys`` and their ``values`` into free slots."""
        while len(keys):
            slots = self._slots(keys)
            # of the keys probing to the same free slot, the first takes it; the others probe on
            taken, first = np.unique(slots, return_index=True)
            self.keys[taken] = keys[first]
            self.values[taken] = values[first]
            self.size += len(first)
            rest = np.ones(len(keys), dtype=bool)
            rest[first] = False
            keys, values = keys[rest], values[rest]
