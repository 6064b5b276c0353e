"""The hand-labelled sample dumps of corpora/boilerplate (part of the training data, so
this is a regression check: the body is kept whole and every other line removed)."""

from pathlib import Path

import pytest

from pipeline.clean import clean_text
from pipeline.clean.train import extra_docs, unlabel

ROOT = Path(__file__).resolve().parents[1] / "corpora" / "boilerplate"
DOCS = {doc.name: doc for doc in extra_docs(ROOT)}


def test_clean_samples_exist():
    assert len(DOCS) >= 10


@pytest.mark.parametrize("name", sorted(DOCS))
def test_clean_samples_body_kept_whole(name):
    doc = DOCS[name]
    cleaned = clean_text(unlabel(ROOT / name))
    assert cleaned.text == "\n\n".join(b for b, y in zip(doc.blocks, doc.labels) if y)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_clean_samples_title_found(name):
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    title = next(line[2:] for line in lines if line.startswith("t "))
    assert clean_text(unlabel(ROOT / name)).title == title
