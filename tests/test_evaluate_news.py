"""``overclaim evaluate news``: sentence labels joined to texts by offsets and checksums."""

import hashlib
from pathlib import Path

from pipeline.flags.evaluate import evaluate_news
from pipeline.run import run_batch

ARTICLE = (
    "Herbal tea cures arthritis, says shop\n\n"
    "A herbal tea cures arthritis, the owner of a health shop in Tamworth said on Monday. "
    "She said that 80 percent of the customers who tried it felt better within a week. "
    "There was no comparison group, and no trial has tested the tea.\n"
)


def test_news_labels_scored_by_sentence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    text = next(iter(run_batch([tmp_path / "a.txt"], flag=True))).records[0]["text"]
    rows = ["file\tstart\tend\tsha1\tflags\tcareful"]
    for sentence, flags, careful in (
            ("A herbal tea cures arthritis, the owner of a health shop in Tamworth said on Monday.", "cure_language", "0"),
            ("There was no comparison group, and no trial has tested the tea.", "-", "1"),
            ("This sentence is not in the text.", "-", "0")):
        start = max(text.find(sentence), 0)
        digest = hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:12]
        rows.append(f"a.txt\t{start}\t{start + len(sentence)}\t{digest}\t{flags}\t{careful}")
    labels = tmp_path / "labels.tsv"
    labels.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = evaluate_news(labels, tmp_path)
    assert result["sentences"] == 3 and result["unaligned"] == 1
    assert result["per_type"]["cure_language"]["tp"] == 1
    assert result["careful_left_unflagged"] == "1/1"
