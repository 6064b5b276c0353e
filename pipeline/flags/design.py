"""Study-design detection: randomized trials, observational designs, case series, animal and
cell studies, meta-analyses, human trials, as spans of the article text."""

from __future__ import annotations

import re

from pipeline.flags.cues import lexicon

DESIGNS = ("rct", "meta_analysis", "observational", "uncontrolled", "animal", "cell", "human_trial", "planned_trial")
#: trial mentions that are evidence only when the trial was done
TRIALS = ("rct", "human_trial")
_SENTENCE_END = re.compile(r"[.!?\n]")


def detect_designs(text: str) -> list[dict]:
    """Every study-design mention in ``text``, sorted by position.

    Returns:
        ``{"label", "start", "end", "text"}`` dicts; ``label`` is one of :data:`DESIGNS`.
        Overlapping mentions of the same label are merged into the first.
    """
    found = []
    for label, pattern in lexicon("designs").items():
        last_end = -1
        for match in pattern.finditer(text):
            if match.start() < last_end:
                continue
            if label in TRIALS and _unrealised(text, match.start(), match.end()):
                label_here = "planned_trial"
            else:
                label_here = label
            found.append({"label": label_here, "start": match.start(), "end": match.end(), "text": match.group()})
            last_end = match.end()
    return sorted(found, key=lambda d: (d["start"], d["label"]))


def _unrealised(text: str, start: int, end: int) -> bool:
    """A trial that is planned, needed or denied in its sentence ("no randomized trial has
    tested it", "human trials will begin next year") is not evidence."""
    before = text.rfind(".", 0, start)
    before = max(before, text.rfind("\n", 0, start), text.rfind("?", 0, start), text.rfind("!", 0, start))
    after = _SENTENCE_END.search(text, end)
    sentence = text[before + 1:after.start() if after else len(text)]
    return bool(lexicon("cues")["unrealised_trial"].search(sentence))


def summarize(designs: list[dict]) -> set[str]:
    """The set of design labels present."""
    return {d["label"] for d in designs}
