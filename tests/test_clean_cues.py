"""Cue lexicon (data/cues.json) and the removal rules built on it."""

import json
import re

import pytest

from pipeline.clean.cues import (
    DATA,
    cues,
    match_cues,
    match_lines,
    removal_reason,
    tail_start,
    triggers,
)

WORD = re.compile(r"\w+")


def reason(block: str) -> str | None:
    low = block.lower()
    words = WORD.findall(low)
    return removal_reason(match_cues(low, words), len(words))


BLOCKS = [
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
    ("Sponsored: Doctors Amazed by This One Simple Trick", "advertiser_disclosure"),
    ("Article continues after advertisement", "advertiser_disclosure"),
    ("Liked this story? Join 12,000 subscribers and get our free meal-prep guide!", "newsletter"),
    ("View 57 comments", "comments"),
    ("★★★★☆ Works well for me", "testimonial"),
    ("\u201cMy joints feel brand new.\u201d \u2014 Gloria, 64", "testimonial"),
    ("###", "release_tail"),
    ("Press inquiries", "release_tail"),
    ("About the Northfield Institute of Nutrition", "release_tail"),
    ("Established in 1950, the society represents 9,000 nurses across the region.", "organisation_profile"),
    ("Rita Gomez writes about nutrition for the Valley Courier. She joined the paper in 2012.", "author_bio"),
    ("Become a monthly supporter", "donation"),
    ("Shop the post: Calm Blend Tea, $14", "commerce"),
    ("Enlarge this image", "media_credit"),
    ("Oskar Lind/Getty Images", "media_credit"),
    ("These statements have not been evaluated by the FDA.", "supplement_disclaimer"),
    ("Read more: Why sleep matters for your heart", "teaser"),
    ("About the study", None),
    ("The study was founded on earlier work in 2010, the authors said.", None),
    ("Patients who shared a room with a smoker were twice as likely to report symptoms.", None),
    ("The newsletter of the cardiology society reported that 12 percent of patients relapsed within a year of stopping the drug, a figure the authors called worrying.", None),
]


@pytest.mark.parametrize(("block", "expected"), BLOCKS)
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


def test_clean_cues_tail_starts_after_the_bulk_of_the_body():
    kept = [0, 300, 400, 0, 50, 0]
    reasons = ["comments", None, None, "comments", None, "legal"]
    assert tail_start(reasons, kept) == 3  # the header at 0 has nothing kept before it


def test_clean_cues_no_tail_before_most_of_the_body():
    assert tail_start([None, "release_tail", None], [100, 0, 500]) is None
    assert tail_start([None, "legal", None], [500, 0, 10]) is None  # legal is no tail category


def test_clean_cues_match_lines_equals_match_cues_line_by_line():
    lows = [block.lower() for block, _ in BLOCKS]
    lower = [WORD.findall(low) for low in lows]
    triggered = [i for i, words in enumerate(lower) if not triggers().isdisjoint(words)]
    expected = [match_cues(low, words) for low, words in zip(lows, lower)]
    assert match_lines(lows, lower, triggered) == expected
