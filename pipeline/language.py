"""Build, save and load the overclaim spaCy pipeline."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.paths import PIPELINE, model_dir

#: component order: segmentation, quantities, sentence strength, claims (read strength), flags
COMPONENTS = ("overclaim_sentences", "overclaim_quantities", "overclaim_strength", "overclaim_claims", "overclaim_flagger")


def build() -> Language:
    """A fresh pipeline on blank English with every overclaim component, initialised from the
    trained component models in ``models/``."""
    _import_components()
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


def load(path: str | Path | None = None) -> Language:
    """Load a saved pipeline (default: the shipped ``models/overclaim-en``).

    Raises:
        FileNotFoundError: with a hint to run ``overclaim train pipeline`` when the folder is missing.
    """
    _import_components()
    path = Path(path) if path is not None else model_dir(PIPELINE)
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(f"no overclaim pipeline at {path} (config.cfg missing); build one with 'overclaim train pipeline'")
    return spacy.load(path)


@cache
def default() -> Language:
    """The shipped pipeline, loaded once per process."""
    return load()


def _import_components() -> None:
    """Register the factories even when the package is not installed (entry points missing)."""
    import pipeline.claims.component  # noqa: F401
    import pipeline.flags.component  # noqa: F401
    import pipeline.quantities.component  # noqa: F401
    import pipeline.sentences  # noqa: F401
    import pipeline.strength.component  # noqa: F401
