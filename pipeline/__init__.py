"""overclaim: numeric health claims and causal overstatement in scraped articles.

    import pipeline
    nlp = pipeline.load()                 # the shipped spaCy pipeline
    doc = nlp(text)
    doc._.claims, doc._.flags             # contract dicts
    record = pipeline.process("page.html")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "load", "process"]

if TYPE_CHECKING:
    from spacy.language import Language


def load(path: str | Path | None = None) -> Language:
    """The shipped overclaim pipeline (or the saved one at ``path``), a ``spacy.Language``."""
    from pipeline.language import load as _load

    return _load(path)


def process(item: str | Path | bytes, *, nlp: Language | None = None, flag: bool = True) -> dict:
    """Ingest, clean and annotate one article (a path or raw bytes); return its record."""
    from pipeline.run import process as _process

    return _process(item, nlp=nlp, flag=flag)
