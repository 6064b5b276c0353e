"""The CLI end to end: samples, the contract's records, bad inputs, flag on extract output."""

from __future__ import annotations

import json
from pathlib import Path

import jsonlines
import jsonschema
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import SAMPLES, check_offsets

runner = CliRunner()


def _read(path: Path) -> list[dict]:
    with jsonlines.open(path) as reader:
        return list(reader)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, nlp) -> Path:  # noqa: ARG001 - nlp loads the pipeline once
    out = tmp_path_factory.mktemp("extract") / "out.jsonl"
    result = runner.invoke(app, ["extract", str(SAMPLES), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, out.with_name("out.errors.jsonl").read_text(encoding="utf-8")
    return out


def test_cli_extract_samples_validate(extracted: Path, record_schema: dict) -> None:
    records = _read(extracted)
    sources = {r["source"].partition("#")[0] for r in records}
    expected = {str(p) for p in SAMPLES.rglob("*") if p.is_file() and p.suffix in {".html", ".htm", ".txt", ".md", ".jsonl"}}
    assert sources == expected
    assert _read(extracted.with_name("out.errors.jsonl")) == []
    for record in records:
        jsonschema.validate(record, record_schema)
        assert "flags" not in record
        check_offsets(record)
    assert sum(len(r["claims"]) for r in records) >= 20
    assert {c["type"] for r in records for c in r["claims"]} == {"efficacy", "safety", "association", "prevalence"}


def test_cli_flag_reads_extract_output_without_reextracting(extracted: Path, tmp_path: Path, record_schema: dict) -> None:
    out = tmp_path / "flagged.jsonl"
    result = runner.invoke(app, ["flag", str(extracted), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    before, after = _read(extracted), _read(out)
    assert len(before) == len(after)
    for old, new in zip(before, after):
        assert new["claims"] == old["claims"] and new["text"] == old["text"] and new["id"] == old["id"]
        jsonschema.validate(new, record_schema)
        check_offsets(new)
    assert sum(len(r["flags"]) for r in after) >= 5


def test_cli_flag_direct_equals_flag_on_extract(extracted: Path, tmp_path: Path) -> None:
    out = tmp_path / "direct.jsonl"
    assert runner.invoke(app, ["flag", str(SAMPLES), "-o", str(out), "-q"]).exit_code == 0
    chained = tmp_path / "chained.jsonl"
    assert runner.invoke(app, ["flag", str(extracted), "-o", str(chained), "-q"]).exit_code == 0
    keys = ("id", "claims", "flags", "assessment")
    assert [{k: r[k] for k in keys} for r in _read(out)] == [{k: r[k] for k in keys} for r in _read(chained)]


def _bad_inputs(folder: Path) -> dict[str, str | None]:
    """Write awkward inputs; return file name -> expected error code (None: a record)."""
    good = "Researchers said 40 percent of patients improved after the therapy.\n\nIt was a small study."
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "truncated.html").write_text("<!DOCTYPE html><html><head><title>Cut</title></head><body><article><p>" + good + "</p><p>Half a para", encoding="utf-8")
    (folder / "cp1252.txt").write_bytes(("\u201cMiracle\u201d claims \u2014 " + good).encode("cp1252"))
    (folder / "utf16.txt").write_bytes(("\ufeff" + good).encode("utf-16-le"))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    (folder / "unreadable.txt").write_text(good, encoding="utf-8")
    return {"empty.txt": "empty", "binary.txt": "binary", "truncated.html": None, "cp1252.txt": None,
            "utf16.txt": None, "notes.pdf": "unsupported_format", "unreadable.txt": "unreadable"}


def test_cli_bad_inputs_end_in_output_or_errors(tmp_path: Path, monkeypatch, error_schema: dict, record_schema: dict) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    expected = _bad_inputs(folder)
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "unreadable.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(folder), "-o", str(out), "-q"])
    assert result.exit_code == 1
    records = {Path(r["source"]).name: r for r in _read(out)}
    errors = {Path(e["source"]).name: e for e in _read(tmp_path / "out.errors.jsonl")}
    assert set(records) | set(errors) == set(expected)
    assert not set(records) & set(errors)
    for name, code in expected.items():
        if code is None:
            jsonschema.validate(records[name], record_schema)
            check_offsets(records[name])
            assert "40 percent" in records[name]["text"]
        else:
            jsonschema.validate(errors[name], error_schema)
            assert errors[name]["error"] == code, errors[name]


def test_cli_stdout_and_errors_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One in four adults has high blood pressure, the survey found.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path), "-q"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [Path(r["source"]).name for r in lines] == ["a.txt"]
    assert '"error": "empty"' in result.stderr


def test_cli_jobs_give_identical_output(tmp_path: Path, extracted: Path) -> None:
    out = tmp_path / "parallel.jsonl"
    result = runner.invoke(app, ["extract", str(SAMPLES), "-o", str(out), "--jobs", "2", "-q"])
    assert result.exit_code == 0, result.output
    assert _read(out) == _read(extracted)


@pytest.mark.parametrize("args", [["extract"], ["flag", "--jobs", "0", "x"], ["extract", "x", "--bogus"]])
def test_cli_usage_errors_exit_2(args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == 2


def test_cli_help_reads_well() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "flag", "train", "evaluate", "benchmark"):
        assert command in result.stdout
    result = runner.invoke(app, ["extract", "--help"])
    assert "--output" in result.stdout and "--jobs" in result.stdout and "--model" in result.stdout


def test_cli_train_flags_without_its_web_pages_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "flags", "--web", str(tmp_path / "absent"), "--out", str(tmp_path / "model")])
    assert result.exit_code == 2
    assert "--no-web" in result.output and not (tmp_path / "model").exists()
