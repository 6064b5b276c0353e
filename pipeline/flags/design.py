"""Study-design detection: randomized trials, observational designs, case series, animal and
cell studies, meta-analyses, human trials, as spans of the article text."""

from __future__ import annotations

import re

from pipeline.flags.cues import lexicon

DESIGNS = ("rct", "meta_analysis", "observational", "uncontrolled", "animal", "cell", "human_trial",
           "planned_trial", "animal_trial")
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
            label_here = _trial_kind(text, match.start(), match.end()) if label in TRIALS else label
            found.append({"label": label_here, "start": match.start(), "end": match.end(), "text": match.group()})
            last_end = match.end()
    return sorted(found, key=lambda d: (d["start"], d["label"]))


def _trial_kind(text: str, start: int, end: int) -> str:
    """What a trial mention is evidence of, judged from its sentence: ``planned_trial`` when
    it is planned, needed or denied ("no randomized trial has tested it", "human trials will
    begin"), ``animal_trial`` when the randomized animals are mice or cells, else ``rct`` /
    ``human_trial`` as matched."""
    before = max(text.rfind(mark, 0, start) for mark in ".?!\n")
    after = _SENTENCE_END.search(text, end)
    sentence = text[before + 1:after.start() if after else len(text)]
    cues = lexicon("cues")
    if cues["unrealised_trial"].search(sentence):
        return "planned_trial"
    if cues["animal_scope"].search(sentence):
        return "animal_trial"
    return "rct" if lexicon("designs")["rct"].search(text, start, end) else "human_trial"


def summarize(designs: list[dict]) -> set[str]:
    """The set of design labels present."""
    return {d["label"] for d in designs}
