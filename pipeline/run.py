"""The article path (ingest -> clean -> nlp -> record) for one input and for a whole batch.

A batch never stops on a bad input: every file ends as records or as error records. With
``jobs > 1`` files are processed in worker processes, each loading the pipeline once; results
come back in input order, and if a worker dies the rest of the batch is finished in-process.
"""

from __future__ import annotations

import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from pipeline import clean, language
from pipeline.export import article_record, error_record
from pipeline.flags.component import OverstatementFlagger
from pipeline.ingest import IngestError, RawDoc, decode, from_bytes_doc, read, read_bytes, suffix_kind, walk

FLAGGER = "overclaim_flagger"
#: folders with at least this many text files get block-repetition counts
MIN_FOLDER_DOCS = 3


@dataclass
class Outcome:
    """What one input file produced: records and error records, in file order."""

    records: list[dict]
    errors: list[dict]


def clean_doc(raw: RawDoc, repeated: dict[str, int] | None = None, n_docs: int = 1) -> clean.Cleaned:
    """Boilerplate removal for one ingested article."""
    if raw.format == "html":
        return clean.clean_html(raw.content, url=raw.meta.get("url"))
    return clean.clean_text(raw.content, repeated=repeated, n_docs=n_docs)


def annotate(nlp: Language, raws: list[RawDoc], *, flag: bool, repeated: dict[str, int] | None = None,
             n_docs: int = 1) -> Outcome:
    """Clean and annotate articles; records written by ``overclaim extract`` are only flagged."""
    outcome = Outcome([], [])
    fresh: list[tuple[RawDoc, clean.Cleaned]] = []
    for raw in raws:
        try:
            if raw.record is not None:
                outcome.records.append(reflag(nlp, raw.record) if flag else raw.record)
            else:
                fresh.append((raw, clean_doc(raw, repeated, n_docs)))
        except Exception as exc:  # noqa: BLE001 - one bad article never costs the batch
            outcome.errors.append(error_record(raw.source, "processing_error", _describe(exc)))
    disable = [] if flag or FLAGGER not in nlp.pipe_names else [FLAGGER]
    with nlp.select_pipes(disable=disable):
        for raw, cleaned in fresh:
            try:
                outcome.records.append(article_record(raw, cleaned, nlp(cleaned.text), flags=flag))
            except Exception as exc:  # noqa: BLE001
                outcome.errors.append(error_record(raw.source, "processing_error", _describe(exc)))
    return outcome


def reflag(nlp: Language, record: dict) -> dict:
    """Flag a record written by ``overclaim extract`` without extracting its claims again."""
    keep = [n for n in nlp.pipe_names if n in ("overclaim_sentences", "overclaim_strength")]
    with nlp.select_pipes(enable=keep):
        doc = nlp(record["text"])
    doc._.claims = record["claims"]
    flagger = nlp.get_pipe(FLAGGER) if FLAGGER in nlp.pipe_names else OverstatementFlagger(nlp, FLAGGER)
    doc = flagger(doc)
    return {**record, "flags": doc._.flags, "designs": doc._.designs, "assessment": doc._.assessment}


def process(item: str | Path | bytes, *, nlp: Language | None = None, flag: bool = True) -> dict:
    """The whole article path for one file or raw page bytes; returns the article record.

    Raises:
        IngestError: the input cannot be read or decoded (``code`` says why).
        RuntimeError: the article failed later in the pipeline.
    """
    nlp = nlp or language.default()
    if isinstance(item, bytes):
        raws: list = [from_bytes_doc(item, "<bytes>")]
    else:
        raws = read(Path(item))
    if isinstance(raws[0], IngestError):
        raise raws[0]
    outcome = annotate(nlp, [raws[0]], flag=flag)
    if outcome.errors:
        raise RuntimeError(outcome.errors[0]["message"])
    return outcome.records[0]


def process_file(nlp: Language, path: Path, *, flag: bool, repeated: dict[str, int] | None, n_docs: int) -> Outcome:
    """One input file (several articles for JSONL) to records and errors; never raises."""
    try:
        items = read(path)
        raws = [item for item in items if isinstance(item, RawDoc)]
        errors = [error_record(getattr(e, "source", str(path)), e.code, e.message)
                  for e in items if isinstance(e, IngestError)]
        outcome = annotate(nlp, raws, flag=flag, repeated=repeated, n_docs=n_docs)
        outcome.errors = errors + outcome.errors
        return outcome
    except Exception as exc:  # noqa: BLE001 - last resort: the file is reported, the batch goes on
        return Outcome([], [error_record(str(path), "internal_error", _describe(exc))])


def _describe(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" (at {Path(frame.filename).name}:{frame.lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


def folder_repetition(paths: list[Path]) -> dict[Path, tuple[dict[str, int], int]]:
    """Per folder of plain-text inputs: how many of its documents contain each block.

    A block (line) that recurs across the pages of one site is boilerplate; the cleaner uses
    these counts. Only folders with at least :data:`MIN_FOLDER_DOCS` text files are counted,
    and only blocks seen in two or more documents are kept.
    """
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for path in paths:
        if suffix_kind(path) == "text":
            by_folder[path.parent].append(path)
    result = {}
    for folder, files in by_folder.items():
        if len(files) < MIN_FOLDER_DOCS:
            continue
        texts = []
        for path in files:
            try:
                texts.append(decode(read_bytes(path))[0])
            except IngestError:
                continue  # reported when the file itself is processed
        counts = {key: n for key, n in clean.folder_counts(texts).items() if n >= 2}
        result[folder] = (counts, len(texts))
    return result


# -- batches ------------------------------------------------------------------------------

_worker_nlp: Language | None = None


def _init_worker(model: str | None) -> None:
    global _worker_nlp
    _worker_nlp = language.load(model) if model else language.default()


def _work(task: tuple[Path, bool, dict[str, int] | None, int]) -> Outcome:
    path, flag, repeated, n_docs = task
    assert _worker_nlp is not None
    return process_file(_worker_nlp, path, flag=flag, repeated=repeated, n_docs=n_docs)


def run_batch(inputs: Iterable[str | Path], *, flag: bool, model: str | None = None, jobs: int = 1,
              scheduler: str | None = None,
              on_progress: Callable[[int, int], None] | None = None) -> Iterator[Outcome]:
    """Process every input file in sorted walk order, yielding one :class:`Outcome` per file.

    Args:
        inputs: files and folders (folders are walked recursively, dotfiles skipped).
        flag: add the overstatement flags (``overclaim flag``).
        model: a saved pipeline folder (default: the shipped one).
        jobs: worker processes; 1 runs in this process.
        scheduler: run on a Dask cluster instead (``local`` or a scheduler address), see
            :mod:`pipeline.distributed`.
        on_progress: called with ``(done, total)`` after each file.
    """
    paths = list(walk(inputs))
    repetition = folder_repetition(paths)
    tasks = [(p, flag, *repetition.get(p.parent, (None, 1))) for p in paths]
    total = len(tasks)
    done = 0
    if scheduler:
        from pipeline.distributed import run_dask

        for outcome in run_dask(tasks, model=model, scheduler=scheduler, jobs=jobs):
            done += 1
            if on_progress:
                on_progress(done, total)
            yield outcome
        return
    if jobs > 1 and total > 1:
        try:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(model,)) as pool:
                for outcome in pool.map(_work, tasks, chunksize=max(1, min(16, total // (jobs * 4) or 1))):
                    done += 1
                    if on_progress:
                        on_progress(done, total)
                    yield outcome
            return
        except BrokenProcessPool:
            tasks = tasks[done:]  # a worker died: finish the rest here, losing nothing
    nlp = language.load(model) if model else language.default()
    for path, flag_, repeated, n_docs in tasks:
        yield process_file(nlp, path, flag=flag_, repeated=repeated, n_docs=n_docs)
        done += 1
        if on_progress:
            on_progress(done, total)
