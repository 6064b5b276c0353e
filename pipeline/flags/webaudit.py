"""Load the webaudit sentence labels (``corpora/webaudit/labels.tsv``) joined to their text.

The labels file stores only offsets and hashes; the sentence text comes from the WCXB
development set (CC-BY-4.0), whose ``dev/ground-truth/NNNN.json`` files hold each page's
``ground_truth.main_content``. Every row's text is checked against its stored sha1 so that a
changed corpus or splitter shows up as an error instead of silently shifted labels.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

COLUMNS = ("page", "start", "end", "sha1", "flags", "careful", "strength")


def sentence_hash(text: str) -> str:
    """First 12 hex digits of the sha1 of ``text`` encoded as UTF-8."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _ground_truth_dir(wcxb_dir: Path) -> Path:
    """The folder of ground-truth JSON files: ``wcxb_dir/dev/ground-truth`` or one level below."""
    for candidate in (wcxb_dir / "dev" / "ground-truth", wcxb_dir / "ground-truth"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no ground-truth folder under {wcxb_dir} (expected dev/ground-truth/NNNN.json)")


def _page_text(folder: Path, page: str, cache: dict[str, str]) -> str:
    """The main content of one page, read once."""
    if page not in cache:
        path = folder / f"{page}.json"
        if not path.is_file():
            raise FileNotFoundError(f"labels name page {page} but {path} does not exist")
        record = json.loads(path.read_text(encoding="utf-8"))
        cache[page] = record["ground_truth"]["main_content"]
    return cache[page]


def load_web_labels(labels_path: str | Path, wcxb_dir: str | Path) -> list[dict]:
    """Join every labelled sentence to its text.

    Args:
        labels_path: the TSV with columns ``page start end sha1 flags careful strength``.
        wcxb_dir: the WCXB corpus folder (the one holding ``dev/``).

    Returns:
        One dict per row: ``page``, ``start``, ``end``, ``sha1``, ``flags`` (list of flag
        types, empty for ``-``), ``careful`` (bool), ``strength``, ``sentence`` (the text)
        and ``text`` (the page's whole main content, which ``start``/``end`` index).

    Raises:
        ValueError: when a row's text does not match its sha1, its offsets fall outside the
            page, or the header is not the expected one.
        FileNotFoundError: when the corpus folder or a labelled page is missing.
    """
    labels_path, folder = Path(labels_path), _ground_truth_dir(Path(wcxb_dir))
    pages: dict[str, str] = {}
    rows = []
    with labels_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{labels_path}: expected columns {COLUMNS}, found {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            text = _page_text(folder, row["page"], pages)
            start, end = int(row["start"]), int(row["end"])
            if not 0 <= start <= end <= len(text):
                raise ValueError(f"{labels_path}:{line}: offsets {start}-{end} outside page {row['page']} ({len(text)} chars)")
            sentence = text[start:end]
            if sentence_hash(sentence) != row["sha1"]:
                raise ValueError(
                    f"{labels_path}:{line}: sha1 mismatch for page {row['page']} {start}-{end}: "
                    f"expected {row['sha1']}, text gives {sentence_hash(sentence)} ({sentence[:60]!r}); "
                    "the corpus or the offsets have changed"
                )
            rows.append(
                {
                    "page": row["page"],
                    "start": start,
                    "end": end,
                    "sha1": row["sha1"],
                    "flags": [] if row["flags"] == "-" else row["flags"].split(","),
                    "careful": row["careful"] == "1",
                    "strength": row["strength"],
                    "sentence": sentence,
                    "text": text,
                }
            )
    return rows


def page_split(labels_path: str | Path) -> dict[str, list[str]] | None:
    """The train / held-out page split stored next to the labels (``split.json``), or ``None``.

    The flag model trains on the ``train`` pages only, so the figures of the ``held_out`` pages
    stay an honest estimate for new web text.
    """
    path = Path(labels_path).with_name("split.json")
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {"train": list(raw["train"]), "held_out": list(raw["held_out"])}
