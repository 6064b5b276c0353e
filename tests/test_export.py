"""JSONL output: the errors file name, and records written then read back unchanged."""

from __future__ import annotations

from pathlib import Path

import jsonlines
import pytest

from pipeline.export import error_record, errors_path, writers


@pytest.mark.parametrize(("out", "errors"), [("out.jsonl", "out.errors.jsonl"), ("run/x.json", "run/x.json.errors.jsonl"), ("y", "y.errors.jsonl")])
def test_export_errors_path(out: str, errors: str) -> None:
    assert errors_path(Path(out)) == Path(errors)


def test_export_round_trip(tmp_path: Path) -> None:
    records = [{"id": "1", "text": "caf\u00e9 \u2014 73 %", "claims": []}, {"id": "2", "text": "", "claims": [{"x": 1.5}]}]
    out = tmp_path / "sub" / "o.jsonl"
    with writers(str(out)) as (rec, err):
        rec.write_all(records)
        err.write(error_record("bad.txt", "empty", "the input has no content"))
    with jsonlines.open(out) as reader:
        assert list(reader) == records
    assert "\u2014" in out.read_text(encoding="utf-8")  # UTF-8, not \u escapes
    with jsonlines.open(tmp_path / "sub" / "o.errors.jsonl") as reader:
        assert list(reader) == [{"source": "bad.txt", "error": "empty", "message": "the input has no content"}]
