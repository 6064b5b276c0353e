"""Runs on a Dask cluster: same records in the same order, nothing lost when workers fail."""

from __future__ import annotations

from pathlib import Path

import jsonlines
import pytest
from typer.testing import CliRunner

from pipeline import distributed
from pipeline.cli import app
from pipeline.run import Outcome
from tests.conftest import SAMPLES

runner = CliRunner()


class _Future:
    def __init__(self, fn, args, fail: bool) -> None:
        self.fn, self.args, self.fail = fn, args, fail

    def result(self) -> list:
        if self.fail:
            raise RuntimeError("worker lost")
        return self.fn(*self.args)

    def release(self) -> None:
        pass


class _Client:
    """Stands in for a Dask client: runs tasks lazily here, failing every second chunk."""

    def __init__(self) -> None:
        self.submitted = 0
        self.closed = False

    def nthreads(self) -> dict:
        return {"w1": 1}

    def submit(self, fn, *args, pure: bool = True) -> _Future:
        self.submitted += 1
        return _Future(fn, args, fail=self.submitted % 2 == 0)

    def close(self) -> None:
        self.closed = True


def test_run_dask_keeps_order_and_finishes_failed_chunks_locally(monkeypatch: pytest.MonkeyPatch, nlp) -> None:
    client = _Client()
    monkeypatch.setattr(distributed, "client_for", lambda scheduler, jobs: client)
    paths = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".txt")
    tasks = [(p, False, None, 1) for p in paths]
    outcomes = list(distributed.run_dask(tasks, model=None, scheduler="fake", chunk=2, window=2))
    assert all(isinstance(o, Outcome) for o in outcomes)
    assert [o.records[0]["source"] for o in outcomes] == [str(p) for p in paths]
    assert client.submitted == -(-len(paths) // 2)
    assert client.closed


def test_cli_scheduler_local_matches_in_process(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    out, ref = tmp_path / "dask.jsonl", tmp_path / "ref.jsonl"
    result = runner.invoke(app, ["flag", str(SAMPLES), "-o", str(out), "--scheduler", "local", "-j", "2", "-q"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["flag", str(SAMPLES), "-o", str(ref), "-q"]).exit_code == 0
    with jsonlines.open(out) as a, jsonlines.open(ref) as b:
        assert list(a) == list(b)


def test_cli_unreachable_scheduler_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(scheduler: str, jobs: int) -> None:
        raise distributed.SchedulerError(f"cannot use the Dask scheduler {scheduler!r}: refused")

    monkeypatch.setattr(distributed, "client_for", refuse)
    result = runner.invoke(app, ["extract", str(SAMPLES), "-o", str(tmp_path / "x.jsonl"), "--scheduler", "tcp://nowhere:1"])
    assert result.exit_code == 2
    assert "cannot use the Dask scheduler" in result.output
