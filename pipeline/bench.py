"""Speed benchmarks (medians of repeated runs on one core). Never used as a test."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from pathlib import Path

from pipeline import language
from pipeline.clean import clean_text


def _texts(folder: Path, limit: int) -> list[str]:
    files = sorted(folder.glob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def _median_time(func, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def benchmark_pipeline(folder: Path, *, limit: int = 300, repeat: int = 3) -> dict:
    """Articles/s and words/s of the text path: boilerplate cleaning plus the nlp pipeline."""
    texts = _texts(folder, limit)
    nlp = language.default()
    words = sum(len(t.split()) for t in texts)

    def run() -> None:
        for text in texts:
            nlp(clean_text(text).text)

    run()  # warm up (lazy model loads)
    seconds = _median_time(run, repeat)
    tracemalloc.start()
    nlp(clean_text(max(texts, key=len)).text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"articles": len(texts), "words": words, "median_seconds": round(seconds, 3),
            "articles_per_s": round(len(texts) / seconds, 1), "words_per_s": round(words / seconds),
            "peak_python_mb_longest_article": round(peak / 2**20, 1), "repeat": repeat}


def benchmark_claims(folder: Path, *, limit: int = 20000, repeat: int = 5) -> dict:
    """Sentences/s of the quantity + claim components and of the strength classifier."""
    from pipeline.claims.evaluate import benchmark as claims_bench
    from pipeline.strength.evaluate import benchmark as strength_bench

    nlp = language.default()
    sentences: list[str] = []
    for text in _texts(folder, 2000):
        with nlp.select_pipes(enable=["overclaim_sentences"]):
            sentences += [s.text.strip() for s in nlp(text).sents if s.text.strip()]
        if len(sentences) >= limit:
            break
    sentences = sentences[:limit]
    return {"sentences": len(sentences), "quantities_and_claims": claims_bench(sentences, repeat=repeat),
            "strength": strength_bench(sentences, repeat=repeat)}
