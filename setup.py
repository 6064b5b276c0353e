"""Packaging glue that pyproject.toml cannot express: ship the trained artifacts of
``models/`` inside the package as ``pipeline/models`` so a non-editable install finds them
(see ``pipeline/paths.py``). Everything else is declared in pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["pipeline", "pipeline.*"], exclude=["*.__pycache__"]), "pipeline.models"],
    package_dir={"pipeline.models": "models"},
    package_data={"pipeline": ["**/*.json", "py.typed"], "pipeline.models": ["**/*"]},
)
