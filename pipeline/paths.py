"""Where the trained artifacts live: ``models/`` of a source checkout, or the copy installed
inside the package (``pipeline/models``) by ``pip install .``. ``OVERCLAIM_MODELS`` overrides."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CANDIDATES = (PACKAGE.parent / "models", PACKAGE / "models")
PIPELINE = "overclaim-en"


def models_root() -> Path:
    """The folder holding the trained artifacts."""
    env = os.environ.get("OVERCLAIM_MODELS")
    if env:
        return Path(env)
    checkout, installed = CANDIDATES
    if (PACKAGE.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout  # a source checkout or an editable install
    return installed


def model_dir(name: str) -> Path:
    """The folder of one artifact, e.g. ``model_dir("strength")``; it may not exist yet."""
    return models_root() / name
