"""Packaging glue that pyproject.toml cannot express: ship the trained artifacts of
``models/`` inside the package as ``pipeline/models`` so a non-editable install finds them
(see ``pipeline/paths.py``). Everything else is declared in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pipeline", "pipeline.*"]), "pipeline.models"],
    package_dir={"pipeline.models": "models"},
    package_data={"pipeline": ["**/*.json", "py.typed"], "pipeline.models": ["**/*"]},
)
