"""The webaudit label loader joins rows to a WCXB-shaped corpus and checks their hashes."""

import json
from pathlib import Path

import pytest

from pipeline.flags.webaudit import load_web_labels, page_split, sentence_hash

PAGE = "Coffee is good. It cures all diseases, a blog says."
HEADER = "page\tstart\tend\tsha1\tflags\tcareful\tstrength\n"


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "wcxb" / "dev" / "ground-truth"
    folder.mkdir(parents=True)
    (folder / "0001.json").write_text(json.dumps({"ground_truth": {"main_content": PAGE}}), encoding="utf-8")
    return tmp_path / "wcxb"


def _labels(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "labels.tsv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def _page_labels(tmp_path: Path, first_careful: str, second_flags: str) -> Path:
    """Labels of the page's two sentences: the first unflagged, the second with ``second_flags``."""
    second = PAGE[16:]
    return _labels(
        tmp_path,
        [
            f"0001\t0\t15\t{sentence_hash(PAGE[:15])}\t-\t{first_careful}\tnone",
            f"0001\t16\t{len(PAGE)}\t{sentence_hash(second)}\t{second_flags}\t0\tdirect_causal",
        ],
    )


def test_rows_are_joined_to_their_sentences(tmp_path):
    second = PAGE[16:]
    labels = _page_labels(tmp_path, "0", "cure_language,causal_overstatement")
    rows = load_web_labels(labels, _corpus(tmp_path))
    assert [row["sentence"] for row in rows] == ["Coffee is good.", second]
    assert rows[0]["flags"] == [] and rows[0]["careful"] is False
    assert rows[1]["flags"] == ["cure_language", "causal_overstatement"]
    assert rows[1]["strength"] == "direct_causal"
    assert rows[1]["text"][rows[1]["start"] : rows[1]["end"]] == second


def test_hash_mismatch_is_reported(tmp_path):
    labels = _labels(tmp_path, ["0001\t0\t15\t000000000000\t-\t0\tnone"])
    with pytest.raises(ValueError, match="sha1 mismatch"):
        load_web_labels(labels, _corpus(tmp_path))


def test_missing_page_is_reported(tmp_path):
    labels = _labels(tmp_path, ["0002\t0\t3\tabcabcabcabc\t-\t0\tnone"])
    with pytest.raises(FileNotFoundError, match="0002"):
        load_web_labels(labels, _corpus(tmp_path))


def test_offsets_outside_the_page_are_reported(tmp_path):
    labels = _labels(tmp_path, ["0001\t0\t999\tabcabcabcabc\t-\t0\tnone"])
    with pytest.raises(ValueError, match="outside"):
        load_web_labels(labels, _corpus(tmp_path))


def test_evaluate_web_scores_flags_against_the_labels(tmp_path):
    from pipeline.flags.evaluate import evaluate_web

    labels = _page_labels(tmp_path, "1", "cure_language")
    result = evaluate_web(labels, _corpus(tmp_path))
    assert result["pages"] == 1 and result["sentences"] == 2
    overall = result["overall"]
    # every expected flag is either found or missed, so tp + fn is the number of expected flags
    assert overall["tp"] + overall["fn"] == 1
    assert result["careful_left_unflagged"] in ("0/1", "1/1")


def test_page_split_and_held_out_figures(tmp_path):
    from pipeline.flags.evaluate import evaluate_web

    labels = _page_labels(tmp_path, "0", "cure_language")
    assert page_split(labels) is None
    (tmp_path / "split.json").write_text(json.dumps({"train": [], "held_out": ["0001"]}), encoding="utf-8")
    assert page_split(labels) == {"train": [], "held_out": ["0001"]}
    result = evaluate_web(labels, _corpus(tmp_path))
    assert result["held_out_pages"]["pages"] == 1 and result["train_pages"]["pages"] == 0
    assert result["held_out_pages"]["overall"] == result["overall"]
