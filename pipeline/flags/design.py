"""Study-design detection: randomized trials, observational designs, case series, animal and
cell studies, meta-analyses, human trials, as spans of the article text."""

from __future__ import annotations

from pipeline.flags.cues import lexicon

DESIGNS = ("rct", "meta_analysis", "observational", "uncontrolled", "animal", "cell", "human_trial")


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
            found.append({"label": label, "start": match.start(), "end": match.end(), "text": match.group()})
            last_end = match.end()
    return sorted(found, key=lambda d: (d["start"], d["label"]))


def summarize(designs: list[dict]) -> set[str]:
    """The set of design labels present."""
    return {d["label"] for d in designs}
