"""Property tests: arbitrary text never crashes the quantity grammar and spans stay exact."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.quantities import find_quantities

#: Pieces that exercise the grammar when glued together at random.
PIECES = st.sampled_from([
    "at least", "between", "and", "to", "from", "3.7", "13.5", "times", "percent", "%", "-",
    "–", "one", "in", "four", "a third", "half", "OR", "HR", "(95% CI", "1.2-2.6)", "p <",
    "0.01", "P=.002", "$", "1,200", "mg", "years", "aged", "Feb 11, 2024", "2002", "Views:",
    "twice", "doubled", "fold", "2.5-fold", "by", "percentage points", "n =", "COVID-19",
    "type 2", "·", "seventy-three", "per cent", "more likely", "lower", "½", "−", "a year",
    " ", ",", ".", "(", ")", "\n",
])
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=25).map(" ".join))


def check_spans(text: str, offset: int = 0) -> None:
    found = find_quantities(text, offset=offset)
    previous_end = offset
    for q in found:
        assert offset <= q["start"] < q["end"] <= offset + len(text)
        assert text[q["start"] - offset:q["end"] - offset] == q["text"]
        assert q["start"] >= previous_end
        previous_end = q["end"]
        if q["low"] is not None:
            assert q["value"] is None and q["low"] <= q["high"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], database=None)
@given(TEXTS)
def test_quantities_properties_never_crash_and_spans_match(text: str) -> None:
    check_spans(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], database=None)
@given(TEXTS, st.integers(min_value=0, max_value=10_000))
def test_quantities_properties_offset_shifts_spans(text: str, offset: int) -> None:
    check_spans(text, offset)
