"""Shared fixtures: the repository paths, the shipped pipeline, the record schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpora" / "samples"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "liberation-therapy-ms.txt"
SCHEMAS = ROOT / "pipeline" / "data"


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def record_schema() -> dict:
    return json.loads((SCHEMAS / "record.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def error_schema() -> dict:
    return json.loads((SCHEMAS / "error.schema.json").read_text(encoding="utf-8"))


def check_offsets(record: dict) -> None:
    """Every reported span indexes the record's text exactly."""
    text = record["text"]
    for claim in record["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["sentence"]
        q = claim["quantity"]
        assert text[q["start"]:q["end"]] == q["text"]
        assert claim["start"] <= q["start"] < q["end"] <= claim["end"]
        for slot in ("population", "intervention", "outcome", "comparator", "timeframe", "attribution"):
            assert claim[slot] is None or claim[slot] in claim["sentence"]
    for flag in record.get("flags", []):
        assert text[flag["start"]:flag["end"]] == flag["sentence"]
        for span in flag["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]
        claim_ids = {c["id"] for c in record["claims"]}
        assert set(flag["claim_ids"]) <= claim_ids
    for design in record.get("designs", []):
        assert text[design["start"]:design["end"]] == design["text"]
