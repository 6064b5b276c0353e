"""The quantity grammar: every number-bearing expression with its meaning and exact offsets.

    >>> from pipeline.quantities import find_quantities
    >>> [q["text"] for q in find_quantities("at least 3.7 times more likely")]
    ['at least 3.7 times']

Modules: :mod:`~pipeline.quantities.numbers` (numerals and number words),
:mod:`~pipeline.quantities.grammar` (the compiled patterns),
:mod:`~pipeline.quantities.extract` (interpretation), :mod:`~pipeline.quantities.roles`
(non-claim roles), :mod:`~pipeline.quantities.context` (direction cues),
:mod:`~pipeline.quantities.evaluate` (scores and throughput). Lexicons: ``data/*.json``.
"""

from __future__ import annotations

from pipeline.quantities.extract import find_quantities

__all__ = ["find_quantities"]
