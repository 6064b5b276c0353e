"""Evaluate boilerplate stripping on an article-extraction-benchmark style folder.

The folder holds ``html/<id>.html.gz`` pages, optionally ``text/<id>.txt`` plain-text dumps
of the same pages, and ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``).
Scores use the benchmark's own metric (:mod:`pipeline.clean.metrics`).
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from pipeline.clean.html import clean_html
from pipeline.clean.metrics import aggregate, page_counts
from pipeline.clean.text import clean_text

MODES = ("html", "text")


def load_pages(path: Path, mode: str) -> dict[str, str]:
    """The inputs of every benchmark page for ``mode``: id -> HTML source or text dump.

    Without a ``ground-truth.json`` (a throughput corpus), every ``text/*.txt`` or
    ``html/*.html.gz`` file of the folder is a page.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    truth_file = path / "ground-truth.json"
    if truth_file.is_file():
        keys = list(json.loads(truth_file.read_text(encoding="utf-8")))
    else:
        pattern = "html/*.html.gz" if mode == "html" else "text/*.txt"
        keys = [p.name.split(".")[0] for p in sorted(path.glob(pattern))]
    pages = {}
    for key in keys:
        if mode == "html":
            with gzip.open(path / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as handle:
                pages[key] = handle.read()
        else:
            pages[key] = (path / "text" / f"{key}.txt").read_text(encoding="utf-8")
    return pages


def _cleaner(mode: str) -> Callable[[str], str]:
    if mode == "html":
        return lambda page: clean_html(page).text
    return lambda page: clean_text(page).text


def evaluate(path: Path, mode: str) -> dict:
    """Precision, recall and F1 of overclaim's cleaning on the benchmark at ``path``.

    Args:
        path: an AEB-style folder.
        mode: ``"html"`` (clean the pages) or ``"text"`` (clean the plain-text dumps).

    Returns:
        ``{"precision", "recall", "f1", "pages", "mode"}``.
    """
    path = Path(path)
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    pages = load_pages(path, mode)
    clean = _cleaner(mode)
    counts = [page_counts(truth[key].get("articleBody", ""), clean(page)) for key, page in pages.items()]
    return {**aggregate(counts), "mode": mode}


def _trafilatura_alone(html: str) -> str | None:
    """The reference: trafilatura's own extraction, as the benchmark runs it."""
    return trafilatura.extract(html, include_comments=False)


def _timed_pair(
    first: Callable[[str], object], first_inputs: list[str],
    second: Callable[[str], object], second_inputs: list[str], repeat: int,
) -> tuple[float, float]:
    """Median CPU seconds of two functions over their inputs, run interleaved page by page
    so that a change in machine load affects both alike."""
    totals: list[tuple[float, float]] = []
    for _ in range(repeat):
        a = b = 0.0
        for i in range(max(len(first_inputs), len(second_inputs))):
            if i < len(first_inputs):
                start = time.process_time()
                first(first_inputs[i])
                a += time.process_time() - start
            if i < len(second_inputs):
                start = time.process_time()
                second(second_inputs[i])
                b += time.process_time() - start
        totals.append((a, b))
    return statistics.median(t[0] for t in totals), statistics.median(t[1] for t in totals)


def _timed_alone(fn: Callable[[str], object], inputs: list[str], repeat: int) -> float:
    """Median CPU seconds of one function over its inputs, with nothing else run between pages."""
    totals = []
    for _ in range(repeat):
        start = time.process_time()
        for item in inputs:
            fn(item)
        totals.append(time.process_time() - start)
    return statistics.median(totals)


def benchmark(path: Path, mode: str, repeat: int = 3) -> dict:
    """Pages per second of overclaim's cleaning and of trafilatura alone (medians).

    Runs in this process, on one core, counting CPU time (``time.process_time``) with the
    two timed page by page in turn, so a busy machine skews neither. In text mode the
    reference is trafilatura's own time on the HTML of the same pages. ``path`` may also be
    a folder of plain-text dumps under ``text/`` without ground truth (a throughput
    corpus); trafilatura is then not timed. Text mode also reports ``ours_alone_pages_per_s``:
    the cleaner run over all pages with nothing interleaved (as in a real text-only batch).
    """
    path = Path(path)
    inputs = list(load_pages(path, mode).values())
    clean = _cleaner(mode)
    clean(inputs[0])  # load the model outside the timing
    html = inputs if mode == "html" else list(load_pages(path, "html").values())
    ours, theirs = _timed_pair(clean, inputs, _trafilatura_alone, html, repeat)
    result = {"mode": mode, "pages": len(inputs), "ours_pages_per_s": len(inputs) / ours}
    if mode == "text":
        result["ours_alone_pages_per_s"] = len(inputs) / _timed_alone(clean, inputs, repeat)
    if html:
        result["trafilatura_pages_per_s"] = len(html) / theirs
        result["time_ratio"] = (ours / len(inputs)) / (theirs / len(html))
    return result
