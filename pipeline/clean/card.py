"""The model card written next to the trained boilerplate model."""

from __future__ import annotations

import json
from pathlib import Path

TEMPLATE = """\
# Model card: overclaim boilerplate block classifier

**Task.** Label every line (block) of a plain-text dump of a web page as article body or
boilerplate (navigation, ads and advertiser disclosures, share/newsletter/comment prompts,
footers...). Used by `pipeline.clean.clean_text` (text mode). The model is a logistic
regression over hashed block features (`pipeline/clean/features.py`: length, stopword and
punctuation ratios, ending punctuation, digits, URLs/e-mails, cue categories from
`pipeline/clean/data/cues.json`, position, similarity to the title and to the document's
prose core, the same shape features of the two blocks before and after, hashed words, and
for short blocks word pairs and the whole block), followed by Viterbi decoding over the
document with a learned 2x2 transition matrix (smoothing weight {smoothing}, decision
threshold {threshold} on the log-odds). Cue rules and folder-level repetition remove blocks
before decoding; title, byline and date lines become metadata.

**Files.** `weights.npz` (coef, intercept; {n_features} hashed features, float32, loaded with
`allow_pickle=False`), `meta.json` (feature configuration, transitions, data hashes,
metrics, versions), `SHA256SUMS` (checked on every load). No pickle.

**Training data.**
- WCXB dev set (Murrough Foley, Web Content eXtraction Benchmark, CC-BY-4.0), its pages of
  type `article` (product, listing and forum pages label menus and price lists as content,
  which hurts on articles): each page rendered to a plain-text dump (visible text, one block per line, `pipeline/clean/render.py`)
  and each block labelled body when at least half of its word trigrams (or, for blocks of
  one or two words, the whole line) occur in the gold `main_content`. Pages whose labelled
  blocks recover less than 60% of the gold text are skipped. Split by a hash of the page id:
  60% fit, 20% tuning (smoothing and threshold), 20% held out; the final model is refitted
  on fit + tuning. Pages per split: {pages}. sha256 of the ground-truth files: `{wcxb_sha}`.
- {extra_docs} hand-written labelled dumps in `corpora/boilerplate/` (original text written
  for this project, in the style of health-article pages with advertiser disclosures,
  editorial blurbs, share and newsletter prompts), each weighted 3x a WCXB page.
- Not trained or tuned on: the ScrapingHub article-extraction benchmark (evaluation only).

**Metrics** (article-extraction-benchmark metric: 4-word shingles, per-page precision and
recall averaged over pages, F1 of the averages; text mode on rendered dumps):

| split | pages | precision | recall | F1 |
|---|---|---|---|---|
{metrics}

{evaluation}

**Versions.** {versions}.

**Rebuild.**

    python -c "from pathlib import Path; from pipeline.clean.train import train; print(train(Path('../shared/corpora/boilerplate/wcxb-dev'), Path('models/boilerplate')))"

**Limits.** Made for English pages: the cue lists are English (the stopword list also
covers the commonest function words of five other European languages). Trained on page dumps where
each block is one line; hard-wrapped text (several lines per paragraph) is scored line by
line. The labels come from WCXB's LLM-drafted, human-reviewed gold text, so they inherit
its choices (captions and headlines are usually not body).
"""


def write_card(out: Path, meta: dict) -> None:
    """Write ``MODEL_CARD.md`` into the model folder ``out`` from the model's ``meta``."""
    metrics = meta["metrics"]

    labels = {
        "wcxb_tune": "WCXB tuning split (also in the final refit)",
        "wcxb_test": "WCXB held-out split",
    }

    def row(name: str) -> str:
        m = metrics[name]
        return f"| {labels[name]} | {m['pages']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"

    evaluation = "\n".join(
        f"- {name}: precision {m['precision']:.3f}, recall {m['recall']:.3f}, F1 {m['f1']:.3f} "
        f"({m['pages']} pages)"
        for name, m in sorted(meta.get("evaluation", {}).items())
    )
    if evaluation:
        evaluation = (
            "Evaluation only (never trained or tuned on), measured with "
            "`pipeline.clean.evaluate.evaluate(PATH, mode)`:\n\n" + evaluation
        )
    card = TEMPLATE.format(
        evaluation=evaluation,
        metrics="\n".join(row(n) for n in ("wcxb_tune", "wcxb_test")),
        pages=json.dumps(meta["data"]["pages"]),
        extra_docs=meta["data"]["extra_docs"],
        smoothing=meta["smoothing"],
        threshold=meta["threshold"],
        n_features=meta["n_features_hashed"],
        versions=", ".join(f"{k} {v}" for k, v in meta["versions"].items()),
        wcxb_sha=meta["data"]["wcxb_dev_sha256"],
    )
    (out / "MODEL_CARD.md").write_text(card, encoding="utf-8")
