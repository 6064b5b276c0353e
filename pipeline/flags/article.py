"""Article-level view: does the article explain the quality of its evidence?

HealthNewsReview's reviewers ask whether a story or release "grasps the quality of the
evidence": whether it names the study design, gives the size of the study, quantifies the
results and states the limitations — and whether its language outruns that evidence. The
assessment mirrors those questions so a reviewer can see at a glance which are missing.
"""

from __future__ import annotations

from pipeline.flags.cues import lexicon

#: designs that tell a reader what kind of evidence it is
NAMED_DESIGNS = ("rct", "observational", "meta_analysis", "uncontrolled", "human_trial", "animal", "cell")
EVIDENCE_FLAGS = ("causal_overstatement", "cure_language", "uncontrolled_efficacy", "animal_to_human", "relative_risk_only")
#: weight of "explains the evidence" against "language outruns it" in the article score
REPORTING_WEIGHT = 0.75


def overstatement(flags: list[dict]) -> float:
    """Noisy-or of the scores of the evidence flags: 0 with none, near 1 with strong ones."""
    keep = 1.0
    for flag in flags:
        if flag["type"] in EVIDENCE_FLAGS:
            keep *= 1.0 - flag["score"]
    return 1.0 - keep


def assess(text: str, designs: list[dict], claims: list[dict], flags: list[dict]) -> dict:
    """The article's evidence report card.

    Returns:
        ``{"design_named", "sample_size", "quantified", "limitations"}`` booleans, ``reporting``
        (their share), ``overstatement`` (noisy-or of the flag scores) and ``score``, the
        probability-like verdict that the article does NOT convey the quality of its evidence.
    """
    cues = lexicon("cues")
    checks = {
        "design_named": any(d["label"] in NAMED_DESIGNS for d in designs),
        "sample_size": bool(cues["sample_size"].search(text)),
        "quantified": len(claims) >= 2,
        "limitations": bool(cues["limitations"].search(text)),
    }
    reporting = sum(checks.values()) / len(checks)
    over = overstatement(flags)
    score = REPORTING_WEIGHT * (1.0 - reporting) + (1.0 - REPORTING_WEIGHT) * over
    return {**checks, "reporting": round(reporting, 3), "overstatement": round(over, 3), "score": round(score, 3)}
