"""Gold articles as claim training data (pipeline/claims/articles.py)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.claims.articles import article_rows, gold_spans

ARTICLE = """Walking group cuts blood pressure, trial finds

In a randomized trial of 240 adults, those assigned to a walking group were 30 percent less likely to need a second drug after 12 weeks.

About one in five adults in the town has high blood pressure, and the programme costs $40 a month.
"""

GOLD = {
    "walking.txt": {
        "claims": [
            {"quantity": "30 percent", "type": "efficacy"},
            {"quantity": "About one in five", "type": "prevalence"},
        ],
        "not_claims": ["240 adults", "12 weeks", "$40"],
    },
    "no-claim-gold.txt": {"flags": []},
}


def _gold_set(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "walking.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "articles" / "no-claim-gold.txt").write_text("Nothing to see: 7 items.\n", encoding="utf-8")
    (tmp_path / "expected.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return tmp_path


def test_rows_are_labelled_from_gold_and_grouped_by_article(tmp_path: Path) -> None:
    rows = article_rows([_gold_set(tmp_path)])
    assert rows.articles == 1  # the entry without claim gold is skipped
    assert len(rows.rows) == len(rows.labels) == len(rows.groups)
    assert "efficacy" in rows.labels and "prevalence" in rows.labels
    assert set(rows.groups) == {f"{tmp_path.name}/walking.txt"}
    # the trial named earlier in the article reaches the quantity's features
    efficacy = rows.rows[rows.labels.index("efficacy")]
    assert any(name.startswith("near_design=") and name != "near_design=none" for name in efficacy)


def test_gold_spans_locate_claims_and_non_claims() -> None:
    spans = gold_spans(ARTICLE, GOLD["walking.txt"])
    labels = {ARTICLE[s:e]: label for s, e, label in spans}
    assert labels["30 percent"] == "efficacy"
    assert labels["$40"] == "none"
    assert "missing" not in labels


def test_gold_spans_accept_one_or_several_attached_texts() -> None:
    text = "Risk fell (hazard ratio 0.72, 95% CI 0.61-0.85, p<0.001) and pain eased (odds ratio 0.8, 0.7-0.9)."
    entry = {"claims": [
        {"quantity": "hazard ratio 0.72", "type": "association", "attached_text": ["0.61-0.85", "p<0.001"]},
        {"quantity": "odds ratio 0.8", "type": "association", "attached_text": "0.7-0.9"},
    ]}
    labels = {text[s:e]: label for s, e, label in gold_spans(text, entry)}
    assert labels == {"hazard ratio 0.72": "association", "odds ratio 0.8": "association",
                      "0.61-0.85": "none", "p<0.001": "none", "0.7-0.9": "none"}
