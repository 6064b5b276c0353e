"""Stage 5: article records and JSONL output (contract v1)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO, Any

import jsonlines
from spacy.tokens import Doc

from pipeline.ingest import RawDoc

META_FIELDS = ("title", "author", "published", "url")
_dumps = partial(json.dumps, ensure_ascii=False)


def article_record(raw: RawDoc, cleaned: Any, doc: Doc, *, flags: bool) -> dict:
    """The contract's article record for one processed article.

    Args:
        raw: the ingested input.
        cleaned: the :class:`pipeline.clean.Cleaned` result for it.
        doc: the annotated Doc of ``cleaned.text``.
        flags: include ``flags`` (and ``designs``), as ``overclaim flag`` does.
    """
    record: dict[str, Any] = {"id": raw.id, "source": raw.source, "format": raw.format}
    for name in META_FIELDS:
        record[name] = getattr(cleaned, name, None) or raw.meta.get(name)
    record["text"] = doc.text
    record["boilerplate"] = cleaned.boilerplate()
    record["claims"] = doc._.claims or []
    if flags:
        record["flags"] = doc._.flags or []
        record["designs"] = doc._.designs or []
        record["assessment"] = doc._.assessment
    return record


def error_record(source: str, code: str, message: str) -> dict:
    """The errors-file record for an input that could not be processed."""
    return {"source": source, "error": code, "message": message}


def errors_path(out: Path) -> Path:
    """``OUT.errors.jsonl`` next to ``OUT`` (``out.jsonl`` -> ``out.errors.jsonl``)."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(f"{name}.errors.jsonl")


@contextmanager
def writers(out: str | None) -> Iterator[tuple[jsonlines.Writer, jsonlines.Writer]]:
    """Open the records writer and the errors writer for ``-o OUT`` (``None`` or ``-``: stdout,
    errors on stderr). Records are flushed line by line so a long run can be followed."""
    handles: list[IO[str]] = []
    try:
        if out in (None, "-"):
            records, errors = sys.stdout, sys.stderr
        else:
            path = Path(out)
            path.parent.mkdir(parents=True, exist_ok=True)
            records = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
            errors = open(errors_path(path), "w", encoding="utf-8")  # noqa: SIM115
            handles += [records, errors]
        with jsonlines.Writer(records, flush=True, dumps=_dumps) as rec_writer, \
                jsonlines.Writer(errors, flush=True, dumps=_dumps) as err_writer:
            yield rec_writer, err_writer
    finally:
        for handle in handles:
            handle.close()
