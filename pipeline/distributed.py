"""Runs larger than one machine: the same batch on a Dask cluster.

``overclaim flag INPUT... --scheduler tcp://HOST:8786`` sends chunks of input files to the
workers of a running Dask cluster (``dask scheduler`` / ``dask worker`` on each machine, with
overclaim installed and the inputs on a filesystem every worker can read);
``--scheduler local`` starts a cluster of ``--jobs`` worker processes on this machine.
Every worker thread loads the pipeline once. Results come back in input order, with at most
``window`` chunks in flight, so the client's memory stays bounded however large the run.
A chunk whose workers keep dying is finished on the client: nothing is lost.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterator
from typing import Any

from pipeline import language

#: files per task sent to a worker
CHUNK = 16

_local = threading.local()


def _nlp(model: str | None):
    """The pipeline of this worker thread, loaded on first use."""
    cache = getattr(_local, "pipelines", None)
    if cache is None:
        cache = _local.pipelines = {}
    if model not in cache:
        cache[model] = language.load(model) if model else language.default()
    return cache[model]


def work_chunk(tasks: list[tuple], model: str | None) -> list:
    """Run on a worker: process a chunk of ``(path, flag, repeated, n_docs)`` tasks."""
    from pipeline.run import process_file

    nlp = _nlp(model)
    return [process_file(nlp, path, flag=flag, repeated=repeated, n_docs=n_docs)
            for path, flag, repeated, n_docs in tasks]


class SchedulerError(RuntimeError):
    """Dask is missing, or the cluster cannot be started or reached."""


def client_for(scheduler: str, jobs: int, timeout: float = 30) -> Any:
    """A Dask client: ``local`` starts ``jobs`` single-threaded worker processes here.

    Raises:
        SchedulerError: with a message for the user.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise SchedulerError("--scheduler needs Dask: pip install 'overclaim[dask]'") from exc
    try:
        if scheduler == "local":
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            return Client(cluster)
        return Client(scheduler, timeout=timeout)
    except (OSError, RuntimeError, ValueError) as exc:
        raise SchedulerError(f"cannot use the Dask scheduler {scheduler!r}: {exc}") from exc


def run_dask(tasks: list[tuple], *, model: str | None, scheduler: str, jobs: int = 2,
             chunk: int = CHUNK, window: int | None = None) -> Iterator:
    """Yield one :class:`pipeline.run.Outcome` per task, in order, computed on a Dask cluster.

    Args:
        tasks: ``(path, flag, repeated, n_docs)`` per input file, in input order.
        model: a saved pipeline folder the workers can read (default: the shipped one).
        scheduler: ``local`` or the address of a running Dask scheduler.
        jobs: worker processes for ``local``.
        chunk: files per task.
        window: chunks in flight at once (default: four per worker thread).
    """
    chunks = [tasks[i:i + chunk] for i in range(0, len(tasks), chunk)]
    client = client_for(scheduler, jobs)
    try:
        threads = sum(client.nthreads().values()) or 1
        window = window or 4 * threads
        pending: deque = deque()
        todo = iter(chunks)
        for part in todo:
            pending.append((part, client.submit(work_chunk, part, model, pure=False)))
            if len(pending) >= window:
                break
        while pending:
            part, future = pending.popleft()
            try:
                outcomes = future.result()
            except Exception:  # noqa: BLE001 - a lost worker: finish this chunk here
                outcomes = work_chunk(part, model)
            future.release()
            yield from outcomes
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, client.submit(work_chunk, nxt, model, pure=False)))
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
