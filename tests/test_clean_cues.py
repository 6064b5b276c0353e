"""Cue lexicon (data/cues.json) and the removal rules built on it."""

import json
import re

import pytest

from pipeline.clean.cues import DATA, cues, match_cues, removal_reason, triggers

WORD = re.compile(r"\w+")


def reason(block: str) -> str | None:
    low = block.lower()
    words = WORD.findall(low)
    return removal_reason(match_cues(low, words), len(words))


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("Advertiser Disclosure", "advertiser_disclosure"),
        ("We are independent & ad-supported. We may earn a commission for purchases made through our links.", "advertiser_disclosure"),
        ("How We Make Money", "advertiser_disclosure"),
        ("Our Promise to you", "editorial_promise"),
        ("To learn more about our commitment to accuracy, read our editorial process.", "editorial_promise"),
        ("Share", "share"),
        ("Copy this link", "share"),
        ("Our latest articles, guides, and more, delivered daily.", "newsletter"),
        ("Sign up for our newsletter", "newsletter"),
        ("Discussion Comments", "comments"),
        ("Catherine on September 13, 2018 at 5:23 pm said:", "comments"),
        ("Views: 5,139", "page_stats"),
        ("Editors' Picks", "navigation"),
        ("https://www.example.com/a-page.htm", "url"),
        ("© 2024 Example News. All rights reserved.", "legal"),
        ("Patients who shared a room with a smoker were twice as likely to report symptoms.", None),
        ("The newsletter of the cardiology society reported that 12 percent of patients relapsed within a year of stopping the drug, a figure the authors called worrying.", None),
    ],
)
def test_clean_cues_removal_reason(block, expected):
    assert reason(block) == expected


def test_clean_cues_every_unanchored_pattern_names_a_trigger_word():
    words = triggers()
    for cue in cues():
        for pattern in cue.patterns:
            if not pattern.startswith("^"):
                assert any(word in pattern for word in words), pattern


def test_clean_cues_file_is_well_formed():
    raw = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    assert set(raw) == {"description", "triggers", "categories"}
    assert [cue.name for cue in cues()] == list(raw["categories"])
